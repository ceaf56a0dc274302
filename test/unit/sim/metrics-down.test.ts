// Nodes set down at run time: the series change from the moment they went down, the current
// values follow the replica placement and agree between nodes/, /_status/vars and /ts/query,
// and queries that read a dead node are slow (cockroachdb#129409).
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { rangeModel } from '../../../src/sim/data/ranges';
import { makeTopology, replicasOf } from '../../../src/sim/data/topology';
import { leaseholderOf } from '../../../src/sim/metrics/placement';
import { MINUTE_MS, nanos, postTs, series, vars } from './metricsHttp';
import type { Json, Sim } from './simHttp';
import { getJson, login, startSim } from './simHttp';

const DELAY = 250;
const NODES = 9;
const RANGES_PER_NODE = 60;

/** Ranges with `lost` replicas on the down nodes, from the placement alone. */
function rangesLosing(down: number[], lost: (n: number) => boolean): number {
  const t = makeTopology({
    seed: 42,
    profile: 'v25',
    nodes: NODES,
    rangesPerNode: RANGES_PER_NODE,
    sessionsPerNode: 0,
    hotRangesPerNode: 0,
  });
  let n = 0;
  for (let r = 1; r <= t.rangeCount; r++) if (lost(replicasOf(t, r).filter((id) => down.includes(id)).length)) n++;
  return n;
}

/** Every store's value of a metric in /_status/vars, asked of each live node. */
async function varsByStore(sim: Sim, name: string, live: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const id of live) {
    const text = await (await vars(sim, `?remote_node_id=${id}`)).text();
    const family = parsePrometheusTextFormat(`${text}\n`).find((f) => f.name === name);
    out.set(id, Number(family!.metrics[0]!.value));
  }
  return out;
}

describe('cluster sim: metrics with nodes down', () => {
  let sim: Sim;
  let token: string;
  let cookie: string;
  before(async () => {
    sim = await startSim({ nodes: NODES, rangesPerNode: RANGES_PER_NODE, deadNodeDelayMs: DELAY });
    token = await login(sim);
    cookie = `session=${token}`;
  });
  afterEach(() => sim.control.setDownNodes([]));
  after(() => sim.close());

  it('reports a healthy cluster now when no node is down', async () => {
    const nodes = await getJson(sim, 'nodes/', token);
    for (const n of nodes.nodes as Json[]) {
      const s = n.store_metrics[String(n.node_id)];
      assert.equal(s['ranges.underreplicated'], 0);
      assert.equal(s['ranges.unavailable'], 0);
      assert.equal(s['ranges.overreplicated'], 0);
      assert.equal(s.replicas, 3 * Math.ceil(RANGES_PER_NODE / 3));
    }
    const total = (nodes.nodes as Json[]).reduce((a, n) => a + n.store_metrics[String(n.node_id)].ranges, 0);
    assert.equal(total, NODES * Math.ceil(RANGES_PER_NODE / 3));
  });

  it('counts a range with one replica down as under-replicated, by one live store, in nodes/ and /_status/vars alike', async () => {
    sim.control.setDownNodes([4]);
    const nodes = (await getJson(sim, 'nodes/', token)).nodes as Json[];
    const live = nodes.filter((n) => n.node_id !== 4);
    const under = new Map(
      live.map((n) => [n.node_id as number, n.store_metrics[String(n.node_id)]['ranges.underreplicated']]),
    );
    const sum = [...under.values()].reduce((a, v) => a + v, 0);
    assert.equal(
      sum,
      rangesLosing([4], (lost) => lost === 1),
    );
    assert.ok(sum > 0);
    assert.deepEqual(await varsByStore(sim, 'ranges_underreplicated', [...under.keys()]), under);
    for (const n of live) {
      assert.equal(n.metrics['liveness.livenodes'], NODES - 1);
      assert.equal(n.store_metrics[String(n.node_id)]['ranges.unavailable'], 0);
    }
    // The dead node's status is the last one it wrote, from before it went down.
    const dead = nodes.find((n) => n.node_id === 4);
    assert.equal(dead.store_metrics['4']['ranges.underreplicated'], 0);
  });

  it('counts a range with a majority down as unavailable, and one with no live replica nowhere', async () => {
    // With 9 nodes the replicas of a range sit on n, n+3, n+6: nodes 4 and 7 share a third of them.
    sim.control.setDownNodes([4, 7]);
    const nodes = (await getJson(sim, 'nodes/', token)).nodes as Json[];
    const live = nodes.filter((n) => ![4, 7].includes(n.node_id));
    const total = (name: string): number => live.reduce((a, n) => a + n.store_metrics[String(n.node_id)][name], 0);
    assert.equal(
      total('ranges.unavailable'),
      rangesLosing([4, 7], (lost) => lost === 2),
    );
    assert.ok(total('ranges.unavailable') > 0);
    assert.equal(
      total('ranges.underreplicated'),
      rangesLosing([4, 7], (lost) => lost === 1),
    );
    // Node 1 holds the third replica of every range that lost two: it counts them all.
    assert.equal(
      nodes.find((n) => n.node_id === 1).store_metrics['1']['ranges.unavailable'],
      total('ranges.unavailable'),
    );
    // All three replicas down: no live store is left to count those ranges (calcRangeCounter).
    sim.control.setDownNodes([1, 4, 7]);
    const none = ((await getJson(sim, 'nodes/', token)).nodes as Json[]).filter((n) => ![1, 4, 7].includes(n.node_id));
    for (const n of none) {
      assert.equal(n.store_metrics[String(n.node_id)]['ranges.unavailable'], 0);
      assert.equal(n.store_metrics[String(n.node_id)]['ranges.underreplicated'], 0);
    }
  });

  it('moves leases the way rangeModel does, so replicas.leaseholders agrees with ranges/', async () => {
    const t = makeTopology({
      seed: 42,
      profile: 'v25',
      nodes: NODES,
      rangesPerNode: RANGES_PER_NODE,
      sessionsPerNode: 0,
      hotRangesPerNode: 0,
    });
    for (const down of [new Set<number>(), new Set([2]), new Set([2, 5])]) {
      for (let r = 1; r <= t.rangeCount; r++) {
        assert.equal(leaseholderOf(t, r, replicasOf(t, r), down), rangeModel(t, r, down).leaseholder);
      }
    }
  });

  it('shows the change from the moment a node went down: no samples from it after, under-replicated ranges on the others', async () => {
    const since = Date.now() - 10 * MINUTE_MS;
    sim.control.setDownNodes([6], since);
    const now = Date.now();
    const under = await series(
      sim,
      cookie,
      { name: 'cr.store.ranges.underreplicated', downsampler: 'MAX' },
      now - 20 * MINUTE_MS,
      now,
    );
    const before = under.filter((p) => p.ms < since - 10_000);
    const after = under.filter((p) => p.ms >= since);
    assert.ok(before.length > 40 && after.length > 40);
    assert.ok(before.every((p) => p.value === 0));
    const expected = rangesLosing([6], (lost) => lost === 1);
    assert.ok(after.every((p) => p.value === expected));
    const six = await series(sim, cookie, { name: 'cr.node.sys.rss', sources: ['6'] }, now - 20 * MINUTE_MS, now);
    assert.ok(six.length > 40 && six.every((p) => p.ms < since));
    // Back up: it restarted, so its uptime starts again.
    sim.control.setDownNodes([]);
    const nodes = await getJson(sim, 'nodes/', token);
    const startedMs = Number(nodes.nodes[5].started_at) / 1e6;
    assert.ok(Math.abs(startedMs - Date.now()) < 5_000);
  });

  it('delays a query that reads a dead node, not one that names only live sources', async () => {
    sim.control.setDownNodes([5]);
    const now = Date.now();
    const ask = (sources?: string[]): ReturnType<typeof postTs> =>
      postTs(
        sim,
        {
          start_nanos: nanos(now - 5 * MINUTE_MS),
          end_nanos: nanos(now),
          queries: [{ name: 'cr.node.sql.conns', ...(sources ? { sources } : {}) }],
        },
        { Cookie: cookie },
      );
    const all = await ask();
    assert.equal(all.status, 200);
    assert.ok(all.elapsedMs >= DELAY - 5, `${all.elapsedMs} ms`);
    const dead = await ask(['5', '1']);
    assert.ok(dead.elapsedMs >= DELAY - 5, `${dead.elapsedMs} ms`);
    const liveOnly = await ask(['1', '2']);
    assert.equal(liveOnly.status, 200);
    assert.ok(liveOnly.elapsedMs < DELAY, `${liveOnly.elapsedMs} ms`);
    sim.control.setDownNodes([]);
    assert.ok((await ask()).elapsedMs < DELAY);
  });

  it('answers remote_node_id of a dead node after the dial timeout with the reverse proxy’s bare 502', async () => {
    sim.control.setDownNodes([3]);
    const t0 = Date.now();
    const res = await vars(sim, '?remote_node_id=3');
    assert.equal(res.status, 502);
    assert.equal(await res.text(), '');
    assert.ok(Date.now() - t0 >= DELAY - 5);
  });
});
