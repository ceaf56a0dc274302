// Insights, contention events and lock waits, generated from the seed. They name
// the generated fingerprints and the simulated schema's real tables and indexes,
// so a client can join insights to statistics and contention to tables.

import { DATABASES } from '../data/schema';
import type { Topology } from '../data/topology';
import { rngFor } from '../prng';
import { SQL_KIND, fingerprints, hex16, type Fingerprint } from './genStatements';

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
  locks: Array<Record<string, unknown>>;
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
    const contended = kind.causes.includes('HighContention');
    const failed = kind.problem === 'FailedExecution';
    const txnId = uuid(t.seed, SQL_KIND.insight, i, 1);
    const stmtId = hex16(r.int(0, 2 ** 32 - 1), r.int(0, 2 ** 32 - 1)) + hex16(i, 1);
    const session = hex16(r.int(0, 2 ** 32 - 1), i) + hex16(1 + (i % t.nodeCount), 0);
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
    stmtInsights.push({
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
      exec_node_ids: [1 + (i % t.nodeCount)],
      index_recommendations: recs,
      error_code: failed ? '40001' : null,
      last_error_redactable: failed ? 'restart transaction: TransactionRetryWithProtoRefreshError' : null,
    });
    txnInsights.push({
      ...common,
      query: f.query,
      problems: [kind.problem],
      causes: kind.causes,
      stmt_execution_ids: [stmtId],
      last_error_code: failed ? '40001' : null,
      status: failed ? 'Failed' : 'Completed',
    });
  }
  const contention = Array.from({ length: 48 }, (_, i) => {
    const r = rngFor(t.seed, SQL_KIND.contention, i);
    const target = TABLES[i % TABLES.length] as (typeof TABLES)[number];
    const index = target.table.indexes[i % target.table.indexes.length];
    const waiting = fps[(i * 11) % fps.length] as Fingerprint;
    const blocking = fps[(i * 11 + 5) % fps.length] as Fingerprint;
    const key = `\\x${(0xf0 + (target.table.id % 16)).toString(16)}89${hex16(i, 0).slice(8)}`;
    return {
      collection_ts: new Date(base - r.int(60_000, 6 * 3_600_000)).toISOString(),
      blocking_txn_id: uuid(t.seed, SQL_KIND.contention, i, 1),
      blocking_txn_fingerprint_id: `\\x${blocking.txnIdHex}`,
      waiting_txn_id: uuid(t.seed, SQL_KIND.contention, i, 2),
      waiting_txn_fingerprint_id: `\\x${waiting.txnIdHex}`,
      waiting_stmt_id: hex16(r.int(0, 2 ** 32 - 1), i) + hex16(i, 2),
      waiting_stmt_fingerprint_id: `\\x${waiting.idHex}`,
      contention_duration: `${r.round2(0.05 + r.float() * 8)} seconds`,
      contending_key: key,
      contending_pretty_key: `/Table/${target.table.id}/${index?.id ?? 1}/${i}`,
      database_name: target.db,
      schema_name: target.table.schema,
      table_name: target.table.name,
      index_name: index?.name ?? null,
      contention_type: i % 5 === 0 ? 'SERIALIZATION_CONFLICT' : 'LOCK_WAIT',
    };
  });
  const locks = Array.from({ length: 12 }, (_, i) => {
    const r = rngFor(t.seed, SQL_KIND.lock, i);
    const target = TABLES[(i * 3) % TABLES.length] as (typeof TABLES)[number];
    const index = target.table.indexes[0];
    return {
      range_id: 60 + i,
      table_id: target.table.id,
      database_name: target.db,
      schema_name: target.table.schema,
      table_name: target.table.name,
      index_name: index?.name ?? null,
      lock_key: `\\x${(0xf0 + (target.table.id % 16)).toString(16)}89${hex16(i, 9).slice(8)}`,
      lock_key_pretty: `/Table/${target.table.id}/1/${i}/0`,
      txn_id: uuid(t.seed, SQL_KIND.lock, Math.floor(i / 2), 1),
      ts: new Date(base - r.int(1_000, 120_000)).toISOString(),
      lock_strength: i % 2 === 0 ? 'Exclusive' : 'None',
      durability: 'Unreplicated',
      granted: i % 2 === 0,
      contended: true,
      duration: `${r.round2(0.5 + r.float() * 30)} seconds`,
      isolation_level: 'SERIALIZABLE',
    };
  });
  return { stmtInsights, txnInsights, contention, locks };
}
