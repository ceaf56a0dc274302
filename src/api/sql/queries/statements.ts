// Top statement fingerprints over a window, by a metric. v23.1+ reads the
// hourly top-500 cache (crdb_internal.statement_activity) first, and falls back
// to crdb_internal.statement_statistics when the cache is empty or absent;
// v22.1–v22.2 have only the latter; v26.1+ read the stable
// information_schema.crdb_statement_statistics view (crdb_internal is locked).
// Every variant answers the same columns, so one parser reads them all.
// Placeholders: $1 window start, $2 window end, $3 app ('' = all), $4 include
// internal apps, $5 internal-app pattern, $6 the explorer's own app name,
// $7 database ('' = all), $8 metric, $9 limit, $10 offset.
import * as l10n from '@vscode/l10n';
import type { RequestOptions } from '../../cluster/api';
import type { StatementMetric, StatementStats, WorkloadResult, WorkloadWindow } from '../models';
import { bool, fingerprintHex, number, optNumber, text, timestamp } from '../rows';
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

export const STATEMENT_METRICS: readonly StatementMetric[] = [
  'executionCount',
  'totalTime',
  'meanLatency',
  'p99Latency',
  'cpu',
  'rowsRead',
  'rowsWritten',
  'contention',
];

/** From the JSON `statistics` column (crdb_internal tables and the activity cache). */
const FROM_JSON_SELECT = [
  "SELECT encode(fingerprint_id, 'hex') AS fingerprint_id, app_name,",
  "max(metadata->>'query') AS query, max(metadata->>'querySummary') AS query_summary, max(metadata->>'db') AS database,",
  "bool_or(COALESCE((metadata->>'fullScan')::BOOL, false)) AS full_scan,",
  "bool_or(COALESCE((metadata->>'distsql')::BOOL, false)) AS distsql,",
  "bool_and(COALESCE((metadata->>'implicitTxn')::BOOL, false)) AS implicit_txn,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8) AS execution_count,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'svcLat'->>'mean')::FLOAT8) AS total_time,",
  "max((statistics->'statistics'->'latencyInfo'->>'p99')::FLOAT8) AS p99_latency,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'rowsRead'->>'mean')::FLOAT8) AS rows_read_total,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'rowsWritten'->>'mean')::FLOAT8) AS rows_written_total,",
  "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'bytesRead'->>'mean')::FLOAT8) AS bytes_read_total,",
  "sum(COALESCE((statistics->'execution_statistics'->>'cnt')::FLOAT8, 0)) AS sampled_count,",
  "sum(COALESCE((statistics->'execution_statistics'->>'cnt')::FLOAT8 * (statistics->'execution_statistics'->'contentionTime'->>'mean')::FLOAT8, 0)) AS contention_total,",
  "sum(COALESCE((statistics->'execution_statistics'->>'cnt')::FLOAT8 * (statistics->'execution_statistics'->'cpuSQLNanos'->>'mean')::FLOAT8, 0)) AS cpu_total,",
  "max((statistics->'statistics'->>'maxRetries')::FLOAT8) AS max_retries,",
  "max(statistics->'statistics'->>'lastExecAt') AS last_exec_at",
].join(' ');

/** index_recommendations is a column from v22.2; v22.1 has none. */
const INDEX_RECS = ', max(array_to_string(index_recommendations, chr(10))) AS index_recommendations';
const NO_INDEX_RECS = ", '' AS index_recommendations";

const JSON_WHERE = [
  'WHERE aggregated_ts >= $1::TIMESTAMPTZ AND aggregated_ts <= $2::TIMESTAMPTZ',
  "AND ($3::STRING = '' OR app_name = $3::STRING)",
  'AND ($4::BOOL OR (app_name NOT LIKE $5::STRING AND app_name != $6::STRING))',
  "AND ($7::STRING = '' OR metadata->>'db' = $7::STRING)",
  'GROUP BY fingerprint_id, app_name',
].join(' ');

/** information_schema.crdb_statement_statistics (v26.1): flat sums; internal apps are already excluded. */
const STABLE_VIEW = [
  "SELECT encode(fingerprint_id, 'hex') AS fingerprint_id, app_name,",
  'max(query) AS query, max(query_summary) AS query_summary, max(database) AS database,',
  'false AS full_scan, false AS distsql, false AS implicit_txn,',
  'sum(execution_count)::FLOAT8 AS execution_count, sum(svc_lat_sum)::FLOAT8 AS total_time,',
  'max(p99_latency)::FLOAT8 AS p99_latency, sum(rows_read_sum)::FLOAT8 AS rows_read_total,',
  'sum(rows_written_sum)::FLOAT8 AS rows_written_total, sum(bytes_read_sum)::FLOAT8 AS bytes_read_total,',
  'sum(exec_sample_count)::FLOAT8 AS sampled_count, sum(contention_time_sum)::FLOAT8 AS contention_total,',
  'sum(cpu_sql_nanos_sum)::FLOAT8 AS cpu_total, max(max_retries)::FLOAT8 AS max_retries,',
  "NULL::STRING AS last_exec_at, '' AS index_recommendations",
  'FROM information_schema.crdb_statement_statistics',
  'WHERE aggregated_ts >= $1::TIMESTAMPTZ AND aggregated_ts <= $2::TIMESTAMPTZ',
  "AND ($3::STRING = '' OR app_name = $3::STRING)",
  'AND ($4::BOOL OR (app_name NOT LIKE $5::STRING AND app_name != $6::STRING))',
  "AND ($7::STRING = '' OR database = $7::STRING)",
  'GROUP BY fingerprint_id, app_name',
].join(' ');

/** Sorted by the metric in $8, then LIMIT $9 OFFSET $10. */
function paged(inner: string): string {
  return pagedByMetric(inner, 8);
}

export const STATEMENTS_SQL = {
  activityCache: paged(FROM_JSON_SELECT + INDEX_RECS + ' FROM crdb_internal.statement_activity ' + JSON_WHERE),
  statistics: paged(FROM_JSON_SELECT + INDEX_RECS + ' FROM crdb_internal.statement_statistics ' + JSON_WHERE),
  statisticsV22_1: paged(FROM_JSON_SELECT + NO_INDEX_RECS + ' FROM crdb_internal.statement_statistics ' + JSON_WHERE),
  stableView: paged(STABLE_VIEW),
} as const;

export interface TopStatementsQuery {
  window: WorkloadWindow;
  metric?: StatementMetric;
  app?: string;
  database?: string;
  includeInternal?: boolean;
  limit?: number;
  offset?: number;
}

export function statementPlans(f: SqlFeatures, q: TopStatementsQuery, now = new Date()): QueryPlan[] {
  const args = [
    windowStart(q.window.start),
    (q.window.end ?? now).toISOString(),
    ...appFilterArgs(q.app, q.includeInternal),
    q.database ?? '',
    q.metric ?? 'totalTime',
    clampLimit(q.limit),
    Math.max(0, Math.trunc(q.offset ?? 0)),
  ];
  if (!f.sqlApi) return [];
  if (f.internalsLocked)
    return [
      { source: 'information_schema.crdb_statement_statistics', sql: STATEMENTS_SQL.stableView, arguments: args },
    ];
  if (f.activityCache)
    return [
      {
        source: 'crdb_internal.statement_activity',
        sql: STATEMENTS_SQL.activityCache,
        arguments: args,
        nextWhenEmpty: true,
      },
      { source: 'crdb_internal.statement_statistics', sql: STATEMENTS_SQL.statistics, arguments: args },
    ];
  const sql = f.statementInsights ? STATEMENTS_SQL.statistics : STATEMENTS_SQL.statisticsV22_1;
  return [{ source: 'crdb_internal.statement_statistics', sql, arguments: args }];
}

export function statementFromRow(row: SqlRow): StatementStats {
  const count = number(row.execution_count);
  const sampled = number(row.sampled_count);
  const per = (total: unknown, n: number): number => (n > 0 ? number(total) / n : 0);
  const s: StatementStats = {
    fingerprintId: fingerprintHex(row.fingerprint_id),
    appName: text(row.app_name),
    database: text(row.database),
    query: text(row.query),
    querySummary: text(row.query_summary),
    executionCount: count,
    totalTime: number(row.total_time),
    meanLatency: per(row.total_time, count),
    meanRowsRead: per(row.rows_read_total, count),
    meanRowsWritten: per(row.rows_written_total, count),
    meanBytesRead: per(row.bytes_read_total, count),
    meanContention: per(row.contention_total, sampled),
    meanCpuNanos: per(row.cpu_total, sampled),
    maxRetries: number(row.max_retries),
    fullScan: bool(row.full_scan),
    distSql: bool(row.distsql),
    implicitTxn: bool(row.implicit_txn),
    indexRecommendations: text(row.index_recommendations)
      .split('\n')
      .filter((r) => r.trim() !== ''),
  };
  const p99 = optNumber(row.p99_latency);
  if (p99 !== undefined) s.p99Latency = p99;
  const last = timestamp(row.last_exec_at);
  if (last) s.lastExecAt = last;
  return s;
}

export function topStatements(
  executor: SqlExecutor,
  features: SqlFeatures,
  q: TopStatementsQuery,
  opts: RunOptions & RequestOptions = {},
): Promise<WorkloadResult<StatementStats>> {
  return runPlans(executor, statementPlans(features, q), statementFromRow, l10n.t('statement statistics'), opts);
}
