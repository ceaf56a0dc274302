// sessions/ → Session. Protobuf-generated payload: zero fields are omitted (no
// `status` = ACTIVE, no `phase` = PREPARING), lists may be `null`, and the
// session id is base64 bytes that CANCEL SESSION wants as hex.
import type { ActiveQuery, NodeError, QueryPhase, Session, SessionStatus } from '../models';
import { cursorOf, nodeErrors } from './hotRanges';
import { arr, base64ToHex, bool, date, isObj, nanos, num, obj, optStr, str } from './values';

const STATUS_BY_CODE: readonly SessionStatus[] = ['active', 'closed', 'idle'];
const PHASE_BY_CODE: readonly QueryPhase[] = ['preparing', 'executing'];

function enumByCode<T extends string>(names: readonly T[], v: unknown, unknown: T): T {
  if (v === undefined || v === null) return names[0]!;
  if (typeof v === 'string' && !/^\d+$/.test(v)) {
    const lower = v.toLowerCase() as T;
    return names.includes(lower) ? lower : unknown;
  }
  return names[num(v, -1)] ?? unknown;
}

export function sessionStatusName(v: unknown): SessionStatus {
  return enumByCode(STATUS_BY_CODE, v, 'unknown');
}

export function queryPhaseName(v: unknown): QueryPhase {
  return enumByCode(PHASE_BY_CODE, v, 'unknown');
}

function normalizeQuery(v: unknown): ActiveQuery {
  const q = obj(v);
  const query: ActiveQuery = {
    id: str(q.id),
    sql: str(q.sql),
    phase: queryPhaseName(q.phase),
    isDistributed: bool(q.is_distributed),
    isFullScan: bool(q.is_full_scan),
  };
  const txnId = optStr(q.txn_id);
  if (txnId) query.txnId = txnId;
  const noConst = optStr(q.sql_no_constants);
  if (noConst) query.sqlNoConstants = noConst;
  const summary = optStr(q.sql_summary);
  if (summary) query.sqlSummary = summary;
  const start = date(q.start);
  if (start) query.start = start;
  if (q.elapsed_time !== undefined) query.elapsedNanos = nanos(q.elapsed_time);
  const database = optStr(q.database);
  if (database) query.database = database;
  return query;
}

export function normalizeSession(v: unknown): Session {
  const s = obj(v);
  const session: Session = {
    id: base64ToHex(s.id),
    nodeId: num(s.node_id),
    username: str(s.username),
    clientAddress: str(s.client_address),
    applicationName: str(s.application_name),
    status: sessionStatusName(s.status),
    activeQueries: arr(s.active_queries).filter(isObj).map(normalizeQuery),
  };
  const start = date(s.start);
  if (start) session.start = start;
  const end = date(s.end);
  if (end) session.end = end;
  const last = optStr(s.last_active_query);
  if (last) session.lastActiveQuery = last;
  const txnId = optStr(obj(s.active_txn).id);
  if (txnId) session.activeTxnId = txnId;
  if (s.num_txns_executed !== undefined) session.numTxnsExecuted = num(s.num_txns_executed);
  if (s.alloc_bytes !== undefined) session.allocBytes = num(s.alloc_bytes);
  return session;
}

export interface RawSessionsPage {
  sessions: Session[];
  errors: NodeError[];
  next?: string;
  internalAppNamePrefix?: string;
}

export function normalizeSessionsPage(body: unknown): RawSessionsPage {
  const b = obj(body);
  const page: RawSessionsPage = { sessions: arr(b.sessions).map(normalizeSession), errors: nodeErrors(b.errors) };
  const next = cursorOf(b.next);
  if (next !== undefined) page.next = next;
  const prefix = optStr(b.internal_app_name_prefix);
  if (prefix) page.internalAppNamePrefix = prefix;
  return page;
}
