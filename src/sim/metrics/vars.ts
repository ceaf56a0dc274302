// `/_status/vars` of one node: its current values (the latest 10 s sample of ../data/series.ts)
// as the MetricsRecorder exports them (pkg/server/status/recorder.go): every sample labelled
// `node_id`, store metrics also `store` (added first, by AddStore), an application virtual
// cluster's also `tenant`; the `node_id` gauge with the node's addresses as labels; histograms
// as Prometheus histograms, their quantiles being a time-series-only view.

import { SYSTEM_TENANT } from '../auth';
import type { MetricDef } from '../data/metricsCatalog';
import { BUILD_TIMESTAMP_METRIC, METRICS, NODE_ID_METRIC, isTenantMetric, metricByName } from '../data/metricsCatalog';
import { BUILD_GO_VERSION, BUILD_TIME, nodeAddress, versionOf } from '../data/nodes';
import { latencyQuantile, nowNanos, sampleValue } from '../data/series';
import type { Topology } from '../data/topology';
import type { PromFamily, PromSample } from './promText';
import { goFloat, promName, renderFamilies } from './promText';

/** Upper bounds (ns) of the latency histogram's buckets. */
const LATENCY_BUCKETS = [5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9, 1e10];

/** The build time as Unix seconds (build.Info.Time is `2006/01/02 15:04:05`, UTC). */
function buildSeconds(): number {
  const m = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+):(\d+)$/.exec(BUILD_TIME);
  if (!m) return 0;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/**
 * Cumulative bucket counts whose quantiles are the series' p50/p90/p99: a CDF through those
 * points, linear in log(latency).
 */
function latencyHistogram(t: Topology, nodeId: number, at: bigint): { le: number; count: number }[] | undefined {
  const queries = sampleValue(t, metricByName('sql.query.count') as MetricDef, nodeId, at);
  if (queries === undefined) return undefined;
  const [p50, p90, p99] = ['-p50', '-p90', '-p99'].map((q) => latencyQuantile(t, nodeId, at, q)) as [
    number,
    number,
    number,
  ];
  const knots: [number, number][] = [
    [p50 / 5, 0],
    [p50, 0.5],
    [p90, 0.9],
    [p99, 0.99],
    [p99 * 4, 1],
  ];
  const cdf = (x: number): number => {
    if (x <= knots[0]![0]) return 0;
    for (let i = 1; i < knots.length; i++) {
      const [x1, y1] = knots[i]!;
      const [x0, y0] = knots[i - 1]!;
      if (x <= x1) return y0 + ((y1 - y0) * Math.log(x / x0)) / Math.log(x1 / x0);
    }
    return 1;
  };
  return LATENCY_BUCKETS.map((le) => ({ le, count: Math.round(queries * cdf(le)) }));
}

function metricFamily(t: Topology, def: MetricDef, nodeId: number, at: bigint, extra: [string, string][]): PromFamily {
  const name = promName(def.name);
  const labels: [string, string][] = def.level === 'store' ? [['store', String(nodeId)], ...extra] : extra;
  if (def.kind === 'histogram') {
    const buckets = latencyHistogram(t, nodeId, at) ?? [];
    const total =
      buckets.length > 0 ? (sampleValue(t, metricByName('sql.query.count') as MetricDef, nodeId, at) ?? 0) : 0;
    const samples: PromSample[] = buckets.map((b) => ({
      suffix: '_bucket',
      labels: [...labels, ['le', goFloat(b.le)]],
      value: b.count,
    }));
    samples.push(
      { suffix: '_bucket', labels: [...labels, ['le', goFloat(Infinity)]], value: total },
      { suffix: '_sum', labels, value: total * latencyQuantile(t, nodeId, at, '-p50') * 1.6 },
      { suffix: '_count', labels, value: total },
    );
    return { name, help: def.help, type: 'histogram', samples };
  }
  const value = sampleValue(t, def, nodeId, at);
  return {
    name,
    help: def.help,
    type: def.kind === 'counter' ? 'counter' : 'gauge',
    samples: value === undefined ? [] : [{ labels, value }],
  };
}

/** The text node `nodeId` serves, as virtual cluster `tenant` sees it. */
export function varsText(t: Topology, nodeId: number, tenant: string): string {
  // Live values, not the last 10 s sample: a node set down a moment ago already counts.
  const at = nowNanos();
  const base: [string, string][] = [['node_id', String(nodeId)]];
  if (tenant !== SYSTEM_TENANT) base.push(['tenant', tenant]);
  const host = nodeAddress(nodeId).replace(/:\d+$/, '');
  const families: PromFamily[] = [
    {
      name: promName(NODE_ID_METRIC.name),
      help: NODE_ID_METRIC.help,
      type: 'gauge',
      samples: [
        {
          labels: [
            ['advertise_addr', nodeAddress(nodeId)],
            ['http_addr', `${host}:8080`],
            ['sql_addr', nodeAddress(nodeId)],
            ...base,
          ],
          value: nodeId,
        },
      ],
    },
    {
      name: promName(BUILD_TIMESTAMP_METRIC.name),
      help: BUILD_TIMESTAMP_METRIC.help,
      type: 'gauge',
      samples: [
        {
          labels: [['tag', versionOf(t).tag], ['go_version', BUILD_GO_VERSION], ...base],
          value: buildSeconds(),
        },
      ],
    },
  ];
  for (const def of METRICS) {
    if (tenant !== SYSTEM_TENANT && !isTenantMetric(def.name)) continue;
    families.push(metricFamily(t, def, nodeId, at, base));
  }
  families.sort((a, b) => a.name.localeCompare(b.name));
  return renderFamilies(families);
}
