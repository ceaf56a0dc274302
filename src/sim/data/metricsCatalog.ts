// The metrics the simulated nodes record, with the metadata `/_admin/v1/metricmetadata`
// serves for them (pkg/util/metric/metric.proto). Names are the registry names, without the
// `cr.node.` / `cr.store.` prefix the time-series store adds; a histogram is one registry
// metric whose quantiles the recorder writes to the time-series store as `-p50`, `-p90`, …

/** util/metric.Unit. */
export const UNIT = {
  UNSET: 0,
  BYTES: 1,
  CONST: 2,
  COUNT: 3,
  NANOSECONDS: 4,
  PERCENT: 5,
  SECONDS: 6,
  TIMESTAMP_NS: 7,
  TIMESTAMP_SEC: 8,
} as const;

/** io.prometheus.client.MetricType, which Metadata.metricType is. */
export const METRIC_TYPE = { COUNTER: 0, GAUGE: 1, SUMMARY: 2, UNTYPED: 3, HISTOGRAM: 4 } as const;

export type MetricKind = 'counter' | 'gauge' | 'histogram';
export type MetricLevel = 'node' | 'store';

export interface MetricDef {
  name: string;
  level: MetricLevel;
  kind: MetricKind;
  unit: number;
  help: string;
  measurement: string;
}

/** The quantiles a histogram is recorded as (pkg/server/status/recorder.go), of the ones we serve. */
export const HISTOGRAM_QUANTILES = ['-p50', '-p90', '-p99'] as const;

const node = (name: string, kind: MetricKind, unit: number, measurement: string, help: string): MetricDef => ({
  name,
  level: 'node',
  kind,
  unit,
  measurement,
  help,
});
const store = (name: string, unit: number, measurement: string, help: string): MetricDef => ({
  name,
  level: 'store',
  kind: 'gauge',
  unit,
  measurement,
  help,
});

export const METRICS: readonly MetricDef[] = [
  node(
    'sql.query.count',
    'counter',
    UNIT.COUNT,
    'SQL Statements',
    'Number of SQL operations started including queries, and transaction control statements',
  ),
  node(
    'sql.select.count',
    'counter',
    UNIT.COUNT,
    'SQL Statements',
    'Number of SQL SELECT statements successfully executed',
  ),
  node(
    'sql.insert.count',
    'counter',
    UNIT.COUNT,
    'SQL Statements',
    'Number of SQL INSERT statements successfully executed',
  ),
  node(
    'sql.update.count',
    'counter',
    UNIT.COUNT,
    'SQL Statements',
    'Number of SQL UPDATE statements successfully executed',
  ),
  node(
    'sql.delete.count',
    'counter',
    UNIT.COUNT,
    'SQL Statements',
    'Number of SQL DELETE statements successfully executed',
  ),
  node(
    'sql.service.latency',
    'histogram',
    UNIT.NANOSECONDS,
    'SQL Execution Latency',
    'Latency of SQL request execution',
  ),
  node('sql.conns', 'gauge', UNIT.COUNT, 'Connections', 'Number of open SQL connections'),
  node(
    'sys.cpu.combined.percent-normalized',
    'gauge',
    UNIT.PERCENT,
    'CPU Time',
    'Current user+system cpu percentage consumed by the CRDB process, normalized 0-1 by number of cores',
  ),
  node('sys.rss', 'gauge', UNIT.BYTES, 'RSS', 'Current process RSS'),
  node('sys.uptime', 'gauge', UNIT.SECONDS, 'Uptime', 'Process uptime'),
  node('clock-offset.meannanos', 'gauge', UNIT.NANOSECONDS, 'Clock Offset', 'Mean clock offset with other nodes'),
  node(
    'liveness.livenodes',
    'gauge',
    UNIT.COUNT,
    'Nodes',
    'Number of live nodes in the cluster (will be 0 if this node is not itself live)',
  ),
  store('capacity', UNIT.BYTES, 'Storage', 'Total storage capacity'),
  store('capacity.used', UNIT.BYTES, 'Storage', 'Used storage capacity'),
  store('capacity.available', UNIT.BYTES, 'Storage', 'Available storage capacity'),
  store('ranges', UNIT.COUNT, 'Ranges', 'Number of ranges'),
  store('replicas', UNIT.COUNT, 'Replicas', 'Number of replicas'),
  store('replicas.leaseholders', UNIT.COUNT, 'Replicas', 'Number of lease holders'),
  store(
    'ranges.underreplicated',
    UNIT.COUNT,
    'Ranges',
    'Number of ranges with fewer live replicas than the replication target',
  ),
  store('ranges.unavailable', UNIT.COUNT, 'Ranges', 'Number of ranges with fewer live replicas than needed for quorum'),
  store(
    'ranges.overreplicated',
    UNIT.COUNT,
    'Ranges',
    'Number of ranges with more live replicas than the replication target',
  ),
];

/** Exported by `/_status/vars` and listed in the catalogue, but not charted: labels carry the point. */
export const NODE_ID_METRIC: MetricDef = node(
  'node-id',
  'gauge',
  UNIT.CONST,
  'Node ID',
  'node ID with labels for advertised RPC and HTTP addresses',
);
export const BUILD_TIMESTAMP_METRIC: MetricDef = node(
  'build.timestamp',
  'gauge',
  UNIT.TIMESTAMP_SEC,
  'Build Time',
  'Build information',
);

const BY_NAME = new Map(METRICS.map((m) => [m.name, m]));

/** What an application virtual cluster records: its own SQL layer, not KV or the host. */
export function isTenantMetric(name: string): boolean {
  return name.startsWith('sql.');
}

export interface SeriesName {
  def: MetricDef;
  /** For a histogram, which quantile (`-p99`). */
  quantile?: (typeof HISTOGRAM_QUANTILES)[number];
}

/** A `/ts/query` name (`cr.node.sql.service.latency-p99`) → the metric it reads; undefined if none. */
export function parseSeriesName(full: string): SeriesName | undefined {
  const m = /^cr\.(node|store)\.(.+)$/.exec(full);
  if (!m) return undefined;
  const level = m[1] as MetricLevel;
  const rest = m[2] as string;
  const plain = BY_NAME.get(rest);
  if (plain && plain.kind !== 'histogram') return plain.level === level ? { def: plain } : undefined;
  for (const q of HISTOGRAM_QUANTILES) {
    if (!rest.endsWith(q)) continue;
    const def = BY_NAME.get(rest.slice(0, -q.length));
    if (def?.kind === 'histogram' && def.level === level) return { def, quantile: q };
  }
  return undefined;
}

/** Every `/ts/query` name the simulator has data for. */
export function seriesNames(): string[] {
  const out: string[] = [];
  for (const m of METRICS) {
    const prefix = `cr.${m.level}.${m.name}`;
    if (m.kind === 'histogram') for (const q of HISTOGRAM_QUANTILES) out.push(prefix + q);
    else out.push(prefix);
  }
  return out;
}

export function metricByName(name: string): MetricDef | undefined {
  return BY_NAME.get(name);
}
