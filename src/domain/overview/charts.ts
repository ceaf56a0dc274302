// The overview's eight charts: which /ts/query series each one asks for, and how
// the answered series become uPlot's aligned arrays in the chart's unit. Sources
// are always named: asking "every node" makes the server wait for dead nodes
// too, and one dead node slows every chart (cockroachdb#129409).
import * as l10n from '@vscode/l10n';
import type { TsAggregator, TsDerivative, TsQuery, TsSeries } from '../../api/metrics/types';
import { CHART_IDS, type ChartData, type ChartId, type ChartUnit } from './types';
import { saneThresholds } from '../health/rules';
import type { HealthThresholds } from '../health/types';

export { windowRange } from './window';

export interface ChartDef {
  chart: ChartId;
  queries: TsQuery[];
  /** One per query: "select", "p99", "n3". */
  labels: string[];
}

interface SeriesSpec {
  name: string;
  downsampler?: TsAggregator;
  sourceAggregator?: TsAggregator;
  derivative?: TsDerivative;
}

interface ChartSpec {
  title: string;
  unit: ChartUnit;
  /** `cr.store.` series: their sources are store ids, not node ids. */
  store: boolean;
  /** The cluster view: one line per series, over all live nodes. */
  aggregated: Array<SeriesSpec & { label: string }>;
  /** The per-node view: this series once per live node. */
  perNode: SeriesSpec;
  /** From the server's unit to the chart's. */
  scale: number;
  threshold?: (t: HealthThresholds) => number;
}

const NS_TO_MS = 1e-6;
const RATE = { derivative: 'NON_NEGATIVE_DERIVATIVE', sourceAggregator: 'SUM' } as const;
// Latency quantiles and offsets are not additive: the cluster's figure is its worst node's.
const WORST = { downsampler: 'MAX', sourceAggregator: 'MAX' } as const;
const sql = (verb: string) => ({ name: `cr.node.sql.${verb}.count`, label: verb, ...RATE });

export const CHART_SPECS: Readonly<Record<ChartId, ChartSpec>> = {
  qps: {
    title: l10n.t('SQL queries per second'),
    unit: 'perSecond',
    store: false,
    aggregated: ['select', 'insert', 'update', 'delete'].map(sql),
    perNode: { name: 'cr.node.sql.query.count', ...RATE },
    scale: 1,
  },
  latency: {
    title: l10n.t('SQL service latency'),
    unit: 'ms',
    store: false,
    aggregated: [
      { name: 'cr.node.sql.service.latency-p50', label: 'p50', ...WORST },
      { name: 'cr.node.sql.service.latency-p99', label: 'p99', ...WORST },
    ],
    perNode: { name: 'cr.node.sql.service.latency-p99', ...WORST },
    scale: NS_TO_MS,
    threshold: (t) => t.p99LatencyMs,
  },
  cpu: {
    title: l10n.t('CPU'),
    unit: 'percent',
    store: false,
    aggregated: [
      {
        name: 'cr.node.sys.cpu.combined.percent-normalized',
        label: 'cpu',
        downsampler: 'AVG',
        sourceAggregator: 'AVG',
      },
    ],
    perNode: { name: 'cr.node.sys.cpu.combined.percent-normalized', downsampler: 'AVG', sourceAggregator: 'AVG' },
    scale: 100,
  },
  memory: {
    title: l10n.t('Memory (RSS)'),
    unit: 'bytes',
    store: false,
    aggregated: [{ name: 'cr.node.sys.rss', label: 'rss', sourceAggregator: 'SUM' }],
    perNode: { name: 'cr.node.sys.rss', sourceAggregator: 'SUM' },
    scale: 1,
  },
  capacity: {
    title: l10n.t('Capacity'),
    unit: 'bytes',
    store: true,
    aggregated: [
      { name: 'cr.store.capacity.used', label: l10n.t('used'), sourceAggregator: 'SUM' },
      { name: 'cr.store.capacity.available', label: l10n.t('available'), sourceAggregator: 'SUM' },
    ],
    perNode: { name: 'cr.store.capacity.used', sourceAggregator: 'SUM' },
    scale: 1,
  },
  replication: {
    title: l10n.t('Replication'),
    unit: 'count',
    store: true,
    // MAX downsampling: a range unavailable for 10 s of a 4-minute sample must not average away.
    aggregated: [
      {
        name: 'cr.store.ranges.underreplicated',
        label: l10n.t('under-replicated'),
        downsampler: 'MAX',
        sourceAggregator: 'SUM',
      },
      {
        name: 'cr.store.ranges.unavailable',
        label: l10n.t('unavailable'),
        downsampler: 'MAX',
        sourceAggregator: 'SUM',
      },
    ],
    perNode: { name: 'cr.store.ranges.underreplicated', downsampler: 'MAX', sourceAggregator: 'SUM' },
    scale: 1,
  },
  clockOffset: {
    title: l10n.t('Clock offset'),
    unit: 'ms',
    store: false,
    // MAX of signed means: a large negative offset shows low here; the per-node view shows its sign.
    aggregated: [{ name: 'cr.node.clock-offset.meannanos', label: l10n.t('max offset'), ...WORST }],
    perNode: { name: 'cr.node.clock-offset.meannanos', ...WORST },
    scale: NS_TO_MS,
    threshold: (t) => t.clockOffsetMs,
  },
  connections: {
    title: l10n.t('SQL connections'),
    unit: 'count',
    store: false,
    aggregated: [{ name: 'cr.node.sql.conns', label: l10n.t('connections'), sourceAggregator: 'SUM' }],
    perNode: { name: 'cr.node.sql.conns', sourceAggregator: 'SUM' },
    scale: 1,
  },
};

function query(spec: SeriesSpec, sources: string[] | undefined): TsQuery {
  const q: TsQuery = { name: spec.name };
  if (spec.downsampler) q.downsampler = spec.downsampler;
  if (spec.sourceAggregator) q.sourceAggregator = spec.sourceAggregator;
  if (spec.derivative) q.derivative = spec.derivative;
  if (sources && sources.length) q.sources = sources;
  return q;
}

/**
 * Every chart's queries, in CHART_IDS order. Aggregated: each series over the live
 * nodes (their stores for `cr.store.` series; a node's store ids are taken from
 * `storeIdsByNode`, else assumed equal to its node id). Per node: one query per
 * live node. With no live node known (nodes/ unreadable) the aggregated queries
 * name no sources, i.e. every node; the per-node charts then have no queries.
 */
export function chartQueries(
  perNode: boolean,
  liveNodeIds: readonly number[],
  storeIdsByNode: ReadonlyMap<number, readonly string[]> = new Map(),
): ChartDef[] {
  const ids = [...new Set(liveNodeIds.filter((id) => Number.isInteger(id) && id > 0))].sort((a, b) => a - b);
  const storesOf = (id: number): string[] => {
    const s = storeIdsByNode.get(id)?.filter((x) => typeof x === 'string' && x !== '');
    return s && s.length ? [...s] : [String(id)];
  };
  const sourcesOf = (spec: ChartSpec, nodeIds: number[]) =>
    spec.store ? nodeIds.flatMap(storesOf) : nodeIds.map(String);
  return CHART_IDS.map((chart) => {
    const spec = CHART_SPECS[chart];
    if (perNode)
      return {
        chart,
        queries: ids.map((id) => query(spec.perNode, sourcesOf(spec, [id]))),
        labels: ids.map((id) => `n${id}`),
      };
    const all = sourcesOf(spec, ids);
    return { chart, queries: spec.aggregated.map((s) => query(s, all)), labels: spec.aggregated.map((s) => s.label) };
  });
}

/** A query's identity with the server's defaults filled in, so an echoed query matches the asked one. */
function queryKey(q: TsQuery): string {
  const sources = [...(q.sources ?? [])].map(String).sort().join(',');
  return [q.name, q.downsampler ?? 'AVG', q.sourceAggregator ?? 'SUM', q.derivative ?? 'NONE', sources].join('|');
}

/**
 * Each query's answered series, by identity. When a proxy or an older server echoes
 * the query differently, the answers left over are taken in order, provided there
 * are exactly as many answers as queries (the server answers in the order asked).
 */
function matchSeries(queries: readonly TsQuery[], series: readonly TsSeries[]): Array<TsSeries | undefined> {
  const valid = series.filter((s) => s && s.query && Array.isArray(s.timestamps) && Array.isArray(s.values));
  const byKey = new Map<string, TsSeries[]>();
  for (const s of valid) byKey.set(queryKey(s.query), [...(byKey.get(queryKey(s.query)) ?? []), s]);
  const out = queries.map((q) => byKey.get(queryKey(q))?.shift());
  if (valid.length === queries.length) {
    const used = new Set(out);
    out.forEach((s, i) => {
      if (!s && !used.has(valid[i])) out[i] = valid[i];
    });
  }
  return out;
}

function samples(s: TsSeries | undefined, scale: number): Map<number, number | null> {
  const out = new Map<number, number | null>();
  if (!s) return out;
  const n = Math.min(s.timestamps.length, s.values.length);
  for (let i = 0; i < n; i++) {
    const t = s.timestamps[i];
    const v = s.values[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) continue;
    out.set(t, typeof v === 'number' && Number.isFinite(v) ? v * scale : null);
  }
  return out;
}

/**
 * The charts of `defs` from the answered series: values in the chart's unit, every
 * series on one ascending grid of Unix seconds with null where it had no sample
 * (uPlot wants aligned arrays), a threshold line where a health rule fires, and
 * `unavailable` where nothing came back.
 */
export function chartsFromSeries(
  defs: readonly ChartDef[],
  series: readonly TsSeries[],
  thresholds: HealthThresholds,
): ChartData[] {
  const t = saneThresholds(thresholds);
  return defs.map((def) => {
    const spec = CHART_SPECS[def.chart];
    const matched = matchSeries(def.queries, series).map((s) => samples(s, spec.scale));
    const grid = [...new Set(matched.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const chart: ChartData = {
      id: def.chart,
      title: spec.title,
      unit: spec.unit,
      timestamps: grid.map((ms) => ms / 1000),
      series: def.queries.map((_, i) => ({
        label: def.labels[i] ?? def.queries[i]!.name,
        values: grid.map((ms) => matched[i]!.get(ms) ?? null),
      })),
    };
    if (spec.threshold) chart.threshold = spec.threshold(t);
    if (def.queries.length === 0) chart.unavailable = l10n.t('No live node to chart.');
    else if (grid.length === 0)
      chart.unavailable = l10n.t(
        '/ts/query returned no samples of {0} over the window asked for.',
        [...new Set(def.queries.map((q) => q.name))].join(', '),
      );
    return chart;
  });
}
