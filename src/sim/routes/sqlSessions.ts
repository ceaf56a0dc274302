// The explorer's sessions query for application virtual clusters (SHOW CLUSTER
// SESSIONS joined to SHOW CLUSTER QUERIES, paged with LIMIT/OFFSET placeholders),
// answered from the same session model as sessions/. Recognised by its FROM
// clause; its four arguments are checked the way the server checks placeholders.

import { STATUS, sessionModel } from '../data/sessions';
import { runningQuery, sessionColumns, sqlTimestamp } from '../sql/sessionRow';
import { nodeIds } from '../data/topology';
import type { SimState } from '../state';
import { OID, sqlError, type Outcome } from './sqlOutcome';

export const SESSIONS_QUERY =
  /FROM\s+\[SHOW\s+CLUSTER\s+SESSIONS\]\s+AS\s+s\s+LEFT\s+JOIN\s+\[SHOW\s+CLUSTER\s+QUERIES\]\s+AS\s+q/i;

const COLUMNS: Array<[string, string, number]> = [
  ['node_id', 'INT8', OID.int8],
  ['session_id', 'STRING', OID.string],
  ['status', 'STRING', OID.string],
  ['user_name', 'STRING', OID.string],
  ['client_address', 'STRING', OID.string],
  ['application_name', 'STRING', OID.string],
  ['active_queries', 'STRING', OID.string],
  ['last_active_query', 'STRING', OID.string],
  ['session_start', 'STRING', OID.string],
  ['alloc_bytes', 'INT8', OID.int8],
  ['query_id', 'STRING', OID.string],
  ['txn_id', 'STRING', OID.string],
  ['query', 'STRING', OID.string],
  ['phase', 'STRING', OID.string],
  ['query_start', 'STRING', OID.string],
  ['distributed', 'BOOL', OID.bool],
  ['full_scan', 'BOOL', OID.bool],
];

export function showClusterSessions(sim: SimState, args: unknown[] | undefined, onlyUser?: string): Outcome {
  const a = args ?? [];
  if (a.length !== 4) return sqlError(`expected 4 arguments, got ${a.length}`, '08P01');
  const [username, excludeClosed, limit, offset] = a;
  if (
    typeof username !== 'string' ||
    typeof excludeClosed !== 'boolean' ||
    !Number.isInteger(limit) ||
    !Number.isInteger(offset)
  ) {
    return sqlError('could not parse the arguments as STRING, BOOL, INT8, INT8', '22P02');
  }
  const rows: Array<Record<string, unknown>> = [];
  for (const nodeId of nodeIds(sim.topo)) {
    if (sim.down.has(nodeId)) {
      const row: Record<string, unknown> = Object.fromEntries(COLUMNS.map(([n]) => [n, null]));
      rows.push({ ...row, node_id: nodeId, active_queries: `-- failed to connect to n${nodeId}: connection refused` });
      continue;
    }
    const own: Array<Record<string, unknown>> = [];
    for (let i = 0; i < sim.topo.sessionsPerNode; i++) {
      const m = sessionModel(sim.topo, nodeId, i, sim);
      if (username !== '' && m.username !== username) continue;
      if (onlyUser !== undefined && m.username !== onlyUser) continue;
      if (excludeClosed && m.status === STATUS.closed) continue;
      const q = runningQuery(m);
      own.push({
        ...sessionColumns(nodeId, m),
        query_id: q ? q.id : null,
        txn_id: q ? q.txn_id : null,
        query: q ? q.sql : null,
        phase: q ? (q.phase === 1 ? 'executing' : 'preparing') : null,
        query_start: q ? sqlTimestamp(q.start) : null,
        distributed: q ? q.is_distributed === true : null,
        full_scan: q ? q.is_full_scan === true : null,
      });
    }
    own.sort((x, y) => String(x.session_id).localeCompare(String(y.session_id)));
    rows.push(...own);
  }
  const page = rows.slice(offset as number, (offset as number) + (limit as number));
  return {
    tag: 'SELECT',
    columns: COLUMNS.map(([name, type, oid]) => ({ name, type, oid })),
    rows: page,
    rowsAffected: page.length,
  };
}
