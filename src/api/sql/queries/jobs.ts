// Jobs: running first, then failed and paused (they need someone), then the
// rest newest first. Ids are INT8 that pass 2^53, so they are cast ::STRING in
// SQL (and the high-water DECIMAL too). v26.1+ read the stable
// information_schema.crdb_jobs_with_progress view, which has no started /
// coordinator / running-status columns. Placeholders: $1 limit.
import type { Job, JobGroup, WorkloadResult } from '../models';
import { exactId, number, optNumber, text, timestamp } from '../rows';
import type { SqlExecutor, SqlRow } from '../types';
import type { SqlFeatures } from '../version';
import { clampLimit, runPlans, type QueryPlan, type RunOptions } from './common';

// l10n-ignore: SQL list of job statuses
const RUNNING = "('running', 'reverting', 'pending', 'pause-requested', 'cancel-requested')";
// l10n-ignore: SQL list of job statuses
const ATTENTION = "('failed', 'paused', 'revert-failed')";

function ordered(statusColumn: string): string {
  return (
    'ORDER BY CASE WHEN ' +
    statusColumn +
    ' IN ' +
    RUNNING +
    ' THEN 0 WHEN ' +
    statusColumn +
    ' IN ' +
    ATTENTION +
    ' THEN 1 ELSE 2 END, created DESC LIMIT $1::INT8'
  );
}

export const JOBS_SQL = {
  showJobs: [
    'SELECT job_id::STRING AS job_id, job_type, description, user_name, status, running_status,',
    'created, started, finished, modified, fraction_completed,',
    // SHOW JOBS has no high-water column (pkg/sql/delegate/show_jobs.go); only crdb_internal.jobs does.
    'NULL::STRING AS high_water, error, coordinator_id',
    'FROM [SHOW JOBS]',
    ordered('status'),
  ].join(' '),
  stableView: [
    'SELECT job_id::STRING AS job_id, job_type, description, owner AS user_name, state AS status,',
    'status_message AS running_status, created, finished, last_updated AS modified,',
    'progress_fraction AS fraction_completed, resolved::STRING AS high_water, error',
    'FROM information_schema.crdb_jobs_with_progress',
    ordered('state'),
  ].join(' '),
} as const;

export function jobPlans(f: SqlFeatures, q: { limit?: number } = {}): QueryPlan[] {
  if (!f.sqlApi) return [];
  const args = [clampLimit(q.limit, 200, 5000)];
  const show: QueryPlan = { source: 'SHOW JOBS', sql: JOBS_SQL.showJobs, arguments: args };
  const view: QueryPlan = {
    source: 'information_schema.crdb_jobs_with_progress',
    sql: JOBS_SQL.stableView,
    arguments: args,
  };
  // v26.1: the stable view first; SHOW JOBS as the fallback if the view is missing on a pre-release build.
  return f.internalsLocked ? [view, show] : [show];
}

export function jobGroup(status: string): JobGroup {
  const s = status.toLowerCase();
  if (['running', 'reverting', 'pending', 'pause-requested', 'cancel-requested'].includes(s)) return 'running';
  if (s === 'failed' || s === 'paused' || s === 'revert-failed') return 'needsAttention';
  return 'recent';
}

export function jobFromRow(row: SqlRow): Job {
  const status = text(row.status);
  const job: Job = {
    id: exactId(row.job_id),
    type: text(row.job_type),
    description: text(row.description),
    userName: text(row.user_name),
    status,
    runningStatus: text(row.running_status),
    error: text(row.error),
    group: jobGroup(status),
  };
  const created = timestamp(row.created);
  if (created) job.created = created;
  const started = timestamp(row.started);
  if (started) job.started = started;
  const finished = timestamp(row.finished);
  if (finished) job.finished = finished;
  const modified = timestamp(row.modified);
  if (modified) job.modified = modified;
  const fraction = optNumber(row.fraction_completed);
  if (fraction !== undefined) job.fractionCompleted = fraction;
  const hw = text(row.high_water);
  if (hw) job.highWater = hw;
  if (row.coordinator_id !== undefined && row.coordinator_id !== null) job.coordinatorId = number(row.coordinator_id);
  return job;
}

export function jobs(
  executor: SqlExecutor,
  f: SqlFeatures,
  q: { limit?: number } = {},
  opts: RunOptions = {},
): Promise<WorkloadResult<Job>> {
  return runPlans(executor, jobPlans(f, q), jobFromRow, 'jobs', opts);
}
