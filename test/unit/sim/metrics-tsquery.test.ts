// POST /ts/query against the simulator over real sockets: the grpc-gateway JSON shape,
// aggregation and derivatives as pkg/ts computes them, the sample-period rules, and the
// story the series tell (daily peak, the node that died 2 h ago, store 2 filling up).
import assert from 'node:assert/strict';
import { MINUTE_MS, msOf, nanos, postTs, series } from './metricsHttp';
import type { Json, Sim } from './simHttp';
import { getJson, login, startSim } from './simHttp';

const HOUR = 60 * MINUTE_MS;

describe('cluster sim: /ts/query', () => {
  let sim: Sim;
  let cookie: string;
  /** The simulator start, from the story node's restart 90 minutes before it. */
  let baseMs: number;
  before(async () => {
    sim = await startSim({ nodes: 9 });
    cookie = `session=${await login(sim)}`;
    const nodes = await getJson(sim, 'nodes/', cookie.slice('session='.length));
    baseMs = Number(nodes.nodes[8].started_at) / 1e6 + 90 * MINUTE_MS;
  });
  after(() => sim.close());

  it('answers grpc-gateway JSON: int64 as strings, enums as integers, the query echoed with its sources', async () => {
    const now = Date.now();
    const answer = await postTs(
      sim,
      {
        // int64 as JSON numbers and enums as names are accepted too.
        start_nanos: (now - 10 * MINUTE_MS) * 1e6,
        end_nanos: nanos(now),
        sample_nanos: '60000000000',
        queries: [
          { name: 'cr.node.sql.conns', downsampler: 'MAX', source_aggregator: 'AVG', derivative: 'NONE' },
          { name: 'cr.store.capacity', sources: ['2', '3'] },
        ],
      },
      { Cookie: cookie },
    );
    assert.equal(answer.status, 200, answer.text);
    const [conns, capacity] = answer.json.results;
    assert.deepEqual(conns.query, {
      name: 'cr.node.sql.conns',
      downsampler: 3,
      source_aggregator: 1,
      derivative: 0,
      sources: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    });
    assert.deepEqual(capacity.query, {
      name: 'cr.store.capacity',
      downsampler: 1,
      source_aggregator: 2,
      derivative: 0,
      sources: ['2', '3'],
    });
    assert.ok(conns.datapoints.length >= 8);
    for (const p of conns.datapoints) {
      assert.match(p.timestamp_nanos, /^[0-9]+$/);
      assert.equal(typeof p.value, 'number');
    }
    assert.equal(capacity.datapoints[0].value, 2 * 500 * 1024 ** 3);
    assert.match(answer.text, /"timestamp_nanos":"[0-9]+"/);
  });

  it('answers an unknown name with no datapoints, as the real server does', async () => {
    const now = Date.now();
    const points = await series(sim, cookie, { name: 'cr.node.no.such.metric' }, now - HOUR, now);
    assert.deepEqual(points, []);
    const unprefixed = await series(sim, cookie, { name: 'sql.conns' }, now - HOUR, now);
    assert.deepEqual(unprefixed, []);
  });

  it('folds sources with SUM, AVG and MAX, per timestamp', async () => {
    const now = Date.now();
    const q = (sources: string[], agg: string): Record<string, unknown> => ({
      name: 'cr.node.sql.conns',
      sources,
      source_aggregator: agg,
    });
    const range = [now - 30 * MINUTE_MS, now, 60_000] as const;
    const one = await Promise.all(['1', '2', '3'].map((s) => series(sim, cookie, q([s], 'SUM'), ...range)));
    const sum = await series(sim, cookie, q(['1', '2', '3'], 'SUM'), ...range);
    const avg = await series(sim, cookie, q(['1', '2', '3'], 'AVG'), ...range);
    const max = await series(sim, cookie, q(['1', '2', '3'], 'MAX'), ...range);
    const min = await series(sim, cookie, q(['1', '2', '3'], 'MIN'), ...range);
    assert.ok(sum.length >= 25);
    sum.forEach((p, i) => {
      const each = one.map((s) => s[i]!.value);
      assert.ok(one.every((s) => s[i]!.ms === p.ms));
      assert.ok(Math.abs(p.value - each.reduce((a, b) => a + b, 0)) < 1e-6);
      assert.ok(Math.abs(avg[i]!.value - p.value / 3) < 1e-6);
      assert.equal(max[i]!.value, Math.max(...each));
      assert.equal(min[i]!.value, Math.min(...each));
    });
  });

  it('counters only grow, and NON_NEGATIVE_DERIVATIVE turns them into a plausible per-second rate', async () => {
    const now = Date.now();
    const raw = await series(sim, cookie, { name: 'cr.node.sql.query.count', sources: ['1'] }, now - HOUR, now);
    assert.ok(raw.length > 300);
    for (let i = 1; i < raw.length; i++) assert.ok(raw[i]!.value >= raw[i - 1]!.value);
    const qps = await series(
      sim,
      cookie,
      { name: 'cr.node.sql.query.count', sources: ['1'], derivative: 2 },
      now - HOUR,
      now,
      60_000,
    );
    for (const p of qps) assert.ok(p.value > 10 && p.value < 500, `node 1 at ${p.value} QPS`);
    // The rate is the counter's slope: (last - first) / elapsed matches the mean rate.
    const mean = qps.reduce((a, p) => a + p.value, 0) / qps.length;
    const slope = (raw.at(-1)!.value - raw[0]!.value) / ((raw.at(-1)!.ms - raw[0]!.ms) / 1000);
    assert.ok(Math.abs(mean - slope) / slope < 0.1, `${mean} vs ${slope}`);
    const selects = await series(
      sim,
      cookie,
      { name: 'cr.node.sql.select.count', derivative: 'NON_NEGATIVE_DERIVATIVE' },
      now - HOUR,
      now,
      60_000,
    );
    const all = await series(sim, cookie, { name: 'cr.node.sql.query.count', derivative: 2 }, now - HOUR, now, 60_000);
    selects.forEach((p, i) => assert.ok(p.value < all[i]!.value));
  });

  it('puts datapoints on sample-period boundaries inside the span, never in the period holding now', async () => {
    const now = Date.now();
    const start = now - 2 * HOUR - 17_000;
    const points = await series(sim, cookie, { name: 'cr.node.sys.rss' }, start, now + HOUR, 300_000);
    assert.ok(points.length >= 23);
    for (const p of points) {
      assert.equal(p.ms % 300_000, 0);
      assert.ok(p.ms >= start - 300_000 && p.ms <= now - 300_000);
    }
    const tenSeconds = await series(sim, cookie, { name: 'cr.node.sys.rss', sources: ['1'] }, now - 5 * MINUTE_MS, now);
    assert.ok(tenSeconds.length >= 28);
    tenSeconds.slice(1).forEach((p, i) => assert.equal(p.ms - tenSeconds[i]!.ms, 10_000));
  });

  it('refuses what pkg/ts refuses, with the gateway’s JSON error', async () => {
    const now = Date.now();
    const ask = (extra: Record<string, unknown>): Promise<Json> =>
      postTs(
        sim,
        { start_nanos: nanos(now - HOUR), end_nanos: nanos(now), queries: [{ name: 'cr.node.sys.rss' }], ...extra },
        { Cookie: cookie },
      );
    const notMultiple = await ask({ sample_nanos: nanos(15_000) });
    assert.equal(notMultiple.status, 500);
    assert.match(notMultiple.json.error, /is not a multiple of queryResolution\.SampleDuration 10000000000/);
    assert.equal(notMultiple.json.code, 2);
    const future = await ask({ start_nanos: nanos(now + HOUR), end_nanos: nanos(now + 2 * HOUR) });
    assert.equal(future.status, 500);
    assert.match(future.json.message, /cannot query time series in the future/);
    const backwards = await ask({ start_nanos: nanos(now), end_nanos: nanos(now - HOUR) });
    assert.equal(backwards.status, 500);
    const empty = await ask({ queries: [] });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.json, {
      error: 'Queries cannot be empty',
      code: 3,
      message: 'Queries cannot be empty',
      details: [],
    });
    assert.equal((await ask({ queries: [{ name: 'cr.node.sys.rss', downsampler: 'MEDIAN' }] })).status, 400);
    assert.equal((await postTs(sim, '{"queries": [', { Cookie: cookie })).status, 400);
    const huge = await postTs(sim, `{"queries":[{"name":"${'x'.repeat(5 * 1024 * 1024)}"}]}`, { Cookie: cookie });
    assert.equal(huge.status, 400);
    assert.match(huge.json.error, /too large/);
    const get = await fetch(`${sim.clusterUrl}/ts/query`, { headers: { Cookie: cookie } });
    assert.equal(get.status, 404);
  });

  it('keeps ten days and nothing older', async () => {
    const now = Date.now();
    const points = await series(
      sim,
      cookie,
      { name: 'cr.node.sys.uptime', sources: ['1'] },
      now - 12 * 24 * HOUR,
      now,
      6 * HOUR,
    );
    assert.ok(points.length >= 39 && points.length <= 41, `${points.length}`);
    assert.ok(points[0]!.ms >= now - 10 * 24 * HOUR - 6 * HOUR);
  });

  it('has a daily traffic cycle peaking about three hours before the simulator started', async () => {
    const now = Date.now();
    const qps = await series(
      sim,
      cookie,
      { name: 'cr.node.sql.query.count', derivative: 2 },
      baseMs - 20 * HOUR,
      now,
      30 * MINUTE_MS,
    );
    const peak = qps.reduce((a, p) => (p.value > a.value ? p : a));
    const trough = qps.reduce((a, p) => (p.value < a.value ? p : a));
    assert.ok(Math.abs(peak.ms - (baseMs - 3 * HOUR)) <= HOUR, `peak ${(peak.ms - baseMs) / HOUR} h`);
    assert.ok(peak.value > 3 * trough.value);
  });

  it('tells the outage: the highest node has no samples from 2 h to 90 min ago, the others count under-replicated ranges meanwhile', async () => {
    const now = Date.now();
    const [from, to] = [baseMs - 2 * HOUR, baseMs - 90 * MINUTE_MS];
    const uptime = await series(sim, cookie, { name: 'cr.node.sys.uptime', sources: ['9'] }, now - 3 * HOUR, now);
    assert.ok(uptime.length > 700);
    assert.equal(uptime.filter((p) => p.ms >= from + 10_000 && p.ms < to - 10_000).length, 0);
    assert.ok(uptime.some((p) => p.ms < from) && uptime.some((p) => p.ms > to));
    // It restarted: its uptime starts again from zero.
    const after = uptime.find((p) => p.ms >= to)!;
    assert.ok(after.value < 60, `uptime ${after.value}`);
    const counters = await series(
      sim,
      cookie,
      { name: 'cr.node.sql.query.count', sources: ['9'] },
      to - HOUR,
      to + HOUR,
    );
    assert.ok(counters.find((p) => p.ms >= to)!.value < counters[0]!.value);

    const under = await series(
      sim,
      cookie,
      { name: 'cr.store.ranges.underreplicated', downsampler: 'MAX', source_aggregator: 'SUM' },
      now - 3 * HOUR,
      now,
      60_000,
    );
    const inside = under.filter((p) => p.ms >= from && p.ms + 60_000 <= to);
    const outside = under.filter((p) => p.ms + 60_000 <= from || p.ms >= to);
    assert.ok(inside.length >= 28 && outside.length > 100);
    // Every range with a replica on node 9 (201 of them) lost one; none lost two.
    for (const p of inside) assert.equal(p.value, 201);
    for (const p of outside) assert.equal(p.value, 0);
    const perStore = await series(
      sim,
      cookie,
      { name: 'cr.store.ranges.underreplicated', sources: ['9'] },
      from - 10 * MINUTE_MS,
      to + 10 * MINUTE_MS,
    );
    assert.ok(perStore.every((p) => p.value === 0 && (p.ms < from || p.ms >= to)));
    const live = await series(sim, cookie, { name: 'cr.node.liveness.livenodes', sources: ['1'] }, from, to);
    assert.ok(live.slice(1, -1).every((p) => p.value === 8));
  });

  it('fills store 2 up steadily to about 74 % of its capacity at start, under an 80 % rule; other stores stay flat', async () => {
    const now = Date.now();
    const used = (store: string): Promise<{ ms: number; value: number }[]> =>
      series(sim, cookie, { name: 'cr.store.capacity.used', sources: [store] }, now - 10 * 24 * HOUR, now, 12 * HOUR);
    const capacity = 500 * 1024 ** 3;
    const two = await used('2');
    assert.ok(two.length >= 19);
    for (let i = 1; i < two.length; i++) assert.ok(two[i]!.value > two[i - 1]!.value);
    // The fill at start from the last hour: a 12 h bucket's mean depends on where in it "now" falls.
    const recent = await series(sim, cookie, { name: 'cr.store.capacity.used', sources: ['2'] }, now - HOUR, now, HOUR);
    const last = recent.at(-1)!.value / capacity;
    assert.ok(last > 0.72 && last < 0.76, `${last}`);
    assert.ok(two[0]!.value / capacity < 0.45);
    const five = await used('5');
    const drift = Math.abs(five.at(-1)!.value - five[0]!.value) / capacity;
    assert.ok(drift < 0.03, `${drift}`);
    const free = await series(
      sim,
      cookie,
      { name: 'cr.store.capacity.available', sources: ['2'] },
      now - HOUR,
      now,
      HOUR,
    );
    assert.ok(Math.abs(free.at(-1)!.value + two.at(-1)!.value - capacity) / capacity < 0.02);
  });

  it('echoes only the asked sources that exist and had data', async () => {
    const now = Date.now();
    const answer = await postTs(
      sim,
      {
        start_nanos: nanos(now - HOUR),
        end_nanos: nanos(now),
        queries: [{ name: 'cr.node.sql.conns', sources: ['2', '77', 'x'] }],
      },
      { Cookie: cookie },
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.results[0].query.sources, ['2']);
    assert.ok(answer.json.results[0].datapoints.every((p: Json) => msOf(p.timestamp_nanos) <= now));
  });
});
