// Models of the metrics routes a node serves beside the Cluster API: `/ts/query`
// (stored 10-second series, grpc-gateway JSON), `/_status/vars` (one node's
// current values, Prometheus text) and `/_admin/v1/metricmetadata` (the catalogue).
// Those routes sit behind the DB Console's cookie authentication, not the
// Cluster API's session header (pkg/server/authserver/authentication.go).

export type TsAggregator = 'AVG' | 'SUM' | 'MAX' | 'MIN';
export type TsDerivative = 'NONE' | 'DERIVATIVE' | 'NON_NEGATIVE_DERIVATIVE';

/** One series asked of `/ts/query`. `name` carries its `cr.node.` / `cr.store.` prefix. */
export interface TsQuery {
  name: string;
  /** How the 10 s samples of one source fold into a sample period. Default AVG. */
  downsampler?: TsAggregator;
  /** How sources fold into one series. Default SUM. */
  sourceAggregator?: TsAggregator;
  /** Default NONE. Counters want NON_NEGATIVE_DERIVATIVE (per second). */
  derivative?: TsDerivative;
  /** Node ids (store ids for `cr.store.` series); empty or absent = every node the server knows. */
  sources?: string[];
}

export interface TsRequest {
  startMs: number;
  endMs: number;
  /** Sample period; rounded up to a multiple of 10 s. Default 10 s. */
  sampleMs?: number;
  queries: TsQuery[];
}

/** One answered series: timestamps (Unix ms, ascending) and values side by side. */
export interface TsSeries {
  query: TsQuery;
  timestamps: number[];
  values: number[];
}

/** One sample of `/_status/vars`: the Prometheus name (dots and dashes as `_`) and its labels. */
export interface VarsSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface StatusVars {
  /** From the `node_id` gauge (CockroachDB exports its own id); undefined if the node did not say. */
  nodeId?: number;
  /** From `build_timestamp{tag="v25.2.4"}`. */
  version?: string;
  samples: VarsSample[];
}

export interface MetricMetadata {
  /** Without the `cr.node.` / `cr.store.` prefix, as the catalogue keys it. */
  name: string;
  help: string;
  measurement: string;
  /** BYTES, CONST, COUNT, NANOSECONDS, PERCENT, SECONDS, TIMESTAMP_NS, TIMESTAMP_SEC, UNSET. */
  unit: string;
  /** COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED, GAUGE_HISTOGRAM; absent when the server did not say. */
  metricType?: string;
}
