import assert from 'node:assert/strict';
import type { Json, Sim } from './simHttp';
import { decodeCursor, getJson, login, startSim } from './simHttp';

describe('cluster sim: scale (500 nodes × 10 000 ranges, 2 000 sessions per node)', () => {
  let sim: Sim;
  let token: string;
  before(async () => {
    sim = await startSim({ nodes: 500, rangesPerNode: 10_000, sessionsPerNode: 2_000, seed: 99 });
    token = await login(sim);
  });
  after(() => sim.close());

  it('starts without generating the cluster up front', () => {
    // 500 × 10 000 replicas precomputed would be hundreds of MB.
    assert.ok(process.memoryUsage().heapUsed < 600 * 1024 * 1024);
  });

  it('serves a page from the middle of a node range list quickly and consistently', async () => {
    const t0 = performance.now();
    const page = await getJson(sim, 'nodes/250/ranges/?offset=5000&limit=100', token);
    const ms = performance.now() - t0;
    assert.ok(ms < 1000, `${ms} ms`);
    assert.equal(page.ranges.length, 100);
    assert.equal(page.next, 5100);
    const ids = page.ranges.map((r: Json) => r.desc.range_id);
    assert.ok(
      ids.every((id: number, i: number) => i === 0 || id > ids[i - 1]),
      'ascending',
    );
    for (const r of page.ranges) assert.equal(r.source_node_id, 250);
    const again = await getJson(sim, 'nodes/250/ranges/?offset=5000&limit=100', token);
    assert.deepEqual(again, page);
    // The range detail for one of them lists node 250 as a replica holder.
    const detail = await getJson(sim, `ranges/${ids[50]}/`, token);
    assert.ok(detail.responses_by_node_id['250']);
    assert.equal(Object.keys(detail.responses_by_node_id).length, 3);
  });

  it('pages to the very end of a 10 002-replica node', async () => {
    const last = await getJson(sim, 'nodes/500/ranges/?offset=10000&limit=100', token);
    assert.equal(last.ranges.length, 2);
    assert.equal('next' in last, false);
  });

  it('pages nodes/ with limit and offset across 500 nodes', async () => {
    const page = await getJson(sim, 'nodes/?limit=100&offset=400', token);
    assert.equal(page.nodes.length, 100);
    assert.equal(page.nodes[99].node_id, 500);
    assert.equal('next' in page, false);
  });

  it('cursor-pages sessions from deep inside the cluster', async () => {
    // Start at node 300, index 1990: the page spans into node 301.
    const start = Buffer.from(
      `${Array.from({ length: 299 }, (_, i) => `${i + 1},`).join('')}|300|1990|${Array.from({ length: 200 }, (_, i) => `${i + 301},`).join('')}`,
    ).toString('base64url');
    const t0 = performance.now();
    const page = await getJson(sim, `sessions/?limit=20&start=${start}`, token);
    assert.ok(performance.now() - t0 < 1000);
    assert.deepEqual(
      page.sessions.map((s: Json) => s.node_id),
      [...Array(10).fill(300), ...Array(10).fill(301)],
    );
    assert.match(decodeCursor(page.next), /\|301\|10\|302,/);
  });

  it('hot ranges for one node of a big cluster come back quickly', async () => {
    const t0 = performance.now();
    const page = await getJson(sim, 'ranges/hot/?node_id=123&limit=50', token);
    assert.ok(performance.now() - t0 < 2000);
    assert.equal(page.ranges.length, 50);
    const qps = page.ranges.map((r: Json) => r.qps);
    assert.ok(
      qps.every((q: number, i: number) => i === 0 || q <= qps[i - 1]),
      'hottest first',
    );
  });
});
