// Every workload read through the one dispatcher the explorer uses
// (ClusterClient.workload → readWorkload → the query sets → POST /api/v2/sql/)
// against the simulator, for each version: v22.1 and v22.2 (a v23 simulator
// whose nodes/ answers name a v22 build, so the client plans v22 SQL), v23,
// v25 and v26 (crdb_internal locked). Then the live workload's consistency as
// the explorer sees it: a contention event's blocker and a lock's holder are
// open transactions of sessions from allSessions(), those sessions run
// fingerprints the statement statistics list, and cancelling the blocker
// releases its locks.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterClient } from '../../../../src/api/cluster/client';
import type { Session } from '../../../../src/api/cluster/models';
import {
  planTree,
  readWorkload,
  sqlFeatures,
  type SqlVersion,
  type WorkloadItems,
  type WorkloadResult,
  type WorkloadKind,
  type WorkloadQuery,
} from '../../../../src/api/sql';
import { normalizeSql } from '../../../../src/domain/fingerprint';
import { startClusterSimulator, type RunningClusterSim } from '../../../../src/sim';
import type { SimProfile } from '../../../../src/sim/types';
import { collect, signedInClient } from '../cluster/simClient';

const HOUR = 3_600_000;
const window = (hours: number) => ({ start: new Date(Date.now() - hours * HOUR) });

function ok<T>(r: WorkloadResult<T>): WorkloadItems<T> {
  assert.equal(r.status, 'ok', r.status === 'unavailable' ? `unavailable: ${r.reason}` : '');
  return r as WorkloadItems<T>;
}

/**
 * A pass-through to the simulator whose nodes/ answers name another build, so that the
 * client plans the SQL of that version (the simulator has no v22 profile of its own).
 */
async function versionProxy(
  target: string,
  from: string,
  to: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => k !== 'host' && k !== 'content-length' && typeof v === 'string'),
      ) as Record<string, string>;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      void fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, body })
        .then(async (up) => {
          let out = Buffer.from(await up.arrayBuffer());
          if (/\/api\/v2\/nodes\//.test(req.url ?? '')) out = Buffer.from(out.toString('utf8').replaceAll(from, to));
          const keep: Record<string, string> = {};
          up.headers.forEach((v, k) => {
            if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) keep[k] = v;
          });
          res.writeHead(up.status, { ...keep, 'content-length': String(out.length) });
          res.end(out);
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Expect = 'ok' | 'unavailable';

interface Case {
  name: string;
  profile: SimProfile;
  /** The build the client is shown (by the proxy) instead of the simulator's own. */
  build?: string;
  version: SqlVersion;
  /** Source per kind, or 'unavailable'. */
  expect: { [K in WorkloadKind]: string | Expect };
}

const STATS = 'crdb_internal.statement_statistics';
const CASES: Case[] = [
  {
    name: 'v22.1',
    profile: 'v23',
    build: 'v22.1.22',
    version: { major: 22, minor: 1 },
    expect: {
      statements: STATS,
      transactions: 'crdb_internal.transaction_statistics',
      statementInsights: 'unavailable',
      transactionInsights: 'unavailable',
      contention: 'crdb_internal.transaction_contention_events',
      lockWaits: 'unavailable',
      jobs: 'SHOW JOBS',
      statementHistory: STATS,
    },
  },
  {
    name: 'v22.2',
    profile: 'v23',
    build: 'v22.2.19',
    version: { major: 22, minor: 2 },
    expect: {
      statements: STATS,
      transactions: 'crdb_internal.transaction_statistics',
      statementInsights: 'crdb_internal.cluster_execution_insights',
      transactionInsights: 'unavailable',
      contention: 'crdb_internal.transaction_contention_events',
      lockWaits: 'crdb_internal.cluster_locks',
      jobs: 'SHOW JOBS',
      statementHistory: STATS,
    },
  },
  ...(['v23', 'v25'] as const).map((profile): Case => ({
    name: profile,
    profile,
    version: profile === 'v23' ? { major: 23, minor: 2 } : { major: 25, minor: 2 },
    expect: {
      statements: 'crdb_internal.statement_activity',
      transactions: 'crdb_internal.transaction_activity',
      statementInsights: 'crdb_internal.cluster_execution_insights',
      transactionInsights: 'crdb_internal.cluster_txn_execution_insights',
      contention: 'crdb_internal.transaction_contention_events',
      lockWaits: 'crdb_internal.cluster_locks',
      jobs: 'SHOW JOBS',
      statementHistory: STATS,
    },
  })),
  {
    name: 'v26',
    profile: 'v26',
    version: { major: 26, minor: 1 },
    expect: {
      statements: 'information_schema.crdb_statement_statistics',
      transactions: 'information_schema.crdb_transaction_statistics',
      statementInsights: 'unavailable',
      transactionInsights: 'unavailable',
      contention: 'unavailable',
      lockWaits: 'unavailable',
      jobs: 'information_schema.crdb_jobs_with_progress',
      statementHistory: 'information_schema.crdb_statement_statistics',
    },
  },
];

/** One query per kind: the last six hours, enough rows to see. */
function queryFor<K extends WorkloadKind>(kind: K, fingerprintId = '0000000000000000'): WorkloadQuery<K> {
  const w = window(6);
  const queries: { [J in WorkloadKind]: WorkloadQuery<J> } = {
    statements: { window: w, limit: 50 },
    transactions: { window: w, limit: 50 },
    statementInsights: { window: w },
    transactionInsights: { window: w },
    contention: { window: w },
    lockWaits: {},
    jobs: { limit: 200 },
    statementHistory: { window: w, fingerprintId },
  };
  return queries[kind];
}

const KINDS: WorkloadKind[] = [
  'statements',
  'transactions',
  'statementInsights',
  'transactionInsights',
  'contention',
  'lockWaits',
  'jobs',
  'statementHistory',
];

for (const c of CASES) {
  describe(`api/sql workload dispatcher against the simulator (${c.name})`, function () {
    this.timeout(30_000);
    let sim: RunningClusterSim;
    let proxy: { url: string; close(): Promise<void> } | undefined;
    let client: ClusterClient;
    const locked = c.version.major >= 26;

    before(async function () {
      this.timeout(60_000);
      sim = await startClusterSimulator({ profile: c.profile, nodes: 3, rangesPerNode: 20, seed: 31 });
      proxy = c.build ? await versionProxy(sim.clusterUrl, 'v23.2.9', c.build) : undefined;
      ({ client } = await signedInClient(proxy ? { ...sim, clusterUrl: proxy.url } : sim, 'admin'));
      // Starts the engine once for every test below; the first read also learns the version.
      ok(await client.workload('jobs', { limit: 1 }));
    });
    after(async () => {
      await proxy?.close();
      await sim?.close();
    });

    it(`plans for ${c.name} and answers every kind from the expected source`, async () => {
      for (const kind of KINDS) {
        const r = await client.workload(kind, queryFor(kind));
        assert.deepEqual(r.version, c.version, kind);
        const want = c.expect[kind];
        if (want === 'unavailable') {
          assert.equal(r.status, 'unavailable', `${kind} should be unavailable on ${c.name}`);
          assert.ok(r.status === 'unavailable' && r.reason.length > 10 && r.whatToDo.length > 10);
          if (locked) {
            assert.match(r.reason, /crdb_internal/, kind);
            assert.match(r.whatToDo, /ALTER ROLE admin SET allow_unsafe_internals = on/, kind);
          } else assert.match(r.reason, /v2[23]\.\d/, kind);
          continue;
        }
        assert.equal(r.status, 'ok', r.status === 'unavailable' ? `${kind}: ${r.reason}` : kind);
        assert.equal(r.status === 'ok' && r.source, want, kind);
      }
    });

    it('statement history: hourly points for one fingerprint that add up to its top-statements total', async () => {
      const top = ok(await client.workload('statements', { window: window(6), limit: 500, metric: 'executionCount' }));
      // A full-scan fingerprint with an index recommendation (where the source has them).
      const st =
        top.items.find((x) => x.fullScan && x.indexRecommendations.length > 0) ??
        top.items.find((x) => /FROM rides WHERE rider_id/.test(x.query)) ??
        top.items[0]!;
      const h = ok(
        await client.workload('statementHistory', {
          window: window(6),
          fingerprintId: st.fingerprintId,
          app: st.appName,
        }),
      );
      assert.equal(h.source, c.expect.statementHistory);
      assert.ok(h.items.length >= 1 && h.items.length <= 7, `${h.items.length} hours`);
      for (let i = 1; i < h.items.length; i++)
        assert.ok(h.items[i - 1]!.at.getTime() < h.items[i]!.at.getTime(), 'hours not ascending');
      for (const p of h.items) {
        assert.equal(p.at.getTime() % HOUR, 0, 'a point per hourly bucket');
        assert.ok(p.executionCount > 0 && p.meanLatency > 0, JSON.stringify(p));
        assert.ok(p.p99Latency === undefined || p.p99Latency >= 0);
      }
      const total = h.items.reduce((a, p) => a + p.executionCount, 0);
      assert.equal(total, st.executionCount, 'history and top statements disagree on the executions');
      if (locked) {
        // The stable view has no plans and no recommendations.
        assert.ok(
          h.items.every((p) => p.planGists.length === 0 && p.sampledPlan === '' && p.indexRecommendations.length === 0),
        );
        return;
      }
      // v22.1 has no index_recommendations column; from v22.2 every hour carries the fingerprint's.
      const v22_1 = c.version.major === 22 && c.version.minor === 1;
      if (!v22_1) assert.ok(st.fullScan && st.indexRecommendations.length > 0, `${st.query} has no recommendation`);
      for (const p of h.items) {
        assert.deepEqual(p.planGists, ['AgHQAQIAAwAAAAMGAg==']);
        assert.match(p.sampledPlan, /^• (scan|index join)$/);
        if (v22_1) assert.deepEqual(p.indexRecommendations, []);
        else assert.deepEqual(p.indexRecommendations, st.indexRecommendations);
        if (!v22_1) assert.match(p.indexRecommendations[0]!, /^creation : CREATE INDEX ON /);
      }
      // Another app's name, or a fingerprint that does not exist: no points, not an error.
      const other = ok(
        await client.workload('statementHistory', {
          window: window(6),
          fingerprintId: st.fingerprintId,
          app: 'no such app',
        }),
      );
      assert.equal(other.items.length, 0);
      const none = ok(await client.workload('statementHistory', queryFor('statementHistory', 'ffffffffffffffff')));
      assert.equal(none.items.length, 0);
    });

    if (c.expect.lockWaits !== 'unavailable') {
      it('lock waits: contended keys only, holder first then its waiters, filtered by table', async () => {
        const r = ok(await client.workload('lockWaits', {}));
        assert.ok(r.items.length >= 8, `${r.items.length} locks`);
        const byKey = new Map<string, typeof r.items>();
        for (const l of r.items) byKey.set(l.key, [...(byKey.get(l.key) ?? []), l]);
        for (const [key, ls] of byKey) {
          assert.equal(ls[0]!.granted, true, `${key}: the holder is not listed first`);
          assert.ok(ls.slice(1).length > 0 && ls.slice(1).every((l) => !l.granted), `${key}: nobody waits`);
          assert.ok(ls.every((l) => l.table === ls[0]!.table && l.database !== '' && l.index !== ''));
          assert.match(ls[0]!.txnId, /^[0-9a-f]{8}-[0-9a-f]{4}-/);
          assert.ok(ls[0]!.duration! > ls[1]!.duration!, 'the holder held it longer than its waiter waited');
          assert.ok(ls[0]!.since instanceof Date && ls[0]!.rangeId! > 0);
        }
        const accounts = ok(await client.workload('lockWaits', { table: 'accounts' }));
        assert.ok(accounts.items.length > 0 && accounts.items.every((l) => l.table === 'accounts'));
        assert.equal(accounts.items.length, r.items.filter((l) => l.table === 'accounts').length);
        assert.equal(ok(await client.workload('lockWaits', { limit: 3 })).items.length, 3);
        assert.equal(ok(await client.workload('lockWaits', { table: "accounts' OR '1'='1" })).items.length, 0);
      });
    }

    if (c.expect.contention !== 'unavailable') {
      it('contention: the v22 SQL has no statement ids; v23.1+ names the waiting statement', async () => {
        const r = ok(await client.workload('contention', { window: window(6) }));
        assert.ok(r.items.length > 4);
        const newest = r.items[0]!;
        if (c.version.major === 22) {
          assert.equal(newest.waitingStatementId, '');
          assert.match(newest.key, /^[0-9a-f]+$/, 'v22 shows the key as hex');
        } else {
          assert.match(newest.waitingStatementId, /^[0-9a-f]{32}$/);
          assert.match(newest.key, /^\/Table\/\d+\/\d+\//);
        }
      });
    }
  });
}

describe('api/sql workload dispatcher (v21: no sql/)', () => {
  it('readWorkload answers every kind unavailable, in plain words, without sending anything', async () => {
    const executor = {
      execute: () => Promise.reject(new Error('no statement may be sent to a v21 cluster')),
    };
    for (const kind of KINDS) {
      const r = await readWorkload(kind, executor, sqlFeatures({ major: 21, minor: 2 }), queryFor(kind));
      assert.equal(r.status, 'unavailable', kind);
      assert.ok(r.status === 'unavailable' && r.reason.length > 10 && r.whatToDo.length > 10, kind);
    }
  });
});

describe('api/sql workload: live blockers are live sessions (v25)', function () {
  this.timeout(30_000);
  let sim: RunningClusterSim;
  let client: ClusterClient;
  before(async function () {
    this.timeout(60_000);
    sim = await startClusterSimulator({ profile: 'v25', nodes: 3, rangesPerNode: 20, seed: 77 });
    ({ client } = await signedInClient(sim, 'admin'));
  });
  after(() => sim?.close());

  const openSessions = async (): Promise<Session[]> =>
    (await collect(client.allSessions({ excludeClosed: true, limit: 200 }))).flatMap((p) => p.items);

  it("a contention event's blocker and waiter are the open transactions of live sessions", async () => {
    const events = ok(await client.workload('contention', { window: window(1) }));
    const sessions = await openSessions();
    const byTxn = new Map(sessions.filter((s) => s.activeTxnId).map((s) => [s.activeTxnId!, s]));
    const live = events.items.filter((e) => byTxn.has(e.blockingTxnId));
    assert.ok(live.length >= 3, `only ${live.length} events name an open transaction`);
    // The newest events are the live ones.
    assert.ok(events.items.slice(0, live.length).every((e) => byTxn.has(e.blockingTxnId)));
    const top = ok(await client.workload('statements', { window: window(6), limit: 1000, includeInternal: true }));
    // Waiting now: both sides live. Waited earlier (the execution finished, as a contended insight)
    // on a blocker that is still open.
    const now = live.filter((e) => byTxn.has(e.waitingTxnId));
    const earlier = live.filter((e) => !byTxn.has(e.waitingTxnId));
    assert.ok(now.length >= 3 && earlier.length >= 3, `${now.length} waiting now, ${earlier.length} earlier`);
    const insights = ok(await client.workload('statementInsights', { window: window(1) }));
    for (const e of earlier) {
      const i = insights.items.find((x) => x.statementId === e.waitingStatementId);
      assert.ok(i, `statement ${e.waitingStatementId} is a statement insight`);
      assert.ok(i.causes.includes('HighContention'));
      assert.equal(i.transactionId, e.waitingTxnId);
      assert.equal(i.statementFingerprintId, e.waitingStatementFingerprintId);
    }
    for (const e of now) {
      const waiter = byTxn.get(e.waitingTxnId);
      assert.ok(waiter, `waiting txn ${e.waitingTxnId} is no live session's`);
      const q = waiter.activeQueries[0]!;
      assert.equal(q.id, e.waitingStatementId, "the waiting statement is the waiter's running query");
      assert.equal(q.txnId, e.waitingTxnId);
      // The waiting statement's fingerprint is the one the live query normalises to.
      const fp = top.items.find((s) => s.fingerprintId === e.waitingStatementFingerprintId);
      assert.ok(fp, `fingerprint ${e.waitingStatementFingerprintId} not in the statistics`);
      assert.equal(normalizeSql(q.sqlNoConstants ?? ''), normalizeSql(fp.query));
      assert.equal(normalizeSql(q.sql), normalizeSql(fp.query));
      assert.notEqual(byTxn.get(e.blockingTxnId)!.id, waiter.id);
    }
  });

  it("live sessions' active queries normalise to fingerprints of the statement statistics", async () => {
    const top = ok(await client.workload('statements', { window: window(6), limit: 1000, includeInternal: true }));
    const texts = new Set(top.items.map((s) => normalizeSql(s.query)));
    const queries = (await openSessions()).flatMap((s) => s.activeQueries);
    const matching = queries.filter((q) => q.sqlNoConstants !== undefined && texts.has(normalizeSql(q.sqlNoConstants)));
    assert.ok(matching.length >= 12, `only ${matching.length} running statements are fingerprints`);
    // Where the live query's sql_no_constants has `_`, the fingerprint has `$1`: equal only once normalised.
    assert.ok(matching.some((q) => !top.items.some((s) => s.query === q.sqlNoConstants)));
  });

  it('cancel the blocking session: it is gone from the sessions and its locks are released', async () => {
    const locks = ok(await client.workload('lockWaits', {}));
    const holder = locks.items.find((l) => l.granted)!;
    const waiter = locks.items.find((l) => !l.granted && l.key === holder.key)!;
    const blocker = (await openSessions()).find((s) => s.activeTxnId === holder.txnId);
    assert.ok(blocker, `lock holder ${holder.txnId} is no live session's`);
    await client.cancelSession(blocker.id);
    assert.deepEqual(sim.control.cancelledSessions(), [blocker.id]);
    const after = await openSessions();
    assert.ok(!after.some((s) => s.id === blocker.id || s.activeTxnId === holder.txnId));
    assert.ok(
      after.some((s) => s.activeTxnId === waiter.txnId),
      'the waiter is still running',
    );
    const now = ok(await client.workload('lockWaits', {}));
    assert.ok(!now.items.some((l) => l.txnId === holder.txnId || l.key === holder.key));
    assert.equal(now.items.length, locks.items.filter((l) => l.key !== holder.key).length);
    // The event history still names the blocker, which no session holds any more.
    const events = ok(await client.workload('contention', { window: window(1) }));
    assert.ok(events.items.some((e) => e.blockingTxnId === holder.txnId));
  });

  it('planTree renders a sampled plan as an indented operator tree', () => {
    const plan = {
      Name: 'index join',
      Attrs: [{ Key: 'table', Value: 'rides@rides_pkey' }],
      Children: [
        {
          Name: 'scan',
          Attrs: [
            { Key: 'missing stats', Value: '' },
            { Key: '', Value: '' },
          ],
          Children: [],
        },
      ],
    };
    assert.equal(planTree(plan), '• index join (table: rides@rides_pkey)\n  • scan (missing stats: )');
    assert.equal(planTree(JSON.stringify(plan)), planTree(plan));
    assert.equal(planTree({ Name: '' }), '');
    assert.equal(planTree(null), '');
  });
});
