// Sessions of an application virtual cluster, whose Cluster API does not serve
// `sessions/` (501): the same list through `sql/`, from SHOW CLUSTER SESSIONS
// joined to SHOW CLUSTER QUERIES for the running statement and its id (which
// Cancel Query needs). Values go as placeholders; paging is LIMIT/OFFSET with
// the offset as the cursor.
import * as l10n from '@vscode/l10n';
import type { ActiveQuery, NodeError, Session } from './models';
import { queryPhaseName, sessionStatusName } from './normalize/sessions';
import { bool, num, optStr, str } from './normalize/values';

export const SQL_SESSIONS_STATEMENT = [
  'SELECT s.node_id, s.session_id, s.status, s.user_name, s.client_address, s.application_name,',
  's.active_queries, s.last_active_query, s.session_start::STRING AS session_start, s.alloc_bytes,',
  'q.query_id, q.txn_id::STRING AS txn_id, q.query, q.phase, q.start::STRING AS query_start, q.distributed, q.full_scan',
  'FROM [SHOW CLUSTER SESSIONS] AS s LEFT JOIN [SHOW CLUSTER QUERIES] AS q ON q.session_id = s.session_id',
  "WHERE ($1::STRING = '' OR s.user_name = $1::STRING) AND (NOT $2::BOOL OR s.status != 'CLOSED')",
  'ORDER BY s.node_id, s.session_id LIMIT $3::INT8 OFFSET $4::INT8',
].join(' ');

/** Prefix of the cursor of SQL-paged sessions, so it is never mistaken for a `sessions/` cursor. */
const CURSOR_PREFIX = 'sql:';

export function sqlSessionsArguments(q: {
  username?: string;
  excludeClosed?: boolean;
  limit: number;
  offset: number;
}): unknown[] {
  // One row more than asked tells whether there is a next page.
  return [q.username ?? '', q.excludeClosed === true, q.limit + 1, q.offset];
}

export function sqlSessionsOffset(cursor: string | undefined): number {
  if (!cursor?.startsWith(CURSOR_PREFIX)) return 0;
  const n = Number(cursor.slice(CURSOR_PREFIX.length));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

export function sqlSessionsCursor(offset: number): string {
  return `${CURSOR_PREFIX}${offset}`;
}

/** CockroachDB prints TIMESTAMP::STRING without a zone; the value is UTC. */
function timestamp(v: unknown): Date | undefined {
  const text = optStr(v);
  if (!text) return undefined;
  const d = new Date(`${text.replace(' ', 'T')}${/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) ? '' : 'Z'}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function sessionFromSqlRow(row: Record<string, unknown>): Session {
  const session: Session = {
    id: str(row.session_id).toLowerCase(),
    nodeId: num(row.node_id),
    username: str(row.user_name),
    clientAddress: str(row.client_address),
    applicationName: str(row.application_name),
    status: sessionStatusName(row.status),
    activeQueries: [],
  };
  const start = timestamp(row.session_start);
  if (start) session.start = start;
  const last = optStr(row.last_active_query);
  if (last) session.lastActiveQuery = last;
  if (row.alloc_bytes !== undefined && row.alloc_bytes !== null) session.allocBytes = num(row.alloc_bytes);
  const queryId = optStr(row.query_id);
  if (queryId) {
    const q: ActiveQuery = {
      id: queryId,
      sql: str(row.query),
      phase: queryPhaseName(row.phase),
      isDistributed: bool(row.distributed),
      isFullScan: bool(row.full_scan),
    };
    const txnId = optStr(row.txn_id);
    if (txnId) {
      q.txnId = txnId;
      session.activeTxnId = txnId;
    }
    const qStart = timestamp(row.query_start);
    if (qStart) q.start = qStart;
    session.activeQueries.push(q);
  }
  return session;
}

/**
 * Rows of one page → sessions, merging the rows of a session that runs several
 * statements. A node that did not answer is a row with no session id and the error,
 * prefixed `-- `, in active_queries (crdb_internal populateSessionsTable).
 */
export function sessionsFromSqlRows(rows: Array<Record<string, unknown>>): {
  sessions: Session[];
  errors: NodeError[];
} {
  const byId = new Map<string, Session>();
  const errors: NodeError[] = [];
  for (const row of rows) {
    if (!optStr(row.session_id)) {
      errors.push({
        nodeId: num(row.node_id),
        message: str(row.active_queries).replace(/^--\s*/, '') || l10n.t('the node did not answer'),
      });
      continue;
    }
    const s = sessionFromSqlRow(row);
    const seen = byId.get(s.id);
    if (seen) seen.activeQueries.push(...s.activeQueries);
    else byId.set(s.id, s);
  }
  return { sessions: [...byId.values()], errors };
}
