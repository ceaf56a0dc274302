// The client on a cluster with cluster virtualization (simulator --virtualized):
// sign-in through the controller's /login, system routes to the system cluster,
// sessions and SQL from the chosen virtual cluster, sign-out of every cluster.
import assert from 'node:assert/strict';
import { ClusterClient } from '../../../../src/api/cluster/client';
import type { ClusterClientOptions } from '../../../../src/api/cluster/api';
import {
  clustersInSession,
  isNotAvailableOnTenants,
  sessionFromSetCookie,
  sessionHeaders,
} from '../../../../src/api/cluster/virtualCluster';
import { sessionFromSqlRow, sessionsFromSqlRows, sqlSessionsOffset } from '../../../../src/api/cluster/sqlSessions';
import { ApiError } from '../../../../src/api/http/errors';
import { startClusterSimulator, type RunningClusterSim } from '../../../../src/sim';
import { collect, ReLoginSession } from './simClient';

async function signIn(
  sim: RunningClusterSim,
  extra: Partial<ClusterClientOptions> = {},
): Promise<{ client: ClusterClient; session: ReLoginSession; detected: () => number }> {
  let detected = 0;
  const admin = sim.users.find((u) => u.username === 'admin')!;
  const session: ReLoginSession = new ReLoginSession(() => client.login(admin.username, admin.password));
  const client: ClusterClient = new ClusterClient({
    baseUrl: sim.clusterUrl,
    retries: 0,
    session,
    onVirtualized: () => detected++,
    ...extra,
  });
  session.token = await client.login(admin.username, admin.password);
  return { client, session, detected: () => detected };
}

async function allSessions(client: ClusterClient, limit: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of client.allSessions({ limit, excludeClosed: true })) ids.push(...page.items.map((s) => s.id));
  return ids;
}

describe('ClusterClient on a virtualized cluster (simulator)', () => {
  let sim: RunningClusterSim;
  before(async () => {
    sim = await startClusterSimulator({ nodes: 4, virtualized: true, sessionsPerNode: 7 });
  });
  after(() => sim.close());

  it('signs in to every virtual cluster when the default one refuses login/', async () => {
    const { session, detected } = await signIn(sim);
    assert.deepEqual(clustersInSession(session.token!), ['app', 'system']);
    assert.equal(detected(), 1);
  });

  it('reads nodes, ranges and hot ranges from the system cluster and health before signing in', async () => {
    const anon = new ClusterClient({ baseUrl: sim.clusterUrl, retries: 0 });
    await anon.health(true);
    const { client } = await signIn(sim);
    const before = sim.control.tenantRequestCount('app');
    const nodes = await collect(client.allNodes());
    assert.equal(nodes.length, 4);
    const hot = await client.hotRanges({ pageSize: 50 });
    assert.ok(hot.ranges.length > 0);
    const detail = await client.rangeDetail(hot.ranges[0]!.rangeId);
    assert.ok(detail.byNode.some((n) => n.rangeInfo));
    assert.ok((await client.eventsPage({ limit: 5 })).items.length > 0);
    assert.equal(sim.control.tenantRequestCount('app') - before, 0, 'nothing went to the application cluster');
  });

  it('lists the application cluster’s sessions through sql/, page by page, and cancels there', async () => {
    const { client } = await signIn(sim);
    const sqlBefore = sim.control.tenantRequestCount('app', 'sql/');
    const restBefore = sim.control.requestCount('sessions/');
    const small = await allSessions(client, 3);
    const big = await allSessions(client, 1000);
    assert.deepEqual(small, big);
    assert.equal(new Set(big).size, big.length);
    assert.ok(big.length > 3);
    assert.ok(sim.control.tenantRequestCount('app', 'sql/') - sqlBefore >= Math.ceil(big.length / 3));
    assert.equal(sim.control.requestCount('sessions/') - restBefore, 0);
    const page = await client.sessionsPage({ limit: 50, excludeClosed: true });
    const running = page.items.find((s) => s.activeQueries.length > 0)!;
    assert.ok(running, 'the simulator has a running query');
    await client.cancelQuery(running.activeQueries[0]!.id);
    assert.deepEqual(sim.control.cancelledQueries().at(-1), running.activeQueries[0]!.id);
    assert.ok(page.items.every((s) => s.status !== 'closed'));
    const byUser = await client.sessionsPage({ limit: 50, username: running.username });
    assert.ok(byUser.items.length > 0 && byUser.items.every((s) => s.username === running.username));
  });

  it('reports a node that did not answer beside the sessions of the others', async () => {
    const { client } = await signIn(sim);
    sim.control.setDownNodes([2]);
    try {
      const page = await client.sessionsPage({ limit: 100 });
      assert.deepEqual(
        page.errors.map((e) => e.nodeId),
        [2],
      );
      assert.ok(page.items.length > 0 && page.items.every((s) => s.nodeId !== 2));
    } finally {
      sim.control.setDownNodes([]);
    }
  });

  it('with virtualCluster "system" everything goes to the system cluster, sessions/ included', async () => {
    const { client, session } = await signIn(sim, { virtualCluster: 'system' });
    assert.equal(clustersInSession(session.token!).length, 0, 'a single system-cluster token');
    const before = sim.control.tenantRequestCount('system', 'sessions/');
    assert.ok((await client.sessionsPage({ limit: 5 })).items.length > 0);
    assert.equal(sim.control.tenantRequestCount('system', 'sessions/') - before, 1);
    await client.sql(['SELECT 1']);
    assert.ok(sim.control.tenantRequestCount('system', 'sql/') > 0);
  });

  it('lists the virtual clusters of the session and signs out of all of them', async () => {
    const { client } = await signIn(sim);
    assert.deepEqual(await client.virtualClusters(), ['app', 'system']);
    const revoked = sim.control.revokedSessions();
    await client.logout();
    assert.equal(sim.control.revokedSessions() - revoked, 2);
  });

  it('signs in again silently after the sessions expire', async () => {
    const { client, session } = await signIn(sim);
    sim.control.expireAllSessions();
    assert.ok((await client.sessionsPage({ limit: 2 })).items.length > 0);
    assert.equal(session.renewCalls, 1);
    assert.deepEqual(clustersInSession(session.token!), ['app', 'system']);
  });
});

describe('virtual clusters: pure parts', () => {
  it('sends a single token in the header and an aggregated one as the DB Console cookie', () => {
    assert.deepEqual(sessionHeaders('abc=', 'system'), {
      'X-Cockroach-Tenant': 'system',
      'X-Cockroach-API-Session': 'abc=',
    });
    assert.deepEqual(sessionHeaders('a=,app,s=,system', 'system'), {
      'X-Cockroach-Tenant': 'system',
      'X-Cockroach-API-Session': 'cookie',
      Cookie: 'session="a=,app,s=,system"; tenant=system',
    });
    assert.deepEqual(sessionHeaders('a=,app,s=,system', undefined), {
      'X-Cockroach-API-Session': 'cookie',
      Cookie: 'session="a=,app,s=,system"',
    });
    assert.deepEqual(sessionHeaders(undefined, undefined), {});
  });

  it('finds the session cookie among Set-Cookie lines', () => {
    assert.equal(sessionFromSetCookie(['tenant=app; Path=/', 'session="x,app,y,system"; Path=/']), 'x,app,y,system');
    assert.equal(sessionFromSetCookie('session=x; Path=/; HttpOnly'), 'x');
    assert.equal(sessionFromSetCookie('session=; Path=/'), undefined);
    assert.equal(sessionFromSetCookie(undefined), undefined);
  });

  it('recognises the 501 of an application cluster and nothing else', () => {
    assert.ok(
      isNotAvailableOnTenants(
        new ApiError('notAvailable', 'x', { status: 501, serverMessage: 'Not Available on Tenants' }),
      ),
    );
    assert.ok(
      !isNotAvailableOnTenants(new ApiError('notAvailable', 'x', { status: 501, serverMessage: 'Not Implemented' })),
    );
    assert.ok(!isNotAvailableOnTenants(new Error('Not Available on Tenants')));
  });

  it('reads SQL session rows: zone-less timestamps as UTC, node errors apart, merged queries', () => {
    const s = sessionFromSqlRow({
      node_id: 3,
      session_id: 'ABC',
      status: 'IDLE',
      user_name: 'u',
      session_start: '2025-06-01 12:00:00.5',
      alloc_bytes: 10,
    });
    assert.equal(s.id, 'abc');
    assert.equal(s.status, 'idle');
    assert.equal(s.start?.toISOString(), '2025-06-01T12:00:00.500Z');
    const { sessions, errors } = sessionsFromSqlRows([
      { node_id: 1, session_id: 'a', status: 'ACTIVE', query_id: 'q1', query: 'SELECT 1', phase: 'executing' },
      { node_id: 1, session_id: 'a', status: 'ACTIVE', query_id: 'q2', query: 'SELECT 2', phase: 'preparing' },
      { node_id: 2, session_id: null, active_queries: '-- failed to connect to n2' },
    ]);
    assert.deepEqual(
      sessions[0]!.activeQueries.map((q) => [q.id, q.phase]),
      [
        ['q1', 'executing'],
        ['q2', 'preparing'],
      ],
    );
    assert.deepEqual(errors, [{ nodeId: 2, message: 'failed to connect to n2' }]);
    assert.equal(sqlSessionsOffset('sql:40'), 40);
    assert.equal(sqlSessionsOffset('bm9kZQ=='), 0);
  });
});
