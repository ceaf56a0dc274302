// Contention events: who waited on whom, for how long, on which key. v22.1–
// v22.2 have no statement ids, pretty key or index name; v23.1+ do. Only in
// crdb_internal, so v26.1+ gets a WorkloadUnavailable. Placeholders: $1 window
// start, $2 waiting transaction id ('' = any), $3 waiting statement id ('' =
// any), $4 limit.
import * as l10n from '@vscode/l10n';
import type { ContentionEvent, WorkloadResult, WorkloadWindow } from '../models';
import { fingerprintHex, intervalSeconds, text, timestamp } from '../rows';
import type { SqlExecutor, SqlRow } from '../types';
import type { SqlFeatures } from '../version';
import { clampLimit, lockedUnavailable, runPlans, unavailable, type QueryPlan, type RunOptions } from './common';

const BASE_COLUMNS = [
  'SELECT collection_ts, blocking_txn_id::STRING AS blocking_txn_id,',
  "encode(blocking_txn_fingerprint_id, 'hex') AS blocking_txn_fingerprint_id,",
  "waiting_txn_id::STRING AS waiting_txn_id, encode(waiting_txn_fingerprint_id, 'hex') AS waiting_txn_fingerprint_id,",
  'contention_duration,',
].join(' ');

const WHERE = [
  'FROM crdb_internal.transaction_contention_events',
  'WHERE collection_ts >= $1::TIMESTAMPTZ',
  "AND ($2::STRING = '' OR waiting_txn_id::STRING = $2::STRING)",
].join(' ');

export const CONTENTION_SQL = {
  current: [
    BASE_COLUMNS,
    "waiting_stmt_id, encode(waiting_stmt_fingerprint_id, 'hex') AS waiting_stmt_fingerprint_id,",
    'contending_pretty_key AS contending_key, database_name, schema_name, table_name, index_name, contention_type::STRING AS contention_type',
    WHERE,
    "AND ($3::STRING = '' OR waiting_stmt_id = $3::STRING)",
    'ORDER BY collection_ts DESC LIMIT $4::INT8',
  ].join(' '),
  /** v22.x: no statement columns. $3 is still referenced: an unused placeholder has no type and is refused. */
  v22: [
    BASE_COLUMNS,
    "encode(contending_key, 'hex') AS contending_key, database_name, schema_name, table_name",
    WHERE,
    'AND $3::STRING IS NOT NULL',
    'ORDER BY collection_ts DESC LIMIT $4::INT8',
  ].join(' '),
} as const;

export interface ContentionQuery {
  window: WorkloadWindow;
  waitingTxnId?: string;
  waitingStatementId?: string;
  limit?: number;
}

export function contentionPlans(f: SqlFeatures, q: ContentionQuery): QueryPlan[] {
  if (!f.contentionEvents || f.internalsLocked) return [];
  const args = [
    q.window.start.toISOString(),
    q.waitingTxnId ?? '',
    q.waitingStatementId ?? '',
    clampLimit(q.limit, 100, 5000),
  ];
  const sql = f.transactionInsights ? CONTENTION_SQL.current : CONTENTION_SQL.v22;
  return [{ source: 'crdb_internal.transaction_contention_events', sql, arguments: args }];
}

export function contentionFromRow(row: SqlRow): ContentionEvent {
  const e: ContentionEvent = {
    blockingTxnId: text(row.blocking_txn_id),
    blockingTxnFingerprintId: fingerprintHex(row.blocking_txn_fingerprint_id),
    waitingTxnId: text(row.waiting_txn_id),
    waitingTxnFingerprintId: fingerprintHex(row.waiting_txn_fingerprint_id),
    waitingStatementId: text(row.waiting_stmt_id),
    waitingStatementFingerprintId: row.waiting_stmt_fingerprint_id
      ? fingerprintHex(row.waiting_stmt_fingerprint_id)
      : '',
    duration: intervalSeconds(row.contention_duration) ?? 0,
    key: text(row.contending_key),
    database: text(row.database_name),
    schema: text(row.schema_name),
    table: text(row.table_name),
    index: text(row.index_name),
    contentionType: text(row.contention_type),
  };
  const at = timestamp(row.collection_ts);
  if (at) e.collectedAt = at;
  return e;
}

export async function contentionEvents(
  executor: SqlExecutor,
  f: SqlFeatures,
  q: ContentionQuery,
  opts: RunOptions = {},
): Promise<WorkloadResult<ContentionEvent>> {
  const plans = contentionPlans(f, q);
  if (plans.length === 0) {
    if (f.internalsLocked) return lockedUnavailable(l10n.t('Contention events'), opts.user);
    return unavailable(
      l10n.t('Contention events need CockroachDB v22.1 or newer.'),
      l10n.t('Upgrade the cluster to see them.'),
    );
  }
  return runPlans(executor, plans, contentionFromRow, l10n.t('contention events'), opts);
}
