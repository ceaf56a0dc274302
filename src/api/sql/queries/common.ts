// What every query set shares: the plan (which statement to try, in which
// order, for a version), running it with bounded time and size, and turning
// "this cluster cannot serve it" into a WorkloadUnavailable with plain words.
import * as l10n from '@vscode/l10n';
import type { RequestOptions } from '../../cluster/api';
import { internalsLockedAdvice, isSqlError, SQLSTATE } from '../errors';
import type { WorkloadResult, WorkloadSource } from '../models';
import type { SqlArgument, SqlExecutor, SqlRow } from '../types';
import { EXPLORER_APP_NAME } from '../types';

/** CockroachDB's own tools (DB Console, jobs, …) run under names with this prefix. */
export const INTERNAL_APP_PATTERN = '$ internal%';

/** Bytes of row data per query; the server marks a larger answer truncated. */
export const DEFAULT_MAX_RESULT_BYTES = 4 * 1024 * 1024;

export interface QueryPlan {
  source: WorkloadSource;
  sql: string;
  arguments: SqlArgument[];
  /** An empty answer means "not populated" (the hourly activity cache), so try the next plan. */
  nextWhenEmpty?: boolean;
}

export interface RunOptions extends RequestOptions {
  maxResultBytes?: number;
  /** The signed-in user, for the advice text. */
  user?: string;
}

/** The server gives up a second before the client would, so its error (not a bare time-out) comes back. */
export function serverTimeoutMs(opts: RequestOptions): number {
  return Math.max(1000, (opts.timeoutMs ?? 10_000) - 1000);
}

/** app filter, include-internal flag, internal pattern, the explorer's own name: always $3…$6 in the SQL. */
export function appFilterArgs(app: string | undefined, includeInternal: boolean | undefined): SqlArgument[] {
  return [app ?? '', includeInternal === true, INTERNAL_APP_PATTERN, EXPLORER_APP_NAME];
}

export function unavailable(reason: string, whatToDo: string): WorkloadResult<never> {
  return { status: 'unavailable', reason, whatToDo };
}

export function lockedUnavailable(what: string, user?: string): WorkloadResult<never> {
  return unavailable(
    l10n.t(
      '{0} is read from crdb_internal, which this CockroachDB version (v26.1+) restricts by default, and it has no stable information_schema view.',
      what,
    ),
    l10n.t('Open the DB Console for {0}, or {1}', what, internalsLockedAdvice(user)),
  );
}

/**
 * Tries the plans in order. A missing table or column (an older or newer version than
 * assumed) moves to the next plan; the lock-down becomes WorkloadUnavailable; every
 * other failure (privilege, time-out, cancel) is thrown for the caller's error row.
 */
export async function runPlans<T>(
  executor: SqlExecutor,
  plans: QueryPlan[],
  parse: (row: SqlRow) => T,
  what: string,
  opts: RunOptions = {},
): Promise<WorkloadResult<T>> {
  const { maxResultBytes, user, ...requestOptions } = opts;
  let last: WorkloadResult<T> | undefined;
  let lockedSeen = false;
  for (const plan of plans) {
    try {
      const res = await executor.execute(
        {
          statements: [{ sql: plan.sql, arguments: plan.arguments }],
          statementTimeoutMs: serverTimeoutMs(requestOptions),
          maxResultBytes: maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
        },
        requestOptions,
      );
      const st = res.statements[0];
      const rows = st?.rows ?? [];
      last = { status: 'ok', items: rows.map(parse), source: plan.source, truncated: st?.truncated ?? false };
      if (rows.length > 0 || !plan.nextWhenEmpty) return last;
    } catch (err) {
      if (!isSqlError(err)) throw err;
      if (err.internalsLocked) {
        lockedSeen = true;
        continue;
      }
      if (err.sqlState === SQLSTATE.undefinedTable || err.sqlState === SQLSTATE.undefinedColumn) continue;
      throw err;
    }
  }
  if (last) return last;
  if (lockedSeen) return lockedUnavailable(what, user);
  const sources = plans.map((p) => p.source).join(', ');
  return unavailable(
    sources
      ? l10n.t('This cluster has none of the tables {0} is read from ({1}).', what, sources)
      : l10n.t('This cluster has none of the tables {0} is read from (none for this version).', what),
    l10n.t('Upgrade the cluster, or use the DB Console for this view.'),
  );
}

/** Start of a window, rounded down to the hour: statistics are aggregated in hourly buckets. */
export function windowStart(start: Date): string {
  const d = new Date(start.getTime());
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

export function clampLimit(limit: number | undefined, fallback = 20, max = 10_000): number {
  const n = Math.trunc(limit ?? fallback);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

/**
 * ORDER BY the chosen metric, then LIMIT/OFFSET, for the aggregated statement and transaction
 * rows (`s`). The metric, limit and offset are placeholders $n, $n+1 and $n+2: the metric
 * goes through a CASE, so no column name is ever taken from the caller.
 */
function orderAndPage(firstPlaceholder: number): string {
  const p = (k: number): string => '$' + String(firstPlaceholder + k);
  return [
    'ORDER BY CASE ' + p(0) + '::STRING',
    "WHEN 'executionCount' THEN s.execution_count",
    "WHEN 'totalTime' THEN s.total_time",
    "WHEN 'meanLatency' THEN s.total_time / NULLIF(s.execution_count, 0)",
    "WHEN 'p99Latency' THEN COALESCE(s.p99_latency, 0)",
    "WHEN 'cpu' THEN s.cpu_total",
    "WHEN 'rowsRead' THEN s.rows_read_total",
    "WHEN 'rowsWritten' THEN s.rows_written_total",
    "WHEN 'contention' THEN s.contention_total",
    'ELSE s.total_time END DESC, s.fingerprint_id, s.app_name',
    'LIMIT ' + p(1) + '::INT8 OFFSET ' + p(2) + '::INT8',
  ].join(' ');
}

/** The aggregated rows of `inner`, sorted and paged by orderAndPage. */
export function pagedByMetric(inner: string, firstPlaceholder: number): string {
  return 'SELECT * FROM (' + inner + ') AS s ' + orderAndPage(firstPlaceholder);
}
