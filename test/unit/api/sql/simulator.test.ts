// Every query set of src/api/sql through the real client (ClusterClient →
// HttpSqlExecutor → POST /api/v2/sql/) against the simulator's SQL engine
// (PGlite, src/sim/sql) for each profile. One simulator per profile, started
// and warmed up in before(): the engine costs a second or two to start.
import assert from 'node:assert/strict';
import { isApiError } from '../../../../src/api/http/errors';
import {
  contentionEvents,
  isSqlError,
  jobs,
  sqlExecutorOf,
  sqlFeatures,
  statementInsights,
  topStatements,
  topTransactions,
  transactionInsights,
  type SqlError,
  type SqlExecutor,
  type SqlFeatures,
  type SqlVersion,
  type WorkloadResult,
  type WorkloadItems,
} from '../../../../src/api/sql';
import { EXPLORER_APP_NAME } from '../../../../src/api/sql/types';
import type { StatementMetric } from '../../../../src/api/sql/models';
import { HOSTILE_STRINGS, startClusterSimulator } from '../../../../src/sim';
import { HOSTILE_APP_NAMES, XSS_SCRIPT } from '../../../../src/sim/data/hostile';
import type { RunningClusterSim } from '../../../../src/sim';
import { collect, signedInClient } from '../cluster/simClient';

const HOUR = 3_600_000;
const lastHours = (h: number) => ({ start: new Date(Date.now() - h * HOUR) });
const INTERNAL = /^\$ internal/;

function ok<T>(r: WorkloadResult<T>): WorkloadItems<T> {
  assert.equal(r.status, 'ok', r.status === 'unavailable' ? `unavailable: ${r.reason}` : '');
  return r as WorkloadItems<T>;
}

function assertDescending(values: number[], what: string): void {
  for (let i = 1; i < values.length; i++)
    assert.ok(
      (values[i - 1] as number) >= (values[i] as number),
      `${what} not descending at ${i}: ${values.join(', ')}`,
    );
}

async function sqlRejection(p: Promise<unknown>): Promise<SqlError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isSqlError(err), `not a SqlError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a SqlError');
}

interface Setup {
  sim: RunningClusterSim;
  admin: SqlExecutor;
  viewer: SqlExecutor;
  version: SqlVersion;
  f: SqlFeatures;
  raw: (sql: string, args?: unknown[]) => Promise<Array<Record<string, unknown>>>;
}

/** A simulator, its version as the extension learns it (nodes/), and executors for admin and viewer. */
async function setUp(profile: 'v21' | 'v23' | 'v25' | 'v26'): Promise<Setup> {
  const sim = await startClusterSimulator({ profile, nodes: 3, rangesPerNode: 20 });
  const { client } = await signedInClient(sim, 'admin');
  const { client: viewerClient } = await signedInClient(sim, 'viewer');
  await collect(client.allNodes());
  const version = client.sqlVersion;
  assert.ok(version, 'nodes/ told the client no version');
  const admin = sqlExecutorOf(client);
  const raw = async (sql: string, args: unknown[] = []) =>
    (await admin.execute({ statements: [{ sql, arguments: args as string[] }] })).statements[0]?.rows ?? [];
  return { sim, admin, viewer: sqlExecutorOf(viewerClient), version, f: sqlFeatures(version), raw };
}

const PROFILES = [
  { profile: 'v23', major: 23 },
  { profile: 'v25', major: 25 },
  { profile: 'v26', major: 26 },
] as const;

for (const { profile, major } of PROFILES) {
  const locked = profile === 'v26';
  describe(`api/sql against the simulator (${profile})`, function () {
    this.timeout(30_000);
    let s: Setup;
    before(async function () {
      this.timeout(60_000);
      s = await setUp(profile);
      assert.equal(s.version.major, major);
      // Starts the engine once for every test below.
      ok(await jobs(s.admin, s.f, { limit: 1 }));
    });
    after(() => s?.sim.close());

    describe('top statements', () => {
      it('last hour: real fingerprints from the right source, internal apps hidden, sorted by total time', async () => {
        const r = ok(await topStatements(s.admin, s.f, { window: lastHours(1), limit: 50 }));
        assert.equal(
          r.source,
          locked ? 'information_schema.crdb_statement_statistics' : 'crdb_internal.statement_activity',
        );
        assert.ok(r.items.length > 10, `only ${r.items.length} statements`);
        assert.equal(r.truncated, false);
        for (const st of r.items) {
          assert.match(st.fingerprintId, /^[0-9a-f]{16}$/);
          assert.ok(st.query !== '' && st.executionCount > 0 && st.totalTime > 0, JSON.stringify(st));
          assert.ok(!INTERNAL.test(st.appName) && st.appName !== EXPLORER_APP_NAME, st.appName);
          assert.ok(Math.abs(st.meanLatency * st.executionCount - st.totalTime) < 1e-6 * st.totalTime);
        }
        assertDescending(
          r.items.map((x) => x.totalTime),
          'totalTime',
        );
        const keys = r.items.map((x) => `${x.fingerprintId}/${x.appName}`);
        assert.equal(new Set(keys).size, keys.length, 'a fingerprint/app pair came back twice');
      });

      it('last 6 hours adds executions to the same fingerprints', async () => {
        const one = ok(
          await topStatements(s.admin, s.f, { window: lastHours(1), metric: 'executionCount', limit: 500 }),
        );
        const six = ok(
          await topStatements(s.admin, s.f, { window: lastHours(6), metric: 'executionCount', limit: 500 }),
        );
        const total = (xs: typeof one.items) => xs.reduce((a, x) => a + x.executionCount, 0);
        assert.ok(total(six.items) > total(one.items), `${total(six.items)} <= ${total(one.items)}`);
        const inSix = new Map(six.items.map((x) => [`${x.fingerprintId}/${x.appName}`, x.executionCount]));
        let compared = 0;
        for (const x of one.items) {
          const n = inSix.get(`${x.fingerprintId}/${x.appName}`);
          if (n === undefined) continue;
          compared++;
          assert.ok(n >= x.executionCount, `${x.fingerprintId}: ${n} < ${x.executionCount}`);
        }
        assert.ok(compared > 10);
      });

      for (const [metric, value] of [
        ['executionCount', (x: { executionCount: number }) => x.executionCount],
        ['meanLatency', (x: { meanLatency: number }) => x.meanLatency],
        ['rowsRead', (x: { meanRowsRead: number; executionCount: number }) => x.meanRowsRead * x.executionCount],
      ] as Array<[StatementMetric, (x: never) => number]>) {
        it(`sorts by ${metric}, and pages without overlap`, async () => {
          const q = { window: lastHours(6), metric, limit: 15 };
          const p1 = ok(await topStatements(s.admin, s.f, q));
          const p2 = ok(await topStatements(s.admin, s.f, { ...q, offset: 15 }));
          const all = [...p1.items, ...p2.items];
          assert.equal(all.length, 30);
          assertDescending(
            all.map((x) => (value as (x: unknown) => number)(x)),
            metric,
          );
          const ids = new Set(p1.items.map((x) => `${x.fingerprintId}/${x.appName}`));
          assert.ok(p2.items.every((x) => !ids.has(`${x.fingerprintId}/${x.appName}`)));
        });
      }

      it('hostile query text and application names come back byte for byte, and filter exactly', async () => {
        const all = ok(await topStatements(s.admin, s.f, { window: lastHours(6), limit: 1000 }));
        const xss = all.items.find((x) =>
          x.query.startsWith(`SELECT "${XSS_SCRIPT}".* FROM "${XSS_SCRIPT}" WHERE id = $1`),
        );
        assert.ok(xss, 'the <script> statement is missing');
        assert.equal(xss.querySummary, `SELECT FROM "${XSS_SCRIPT}"`);
        const hostileApp = HOSTILE_APP_NAMES[0] as string;
        assert.ok(all.items.some((x) => x.appName === hostileApp));
        const only = ok(await topStatements(s.admin, s.f, { window: lastHours(6), app: hostileApp, limit: 1000 }));
        assert.ok(only.items.length > 0);
        assert.ok(only.items.every((x) => x.appName === hostileApp));
        assert.equal(only.items.length, all.items.filter((x) => x.appName === hostileApp).length);
      });

      it('app filter: one application only; internal apps only when asked (never in the v26 view)', async () => {
        const movr = ok(await topStatements(s.admin, s.f, { window: lastHours(6), app: 'movr-api', limit: 1000 }));
        assert.ok(movr.items.length > 0);
        assert.ok(movr.items.every((x) => x.appName === 'movr-api'));
        const none = ok(await topStatements(s.admin, s.f, { window: lastHours(6), app: "movr-api' OR '1'='1" }));
        assert.equal(none.items.length, 0);
        const withInternal = ok(
          await topStatements(s.admin, s.f, { window: lastHours(6), includeInternal: true, limit: 1000 }),
        );
        const internal = withInternal.items.filter((x) => INTERNAL.test(x.appName));
        // information_schema.crdb_statement_statistics excludes `$ internal%` itself (information_schema_crdb.go).
        if (locked) assert.equal(internal.length, 0);
        else assert.ok(internal.length > 0, 'includeInternal showed no internal app');
        const byDb = ok(await topStatements(s.admin, s.f, { window: lastHours(6), database: 'movr', limit: 1000 }));
        assert.ok(byDb.items.length > 0 && byDb.items.every((x) => x.database === 'movr'));
      });
    });

    describe('top transactions', () => {
      it('last hour and last 6 hours, sorted, with statement fingerprints where the source has them', async () => {
        const one = ok(await topTransactions(s.admin, s.f, { window: lastHours(1), limit: 40 }));
        assert.equal(
          one.source,
          locked ? 'information_schema.crdb_transaction_statistics' : 'crdb_internal.transaction_activity',
        );
        assert.ok(one.items.length > 5);
        assertDescending(
          one.items.map((x) => x.totalTime),
          'totalTime',
        );
        for (const t of one.items) {
          assert.match(t.fingerprintId, /^[0-9a-f]{16}$/);
          assert.ok(t.executionCount > 0 && !INTERNAL.test(t.appName));
          // JSON metadata before v26; the v26 view's BYTES[] joined to text.
          assert.ok(t.statementFingerprintIds.length > 0);
          for (const id of t.statementFingerprintIds) assert.match(id, /^[0-9a-f]{16}$/);
        }
        const six = ok(
          await topTransactions(s.admin, s.f, { window: lastHours(6), metric: 'executionCount', limit: 40 }),
        );
        assertDescending(
          six.items.map((x) => x.executionCount),
          'executionCount',
        );
        assert.ok(
          (six.items[0]?.executionCount ?? 0) >= (one.items.map((x) => x.executionCount).sort((a, b) => b - a)[0] ?? 0),
        );
      });

      it('app filter holds', async () => {
        const r = ok(await topTransactions(s.admin, s.f, { window: lastHours(6), app: 'bank-ledger', limit: 500 }));
        assert.ok(r.items.length > 0);
        assert.ok(r.items.every((x) => x.appName === 'bank-ledger'));
      });
    });

    if (!locked) {
      describe('insights and contention', () => {
        it('statement insights: real problems in the window, newest first, exact ids', async () => {
          const w = lastHours(6);
          const r = ok(await statementInsights(s.admin, s.f, { window: w }));
          assert.equal(r.source, 'crdb_internal.cluster_execution_insights');
          assert.ok(r.items.length > 0);
          for (const i of r.items) {
            assert.ok(i.problem !== '' && i.problem !== 'None', i.problem);
            assert.match(i.transactionId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
            assert.notEqual(i.transactionId, '00000000-0000-0000-0000-000000000000');
            assert.match(i.statementFingerprintId, /^[0-9a-f]{16}$/);
            assert.ok(i.statementId !== '' && i.query !== '');
            assert.ok(!INTERNAL.test(i.appName));
            assert.ok(i.end && i.end.getTime() >= w.start.getTime());
          }
          assertDescending(
            r.items.map((x) => x.end?.getTime() ?? 0),
            'end_time',
          );
          const perFingerprint = r.items.map((x) => `${x.statementFingerprintId}/${x.problem}`);
          assert.equal(new Set(perFingerprint).size, perFingerprint.length, 'not the latest per fingerprint');
        });

        it('transaction insights: problems listed, newest first', async () => {
          const r = ok(await transactionInsights(s.admin, s.f, { window: lastHours(6) }));
          assert.equal(r.source, 'crdb_internal.cluster_txn_execution_insights');
          assert.ok(r.items.length > 0);
          for (const i of r.items) {
            assert.ok(i.problems.length > 0 && i.transactionId !== '' && i.query !== '');
            assert.match(i.transactionFingerprintId, /^[0-9a-f]{16}$/);
          }
          assertDescending(
            r.items.map((x) => x.end?.getTime() ?? 0),
            'end_time',
          );
        });

        it('contention events: blocker and waiter, newest first, filter by waiting transaction', async () => {
          const r = ok(await contentionEvents(s.admin, s.f, { window: lastHours(6) }));
          assert.equal(r.source, 'crdb_internal.transaction_contention_events');
          assert.ok(r.items.length > 0);
          for (const e of r.items) {
            assert.ok(e.blockingTxnId !== '' && e.waitingTxnId !== '' && e.duration > 0, JSON.stringify(e));
            assert.ok(e.table !== '' && e.key !== '');
          }
          assertDescending(
            r.items.map((x) => x.collectedAt?.getTime() ?? 0),
            'collection_ts',
          );
          const target = r.items[0]!.waitingTxnId;
          const one = ok(await contentionEvents(s.admin, s.f, { window: lastHours(6), waitingTxnId: target }));
          assert.ok(one.items.length > 0 && one.items.every((x) => x.waitingTxnId === target));
        });
      });
    } else {
      describe('the v26.1 crdb_internal lock-down', () => {
        it('insights and contention (crdb_internal only) are a typed unavailable result with what to do', async () => {
          for (const r of [
            await statementInsights(s.admin, s.f, { window: lastHours(6) }),
            await transactionInsights(s.admin, s.f, { window: lastHours(6) }),
            await contentionEvents(s.admin, s.f, { window: lastHours(6) }),
          ]) {
            assert.equal(r.status, 'unavailable');
            assert.ok(r.status === 'unavailable');
            assert.match(r.reason, /crdb_internal/);
            assert.match(r.whatToDo, /allow_unsafe_internals/);
          }
        });

        it("the stable statistics views have CockroachDB's column set (information_schema_crdb.go), strictly", async () => {
          const cols = await s.admin.execute({
            statements: [{ sql: 'SELECT * FROM information_schema.crdb_statement_statistics LIMIT 1' }],
          });
          const names = cols.statements[0]!.columns.map((c) => c.name);
          for (const c of ['svc_lat_sum', 'exec_sample_count', 'rows_read_sum', 'p99_latency', 'query', 'database'])
            assert.ok(names.includes(c), `no ${c} in ${names.join(', ')}`);
          const e = await sqlRejection(s.raw('SELECT metadata FROM information_schema.crdb_statement_statistics'));
          assert.equal(e.sqlState, '42703');
          const txn = await s.raw(
            'SELECT array_length(stmt_fingerprint_ids, 1) AS n FROM information_schema.crdb_transaction_statistics LIMIT 1',
          );
          assert.ok(Number(txn[0]?.n) > 0);
        });

        it('a crdb_internal read is refused with the lock-down, recognised as such', async () => {
          const e = await sqlRejection(s.raw('SELECT count(*) FROM crdb_internal.statement_statistics'));
          assert.equal(e.sqlState, '42501');
          assert.equal(e.internalsLocked, true);
          assert.match(e.message, /allow_unsafe_internals/);
        });
      });
    }

    describe('jobs', () => {
      it('running first with progress, then failed/paused with errors, then the rest', async () => {
        const r = ok(await jobs(s.admin, s.f));
        assert.equal(r.source, locked ? 'information_schema.crdb_jobs_with_progress' : 'SHOW JOBS');
        assert.ok(r.items.length > 10);
        const rank = { running: 0, needsAttention: 1, recent: 2 } as const;
        for (let i = 1; i < r.items.length; i++)
          assert.ok(rank[r.items[i - 1]!.group] <= rank[r.items[i]!.group], `group order broken at ${i}`);
        const running = r.items.filter((j) => j.status === 'running');
        assert.ok(running.length > 0);
        for (const j of running) {
          assert.equal(j.group, 'running');
          assert.ok(j.fractionCompleted !== undefined && j.fractionCompleted >= 0 && j.fractionCompleted <= 1);
        }
        const failed = r.items.filter((j) => j.status === 'failed');
        const paused = r.items.filter((j) => j.status === 'paused');
        assert.ok(failed.length > 0 && paused.length > 0);
        for (const j of failed) {
          assert.equal(j.group, 'needsAttention');
          assert.match(j.error, /failed: rpc error/);
        }
        for (const j of paused) assert.equal(j.group, 'needsAttention');
        // Only the v26 view has the changefeed high-water (`resolved`); SHOW JOBS has no such column.
        const feeds = r.items.filter((j) => j.type === 'CHANGEFEED');
        assert.ok(feeds.length > 0);
        if (locked) assert.ok(feeds.every((j) => /^\d+\.\d+$/.test(j.highWater ?? '')));
        else assert.ok(feeds.every((j) => j.highWater === undefined));
        // SHOW JOBS lists no automatic jobs; the v26 view lists every job the user may see.
        if (!locked) assert.ok(r.items.every((j) => j.userName !== 'node'));
      });

      it('ids beyond 2^53 are exact strings, the same the server prints', async () => {
        const r = ok(await jobs(s.admin, s.f, { limit: 5000 }));
        const source = locked ? 'information_schema.crdb_jobs' : '[SHOW JOBS]';
        const printed = (await s.raw(`SELECT job_id::STRING AS id FROM ${source}`)).map((x) => x.id as string);
        assert.deepEqual(new Set(r.items.map((j) => j.id)), new Set(printed));
        for (const j of r.items) {
          assert.match(j.id, /^\d+$/);
          assert.ok(BigInt(j.id) > 2n ** 53n, j.id);
        }
        const one = r.items[0]!;
        const back = await s.raw(`SELECT job_id::STRING AS id, description FROM ${source} WHERE job_id = $1::INT8`, [
          one.id,
        ]);
        assert.equal(back.length, 1);
        assert.equal(back[0]!.id, one.id);
        assert.equal(back[0]!.description, one.description);
      });

      it('hostile job descriptions come back byte for byte', async () => {
        const r = ok(await jobs(s.admin, s.f, { limit: 5000 }));
        const expected = new Set(HOSTILE_STRINGS.map((h) => `IMPORT INTO bank.public.accounts CSV DATA ('${h}')`));
        const found = r.items.filter((j) => expected.has(j.description));
        assert.ok(found.length > 0, 'no hostile IMPORT description came back intact');
      });
    });

    describe('the viewer user (no VIEWACTIVITY)', () => {
      it('gets a SqlError naming VIEWACTIVITY and the GRANT / ALTER ROLE fix', async () => {
        const calls: Array<Promise<unknown>> = [
          topStatements(s.viewer, s.f, { window: lastHours(1) }),
          topTransactions(s.viewer, s.f, { window: lastHours(1) }),
        ];
        if (!locked)
          calls.push(
            statementInsights(s.viewer, s.f, { window: lastHours(1) }),
            transactionInsights(s.viewer, s.f, { window: lastHours(1) }),
            contentionEvents(s.viewer, s.f, { window: lastHours(1) }),
          );
        for (const call of calls) {
          const e = await sqlRejection(call);
          assert.equal(e.sqlState, '42501');
          assert.equal(e.kind, 'forbidden');
          assert.equal(e.missingPrivilege?.privilege, 'VIEWACTIVITY');
          const fixes = e.missingPrivilege?.fixes.join(' ') ?? '';
          // The user who signed in, named in the fix.
          assert.match(fixes, /GRANT SYSTEM VIEWACTIVITY TO viewer;/);
          assert.match(fixes, /ALTER ROLE viewer WITH VIEWACTIVITY;/);
          assert.match(e.message, /GRANT SYSTEM VIEWACTIVITY/);
        }
      });

      it('sees only its own jobs', async () => {
        const r = ok(await jobs(s.viewer, s.f));
        assert.ok(r.items.length > 0);
        assert.ok(r.items.every((j) => j.userName === 'viewer'));
      });
    });
  });
}

describe('api/sql against the simulator (v21: no sql/)', function () {
  this.timeout(30_000);
  let s: Setup;
  before(async () => {
    s = await setUp('v21');
  });
  after(() => s?.sim.close());

  it('every query set is a plain-words unavailable result for the version the nodes report', async () => {
    assert.equal(s.version.major, 21);
    assert.equal(s.f.sqlApi, false);
    const results: Array<WorkloadResult<unknown>> = [
      await topStatements(s.admin, s.f, { window: lastHours(1) }),
      await topTransactions(s.admin, s.f, { window: lastHours(1) }),
      await statementInsights(s.admin, s.f, { window: lastHours(1) }),
      await transactionInsights(s.admin, s.f, { window: lastHours(1) }),
      await contentionEvents(s.admin, s.f, { window: lastHours(1) }),
      await jobs(s.admin, s.f),
    ];
    for (const r of results) {
      assert.equal(r.status, 'unavailable');
      assert.ok(r.status === 'unavailable' && r.reason.length > 10 && r.whatToDo.length > 10);
    }
  });

  it('a query sent anyway is an ApiError, not a crash', async () => {
    try {
      await jobs(s.admin, sqlFeatures({ major: 23, minor: 2 }));
      assert.fail('expected a rejection');
    } catch (err) {
      assert.ok(isApiError(err), `not an ApiError: ${String(err)}`);
      assert.ok(!isSqlError(err));
      assert.ok(err.message.length > 0);
    }
  });
});
