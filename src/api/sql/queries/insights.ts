// Statement insights (v22.2+) and transaction insights (v23.1+): the latest
// execution per fingerprint and problem within the window, newest first. These
// live only in crdb_internal, so v26.1+ (locked by default) gets a
// WorkloadUnavailable that says what to do. Placeholders: $1 window start,
// $2 internal-app pattern, $3 limit.
import * as l10n from '@vscode/l10n';
import type { StatementInsight, TransactionInsight, WorkloadResult, WorkloadWindow } from '../models';
import { bool, fingerprintHex, intervalSeconds, number, stringList, text, timestamp } from '../rows';
import type { SqlExecutor, SqlRow } from '../types';
import type { SqlFeatures } from '../version';
import {
  clampLimit,
  INTERNAL_APP_PATTERN,
  lockedUnavailable,
  runPlans,
  unavailable,
  type QueryPlan,
  type RunOptions,
} from './common';

const STMT_COLUMNS_V22_2 = [
  "session_id, txn_id::STRING AS txn_id, encode(txn_fingerprint_id, 'hex') AS txn_fingerprint_id,",
  "stmt_id, encode(stmt_fingerprint_id, 'hex') AS stmt_fingerprint_id, query, problem, causes, status,",
  'start_time, end_time, full_scan, user_name, app_name, database_name, plan_gist, rows_read, rows_written,',
  'retries, contention, index_recommendations',
].join(' ');

/** cpu_sql_nanos and error_code arrived in v23.1. */
const STMT_COLUMNS = STMT_COLUMNS_V22_2 + ', cpu_sql_nanos, error_code';

const STMT_FROM = [
  'FROM crdb_internal.cluster_execution_insights',
  "WHERE end_time >= $1::TIMESTAMPTZ AND problem != 'None' AND app_name NOT LIKE $2::STRING",
  "AND txn_id != '00000000-0000-0000-0000-000000000000'",
  'ORDER BY stmt_fingerprint_id, problem, end_time DESC',
].join(' ');

function latestPerFingerprint(columns: string): string {
  return (
    'SELECT * FROM (SELECT DISTINCT ON (stmt_fingerprint_id, problem) ' +
    columns +
    ' ' +
    STMT_FROM +
    ') AS i ORDER BY i.end_time DESC LIMIT $3::INT8'
  );
}

export const INSIGHTS_SQL = {
  statements: latestPerFingerprint(STMT_COLUMNS),
  statementsV22_2: latestPerFingerprint(STMT_COLUMNS_V22_2),
  transactions: [
    "SELECT txn_id::STRING AS txn_id, encode(txn_fingerprint_id, 'hex') AS txn_fingerprint_id, session_id, query,",
    'problems, causes, status, start_time, end_time, user_name, app_name, retries, contention,',
    'stmt_execution_ids, cpu_sql_nanos',
    'FROM crdb_internal.cluster_txn_execution_insights',
    'WHERE end_time >= $1::TIMESTAMPTZ AND app_name NOT LIKE $2::STRING AND array_length(problems, 1) > 0',
    'ORDER BY end_time DESC LIMIT $3::INT8',
  ].join(' '),
} as const;

export interface InsightsQuery {
  window: WorkloadWindow;
  limit?: number;
}

function args(q: InsightsQuery): [string, string, number] {
  return [q.window.start.toISOString(), INTERNAL_APP_PATTERN, clampLimit(q.limit, 100, 5000)];
}

export function statementInsightPlans(f: SqlFeatures, q: InsightsQuery): QueryPlan[] {
  if (!f.statementInsights || f.internalsLocked) return [];
  const sql = f.transactionInsights ? INSIGHTS_SQL.statements : INSIGHTS_SQL.statementsV22_2;
  return [{ source: 'crdb_internal.cluster_execution_insights', sql, arguments: args(q) }];
}

export function transactionInsightPlans(f: SqlFeatures, q: InsightsQuery): QueryPlan[] {
  if (!f.transactionInsights || f.internalsLocked) return [];
  return [
    { source: 'crdb_internal.cluster_txn_execution_insights', sql: INSIGHTS_SQL.transactions, arguments: args(q) },
  ];
}

/** Start, end and contention time, present only where the row has them. */
function timing(row: SqlRow): { start?: Date; end?: Date; contention?: number } {
  const t: { start?: Date; end?: Date; contention?: number } = {};
  const start = timestamp(row.start_time);
  if (start) t.start = start;
  const end = timestamp(row.end_time);
  if (end) t.end = end;
  const contention = intervalSeconds(row.contention);
  if (contention !== undefined) t.contention = contention;
  return t;
}

export function statementInsightFromRow(row: SqlRow): StatementInsight {
  const i: StatementInsight = {
    statementId: text(row.stmt_id),
    statementFingerprintId: fingerprintHex(row.stmt_fingerprint_id),
    transactionId: text(row.txn_id),
    transactionFingerprintId: fingerprintHex(row.txn_fingerprint_id),
    sessionId: text(row.session_id),
    query: text(row.query),
    problem: text(row.problem),
    causes: stringList(row.causes),
    status: text(row.status),
    userName: text(row.user_name),
    appName: text(row.app_name),
    database: text(row.database_name),
    fullScan: bool(row.full_scan),
    rowsRead: number(row.rows_read),
    rowsWritten: number(row.rows_written),
    retries: number(row.retries),
    cpuNanos: number(row.cpu_sql_nanos),
    indexRecommendations: stringList(row.index_recommendations),
    planGist: text(row.plan_gist),
    errorCode: text(row.error_code),
  };
  return Object.assign(i, timing(row));
}

export function transactionInsightFromRow(row: SqlRow): TransactionInsight {
  const i: TransactionInsight = {
    transactionId: text(row.txn_id),
    transactionFingerprintId: fingerprintHex(row.txn_fingerprint_id),
    sessionId: text(row.session_id),
    query: text(row.query),
    problems: stringList(row.problems),
    causes: stringList(row.causes),
    status: text(row.status),
    userName: text(row.user_name),
    appName: text(row.app_name),
    statementIds: stringList(row.stmt_execution_ids),
    retries: number(row.retries),
    cpuNanos: number(row.cpu_sql_nanos),
  };
  return Object.assign(i, timing(row));
}

/** `what` names the view for the locked-down text; `needs` is the whole "… need CockroachDB v… or newer." sentence. */
function notServed(f: SqlFeatures, what: string, needs: string, user?: string): WorkloadResult<never> {
  if (f.internalsLocked) return lockedUnavailable(what, user);
  return unavailable(needs, l10n.t('Upgrade the cluster to see them.'));
}

export async function statementInsights(
  executor: SqlExecutor,
  f: SqlFeatures,
  q: InsightsQuery,
  opts: RunOptions = {},
): Promise<WorkloadResult<StatementInsight>> {
  const plans = statementInsightPlans(f, q);
  if (plans.length === 0)
    return notServed(
      f,
      l10n.t('Statement insights'),
      l10n.t('Statement insights need CockroachDB {0} or newer.', 'v22.2'),
      opts.user,
    );
  return runPlans(executor, plans, statementInsightFromRow, l10n.t('statement insights'), opts);
}

export async function transactionInsights(
  executor: SqlExecutor,
  f: SqlFeatures,
  q: InsightsQuery,
  opts: RunOptions = {},
): Promise<WorkloadResult<TransactionInsight>> {
  const plans = transactionInsightPlans(f, q);
  if (plans.length === 0)
    return notServed(
      f,
      l10n.t('Transaction insights'),
      l10n.t('Transaction insights need CockroachDB {0} or newer.', 'v23.1'),
      opts.user,
    );
  return runPlans(executor, plans, transactionInsightFromRow, l10n.t('transaction insights'), opts);
}
