// Every route against the simulator, for every server profile.
import assert from 'node:assert/strict';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim, SimProfile } from '../../../../src/sim';
import type { ClusterClient } from '../../../../src/api/cluster/client';
import type { OffsetPage } from '../../../../src/api/cluster/models';
import { collect, rejection, signedInClient } from './simClient';

const NODES = 4;
const SESSIONS_PER_NODE = 7;
const RANGES_PER_NODE = 30;

async function walkOffset<T>(
  fetchPage: (p: { limit: number; offset: number }) => Promise<OffsetPage<T>>,
  limit: number,
): Promise<{ items: T[]; calls: number }> {
  const items: T[] = [];
  let offset = 0;
  let calls = 0;
  for (;;) {
    calls++;
    const page = await fetchPage({ limit, offset });
    items.push(...page.items);
    if (page.next === undefined) return { items, calls };
    assert.ok(page.next > offset);
    offset = page.next;
  }
}

for (const profile of ['v21', 'v23', 'v25', 'seed-spec'] as SimProfile[]) {
  describe(`ClusterClient against the simulator (${profile})`, () => {
    let sim: RunningClusterSim;
    let client: ClusterClient;

    before(async () => {
      sim = await startClusterSimulator({
        profile,
        nodes: NODES,
        rangesPerNode: RANGES_PER_NODE,
        sessionsPerNode: SESSIONS_PER_NODE,
        hotRangesPerNode: 9,
        seed: 7,
      });
      ({ client } = await signedInClient(sim));
    });
    after(() => sim.close());

    it('signs in with a form body (case-folded user name)', async () => {
      const before = sim.control.requestCount('login/');
      const token = await client.login('ADMIN', 'cockroach-admin');
      assert.match(token, /^[A-Za-z0-9+/]+=*$/);
      assert.equal(sim.control.requestCount('login/') - before, 1);
      const bad = await rejection(client.login('admin', 'wrong'));
      assert.equal(bad.kind, 'unauthorized');
    });

    it('checks health and readiness', async () => {
      await client.health(false);
      await client.health(true);
      sim.control.setNotReady(true);
      try {
        await client.health(false);
        const e = await rejection(client.health(true));
        assert.equal(e.kind, 'server');
        assert.match(e.message, /not ready/);
      } finally {
        sim.control.setNotReady(false);
      }
    });

    it('lists nodes page by page and all at once, with exact timestamps', async () => {
      const all = await collect(client.allNodes());
      assert.deepEqual(
        all.map((n) => n.nodeId),
        [1, 2, 3, 4],
      );
      const first = all[0]!;
      assert.equal(typeof first.startedAt, 'bigint');
      assert.ok(first.startedAt > 1_000_000_000_000_000_000n);
      assert.ok(first.address.includes(':'));
      assert.match(first.version, /^v\d+\.\d+/);
      assert.equal(first.liveness, profile === 'seed-spec' ? 'unknown' : 'live');
      assert.ok(first.locality.length > 0);
      assert.ok(Object.keys(first.metrics).length > 0);
      if (profile !== 'v21') assert.ok(Object.keys(first.storeMetrics).length > 0);
      const { items, calls } = await walkOffset((p) => client.nodesPage(p), 3);
      assert.equal(items.length, NODES);
      assert.equal(calls, 2);
    });

    it('pages a node’s ranges to the end and filters by range id', async () => {
      const { items, calls } = await walkOffset((p) => client.nodeRangesPage(2, p), 8);
      assert.equal(items.length, RANGES_PER_NODE);
      assert.equal(calls, Math.ceil(RANGES_PER_NODE / 8));
      assert.ok(items.every((r) => r.sourceNodeId === 2 && r.rangeId > 0));
      assert.ok(items.some((r) => r.leaseholderNodeId !== undefined));
      const wanted = items.slice(0, 2).map((r) => r.rangeId);
      const filtered = await client.nodeRangesPage(2, { limit: 10, rangeIds: wanted });
      assert.deepEqual(
        filtered.items.map((r) => r.rangeId),
        wanted,
      );
      const local = await client.nodeRangesPage('local', { limit: 1 });
      assert.equal(local.items[0]!.sourceNodeId, 1);
    });

    it('fans out over nodes', async () => {
      const results = await client.fanOutNodeRanges([1, 2, 3, 4], { limit: 5 });
      assert.deepEqual(
        results.map((r) => [r.nodeId, r.ranges.length, r.next, r.error]),
        [1, 2, 3, 4].map((n) => [n, 5, 5, undefined]),
      );
    });

    it('walks every hot-range page and de-duplicates replicas', async () => {
      const before = sim.control.requestCount('ranges/hot/');
      const walked = await client.hotRanges({ pageSize: 5 });
      const calls = sim.control.requestCount('ranges/hot/') - before;
      assert.equal(calls, Math.ceil((NODES * 9) / 5));
      const oneShot = await client.hotRanges({ pageSize: 1000 });
      assert.deepEqual(
        walked.ranges.map((r) => r.rangeId).sort((a, b) => a - b),
        oneShot.ranges.map((r) => r.rangeId).sort((a, b) => a - b),
      );
      const ids = walked.ranges.map((r) => r.rangeId);
      assert.equal(new Set(ids).size, ids.length);
      for (let i = 1; i < walked.ranges.length; i++) assert.ok(walked.ranges[i - 1]!.qps >= walked.ranges[i]!.qps);
      const top = walked.ranges[0]!;
      assert.ok(top.qps > 0);
      if (profile === 'v25') assert.ok(top.tables.length > 0 && top.writesPerSecond !== undefined);
      if (profile === 'v23' || profile === 'seed-spec') assert.equal(top.tables.length, 1);
      if (profile === 'v21') assert.ok(top.startKey !== undefined && top.tables.length === 0);
      if (profile === 'v23' || profile === 'v25')
        assert.ok(top.leaseholderNodeId !== undefined && top.replicaNodeIds.length >= 2);
      assert.deepEqual(walked.errors, []);
      const page = await client.hotRangesPage({ limit: 3, nodeId: 2 });
      assert.ok(page.items.length <= 3 && page.items.length > 0);
      assert.ok(page.items.every((r) => r.replicaNodeIds.includes(2)));
      assert.ok(page.next);
      const rest = await client.hotRangesPage({ limit: 100, nodeId: 2, start: page.next });
      assert.equal(rest.next, undefined);
    });

    it('reads range detail with the leaseholder', async () => {
      const [range] = (await client.nodeRangesPage(1, { limit: 1 })).items;
      const detail = await client.rangeDetail(range!.rangeId);
      assert.equal(detail.rangeId, range!.rangeId);
      assert.ok(detail.byNode.length >= 1);
      assert.ok(detail.byNode.some((n) => n.nodeId === 1 && n.rangeInfo?.rangeId === range!.rangeId));
      if (range!.leaseholderNodeId !== undefined) assert.equal(detail.leaseholderNodeId, range!.leaseholderNodeId);
    });

    it('walks sessions to the end with the cursor, and filters', async () => {
      const before = sim.control.requestCount('sessions/');
      const pages = await collect(client.allSessions({ limit: 4 }));
      const calls = sim.control.requestCount('sessions/') - before;
      const sessions = pages.flatMap((p) => p.items);
      assert.equal(sessions.length, NODES * SESSIONS_PER_NODE);
      assert.equal(calls, pages.length);
      assert.equal(pages.length, Math.ceil((NODES * SESSIONS_PER_NODE) / 4));
      assert.equal(pages.at(-1)!.next, undefined);
      assert.equal(new Set(sessions.map((s) => s.id)).size, sessions.length);
      assert.ok(sessions.every((s) => /^[0-9a-f]{32}$/.test(s.id)));
      assert.ok(sessions.some((s) => s.activeQueries.length > 0 && /^[0-9a-f]{32}$/.test(s.activeQueries[0]!.id)));
      if (profile === 'v21') assert.ok(sessions.every((s) => s.status === 'active'));
      else assert.ok(sessions.some((s) => s.status !== 'active'));
      const user = sessions[0]!.username;
      const mine = (await collect(client.allSessions({ username: user, limit: 3 }))).flatMap((p) => p.items);
      assert.ok(mine.length > 0 && mine.every((s) => s.username === user));
      if (profile !== 'v21') {
        const open = (await collect(client.allSessions({ excludeClosed: true }))).flatMap((p) => p.items);
        assert.ok(open.length < sessions.length && open.every((s) => s.status !== 'closed'));
      }
    });

    it('pages events, users, databases, grants and tables to the end (offset scheme)', async () => {
      const events = await walkOffset((p) => client.eventsPage(p), 25);
      assert.ok(events.items.length > 25);
      assert.ok(events.items.every((e) => e.eventType !== ''));
      const type = events.items[0]!.eventType;
      const ofType = await client.eventsPage({ limit: 500, type });
      assert.ok(ofType.items.length > 0 && ofType.items.every((e) => e.eventType === type));
      const users = await walkOffset((p) => client.usersPage(p), 2);
      assert.ok(users.items.includes('admin') && users.items.includes('viewer'));
      assert.equal(new Set(users.items).size, users.items.length);
      const dbs = await walkOffset((p) => client.databasesPage(p), 2);
      assert.ok(dbs.items.includes('movr'));
      const grants = await walkOffset((p) => client.databaseGrantsPage('movr', p), 1);
      assert.ok(grants.items.length > 0 && grants.items.every((g) => g.user !== '' && g.privileges.length > 0));
      const tables = await walkOffset((p) => client.tablesPage('movr', p), 2);
      assert.ok(tables.items.length > 0);
      const details = await client.tableDetails('movr', tables.items[0]!);
      assert.ok(details.columns.length > 0 && details.indexes.length > 0);
      assert.ok(details.createStatement.startsWith('CREATE TABLE'));
      assert.ok(details.rangeCount > 0);
      const missing = await rejection(client.tableDetails('movr', 'no_such_table'));
      assert.equal(missing.kind, 'notFound');
      assert.equal(missing.message, 'Table "no_such_table" was not found in database "movr".');
      const noDb = await rejection(client.tablesPage('no_such_db', { limit: 1 }));
      assert.equal(noDb.message, 'Database "no_such_db" was not found.');
    });

    if (profile === 'v21') {
      it('reports rules/ and sql/ as not found on v21', async () => {
        assert.equal((await rejection(client.alertingRules())).kind, 'notFound');
        assert.equal((await rejection(client.sql(['SELECT 1']))).kind, 'notFound');
      });
    } else {
      it('reads alerting rules', async () => {
        const rules = await client.alertingRules();
        assert.ok(rules.rules.some((r) => r.kind === 'alert' && r.expr !== ''));
        assert.ok(rules.rules.some((r) => r.kind === 'record'));
        assert.ok(rules.rawYaml.length > 0);
      });

      it('runs SQL and cancels a query and a session', async () => {
        const r = await client.sql(['SELECT 1']);
        assert.deepEqual(r.statements[0]!.rows, [{ '?column?': 1 }]);
        const sessions = (await collect(client.allSessions({ excludeClosed: true }))).flatMap((p) => p.items);
        const withQuery = sessions.find((s) => s.activeQueries.length > 0)!;
        await client.cancelQuery(withQuery.activeQueries[0]!.id);
        assert.deepEqual(sim.control.cancelledQueries(), [withQuery.activeQueries[0]!.id]);
        const victim = sessions.find((s) => s.status !== 'closed')!;
        await client.cancelSession(victim.id);
        assert.deepEqual(sim.control.cancelledSessions(), [victim.id]);
        const again = await rejection(client.cancelSession(victim.id));
        assert.equal(again.kind, 'badRequest');
        assert.match(again.message, /not found/);
      });
    }
  });
}
