// Statement and transaction statistics, generated from the seed: a few hundred
// fingerprints over several applications (some of them CockroachDB's own
// `$ internal-…` ones) and the last hours, shaped like appstatspb's JSON.

import { HOSTILE_APP_NAMES, QUOTES, XSS_SCRIPT } from '../data/hostile';
import type { Topology } from '../data/topology';
import type { Rng } from '../prng';
import { rngFor } from '../prng';

export const SQL_KIND = { stmt: 101, txn: 102, insight: 103, contention: 104, job: 105, lock: 106 } as const;

export const APPS = [
  'movr-api',
  'movr-api',
  'bank-ledger',
  'analytics',
  '$ internal-sql-stats-compaction',
  '$ internal-job-scheduler',
  '$ cockroach sql',
  HOSTILE_APP_NAMES[0] as string,
];

export const HOURS = 6;
/** Fingerprints of a simulated cluster unless its topology was given another count. */
export const FINGERPRINTS = 320;
export const MAX_FINGERPRINTS = 50_000;

const fingerprintCounts = new WeakMap<Topology, number>();

/**
 * Gives one simulated cluster (its topology) a number of fingerprints other than
 * FINGERPRINTS, e.g. 10,000 for the SQL activity benchmark. Set it before the
 * cluster answers its first workload query: the SQL engine loads them once.
 */
export function setFingerprintCount(t: Topology, count: number): void {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_FINGERPRINTS)
    throw new RangeError(`fingerprint count must be an integer from 1 to ${MAX_FINGERPRINTS}, got ${count}`);
  fingerprintCounts.set(t, count);
}

export function fingerprintCount(t: Topology): number {
  return fingerprintCounts.get(t) ?? FINGERPRINTS;
}

interface Template {
  db: string;
  sql: string;
  summary: string;
  type: 'TypeDML' | 'TypeDDL';
  fullScan?: boolean;
  index?: string;
}

const TEMPLATES: Template[] = (
  [
    {
      db: 'movr',
      sql: 'SELECT id, city, name FROM users WHERE city = $1 LIMIT $2',
      summary: 'SELECT id, city, name FROM users',
    },
    {
      db: 'movr',
      sql: 'SELECT * FROM rides WHERE rider_id = $1',
      summary: 'SELECT * FROM rides',
      fullScan: true,
      index: 'CREATE INDEX ON movr.public.rides (rider_id);',
    },
    {
      db: 'movr',
      sql: 'SELECT count(*) FROM vehicles WHERE status = $1',
      summary: 'SELECT count(*) FROM vehicles',
      fullScan: true,
      index: 'CREATE INDEX ON movr.public.vehicles (status);',
    },
    { db: 'movr', sql: 'UPDATE vehicles SET status = $1 WHERE id = $2', summary: 'UPDATE vehicles SET status = _' },
    {
      db: 'movr',
      sql: 'INSERT INTO rides(id, city, rider_id, vehicle_id, start_time) VALUES ($1, $2, $3, $4, now())',
      summary: 'INSERT INTO rides',
    },
    {
      db: 'movr',
      sql: 'SELECT sum(revenue) FROM rides WHERE start_time > $1',
      summary: 'SELECT sum(revenue) FROM rides',
    },
    {
      db: 'movr',
      sql: 'SELECT code, rules FROM promo_codes WHERE description LIKE $1',
      summary: 'SELECT code, rules FROM promo_codes',
      fullScan: true,
    },
    {
      db: 'bank',
      sql: 'UPDATE accounts SET balance = balance - $1 WHERE id = $2',
      summary: 'UPDATE accounts SET balance = _',
    },
    { db: 'bank', sql: 'SELECT balance FROM accounts WHERE id = $1', summary: 'SELECT balance FROM accounts' },
    {
      db: 'bank',
      sql: 'INSERT INTO transfers(id, src, dst, amount, at) VALUES ($1, $2, $3, $4, now())',
      summary: 'INSERT INTO transfers',
    },
    {
      db: 'bank',
      sql: 'SELECT * FROM transfers WHERE amount > $1 ORDER BY at DESC',
      summary: 'SELECT * FROM transfers',
      fullScan: true,
      index: 'CREATE INDEX ON bank.public.transfers (amount) STORING (src, dst, at);',
    },
    {
      db: 'bank',
      sql: 'DELETE FROM audit.audit_log WHERE actor = $1',
      summary: 'DELETE FROM audit.audit_log',
      fullScan: true,
    },
    {
      db: 'movr',
      sql: `SELECT "${XSS_SCRIPT}".* FROM "${XSS_SCRIPT}" WHERE id = $1`,
      summary: `SELECT FROM "${XSS_SCRIPT}"`,
    },
    {
      db: 'bank',
      sql: `SELECT '${QUOTES.replace(/'/g, "''")}' AS note, memo FROM "ledger 🪳🔥 crdb 👩‍💻 ñ 漢字"`,
      summary: 'SELECT note, memo FROM "ledger…"',
    },
    {
      db: 'movr',
      sql: 'CREATE INDEX IF NOT EXISTS ON rides (city, start_time)',
      summary: 'CREATE INDEX ON rides',
      type: 'TypeDDL',
    },
  ] as Array<Omit<Template, 'type'> & { type?: Template['type'] }>
).map((t): Template => ({ type: 'TypeDML', ...t }));

export const hex16 = (a: number, b: number): string =>
  (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');

export interface Fingerprint {
  i: number;
  idHex: string;
  txnIdHex: string;
  app: string;
  tpl: Template;
  query: string;
  implicitTxn: boolean;
  /** Mean service latency, seconds: the scale of every other number. */
  latency: number;
}

/** Variations (column lists, a LIMIT) make each fingerprint's text distinct. */
export function fingerprints(t: Topology): Fingerprint[] {
  return Array.from({ length: fingerprintCount(t) }, (_, i) => {
    const r = rngFor(t.seed, SQL_KIND.stmt, i);
    const tr = rngFor(t.seed, SQL_KIND.txn, Math.floor(i / 2));
    const tpl = TEMPLATES[i % TEMPLATES.length] as Template;
    const v = Math.floor(i / TEMPLATES.length);
    const query =
      v === 0
        ? tpl.sql
        : tpl.type === 'TypeDML' && tpl.sql.startsWith('SELECT')
          ? `${tpl.sql} /* v${v} */`
          : `${tpl.sql} -- v${v}`;
    return {
      i,
      idHex: hex16(r.int(0, 2 ** 32 - 1), r.int(0, 2 ** 32 - 1)),
      txnIdHex: hex16(tr.int(0, 2 ** 32 - 1), tr.int(0, 2 ** 32 - 1)),
      app: APPS[(i * 7 + v) % APPS.length] as string,
      tpl,
      query,
      implicitTxn: i % 2 === 0,
      latency: r.round2(0.001 + r.float() ** 3 * 4) || 0.001,
    };
  });
}

const stat = (r: Rng, mean: number): { mean: number; sqDiff: number } => ({
  mean,
  sqDiff: Math.round(mean * mean * r.float() * 100) / 10,
});

export function hourStart(t: Topology, h: number): Date {
  const ms = Number(t.baseNanos / 1_000_000n);
  return new Date(Math.floor(ms / 3_600_000) * 3_600_000 - h * 3_600_000);
}

/** One row of crdb_internal.statement_statistics (and of statement_activity, which adds columns). */
export function statementRow(t: Topology, f: Fingerprint, h: number): Record<string, unknown> | undefined {
  const r = rngFor(t.seed, SQL_KIND.stmt, f.i, h + 1);
  if (!r.chance(0.7)) return undefined;
  const cnt = r.int(1, 5000);
  const svc = f.latency * (0.7 + r.float() * 0.6);
  const fullScan = f.tpl.fullScan === true;
  const rowsRead = fullScan ? r.int(1000, 500_000) : r.int(1, 50);
  const contention = f.i % 9 === 0 ? svc * 0.4 : 0;
  const cpu = Math.round(svc * 1e9 * 0.3);
  const ts = hourStart(t, h);
  const nodes = [1 + (f.i % t.nodeCount), 1 + ((f.i + 1) % t.nodeCount)];
  const planGist = 'AgHQAQIAAwAAAAMGAg==';
  const recommendations = f.tpl.index ? [`creation : ${f.tpl.index}`] : [];
  const statistics = {
    statistics: {
      cnt,
      firstAttemptCnt: cnt - (f.i % 5 === 0 ? r.int(0, 3) : 0),
      maxRetries: f.i % 5 === 0 ? r.int(1, 4) : 0,
      lastExecAt: new Date(ts.getTime() + r.int(0, 3_599_000)).toISOString(),
      numRows: stat(r, fullScan ? 20 : 1),
      parseLat: stat(r, 0.00002),
      planLat: stat(r, svc * 0.1),
      runLat: stat(r, svc * 0.8),
      svcLat: stat(r, svc),
      ovhLat: stat(r, svc * 0.02),
      idleLat: stat(r, 0),
      bytesRead: stat(r, rowsRead * 96),
      rowsRead: stat(r, rowsRead),
      rowsWritten: stat(r, f.tpl.sql.startsWith('SELECT') ? 0 : 1),
      nodes,
      regions: ['us-east1'],
      planGists: [planGist],
      indexes: [`${104 + (f.i % 6)}@1`],
      indexRecommendations: recommendations,
      latencyInfo: { min: svc * 0.2, max: svc * 5, p50: svc * 0.9, p90: svc * 2, p99: svc * 3.5 },
      failureCount: f.i % 23 === 0 ? r.int(1, 10) : 0,
      sqlType: f.tpl.type,
      sensitiveInfo: {
        lastErr: '',
        mostRecentPlanDescription: { name: '' },
        mostRecentPlanTimestamp: ts.toISOString(),
      },
    },
    execution_statistics: {
      cnt: Math.max(1, Math.floor(cnt / 20)),
      contentionTime: stat(r, contention),
      cpuSQLNanos: stat(r, cpu),
      maxMemUsage: stat(r, 10240 + rowsRead),
      maxDiskUsage: stat(r, 0),
      networkBytes: stat(r, rowsRead * 10),
      networkMsgs: stat(r, 2),
    },
    aggregation_interval: '01:00:00',
    index_recommendations: recommendations,
  };
  const metadata = {
    db: f.tpl.db,
    distsql: fullScan,
    failed: false,
    fullScan,
    implicitTxn: f.implicitTxn,
    query: f.query,
    querySummary: f.tpl.summary,
    stmtType: f.tpl.type,
    vec: true,
  };
  return {
    aggregated_ts: ts.toISOString(),
    fingerprint_id: `\\x${f.idHex}`,
    transaction_fingerprint_id: `\\x${f.txnIdHex}`,
    plan_hash: `\\x${hex16(f.i, 7)}`,
    app_name: f.app,
    metadata,
    statistics,
    sampled_plan: { Name: fullScan ? 'scan' : 'index join', Children: [] },
    aggregation_interval: '01:00:00',
    index_recommendations: recommendations,
    // statement_activity's derived columns
    execution_count: cnt,
    execution_total_seconds: svc * cnt,
    execution_total_cluster_seconds: svc * cnt * 1.2,
    contention_time_avg_seconds: contention,
    cpu_sql_avg_nanos: cpu,
    service_latency_avg_seconds: svc,
    service_latency_p99_seconds: svc * 3.5,
  };
}

/** Transactions are pairs of consecutive fingerprints sharing `txnIdHex`. */
export function transactionRow(t: Topology, pair: Fingerprint[], h: number): Record<string, unknown> | undefined {
  const rows = pair.map((f) => statementRow(t, f, h)).filter((x) => x !== undefined);
  const first = pair[0];
  if (rows.length === 0 || !first) return undefined;
  const r = rngFor(t.seed, SQL_KIND.txn, first.i, h + 1);
  const stats = rows.map((x) => x.statistics as { statistics: { cnt: number; svcLat: { mean: number } } });
  const cnt = Math.max(...stats.map((s) => s.statistics.cnt));
  const svc = stats.reduce((a, s) => a + s.statistics.svcLat.mean, 0);
  const contention = rows.reduce((a, x) => a + (x.contention_time_avg_seconds as number), 0);
  const cpu = rows.reduce((a, x) => a + (x.cpu_sql_avg_nanos as number), 0);
  return {
    aggregated_ts: rows[0]?.aggregated_ts,
    fingerprint_id: `\\x${first.txnIdHex}`,
    app_name: first.app,
    metadata: { stmtFingerprintIDs: pair.map((f) => f.idHex) },
    statistics: {
      statistics: {
        cnt,
        maxRetries: r.int(0, 2),
        numRows: stat(r, 2),
        svcLat: stat(r, svc),
        retryLat: stat(r, 0),
        commitLat: stat(r, svc * 0.05),
        idleLat: stat(r, svc * 0.1),
        bytesRead: stat(r, 1024),
        rowsRead: stat(r, 10),
        rowsWritten: stat(r, 1),
      },
      execution_statistics: {
        cnt: Math.max(1, Math.floor(cnt / 20)),
        contentionTime: stat(r, contention),
        cpuSQLNanos: stat(r, cpu),
        maxMemUsage: stat(r, 20480),
        networkBytes: stat(r, 0),
      },
    },
    aggregation_interval: '01:00:00',
    query: pair.map((f) => f.query).join(' ; '),
    execution_count: cnt,
    execution_total_seconds: svc * cnt,
    execution_total_cluster_seconds: svc * cnt * 1.2,
    contention_time_avg_seconds: contention,
    cpu_sql_avg_nanos: cpu,
    service_latency_avg_seconds: svc,
    service_latency_p99_seconds: svc * 3.5,
  };
}

export function statisticsRows(t: Topology): {
  statements: Array<Record<string, unknown>>;
  transactions: Array<Record<string, unknown>>;
} {
  const fps = fingerprints(t);
  const statements: Array<Record<string, unknown>> = [];
  const transactions: Array<Record<string, unknown>> = [];
  for (let h = 0; h < HOURS; h++) {
    for (const f of fps) {
      const row = statementRow(t, f, h);
      if (row) statements.push(row);
    }
    for (let i = 0; i < fps.length; i += 2) {
      const row = transactionRow(t, fps.slice(i, i + 2), h);
      if (row) transactions.push(row);
    }
  }
  return { statements, transactions };
}
