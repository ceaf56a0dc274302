// Sessions, authorisation and injected faults against the simulator.
import assert from 'node:assert/strict';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim } from '../../../../src/sim';
import { ClusterClient } from '../../../../src/api/cluster/client';
import { collect, rejection, ReLoginSession, signedInClient } from './simClient';

describe('ClusterClient sessions and faults (simulator)', () => {
  let sim: RunningClusterSim;
  before(async () => {
    sim = await startClusterSimulator({
      profile: 'v25',
      nodes: 5,
      rangesPerNode: 20,
      sessionsPerNode: 4,
      hotRangesPerNode: 6,
      seed: 11,
      deadNodeDelayMs: 20,
    });
  });
  after(() => sim.close());
  afterEach(() => {
    sim.control.setDownNodes([]);
    sim.control.setFailRate(0);
    sim.control.stallRoute(undefined);
    sim.control.garbageRoute(undefined);
    sim.control.setVirtualCluster(false);
  });

  it('renews the session once for a wave of concurrent 401s, then every request succeeds', async () => {
    const { client, session } = await signedInClient(sim);
    sim.control.expireAllSessions();
    const loginsBefore = sim.control.requestCount('login/');
    const results = await Promise.all([
      client.nodesPage({ limit: 2 }),
      client.usersPage({ limit: 2 }),
      client.databasesPage({ limit: 2 }),
      client.hotRangesPage({ limit: 2 }),
      client.sessionsPage({ limit: 2 }),
      client.eventsPage({ limit: 2 }),
      client.rangeDetail(1),
      client.sql(['SELECT 1']),
    ]);
    assert.equal(results.length, 8);
    assert.equal(session.renewCalls, 1);
    assert.equal(sim.control.requestCount('login/') - loginsBefore, 1);
    // The next wave is a new wave.
    sim.control.expireAllSessions();
    await Promise.all([client.nodesPage({ limit: 1 }), client.usersPage({ limit: 1 })]);
    assert.equal(session.renewCalls, 2);
  });

  it('throws unauthorized when the renewal gives up', async () => {
    const admin = sim.users.find((u) => u.admin)!;
    const session: ReLoginSession = new ReLoginSession(
      (): Promise<string> => client.login(admin.username, admin.password),
      0,
    );
    const client: ClusterClient = new ClusterClient({ baseUrl: sim.clusterUrl, retries: 0, session });
    session.token = await client.login(admin.username, admin.password);
    sim.control.expireAllSessions();
    const errors = await Promise.all([
      rejection(client.nodesPage({ limit: 1 })),
      rejection(client.usersPage({ limit: 1 })),
    ]);
    assert.deepEqual(
      errors.map((e) => e.kind),
      ['unauthorized', 'unauthorized'],
    );
    assert.equal(session.renewCalls, 1);
  });

  it('answers 403 to a user without admin or VIEWCLUSTERMETADATA, while user routes work', async () => {
    const { client } = await signedInClient(sim, 'viewer');
    for (const call of [
      () => client.nodesPage({ limit: 1 }),
      () => client.hotRanges(),
      () => client.sessionsPage({ limit: 1 }),
      () => client.eventsPage({ limit: 1 }),
    ]) {
      const e = await rejection(call());
      assert.equal(e.kind, 'forbidden');
      assert.match(e.message, /needs the admin role or the VIEWCLUSTERMETADATA privilege/);
    }
    assert.ok((await client.databasesPage({ limit: 5 })).items.length > 0);
    const cancel = await rejection(client.cancelSession('0'.repeat(32)));
    assert.equal(cancel.kind, 'forbidden');
  });

  it('logs out: the server revokes the session and the token stops working', async () => {
    const { client, session } = await signedInClient(sim);
    const revokedBefore = sim.control.revokedSessions();
    await client.logout();
    assert.equal(sim.control.revokedSessions(), revokedBefore + 1);
    const stale = new ClusterClient({
      baseUrl: sim.clusterUrl,
      retries: 0,
      session: { getToken: () => session.token },
    });
    assert.equal((await rejection(stale.nodesPage({ limit: 1 }))).kind, 'unauthorized');
    // Logging out again is harmless (the server says "invalid session").
    await client.logout();
    assert.equal(sim.control.revokedSessions(), revokedBefore + 1);
    // Without a token there is nothing to send.
    await new ClusterClient({ baseUrl: sim.clusterUrl }).logout();
  });

  it('reports partial results beside the data when nodes are down', async () => {
    const { client } = await signedInClient(sim);
    sim.control.setDownNodes([3]);
    const sessions = await collect(client.allSessions({ limit: 5 }));
    const items = sessions.flatMap((p) => p.items);
    assert.equal(items.length, 4 * 4);
    assert.ok(items.every((s) => s.nodeId !== 3));
    assert.deepEqual(
      sessions.flatMap((p) => p.errors).map((e) => e.nodeId),
      [3],
    );
    const hot = await client.hotRanges({ pageSize: 4 });
    assert.deepEqual(
      hot.errors.map((e) => e.nodeId),
      [3],
    );
    assert.ok(hot.ranges.length > 0);
    const fan = await client.fanOutNodeRanges([1, 2, 3, 4, 5], { limit: 3 });
    assert.deepEqual(
      fan.map((r) => [r.nodeId, r.ranges.length, r.error?.name]),
      [
        [1, 3, undefined],
        [2, 3, undefined],
        [3, 0, 'ApiError'],
        [4, 3, undefined],
        [5, 3, undefined],
      ],
    );
    const ranges = (await client.nodeRangesPage(1, { limit: 20 })).items;
    const detail = await client.rangeDetail(ranges[0]!.rangeId);
    const down = detail.byNode.find((n) => n.nodeId === 3);
    assert.ok(down?.error && down.rangeInfo === undefined);
    assert.ok(detail.byNode.some((n) => n.rangeInfo !== undefined));
    const nodes = await collect(client.allNodes());
    assert.notEqual(nodes.find((n) => n.nodeId === 3)!.liveness, 'live');
  });

  it('on a cluster that turns virtualized, system routes find the system cluster by themselves', async () => {
    let detected = 0;
    const { client } = await signedInClient(sim, 'admin', { onVirtualized: () => detected++ });
    sim.control.setVirtualCluster(true);
    const before = sim.control.tenantRequestCount('system', 'nodes/');
    assert.equal((await client.nodesPage({ limit: 1 })).items.length, 1);
    assert.equal(detected, 1);
    assert.equal(sim.control.tenantRequestCount('system', 'nodes/') - before, 1);
    assert.equal(
      sim.control.tenantRequestCount('app', 'nodes/'),
      1,
      'only the first, refused request went to the default',
    );
    await client.nodesPage({ limit: 1 });
    assert.equal(detected, 1);
    assert.ok((await client.alertingRules()).rules.length > 0);
  });

  it('does not retry a 500 (the handler would fail the same way) nor POSTs, and reports malformed bodies', async () => {
    const { client } = await signedInClient(sim, 'admin', { retries: 2 });
    sim.control.setFailRate(1);
    let before = sim.control.requestCount('users/');
    const e = await rejection(client.usersPage({ limit: 1 }));
    assert.equal(e.kind, 'server');
    assert.match(e.message, /An internal server error has occurred/);
    assert.equal(sim.control.requestCount('users/') - before, 1);
    before = sim.control.requestCount('sql/');
    await rejection(client.sql(['SELECT 1']));
    assert.equal(sim.control.requestCount('sql/') - before, 1);
    sim.control.setFailRate(0);
    sim.control.garbageRoute('nodes/');
    const g = await rejection(client.nodesPage({ limit: 1 }));
    assert.equal(g.kind, 'malformed');
  });

  it('times out a stalled route and cancels on abort', async () => {
    const { client } = await signedInClient(sim, 'admin', { timeoutMs: 250 });
    sim.control.stallRoute('databases/');
    const t = await rejection(client.databasesPage({ limit: 1 }));
    assert.equal(t.kind, 'timeout');
    assert.match(t.message, /250 ms/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    assert.equal(
      (await rejection(client.databasesPage({ limit: 1 }, { signal: ac.signal, timeoutMs: 5000 }))).kind,
      'cancelled',
    );
  });
});

describe('ClusterClient on insecure clusters (simulator)', () => {
  it('v22.1.11+ serves everything without a session header', async () => {
    const sim = await startClusterSimulator({
      profile: 'v25',
      nodes: 2,
      rangesPerNode: 5,
      sessionsPerNode: 2,
      insecure: true,
    });
    try {
      const client: ClusterClient = new ClusterClient({ baseUrl: `${sim.clusterUrl}/`, retries: 0 });
      assert.equal((await collect(client.allNodes())).length, 2);
      assert.ok((await client.sessionsPage({ limit: 10 })).items.length > 0);
    } finally {
      await sim.close();
    }
  });

  it('v21 still wants a session: without one the client reports unauthorized', async () => {
    const sim = await startClusterSimulator({ profile: 'v21', nodes: 2, rangesPerNode: 5, insecure: true });
    try {
      const e = await rejection(new ClusterClient({ baseUrl: sim.clusterUrl, retries: 0 }).nodesPage({ limit: 1 }));
      assert.equal(e.kind, 'unauthorized');
      const { client } = await signedInClient(sim);
      assert.equal((await client.nodesPage({ limit: 5 })).items.length, 2);
    } finally {
      await sim.close();
    }
  });
});
