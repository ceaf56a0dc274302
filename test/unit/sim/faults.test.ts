import assert from 'node:assert/strict';
import type { Json, Sim } from './simHttp';
import { get, getJson, login, startSim } from './simHttp';

describe('cluster sim: faults', () => {
  let sim: Sim;
  let token: string;
  before(async () => {
    sim = await startSim({ nodes: 9, downNodes: [3] });
    token = await login(sim);
  });
  afterEach(() => {
    sim.control.setDownNodes([3]);
    sim.control.setFailRate(0);
    sim.control.stallRoute(undefined);
    sim.control.garbageRoute(undefined);
    sim.control.setNotReady(false);
    sim.control.setVirtualCluster(false);
    sim.control.setLatency(0);
  });
  after(() => sim.close());

  it('a down node is DEAD in nodes/ and reported inside fan-out responses', async () => {
    const nodes = await getJson(sim, 'nodes/', token);
    assert.equal(nodes.nodes.find((n: Json) => n.node_id === 3).liveness_status, 1);
    const sessions = await getJson(sim, 'sessions/', token);
    assert.deepEqual(
      sessions.errors.map((e: Json) => e.node_id),
      [3],
    );
    assert.equal(typeof sessions.errors[0].message, 'string');
    assert.equal(
      sessions.sessions.some((s: Json) => s.node_id === 3),
      false,
    );
    const hot = await getJson(sim, 'ranges/hot/', token);
    assert.deepEqual(
      hot.response_error.map((e: Json) => e.node_id),
      [3],
    );
    assert.match(hot.response_error[0].error_message, /node 3/);
    const detail = await getJson(sim, 'ranges/3/', token);
    assert.equal(typeof detail.responses_by_node_id['3'].error, 'string');
    assert.equal(detail.responses_by_node_id['3'].range_info.desc.range_id, 0);
    const ranges = await get(sim, 'nodes/3/ranges/', token);
    assert.equal(ranges.status, 500);
  });

  it('setDownNodes changes the picture at run time; ranges with a dead replica are underreplicated', async () => {
    sim.control.setDownNodes([5]);
    const nodes = await getJson(sim, 'nodes/', token);
    assert.deepEqual(
      nodes.nodes.filter((n: Json) => n.liveness_status === 1).map((n: Json) => n.node_id),
      [5],
    );
    assert.equal((await get(sim, 'nodes/5/ranges/', token)).status, 500);
    // Node 2 shares ranges with node 5 (replicas sit 3 node ids apart).
    const ranges = await getJson(sim, 'nodes/2/ranges/', token);
    const underreplicated = ranges.ranges
      .filter((r: Json) => r.problems.underreplicated)
      .map((r: Json) => r.desc.range_id);
    sim.control.setDownNodes([]);
    const healthy = await getJson(sim, 'nodes/2/ranges/', token);
    const before = healthy.ranges.filter((r: Json) => r.problems.underreplicated).length;
    assert.ok(underreplicated.length > before + 10, `${underreplicated.length} vs ${before}`);
    const detail = await getJson(sim, `ranges/${underreplicated[0]}/`, token);
    assert.ok(Object.keys(detail.responses_by_node_id).includes('2'));
  });

  it('failRate 1 turns every handler into the generic 500; 0.5 fails some', async () => {
    sim.control.setFailRate(1);
    const res = await get(sim, 'nodes/', token);
    assert.equal(res.status, 500);
    assert.equal(
      await res.text(),
      'An internal server error has occurred. Please check your CockroachDB logs for more details.\n',
    );
    sim.control.setFailRate(0.5);
    const statuses = await Promise.all(Array.from({ length: 40 }, () => get(sim, 'health/').then((r) => r.status)));
    assert.ok(statuses.includes(500) && statuses.includes(200), statuses.join(','));
  });

  it('a stalled route never answers (client timeout), other routes do; clearing releases it', async () => {
    sim.control.stallRoute('sessions/');
    await assert.rejects(
      fetch(sim.api('sessions/'), { headers: { 'X-Cockroach-API-Session': token }, signal: AbortSignal.timeout(300) }),
      (e: Error) => e.name === 'TimeoutError',
    );
    assert.equal((await get(sim, 'nodes/', token)).status, 200);
    const pending = get(sim, 'sessions/', token);
    await new Promise((r) => setTimeout(r, 50));
    sim.control.stallRoute(undefined);
    assert.equal((await pending).status, 200);
  });

  it('a garbage route answers 200 with a body that is not JSON', async () => {
    sim.control.garbageRoute('/api/v2/nodes/');
    const res = await get(sim, 'nodes/', token);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.throws(() => JSON.parse(text));
  });

  it('not ready: ready=true → 500 generic text, plain health still {}', async () => {
    sim.control.setNotReady(true);
    const res = await get(sim, 'health/?ready=true');
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.deepEqual(await getJson(sim, 'health/'), {});
  });

  it('virtual cluster: non-tenant routes → 501 before auth; X-Cockroach-Tenant: system reaches the system cluster', async () => {
    sim.control.setVirtualCluster(true);
    for (const t of [token, undefined]) {
      const res = await get(sim, 'nodes/', t);
      assert.equal(res.status, 501);
      assert.equal(await res.text(), 'Not Available on Tenants\n');
    }
    assert.equal((await get(sim, 'rules/')).status, 200);
    const system = await fetch(sim.api('nodes/'), {
      headers: { 'X-Cockroach-API-Session': token, 'X-Cockroach-Tenant': 'system' },
    });
    assert.equal(system.status, 200);
    // The token came from the system cluster's login/: the application cluster has its own sessions.
    const sql = (tenant?: string): Promise<Response> =>
      fetch(sim.api('sql/'), {
        method: 'POST',
        headers: {
          'X-Cockroach-API-Session': token,
          'Content-Type': 'application/json',
          ...(tenant ? { 'X-Cockroach-Tenant': tenant } : {}),
        },
        body: JSON.stringify({ statements: [{ sql: 'SELECT 1' }], execute: true }),
      });
    assert.equal((await sql()).status, 401);
    assert.equal((await sql('system')).status, 200);
  });

  it('latency delays each request; requestCount counts per route prefix', async () => {
    const before = sim.control.requestCount('nodes/');
    sim.control.setLatency(150);
    const t0 = Date.now();
    await get(sim, 'nodes/', token);
    assert.ok(Date.now() - t0 >= 140);
    assert.equal(sim.control.requestCount('nodes/'), before + 1);
    assert.equal(sim.control.requestCount('/api/v2/nodes/'), before + 1);
    assert.ok(sim.control.requestCount() > sim.control.requestCount('nodes/'));
  });
});

describe('cluster sim: close with a stalled request', () => {
  it('close() resolves even though a request is stalled', async () => {
    const sim = await startSim({ nodes: 3 });
    sim.control.stallRoute('health/');
    const pending = get(sim, 'health/').then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 50));
    await sim.close();
    assert.equal(await pending, 'dropped');
  });
});
