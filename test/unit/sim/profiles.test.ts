import assert from 'node:assert/strict';
import type { Json, Sim } from './simHttp';
import { ADMIN, get, getJson, login, startSim } from './simHttp';

describe('cluster sim: profiles', () => {
  describe('v21', () => {
    let sim: Sim;
    let token: string;
    before(async () => {
      sim = await startSim({ nodes: 3, profile: 'v21' });
      token = await login(sim);
    });
    after(() => sim.close());

    it('hot ranges use ranges_by_node_id', async () => {
      const body = await getJson(sim, 'ranges/hot/', token);
      assert.deepEqual(Object.keys(body.ranges_by_node_id).sort(), ['1', '2', '3']);
      const e = body.ranges_by_node_id['1'][0];
      assert.deepEqual(Object.keys(e).sort(), ['end_key', 'queries_per_second', 'range_id', 'start_key', 'store_id']);
      assert.equal('ranges' in body, false);
    });

    it('sessions have no status; rules/ and sql/ do not exist', async () => {
      const body = await getJson(sim, 'sessions/', token);
      assert.ok(body.sessions.length > 0);
      assert.ok(body.sessions.every((s: Json) => !('status' in s)));
      assert.equal((await get(sim, 'rules/')).status, 404);
      assert.equal(
        (await fetch(sim.api('sql/'), { method: 'POST', headers: { 'X-Cockroach-API-Session': token }, body: '{}' }))
          .status,
        404,
      );
    });

    it('nodes have no store_metrics', async () => {
      const body = await getJson(sim, 'nodes/', token);
      assert.equal(body.nodes[0].build_tag, 'v21.2.17');
      assert.equal('store_metrics' in body.nodes[0], false);
    });
  });

  describe('v23', () => {
    it('hot ranges are flat with table_name/database_name/index_name', async () => {
      const sim = await startSim({ nodes: 3, profile: 'v23' });
      try {
        const token = await login(sim);
        const body = await getJson(sim, 'ranges/hot/?limit=5', token);
        const e = body.ranges[0];
        for (const k of ['table_name', 'database_name', 'index_name', 'schema_name'])
          assert.equal(typeof e[k], 'string', k);
        assert.equal('databases' in e, false);
        const nodes = await getJson(sim, 'nodes/', token);
        assert.ok(nodes.nodes[0].store_metrics);
        assert.match(nodes.nodes[0].build_tag, /^v23\./);
      } finally {
        await sim.close();
      }
    });
  });

  describe('seed-spec', () => {
    let sim: Sim;
    before(async () => {
      sim = await startSim({ nodes: 3, profile: 'seed-spec' });
    });
    after(() => sim.close());

    it('accepts a JSON login body and returns the token in a header too', async () => {
      const res = await fetch(sim.api('login/'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { session: string };
      assert.equal(res.headers.get('x-cockroach-api-session'), body.session);
    });

    it('nests nodes in desc/build_info, names db_name, answers health {node_id, ready}, errors in JSON', async () => {
      const token = await login(sim);
      const nodes = await getJson(sim, 'nodes/', token);
      assert.equal(nodes.nodes[0].desc.node_id, 1);
      assert.equal(typeof nodes.nodes[0].build_info.tag, 'string');
      assert.equal('node_id' in nodes.nodes[0], false);
      const hot = await getJson(sim, 'ranges/hot/?limit=3', token);
      assert.equal(typeof hot.ranges[0].db_name, 'string');
      assert.equal('database_name' in hot.ranges[0], false);
      assert.deepEqual(await getJson(sim, 'health/'), { node_id: 1, ready: true });
      const detail = await getJson(sim, 'ranges/4/', token);
      assert.equal(detail.range_id, 4);
      const res = await get(sim, 'nodes/');
      assert.equal(res.status, 401);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      assert.deepEqual(await res.json(), { error: 'invalid session header' });
    });
  });
});
