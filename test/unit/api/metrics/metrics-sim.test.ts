// The metrics routes end to end: the client against a started simulator over real sockets —
// the cookie on a secure cluster, nothing on an insecure one, the system cluster on a
// virtualized one, and a cookie 401 that neither renews nor signs anyone out.
import assert from 'node:assert/strict';
import { ClusterClient } from '../../../../src/api/cluster/client';
import type { TsRequest } from '../../../../src/api/metrics/types';
import { sampleValue, sumOverStores } from '../../../../src/api/metrics/vars';
import { startClusterSimulator, type RunningClusterSim } from '../../../../src/sim';
import { rejection, ReLoginSession, signedInClient } from '../cluster/simClient';

const STEP = 10_000;

function lastHour(queries: TsRequest['queries'], sampleMs?: number): TsRequest {
  const endMs = Math.floor(Date.now() / STEP) * STEP;
  return { startMs: endMs - 3_600_000, endMs, ...(sampleMs !== undefined ? { sampleMs } : {}), queries };
}

const QPS = { name: 'cr.node.sql.query.count', derivative: 'NON_NEGATIVE_DERIVATIVE' } as const;
const CAPACITY = { name: 'cr.store.capacity' } as const;

function assertAscending(timestamps: number[], step: number): void {
  for (let i = 1; i < timestamps.length; i++) assert.equal(timestamps[i]! - timestamps[i - 1]!, step);
}

describe('metrics routes on a secure cluster (simulator)', () => {
  let sim: RunningClusterSim;
  before(async () => {
    sim = await startClusterSimulator({
      nodes: 5,
      seed: 7,
      rangesPerNode: 10,
      sessionsPerNode: 2,
      deadNodeDelayMs: 20,
    });
  });
  after(() => sim.close());
  afterEach(() => {
    sim.control.setDownNodes([]);
    sim.control.stallRoute(undefined);
    sim.control.garbageRoute(undefined);
  });

  it('reads stored series over the session cookie after sign-in', async () => {
    const { client, session } = await signedInClient(sim);
    const [qps, cap] = await client.tsQuery(lastHour([{ ...QPS, sources: ['2'] }, CAPACITY]));
    assert.equal(qps!.query.name, QPS.name);
    assert.equal(qps!.timestamps.length, 360);
    assertAscending(qps!.timestamps, STEP);
    assert.ok(qps!.values.every((v) => Number.isFinite(v) && v >= 0));
    assert.equal(cap!.timestamps.length, 360);
    assert.ok(cap!.values.every((v) => v > 0));
    // 45 s is asked as 50 s, the next multiple of the stored resolution.
    const [coarse] = await client.tsQuery(lastHour([CAPACITY], 45_000));
    assertAscending(coarse!.timestamps, 50_000);
    assert.equal(session.renewCalls, 0);
  });

  it('reads the metric catalogue over the cookie', async () => {
    const { client } = await signedInClient(sim);
    const meta = await client.metricMetadata();
    assert.deepEqual(
      { unit: meta['sql.query.count']!.unit, metricType: meta['sql.query.count']!.metricType },
      { unit: 'COUNT', metricType: 'COUNTER' },
    );
    assert.equal(meta['capacity']!.unit, 'BYTES');
  });

  it('refuses the cookie routes before sign-in as forbidden, and serves /_status/vars without a session', async () => {
    const anon = new ClusterClient({ baseUrl: sim.clusterUrl, retries: 0 });
    const err = await rejection(anon.tsQuery(lastHour([CAPACITY])));
    assert.equal(err.kind, 'forbidden');
    assert.equal(err.status, 401);
    assert.match(err.message, /^The metrics routes \(\/ts\/query\) did not accept the session \(HTTP 401: a valid/);
    assert.equal((await rejection(anon.metricMetadata())).kind, 'forbidden');
    const vars = await anon.statusVars();
    assert.equal(vars.nodeId, 1);
  });

  it('an expired session gets forbidden from /ts/query without a renewal; nodes/ then renews as usual', async () => {
    const { client, session } = await signedInClient(sim);
    sim.control.expireAllSessions();
    const before = sim.control.requestCount('ts/query');
    assert.equal((await rejection(client.tsQuery(lastHour([CAPACITY])))).kind, 'forbidden');
    assert.equal(sim.control.requestCount('ts/query') - before, 1);
    assert.equal(session.renewCalls, 0);
    await client.nodesPage({ limit: 1 });
    assert.equal(session.renewCalls, 1);
    assert.equal((await client.tsQuery(lastHour([CAPACITY])))[0]!.timestamps.length, 360);
  });

  it('reads the node id and version from /_status/vars, of another node by remote_node_id', async () => {
    const { client } = await signedInClient(sim);
    const node1 = await client.statusVars();
    const nodes = await client.nodesPage({ limit: 10 });
    assert.equal(node1.nodeId, 1);
    assert.equal(node1.version, nodes.items.find((n) => n.nodeId === 1)!.version);
    assert.ok((sampleValue(node1, 'sys.uptime') ?? 0) > 0);
    assert.ok((sumOverStores(node1, 'cr.store.capacity') ?? 0) > 0);
    const node4 = await client.statusVars(4);
    assert.equal(node4.nodeId, 4);
    assert.ok(node4.samples.every((s) => s.labels.node_id === undefined || s.labels.node_id === '4'));
  });

  it('says which node is unknown or down, asking a dead node once', async () => {
    const { client } = await signedInClient(sim);
    const unknown = await rejection(client.statusVars(42));
    assert.equal(unknown.message, 'Node n42 is not in the cluster (no address is known for it).');
    sim.control.setDownNodes([3]);
    const before = sim.control.requestCount('_status/vars');
    const down = await rejection(client.statusVars(3));
    assert.match(down.message, /^Node n3 did not answer/);
    assert.equal(sim.control.requestCount('_status/vars') - before, 1);
  });

  it('cancels a /ts/query through its signal', async () => {
    const { client } = await signedInClient(sim);
    sim.control.stallRoute('ts/query');
    const ac = new AbortController();
    const pending = rejection(client.tsQuery(lastHour([CAPACITY]), { signal: ac.signal }));
    setTimeout(() => ac.abort(), 30);
    assert.equal((await pending).kind, 'cancelled');
  });

  it('times a /ts/query out once, without sending the POST again', async () => {
    const { client } = await signedInClient(sim, 'admin', { retries: 2 });
    sim.control.stallRoute('ts/query');
    const before = sim.control.requestCount('ts/query');
    const err = await rejection(client.tsQuery(lastHour([CAPACITY]), { timeoutMs: 80 }));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /within 80 ms \(\/ts\/query\)/);
    assert.equal(sim.control.requestCount('ts/query') - before, 1);
  });

  it('calls a body that is not the route’s format malformed', async () => {
    const { client } = await signedInClient(sim);
    sim.control.garbageRoute('ts/query');
    assert.equal((await rejection(client.tsQuery(lastHour([CAPACITY])))).kind, 'malformed');
    sim.control.garbageRoute('_status/vars');
    const vars = await rejection(client.statusVars());
    assert.equal(vars.kind, 'malformed');
    assert.match(vars.message, /^\/_status\/vars answered HTTP 200 with text that is not Prometheus metrics/);
  });
});

describe('metrics routes on an insecure cluster (simulator)', () => {
  let sim: RunningClusterSim;
  before(async () => {
    sim = await startClusterSimulator({ nodes: 3, insecure: true, rangesPerNode: 10, sessionsPerNode: 2 });
  });
  after(() => sim.close());

  it('needs no session for any of them', async () => {
    const client = new ClusterClient({ baseUrl: sim.clusterUrl, retries: 0 });
    const series = await client.tsQuery(lastHour([QPS, CAPACITY]));
    assert.deepEqual(
      series.map((s) => s.timestamps.length),
      [360, 360],
    );
    assert.ok(Object.keys(await client.metricMetadata()).includes('sql.conns'));
    assert.equal((await client.statusVars(2)).nodeId, 2);
  });
});

describe('metrics routes on a virtualized cluster (simulator)', () => {
  let sim: RunningClusterSim;
  before(async () => {
    sim = await startClusterSimulator({ nodes: 3, virtualized: true, rangesPerNode: 10, sessionsPerNode: 2 });
  });
  after(() => sim.close());

  it('reads node and store series from the system cluster with the aggregated cookie', async () => {
    const { client, session } = await signedInClient(sim, 'admin', { virtualized: true });
    const before = sim.control.tenantRequestCount('system', 'ts/query');
    const [cap] = await client.tsQuery(lastHour([CAPACITY]));
    assert.equal(cap!.timestamps.length, 360);
    assert.equal(sim.control.tenantRequestCount('system', 'ts/query') - before, 1);
    assert.ok(Object.keys(await client.metricMetadata()).includes('capacity'));
    assert.equal(session.renewCalls, 0);
  });

  it('a 401 from /ts/query neither renews nor signs out: the session keeps serving nodes/', async () => {
    // Signed in to the system cluster only; asking the application cluster's series with it is refused.
    const admin = sim.users.find((u) => u.username === 'admin')!;
    const session: ReLoginSession = new ReLoginSession(() => systemOnly.login(admin.username, admin.password));
    const systemOnly: ClusterClient = new ClusterClient({
      baseUrl: sim.clusterUrl,
      virtualCluster: 'system',
      retries: 0,
      session,
    });
    session.token = await systemOnly.login(admin.username, admin.password);
    const token = session.token;
    const client = new ClusterClient({ baseUrl: sim.clusterUrl, virtualized: true, retries: 0, session });
    const revoked = sim.control.revokedSessions();

    const err = await rejection(client.tsQuery(lastHour([{ name: 'cr.node.sql.conns' }]), { scope: 'sql' }));
    assert.equal(err.kind, 'forbidden');
    assert.equal(err.status, 401);
    assert.ok(!err.message.includes(token));
    assert.equal(session.renewCalls, 0);
    assert.equal(session.token, token);
    assert.equal(sim.control.revokedSessions(), revoked);

    const nodes = await client.nodesPage({ limit: 5 });
    assert.equal(nodes.items.length, 3);
    assert.equal((await client.tsQuery(lastHour([CAPACITY])))[0]!.timestamps.length, 360);
    assert.equal(session.renewCalls, 0);
  });
});
