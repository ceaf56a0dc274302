// Top transaction fingerprints over a window, by a metric: the same version
// plan as statements (cache → statistics → stable view). Placeholders: $1
// start, $2 end, $3 app, $4 include internal, $5 internal pattern, $6 own app
// name, $7 metric, $8 limit, $9 offset.
import * as l10n from '@vscode/l10n';
import type { StatementMetric, TransactionStats, WorkloadResult, WorkloadWindow } from '../models';
import { fingerprintHex, number, optNumber, stringList, text } from '../rows';
import type { SqlExecutor, SqlRow } from '../types';
import type { SqlFeatures } from '../version';
import {
  appFilterArgs,
  clampLimit,
  pagedByMetric,
  runPlans,
  windowStart,
  type QueryPlan,
  type RunOptions,
} from './common';

const FROM_JSON_SELECT = [
  "SELECT encode(fingerprint_id, 'hex') AS fingerprint_id, app_name,",
  "max((metadata->'stmtFingerprintIDs')::STRING) AS stmt_fingerprint_ids,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8) AS execution_count,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'svcLat'->>'mean')::FLOAT8) AS total_time,",
  "max((statistics->'statistics'->'latencyInfo'->>'p99')::FLOAT8) AS p99_latency,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'rowsRead'->>'mean')::FLOAT8) AS rows_read_total,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'rowsWritten'->>'mean')::FLOAT8) AS rows_written_total,",
  "sum(COALESCE((statistics->'execution_statistics'->>'cnt')::FLOAT8, 0)) AS sampled_count,",
  "sum(COALESCE((statistics->'execution_statistics'->>'cnt')::FLOAT8 * (statistics->'execution_statistics'->'contentionTime'->>'mean')::FLOAT8, 0)) AS contention_total,",
  "sum(COALESCE((statistics->'execution_statistics'->>'cnt')::FLOAT8 * (statistics->'execution_statistics'->'cpuSQLNanos'->>'mean')::FLOAT8, 0)) AS cpu_total,",
  "max((statistics->'statistics'->>'maxRetries')::FLOAT8) AS max_retries",
].join(' ');

const JSON_WHERE = [
  'WHERE aggregated_ts >= $1::TIMESTAMPTZ AND aggregated_ts <= $2::TIMESTAMPTZ',
  "AND ($3::STRING = '' OR app_name = $3::STRING)",
  'AND ($4::BOOL OR (app_name NOT LIKE $5::STRING AND app_name != $6::STRING))',
  'GROUP BY fingerprint_id, app_name',
].join(' ');

/** v26.1's view has the statement ids as BYTES[]: joined to `\\x…,\\x…` text, which every version aggregates. */
const STABLE_VIEW = [
  "SELECT encode(fingerprint_id, 'hex') AS fingerprint_id, app_name,",
  "max(array_to_string(stmt_fingerprint_ids, ',')) AS stmt_fingerprint_ids,",
  'sum(execution_count)::FLOAT8 AS execution_count, sum(svc_lat_sum)::FLOAT8 AS total_time,',
  'max(p99_latency)::FLOAT8 AS p99_latency, sum(rows_read_sum)::FLOAT8 AS rows_read_total,',
  'sum(rows_written_sum)::FLOAT8 AS rows_written_total, sum(exec_sample_count)::FLOAT8 AS sampled_count,',
  'sum(contention_time_sum)::FLOAT8 AS contention_total, sum(cpu_sql_nanos_sum)::FLOAT8 AS cpu_total,',
  'max(max_retries)::FLOAT8 AS max_retries',
  'FROM information_schema.crdb_transaction_statistics',
  'WHERE aggregated_ts >= $1::TIMESTAMPTZ AND aggregated_ts <= $2::TIMESTAMPTZ',
  "AND ($3::STRING = '' OR app_name = $3::STRING)",
  'AND ($4::BOOL OR (app_name NOT LIKE $5::STRING AND app_name != $6::STRING))',
  'GROUP BY fingerprint_id, app_name',
].join(' ');

/** Sorted by the metric in $7, then LIMIT $8 OFFSET $9. */
function paged(inner: string): string {
  return pagedByMetric(inner, 7);
}

export const TRANSACTIONS_SQL = {
  activityCache: paged(FROM_JSON_SELECT + ' FROM crdb_internal.transaction_activity ' + JSON_WHERE),
  statistics: paged(FROM_JSON_SELECT + ' FROM crdb_internal.transaction_statistics ' + JSON_WHERE),
  stableView: paged(STABLE_VIEW),
} as const;

export interface TopTransactionsQuery {
  window: WorkloadWindow;
  metric?: StatementMetric;
  app?: string;
  includeInternal?: boolean;
  limit?: number;
  offset?: number;
}

export function transactionPlans(f: SqlFeatures, q: TopTransactionsQuery, now = new Date()): QueryPlan[] {
  if (!f.sqlApi) return [];
  const args = [
    windowStart(q.window.start),
    (q.window.end ?? now).toISOString(),
    ...appFilterArgs(q.app, q.includeInternal),
    q.metric ?? 'totalTime',
    clampLimit(q.limit),
    Math.max(0, Math.trunc(q.offset ?? 0)),
  ];
  if (f.internalsLocked)
    return [
      { source: 'information_schema.crdb_transaction_statistics', sql: TRANSACTIONS_SQL.stableView, arguments: args },
    ];
  const stats: QueryPlan = {
    source: 'crdb_internal.transaction_statistics',
    sql: TRANSACTIONS_SQL.statistics,
    arguments: args,
  };
  if (!f.activityCache) return [stats];
  return [
    {
      source: 'crdb_internal.transaction_activity',
      sql: TRANSACTIONS_SQL.activityCache,
      arguments: args,
      nextWhenEmpty: true,
    },
    stats,
  ];
}

/** metadata.stmtFingerprintIDs is a JSON array of hex strings, read here from its JSON text. */
function statementIds(v: unknown): string[] {
  const t = text(v).trim();
  if (/^\\x[0-9a-f]/i.test(t)) return t.split(',').map((x) => fingerprintHex(x.trim()));
  if (!t.startsWith('[')) return stringList(v).map(fingerprintHex);
  try {
    const parsed: unknown = JSON.parse(t);
    return Array.isArray(parsed) ? parsed.map((x) => fingerprintHex(x)) : [];
  } catch {
    return [];
  }
}

export function transactionFromRow(row: SqlRow): TransactionStats {
  const count = number(row.execution_count);
  const sampled = number(row.sampled_count);
  const per = (total: unknown, n: number): number => (n > 0 ? number(total) / n : 0);
  const t: TransactionStats = {
    fingerprintId: fingerprintHex(row.fingerprint_id),
    appName: text(row.app_name),
    statementFingerprintIds: statementIds(row.stmt_fingerprint_ids),
    executionCount: count,
    totalTime: number(row.total_time),
    meanLatency: per(row.total_time, count),
    meanRowsRead: per(row.rows_read_total, count),
    meanRowsWritten: per(row.rows_written_total, count),
    meanContention: per(row.contention_total, sampled),
    meanCpuNanos: per(row.cpu_total, sampled),
    maxRetries: number(row.max_retries),
  };
  const p99 = optNumber(row.p99_latency);
  if (p99 !== undefined) t.p99Latency = p99;
  return t;
}

export function topTransactions(
  executor: SqlExecutor,
  features: SqlFeatures,
  q: TopTransactionsQuery,
  opts: RunOptions = {},
): Promise<WorkloadResult<TransactionStats>> {
  return runPlans(executor, transactionPlans(features, q), transactionFromRow, l10n.t('transaction statistics'), opts);
}
