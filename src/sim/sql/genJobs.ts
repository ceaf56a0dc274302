// Jobs of every type and state, with ids in CockroachDB's unique_rowid range
// (~1e18, beyond 2^53, which is why clients read them `::STRING`).

import { HOSTILE_STRINGS } from '../data/hostile';
import type { Topology } from '../data/topology';
import { rngFor } from '../prng';
import { SQL_KIND } from './genStatements';

const TYPES: Array<{ type: string; automatic?: boolean; describe: (i: number) => string }> = [
  { type: 'BACKUP', describe: () => "BACKUP INTO 's3://backups/nightly?AUTH=implicit' WITH revision_history" },
  { type: 'RESTORE', describe: () => "RESTORE DATABASE bank FROM LATEST IN 's3://backups/nightly?AUTH=implicit'" },
  { type: 'IMPORT', describe: () => "IMPORT INTO movr.public.rides CSV DATA ('gs://imports/rides.csv')" },
  {
    type: 'CHANGEFEED',
    describe: () =>
      "CREATE CHANGEFEED FOR TABLE movr.public.rides INTO 'kafka://kafka:9092' WITH resolved, on_error = 'pause'",
  },
  { type: 'NEW SCHEMA CHANGE', describe: () => 'CREATE INDEX ON movr.public.rides (city, start_time)' },
  { type: 'SCHEMA CHANGE', describe: () => 'ALTER TABLE bank.public.accounts ADD COLUMN note STRING' },
  { type: 'SCHEMA CHANGE GC', describe: () => 'GC for DROP TABLE bank.public.old_accounts' },
  { type: 'CREATE STATS', describe: () => 'CREATE STATISTICS s1 FROM movr.public.users' },
  { type: 'AUTO CREATE STATS', automatic: true, describe: () => 'Table statistics refresh for movr.public.vehicles' },
  { type: 'ROW LEVEL TTL', automatic: true, describe: () => 'ttl for bank.public.transfers' },
  { type: 'AUTO SPAN CONFIG RECONCILIATION', automatic: true, describe: () => 'reconciling span configurations' },
  { type: 'AUTO SQL STATS COMPACTION', automatic: true, describe: () => 'automatic SQL Stats compaction' },
  { type: 'AUTO SCHEMA TELEMETRY', automatic: true, describe: () => 'sql schema telemetry' },
  { type: 'POLL JOBS STATS', automatic: true, describe: () => 'POLL JOBS STATS' },
  { type: 'KEY VISUALIZER', automatic: true, describe: () => 'key visualizer job' },
  { type: 'MIGRATION', automatic: true, describe: () => 'Migration to 25.2-upgrading-to-25.3-step-002' },
  { type: 'REPLICATION STREAM INGESTION', describe: () => 'CREATE VIRTUAL CLUSTER standby FROM REPLICATION OF app' },
  {
    type: 'IMPORT',
    describe: (i) => `IMPORT INTO bank.public.accounts CSV DATA ('${HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]}')`,
  },
];

const STATES = [
  'running',
  'succeeded',
  'failed',
  'paused',
  'canceled',
  'pending',
  'reverting',
  'pause-requested',
  'cancel-requested',
  'revert-failed',
];

export const JOB_COUNT = 72;
const JOB_ID_BASE = 1_000_000_000_000_000_000n;

export const AUTOMATIC_JOB_TYPES = TYPES.filter((x) => x.automatic).map((x) => x.type);

/**
 * The state of job i. The first changefeed runs and the second is paused by its own error
 * (on_error = 'pause'), so both a running and a paused changefeed are always listed.
 */
function stateOf(i: number, type: string): string {
  const round = Math.floor(i / TYPES.length);
  if (type === 'CHANGEFEED' && round < 2) return round === 0 ? 'running' : 'paused';
  return STATES[(i * 3 + round) % STATES.length] as string;
}

export function jobRows(t: Topology): Array<Record<string, unknown>> {
  const now = Number(t.baseNanos / 1_000_000n);
  return Array.from({ length: JOB_COUNT }, (_, i) => {
    const r = rngFor(t.seed, SQL_KIND.job, i);
    const kind = TYPES[i % TYPES.length] as (typeof TYPES)[number];
    const status = stateOf(i, kind.type);
    const created = now - r.int(60_000, 48 * 3_600_000);
    const started = created + r.int(0, 5_000);
    const done = ['succeeded', 'failed', 'canceled', 'revert-failed'].includes(status);
    const finished = done ? started + r.int(1_000, 3_600_000) : null;
    const fraction = status === 'succeeded' ? 1 : done ? r.round2(r.float()) : r.round2(r.float() * 0.95);
    const user = kind.automatic ? 'node' : i % 5 === 0 ? 'viewer' : i % 3 === 0 ? 'admin' : 'root';
    const description = kind.describe(i);
    const failedLike = status === 'failed' || status === 'revert-failed';
    const feed = kind.type === 'CHANGEFEED';
    // An HLC timestamp: wall-clock nanoseconds, then the logical counter.
    const resolvedNs = feed ? BigInt(now - r.int(1_000, 30_000)) * 1_000_000n + BigInt(r.int(0, 999_999)) : 0n;
    const resolved = `${resolvedNs / 1_000_000_000n}.${(resolvedNs % 1_000_000_000n).toString().padStart(9, '0')},0`;
    const feedError =
      'job failed (rpc error: code = Unavailable desc = kafka: client has run out of available brokers) but is being paused because of on_error=pause';
    return {
      job_id: (JOB_ID_BASE + BigInt(r.int(0, 2 ** 29)) * 4_294_967_296n + BigInt(i)).toString(),
      job_type: kind.type,
      automatic: kind.automatic === true,
      description,
      statement: kind.automatic ? '' : description,
      user_name: user,
      descriptor_ids: [104 + (i % 8)],
      status,
      running_status: status === 'running' ? (feed ? `running: resolved=${resolved}` : 'performing backfill') : null,
      created: new Date(created).toISOString(),
      started: status === 'pending' ? null : new Date(started).toISOString(),
      finished: finished === null ? null : new Date(finished).toISOString(),
      modified: new Date(finished ?? now - r.int(0, 60_000)).toISOString(),
      fraction_completed: fraction,
      high_water_timestamp: feed ? `${resolvedNs}.0000000000` : null,
      error: failedLike
        ? `${kind.type.toLowerCase()} failed: rpc error: code = Unavailable desc = node ${1 + (i % t.nodeCount)} unreachable`
        : feed && status === 'paused'
          ? feedError
          : '',
      coordinator_id: status === 'running' ? 1 + (i % t.nodeCount) : null,
      trace_id: (JOB_ID_BASE / 10n + BigInt(i)).toString(),
      last_run: status === 'pending' ? null : new Date(started).toISOString(),
      next_run: new Date(started + 30_000).toISOString(),
      num_runs: r.int(1, 3),
      execution_errors: [],
    };
  });
}
