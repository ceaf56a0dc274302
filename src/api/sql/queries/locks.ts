// Locks held and waited for right now (crdb_internal.cluster_locks, v22.2+),
// contended ones only: each waiter next to the holder of the same key is a live
// "who blocks whom". Only in crdb_internal, so v26.1+ gets WorkloadUnavailable.
// Placeholders: $1 table name ('' = every table), $2 limit.
import * as l10n from '@vscode/l10n';
import type { LockWait, WorkloadResult } from '../models';
import { exactId, intervalSeconds, optNumber, text, timestamp, bool } from '../rows';
import type { SqlExecutor, SqlRow } from '../types';
import type { SqlFeatures } from '../version';
import { clampLimit, lockedUnavailable, runPlans, unavailable, type QueryPlan, type RunOptions } from './common';

export const LOCKS_SQL = [
  'SELECT range_id, database_name, schema_name, table_name, index_name, lock_key_pretty,',
  'txn_id::STRING AS txn_id, ts, lock_strength, granted, duration',
  'FROM crdb_internal.cluster_locks',
  "WHERE contended AND ($1::STRING = '' OR table_name = $1::STRING)",
  'ORDER BY lock_key_pretty, granted DESC, duration DESC LIMIT $2::INT8',
].join(' ');

export interface LockWaitsQuery {
  table?: string;
  limit?: number;
}

export function lockPlans(f: SqlFeatures, q: LockWaitsQuery): QueryPlan[] {
  if (!f.statementInsights || f.internalsLocked) return [];
  return [
    {
      source: 'crdb_internal.cluster_locks',
      sql: LOCKS_SQL,
      arguments: [q.table ?? '', clampLimit(q.limit, 200, 5000)],
    },
  ];
}

export function lockFromRow(row: SqlRow): LockWait {
  const l: LockWait = {
    database: text(row.database_name),
    schema: text(row.schema_name),
    table: text(row.table_name),
    index: text(row.index_name),
    key: text(row.lock_key_pretty),
    txnId: exactId(row.txn_id),
    granted: bool(row.granted),
    lockStrength: text(row.lock_strength),
  };
  const range = optNumber(row.range_id);
  if (range !== undefined) l.rangeId = range;
  const d = intervalSeconds(row.duration);
  if (d !== undefined) l.duration = d;
  const since = timestamp(row.ts);
  if (since) l.since = since;
  return l;
}

export async function lockWaits(
  executor: SqlExecutor,
  f: SqlFeatures,
  q: LockWaitsQuery,
  opts: RunOptions = {},
): Promise<WorkloadResult<LockWait>> {
  const plans = lockPlans(f, q);
  if (plans.length === 0)
    return f.internalsLocked
      ? lockedUnavailable(l10n.t('Live lock waits'), opts.user)
      : unavailable(
          l10n.t('Live lock waits need CockroachDB v22.2 or newer.'),
          l10n.t('Upgrade the cluster to see them.'),
        );
  return runPlans(executor, plans, lockFromRow, l10n.t('live lock waits'), opts);
}
