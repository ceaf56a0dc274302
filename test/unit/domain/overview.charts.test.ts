import assert from 'node:assert/strict';
import type { TsQuery, TsSeries } from '../../../src/api/metrics/types';
import { DEFAULT_THRESHOLDS } from '../../../src/domain/health/rules';
import { chartQueries, chartsFromSeries, type ChartDef } from '../../../src/domain/overview/charts';
import { CHART_IDS, type ChartId } from '../../../src/domain/overview/types';

const T0 = 1_760_000_000_000;

function def(defs: ChartDef[], id: ChartId): ChartDef {
  const d = defs.find((x) => x.chart === id);
  assert.ok(d, id);
  return d;
}

/** The server's answer to `q`: the query echoed with defaults, as the metrics client returns it. */
function answer(q: TsQuery, points: Array<[number, number]>): TsSeries {
  return {
    query: {
      ...q,
      downsampler: q.downsampler ?? 'AVG',
      sourceAggregator: q.sourceAggregator ?? 'SUM',
      derivative: q.derivative ?? 'NONE',
    },
    timestamps: points.map(([t]) => t),
    values: points.map(([, v]) => v),
  };
}

describe('domain: overview chart queries', () => {
  it('asks all eight charts, in order, naming the live nodes as sources', () => {
    const defs = chartQueries(false, [3, 1, 2, 1]);
    assert.deepEqual(
      defs.map((d) => d.chart),
      CHART_IDS,
    );
    for (const d of defs) {
      assert.equal(d.labels.length, d.queries.length, d.chart);
      for (const q of d.queries) assert.deepEqual(q.sources, ['1', '2', '3'], `${d.chart} ${q.name}`);
    }
  });

  it('asks the DB Console’s series with their aggregators', () => {
    const defs = chartQueries(false, [1]);
    const qps = def(defs, 'qps');
    assert.deepEqual(
      qps.queries.map((q) => q.name),
      ['select', 'insert', 'update', 'delete'].map((v) => `cr.node.sql.${v}.count`),
    );
    assert.deepEqual(qps.labels, ['select', 'insert', 'update', 'delete']);
    for (const q of qps.queries) {
      assert.equal(q.derivative, 'NON_NEGATIVE_DERIVATIVE');
      assert.equal(q.sourceAggregator, 'SUM');
    }
    const latency = def(defs, 'latency');
    assert.deepEqual(latency.labels, ['p50', 'p99']);
    assert.deepEqual(
      latency.queries.map((q) => [q.name, q.downsampler, q.sourceAggregator]),
      [
        ['cr.node.sql.service.latency-p50', 'MAX', 'MAX'],
        ['cr.node.sql.service.latency-p99', 'MAX', 'MAX'],
      ],
    );
    assert.equal(def(defs, 'cpu').queries[0]!.name, 'cr.node.sys.cpu.combined.percent-normalized');
    assert.equal(def(defs, 'cpu').queries[0]!.sourceAggregator, 'AVG');
    assert.equal(def(defs, 'memory').queries[0]!.name, 'cr.node.sys.rss');
    assert.deepEqual(
      def(defs, 'capacity').queries.map((q) => q.name),
      ['cr.store.capacity.used', 'cr.store.capacity.available'],
    );
    assert.deepEqual(
      def(defs, 'replication').queries.map((q) => q.name),
      ['cr.store.ranges.underreplicated', 'cr.store.ranges.unavailable'],
    );
    assert.equal(def(defs, 'clockOffset').queries[0]!.name, 'cr.node.clock-offset.meannanos');
    assert.equal(def(defs, 'clockOffset').queries[0]!.sourceAggregator, 'MAX');
    assert.equal(def(defs, 'connections').queries[0]!.name, 'cr.node.sql.conns');
    assert.equal(def(defs, 'connections').queries[0]!.sourceAggregator, 'SUM');
  });

  it('names store ids for store series, defaulting to the node id', () => {
    const stores = new Map([
      [1, ['1', '5']],
      [2, ['7']],
    ]);
    const agg = chartQueries(false, [1, 2, 3], stores);
    assert.deepEqual(def(agg, 'capacity').queries[0]!.sources, ['1', '5', '7', '3']);
    assert.deepEqual(def(agg, 'cpu').queries[0]!.sources, ['1', '2', '3'], 'node series keep node ids');
    const per = chartQueries(true, [1, 2], stores);
    assert.deepEqual(
      def(per, 'replication').queries.map((q) => q.sources),
      [['1', '5'], ['7']],
    );
    assert.deepEqual(def(per, 'replication').labels, ['n1', 'n2']);
  });

  it('per node: one query per live node, with the per-node series', () => {
    const per = chartQueries(true, [2, 1]);
    for (const d of per) {
      assert.deepEqual(d.labels, ['n1', 'n2'], d.chart);
      assert.equal(d.queries.length, 2);
    }
    assert.deepEqual(
      def(per, 'qps').queries.map((q) => [q.name, q.sources, q.derivative]),
      [
        ['cr.node.sql.query.count', ['1'], 'NON_NEGATIVE_DERIVATIVE'],
        ['cr.node.sql.query.count', ['2'], 'NON_NEGATIVE_DERIVATIVE'],
      ],
    );
    assert.equal(def(per, 'latency').queries[0]!.name, 'cr.node.sql.service.latency-p99');
    assert.equal(def(per, 'capacity').queries[0]!.name, 'cr.store.capacity.used');
    assert.equal(def(per, 'replication').queries[0]!.name, 'cr.store.ranges.underreplicated');
  });

  it('with no live node known, asks every node in aggregate and nothing per node', () => {
    for (const d of chartQueries(false, [])) for (const q of d.queries) assert.equal(q.sources, undefined);
    for (const d of chartQueries(true, [NaN, -1, 0])) assert.deepEqual(d.queries, []);
  });
});

describe('domain: overview charts from series', () => {
  it('aligns series on one ascending grid of Unix seconds, null where a series has no sample', () => {
    const [d] = chartQueries(false, [1, 2]).filter((x) => x.chart === 'qps');
    const series = [
      answer(d!.queries[0]!, [
        [T0 + 20_000, 3],
        [T0, 1],
      ]),
      answer(d!.queries[1]!, [[T0 + 10_000, 5]]),
      answer(d!.queries[2]!, []),
      answer(d!.queries[3]!, [[T0 + 20_000, NaN]]),
    ];
    const [c] = chartsFromSeries([d!], series, DEFAULT_THRESHOLDS);
    assert.deepEqual(c!.timestamps, [T0 / 1000, T0 / 1000 + 10, T0 / 1000 + 20]);
    assert.deepEqual(c!.series, [
      { label: 'select', values: [1, null, 3] },
      { label: 'insert', values: [null, 5, null] },
      { label: 'update', values: [null, null, null] },
      { label: 'delete', values: [null, null, null] },
    ]);
    assert.equal(c!.unit, 'perSecond');
    assert.equal(c!.unavailable, undefined);
    assert.equal(c!.threshold, undefined);
  });

  it('converts units: ns to ms with the rule’s line, 0–1 to percent, bytes as bytes', () => {
    const defs = chartQueries(false, [1]);
    const pick = (id: ChartId) => def(defs, id);
    const series = [
      ...pick('latency').queries.map((q, i) => answer(q, [[T0, (i + 1) * 5e6]])),
      answer(pick('clockOffset').queries[0]!, [[T0, -2.5e6]]),
      answer(pick('cpu').queries[0]!, [[T0, 0.425]]),
      answer(pick('memory').queries[0]!, [[T0, 3 * 1024 ** 3]]),
    ];
    const charts = chartsFromSeries(
      defs.filter((d) => ['latency', 'clockOffset', 'cpu', 'memory'].includes(d.chart)),
      series,
      { ...DEFAULT_THRESHOLDS, p99LatencyMs: 800, clockOffsetMs: 120 },
    );
    const by = Object.fromEntries(charts.map((c) => [c.id, c]));
    assert.deepEqual(
      by.latency!.series.map((s) => s.values),
      [[5], [10]],
    );
    assert.equal(by.latency!.unit, 'ms');
    assert.equal(by.latency!.threshold, 800);
    assert.deepEqual(by.clockOffset!.series[0]!.values, [-2.5]);
    assert.equal(by.clockOffset!.threshold, 120);
    assert.equal(by.cpu!.unit, 'percent');
    assert.ok(Math.abs(by.cpu!.series[0]!.values[0]! - 42.5) < 1e-9);
    assert.equal(by.memory!.unit, 'bytes');
    assert.deepEqual(by.memory!.series[0]!.values, [3 * 1024 ** 3]);
  });

  it('says a chart is unavailable when all its queries came back empty, or it had none', () => {
    const defs = chartQueries(false, [1]);
    const capacity = def(defs, 'capacity');
    const [empty] = chartsFromSeries(
      [capacity],
      capacity.queries.map((q) => answer(q, [])),
      DEFAULT_THRESHOLDS,
    );
    assert.match(empty!.unavailable!, /no samples of cr\.store\.capacity\.used, cr\.store\.capacity\.available/);
    assert.deepEqual(empty!.timestamps, []);
    assert.equal(empty!.series.length, 2, 'the legend is still there');
    const [none] = chartsFromSeries([capacity], [], DEFAULT_THRESHOLDS);
    assert.ok(none!.unavailable);
    const [noNodes] = chartsFromSeries(chartQueries(true, []).slice(0, 1), [], DEFAULT_THRESHOLDS);
    assert.equal(noNodes!.unavailable, 'No live node to chart.');
  });

  it('matches answers to queries by identity, whatever their order', () => {
    const d = def(chartQueries(true, [1, 2]), 'connections');
    const series = [answer(d.queries[1]!, [[T0, 20]]), answer(d.queries[0]!, [[T0, 10]])];
    const [c] = chartsFromSeries([d], series, DEFAULT_THRESHOLDS);
    assert.deepEqual(
      c!.series.map((s) => [s.label, s.values[0]]),
      [
        ['n1', 10],
        ['n2', 20],
      ],
    );
  });

  it('falls back to answer order when the echo differs but the count agrees, and ignores junk', () => {
    const d = def(chartQueries(false, [1]), 'replication');
    const odd = (q: TsQuery, v: number): TsSeries => ({
      ...answer(q, [[T0, v]]),
      query: { name: q.name, downsampler: 'AVG' },
    });
    const [c] = chartsFromSeries([d], [odd(d.queries[0]!, 4), odd(d.queries[1]!, 1)], DEFAULT_THRESHOLDS);
    assert.deepEqual(
      c!.series.map((s) => s.values),
      [[4], [1]],
    );
    const junk = [null, { query: d.queries[0] }, answer(d.queries[0]!, [[T0, 2]])] as unknown as TsSeries[];
    const [j] = chartsFromSeries([d], junk, DEFAULT_THRESHOLDS);
    assert.deepEqual(j!.series[0]!.values, [2]);
    assert.deepEqual(j!.series[1]!.values, [null]);
  });

  it('reads mismatched timestamp and value arrays only as far as both go', () => {
    const d = def(chartQueries(false, [1]), 'memory');
    const s: TsSeries = { query: answer(d.queries[0]!, []).query, timestamps: [T0, T0 + 10_000, NaN], values: [1] };
    const [c] = chartsFromSeries([d], [s], DEFAULT_THRESHOLDS);
    assert.deepEqual(c!.timestamps, [T0 / 1000]);
    assert.deepEqual(c!.series[0]!.values, [1]);
  });
});
