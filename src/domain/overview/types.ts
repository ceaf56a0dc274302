// What the Cluster overview shows: figures read now (from nodes/ and the gateway's
// /_status/vars) and charts over time (from /ts/query), built by the domain
// functions beside this file. The panel's protocol re-exports them as its payloads;
// the front end only lays them out and draws the charts.

export type OverviewPreset = '1h' | '6h' | '1d' | '7d' | 'custom';

export interface OverviewWindow {
  preset: OverviewPreset;
  /** ISO; only for `custom`. */
  start?: string;
  end?: string;
}

export type ChartId = 'qps' | 'latency' | 'cpu' | 'memory' | 'capacity' | 'replication' | 'clockOffset' | 'connections';
export const CHART_IDS: readonly ChartId[] = [
  'qps',
  'latency',
  'cpu',
  'memory',
  'capacity',
  'replication',
  'clockOffset',
  'connections',
];

export type FigureState = 'ok' | 'warning' | 'critical' | 'unknown';

/** Where and when a figure was read: "as of 10:42:13 from n1 (v25.2.4) · nodes/". */
export interface FigureSource {
  /** ISO time of the read. */
  at: string;
  /** `n1`, or the address that answered when the node did not say its id. */
  from: string;
  /** Version of the node that answered, e.g. `v25.2.4`. */
  version?: string;
  /** The route or series the figure came from: `nodes/`, `/_status/vars`, `/ts/query`. */
  route: string;
}

export interface OverviewCard {
  id: string;
  label: string;
  /** Formatted: "8 / 9 live", "1.2 TiB of 4.5 TiB", "312 /s". */
  value: string;
  /** A second line: "1 suspect · 0 dead", "27% used". */
  detail?: string;
  state: FigureState;
  /** Set when the figure could not be read: says exactly what is missing. */
  unavailable?: string;
  source: FigureSource;
  /** The chart that shows this figure over time. */
  chart?: ChartId;
}

export interface OverviewNodeRow {
  nodeId: number;
  address: string;
  region: string;
  zone?: string;
  /** "live", "suspect", "dead", "draining", … */
  liveness: string;
  state: FigureState;
  version: string;
  usedBytes?: number;
  capacityBytes?: number;
  /** 0–100: used / (used + available), as DB Console counts it. */
  usedPercent?: number;
  replicas?: number;
  leaseholders?: number;
  sqlConnections?: number;
}

export interface RuleView {
  id: string;
  title: string;
  state: FigureState;
  /** "2 under-replicated ranges", "n3 dead", "max 12 ms". */
  value: string;
  chart?: ChartId;
}

export interface OverviewPayload {
  fetchedAt: string;
  /** The provenance of the whole read, for the header. */
  source: FigureSource;
  cards: OverviewCard[];
  nodes: OverviewNodeRow[];
  /** Why the node table is empty, when it is. */
  nodesUnavailable?: { reason: string; whatToDo: string };
  rules: RuleView[];
}

export type ChartUnit = 'perSecond' | 'ms' | 'percent' | 'bytes' | 'count';

export interface ChartSeries {
  /** "select", "p99", "n3", "used"… */
  label: string;
  /** Aligned with the chart's timestamps; null where the source had no sample. */
  values: Array<number | null>;
}

export interface ChartData {
  id: ChartId;
  title: string;
  unit: ChartUnit;
  /** Unix seconds (uPlot's x scale), ascending. */
  timestamps: number[];
  series: ChartSeries[];
  /** A horizontal line where a health rule fires (in the chart's unit). */
  threshold?: number;
  /** The chart could not be read: says why (the rest still draw). */
  unavailable?: string;
}

export interface OverviewChartsQuery {
  window: OverviewWindow;
  /** One series per node instead of the cluster aggregate: asked for, never the default. */
  perNode: boolean;
}

export interface OverviewChartsPayload {
  fetchedAt: string;
  source: FigureSource;
  /** Resolved window, ISO. */
  start: string;
  end: string;
  /** Sample period in seconds. */
  sampleSeconds: number;
  charts: ChartData[];
  /** Every chart failed for one reason (e.g. the metrics routes refused the session). */
  unavailable?: { reason: string; whatToDo: string };
}
