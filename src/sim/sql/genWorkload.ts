// Insights, contention events and lock waits, generated from the seed. They name
// the generated fingerprints and the simulated schema's real tables and indexes,
// so a client can join insights to statistics and contention to tables. The
// newest contention events and every lock are the live workload's
// (liveWorkload in data/sessions.ts): the blocking and the waiting transaction
// are open in live sessions, whose running statements are the fingerprints named.

import { DATABASES, findDatabase, findTable, type TableDef } from '../data/schema';
import { liveWorkload, sessionModel, type CancelState, type LivePair, type LiveSeat } from '../data/sessions';
import type { Topology } from '../data/topology';
import { rngFor } from '../prng';
import { SQL_KIND, fingerprints, hex16, type Fingerprint } from './genStatements';
import { runningQuery } from './sessionRow';

/** Problem/causes pairs, so that every kind DB Console shows appears. */
const KINDS: Array<{ problem: string; causes: string[] }> = [
  { problem: 'SlowExecution', causes: [] },
  { problem: 'SlowExecution', causes: ['HighContention'] },
  { problem: 'FailedExecution', causes: [] },
  { problem: 'SlowExecution', causes: ['PlanRegression'] },
  { problem: 'SlowExecution', causes: ['SuboptimalPlan'] },
  { problem: 'SlowExecution', causes: ['HighRetryCount'] },
  { problem: 'SlowExecution', causes: ['HighContention', 'SuboptimalPlan'] },
];

const CONTENDED = KINDS[1] as (typeof KINDS)[number];

const uuid = (seed: number, kind: number, i: number, part: number): string => {
  const r = rngFor(seed, kind, i, part);
  const h = Array.from({ length: 4 }, () => (r.int(0, 2 ** 32 - 1) >>> 0).toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const TABLES = DATABASES.filter((d) => d.name !== 'system').flatMap((db) =>
  db.tables.map((table) => ({ db: db.name, table })),
);

export interface Workload {
  stmtInsights: Array<Record<string, unknown>>;
  txnInsights: Array<Record<string, unknown>>;
  contention: Array<Record<string, unknown>>;
}

export function workloadRows(t: Topology): Workload {
  const fps = fingerprints(t);
  const base = Number(t.baseNanos / 1_000_000n);
  const stmtInsights: Array<Record<string, unknown>> = [];
  const txnInsights: Array<Record<string, unknown>> = [];
  for (let i = 0; i < 70; i++) {
    const r = rngFor(t.seed, SQL_KIND.insight, i);
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const f = fps[(i * 37) % fps.length] as Fingerprint;
    const start = base - r.int(60_000, 6 * 3_600_000);
    const secs = r.round2(0.2 + r.float() * 20);
    const rows = insightRows(t, r, { i, f, kind, start, secs, node: 1 + (i % t.nodeCount) });
    stmtInsights.push(rows.stmt);
    txnInsights.push(rows.txn);
  }
  const live = liveContention(t, NOTHING_CANCELLED);
  const contention = Array.from({ length: 48 }, (_, i) => {
    const now = live[i];
    if (now?.waiter) return liveEvent(t, now, now.waiter);
    const r = rngFor(t.seed, SQL_KIND.contention, i);
    const target = TABLES[i % TABLES.length] as (typeof TABLES)[number];
    const index = target.table.indexes[i % target.table.indexes.length];
    const waiting = fps[(i * 11) % fps.length] as Fingerprint;
    const blocking = fps[(i * 11 + 5) % fps.length] as Fingerprint;
    return {
      collection_ts: new Date(base - r.int(60_000, 6 * 3_600_000)).toISOString(),
      blocking_txn_id: uuid(t.seed, SQL_KIND.contention, i, 1),
      blocking_txn_fingerprint_id: `\\x${blocking.txnIdHex}`,
      waiting_txn_id: uuid(t.seed, SQL_KIND.contention, i, 2),
      waiting_txn_fingerprint_id: `\\x${waiting.txnIdHex}`,
      waiting_stmt_id: hex16(r.int(0, 2 ** 32 - 1), i) + hex16(i, 2),
      waiting_stmt_fingerprint_id: `\\x${waiting.idHex}`,
      contention_duration: `${r.round2(0.05 + r.float() * 8)} seconds`,
      contending_key: tableKey(target.table.id, index?.id ?? 1, i),
      contending_pretty_key: `/Table/${target.table.id}/${index?.id ?? 1}/${i}`,
      database_name: target.db,
      schema_name: target.table.schema,
      table_name: target.table.name,
      index_name: index?.name ?? null,
      contention_type: i % 5 === 0 ? 'SERIALIZATION_CONFLICT' : 'LOCK_WAIT',
    };
  });
  // Earlier executions of each waiter's statement that waited on its blocker, whose transaction
  // is still open: the newest contended insights, and from them the blocker can be cancelled.
  live.forEach((c, k) => {
    const i = 1000 + k;
    const r = rngFor(t.seed, SQL_KIND.insight, i);
    const f = c.pair.waiter.fingerprint;
    const secs = 2 + k;
    const start = base - 5_000 - 1000 * k - secs * 1000;
    const rows = insightRows(t, r, { i, f, kind: CONTENDED, start, secs, node: c.pair.waiter.nodeId });
    stmtInsights.unshift(rows.stmt);
    txnInsights.unshift(rows.txn);
    contention.push(
      pairEvent(c, {
        at: start + secs * 1000,
        txnId: String(rows.stmt.txn_id),
        stmtId: String(rows.stmt.stmt_id),
        fingerprint: f,
        seconds: r.round2(secs * 0.8),
      }),
    );
  });
  return { stmtInsights, txnInsights, contention };
}

interface InsightSpec {
  i: number;
  f: Fingerprint;
  kind: (typeof KINDS)[number];
  /** Unix ms. */
  start: number;
  secs: number;
  node: number;
}

/** One statement insight and the transaction insight of the same execution. */
function insightRows(
  t: Topology,
  r: ReturnType<typeof rngFor>,
  { i, f, kind, start, secs, node }: InsightSpec,
): { stmt: Record<string, unknown>; txn: Record<string, unknown> } {
  const contended = kind.causes.includes('HighContention');
  const failed = kind.problem === 'FailedExecution';
  const txnId = uuid(t.seed, SQL_KIND.insight, i, 1);
  const stmtId = hex16(r.int(0, 2 ** 32 - 1), r.int(0, 2 ** 32 - 1)) + hex16(i, 1);
  const session = hex16(r.int(0, 2 ** 32 - 1), i) + hex16(node, 0);
  const common = {
    session_id: session,
    txn_id: txnId,
    txn_fingerprint_id: `\\x${f.txnIdHex}`,
    start_time: new Date(start).toISOString(),
    end_time: new Date(start + secs * 1000).toISOString(),
    user_name: i % 4 === 0 ? 'viewer' : 'app_user',
    app_name: f.app,
    rows_read: f.tpl.fullScan ? r.int(10_000, 900_000) : r.int(1, 100),
    rows_written: r.int(0, 3),
    priority: 'normal',
    retries: kind.causes.includes('HighRetryCount') ? r.int(5, 30) : 0,
    last_retry_reason: kind.causes.includes('HighRetryCount')
      ? 'TransactionRetryWithProtoRefreshError: WriteTooOldError'
      : null,
    contention: contended ? `${r.round2(secs * 0.8)} seconds` : '00:00:00',
    implicit_txn: f.implicitTxn,
    cpu_sql_nanos: Math.round(secs * 1e8),
  };
  const recs = kind.causes.includes('SuboptimalPlan') && f.tpl.index ? [`creation : ${f.tpl.index}`] : [];
  const stmt = {
    ...common,
    stmt_id: stmtId,
    stmt_fingerprint_id: `\\x${f.idHex}`,
    problem: kind.problem,
    causes: kind.causes,
    query: f.query,
    status: failed ? 'Failed' : 'Completed',
    full_scan: f.tpl.fullScan === true,
    database_name: f.tpl.db,
    plan_gist: 'AgHQAQIAAwAAAAMGAg==',
    exec_node_ids: [node],
    index_recommendations: recs,
    error_code: failed ? '40001' : null,
    last_error_redactable: failed ? 'restart transaction: TransactionRetryWithProtoRefreshError' : null,
  };
  const txn = {
    ...common,
    query: f.query,
    problems: [kind.problem],
    causes: kind.causes,
    stmt_execution_ids: [stmtId],
    last_error_code: failed ? '40001' : null,
    status: failed ? 'Failed' : 'Completed',
  };
  return { stmt, txn };
}

const NOTHING_CANCELLED: CancelState = { sessions: new Set(), queries: new Set() };

/** CockroachDB's ascending uvarint key encoding (pkg/util/encoding: 0x88+v up to 109, else 0xf5+length, big-endian). */
function uvarint(v: number): number[] {
  if (v <= 109) return [0x88 + v];
  const bytes: number[] = [];
  for (let x = v; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
  return [0xf5 + bytes.length, ...bytes];
}

/** `/Table/<table>/<index>/<row>` (then `/0`, column family 0, for a row's lock) as BYTES text. */
function tableKey(tableId: number, indexId: number, row: number, family?: number): string {
  const parts = [tableId, indexId, row, ...(family === undefined ? [] : [family])];
  return `\\x${Buffer.from(parts.flatMap(uvarint)).toString('hex')}`;
}

/** The transaction a seat has open right now, or undefined once it was cancelled. */
interface OpenTxn {
  txnId: string;
  /** The running statement: its id is the statement id contention events name. */
  stmtId: string;
  fingerprint: Fingerprint;
  /** Unix ms. */
  stmtStart: number;
  txnStart: number;
}

function openTxn(t: Topology, seat: LiveSeat, cancel: CancelState): OpenTxn | undefined {
  const m = sessionModel(t, seat.nodeId, seat.index, cancel);
  const q = runningQuery(m);
  const txn = m.wire.active_txn as Record<string, unknown> | undefined;
  if (!q || !txn) return undefined;
  return {
    txnId: String(txn.id),
    stmtId: String(q.id),
    fingerprint: seat.fingerprint,
    stmtStart: Date.parse(String(q.start)),
    txnStart: Date.parse(String(txn.start)),
  };
}

interface LiveContention {
  pair: LivePair;
  table: TableDef;
  blocker: OpenTxn;
  /** Undefined once the waiter was cancelled: the lock is then held with nobody waiting. */
  waiter: OpenTxn | undefined;
}

/** The live pairs whose blocker still holds its lock. */
function liveContention(t: Topology, cancel: CancelState): LiveContention[] {
  const out: LiveContention[] = [];
  for (const pair of liveWorkload(t).pairs) {
    const db = findDatabase(pair.db);
    const table = db ? findTable(db, pair.table) : undefined;
    const blocker = openTxn(t, pair.blocker, cancel);
    if (!table || !blocker) continue;
    out.push({ pair, table, blocker, waiter: openTxn(t, pair.waiter, cancel) });
  }
  return out;
}

/** The pair's rows: 0 is the one its waiter wants, 1 another one its blocker wrote. */
const rowOf = (c: LiveContention, nth: number): number => 1000 * (nth + 1) + c.pair.pair;

/** The newest events: the waiter's running statement waited on the blocker's open transaction. */
function liveEvent(t: Topology, c: LiveContention, waiter: OpenTxn): Record<string, unknown> {
  const base = Number(t.baseNanos / 1_000_000n);
  return pairEvent(c, {
    at: base - 500 - 1000 * c.pair.pair,
    txnId: waiter.txnId,
    stmtId: waiter.stmtId,
    fingerprint: waiter.fingerprint,
    seconds: (base - waiter.stmtStart) / 1000,
  });
}

/** A wait on the pair's contended row (by the waiter now, or by an earlier execution) for the blocker's open transaction. */
function pairEvent(
  c: LiveContention,
  w: { at: number; txnId: string; stmtId: string; fingerprint: Fingerprint; seconds: number },
): Record<string, unknown> {
  const pk = c.table.indexes[0];
  return {
    collection_ts: new Date(w.at).toISOString(),
    blocking_txn_id: c.blocker.txnId,
    blocking_txn_fingerprint_id: `\\x${c.blocker.fingerprint.txnIdHex}`,
    waiting_txn_id: w.txnId,
    waiting_txn_fingerprint_id: `\\x${w.fingerprint.txnIdHex}`,
    waiting_stmt_id: w.stmtId,
    waiting_stmt_fingerprint_id: `\\x${w.fingerprint.idHex}`,
    contention_duration: `${w.seconds} seconds`,
    contending_key: tableKey(c.table.id, pk?.id ?? 1, rowOf(c, 0), 0),
    contending_pretty_key: `/Table/${c.table.id}/${pk?.id ?? 1}/${rowOf(c, 0)}/0`,
    database_name: c.pair.db,
    schema_name: c.table.schema,
    table_name: c.table.name,
    index_name: pk?.name ?? null,
    contention_type: 'LOCK_WAIT',
  };
}

/**
 * crdb_internal.cluster_locks now: each blocker holds the row its waiter wants (one row per
 * transaction on that key, the holder granted) and one more row nobody waits for. A cancelled
 * blocker's locks are released; rebuilt on every read, like the sessions.
 */
export function lockRows(t: Topology, cancel: CancelState): Array<Record<string, unknown>> {
  const base = Number(t.baseNanos / 1_000_000n);
  const rows: Array<Record<string, unknown>> = [];
  for (const c of liveContention(t, cancel)) {
    const pk = c.table.indexes[0];
    const lock = (txn: OpenTxn, nth: number, granted: boolean, contended: boolean): Record<string, unknown> => ({
      range_id: 1 + (c.table.id % t.rangeCount),
      table_id: c.table.id,
      database_name: c.pair.db,
      schema_name: c.table.schema,
      table_name: c.table.name,
      index_name: pk?.name ?? null,
      lock_key: tableKey(c.table.id, pk?.id ?? 1, rowOf(c, nth), 0),
      lock_key_pretty: `/Table/${c.table.id}/${pk?.id ?? 1}/${rowOf(c, nth)}/0`,
      txn_id: txn.txnId,
      ts: new Date(txn.txnStart).toISOString(),
      lock_strength: granted ? 'Exclusive' : txn.fingerprint.tpl.sql.startsWith('SELECT') ? 'None' : 'Exclusive',
      durability: granted ? 'Replicated' : null,
      granted,
      contended,
      duration: `${(base - txn.stmtStart) / 1000} seconds`,
      isolation_level: 'SERIALIZABLE',
    });
    rows.push(lock(c.blocker, 0, true, c.waiter !== undefined));
    if (c.waiter) rows.push(lock(c.waiter, 0, false, true));
    rows.push(lock(c.blocker, 1, true, false));
  }
  return rows;
}
