// Payloads the host sends to the webviews. They are plain JSON: bigint
// nanosecond timestamps from the API models are converted to decimal strings on
// the host, because postMessage cannot clone a bigint.
import type { RangeProblemFlags } from '../../domain/rangeProblems';

/** One hot range as the Hot ranges table shows it. Optional fields are absent on older servers. */
export interface HotRangeRow {
  rangeId: number;
  /** Node whose entry the client kept after de-duplicating replicas. */
  nodeId: number;
  qps: number;
  /** Nanoseconds of CPU per second (v23.1+ / v25.1+). */
  cpuTimePerSecond?: number;
  writesPerSecond?: number;
  readsPerSecond?: number;
  writeBytesPerSecond?: number;
  readBytesPerSecond?: number;
  leaseholderNodeId?: number;
  replicaNodeIds: number[];
  storeId?: number;
  databases: string[];
  tables: string[];
  indexes: string[];
  /** Locality of the leaseholder (else of the reporting node), `region=…,zone=…`. */
  locality?: string;
}

export interface NodeSummary {
  nodeId: number;
  /** `key=value,key=value` */
  locality: string;
}

export interface NodeErrorInfo {
  nodeId: number;
  message: string;
}

/**
 * Which node answered, for "as of 10:42:13 from n1 (v25.2.4)" (or "via host:port"
 * while the node has not said). The panels fill both; they are optional so that
 * a payload built without asking the gateway (tests) is still one.
 */
export interface Origin {
  /** `host:port` the requests went to. */
  via?: string;
  /** `n1 (v25.2.4)`: the gateway node and its build, as its /_status/vars reports them. */
  node?: string;
}

export interface HotRangesPayload extends Origin {
  rows: HotRangeRow[];
  /** Nodes that did not answer (`response_error`). */
  errors: NodeErrorInfo[];
  /** Every node of the cluster, for the node picker and the locality column; empty if unknown. */
  nodes: NodeSummary[];
  /** The server-side node filter this answer was fetched with. */
  nodeId?: number;
  updatedAt: string;
}

/** Problem flags of one replica's view of the range (only true ones matter). */
export type ProblemFlags = RangeProblemFlags;

export interface RangeStatsView {
  queriesPerSecond: number;
  writesPerSecond: number;
  requestsPerSecond?: number;
  readsPerSecond?: number;
  writeBytesPerSecond?: number;
  readBytesPerSecond?: number;
  cpuTimePerSecond?: number;
}

export interface LocalityTierView {
  key: string;
  value: string;
}

export interface ReplicaView {
  nodeId: number;
  storeId?: number;
  replicaId?: number;
  /** VOTER_FULL, NON_VOTER, … when the descriptor or the lease history names this replica. */
  type?: string;
  locality: LocalityTierView[];
  leaseholder: boolean;
  quiescent?: boolean;
  ticking?: boolean;
  stats?: RangeStatsView;
  problems?: ProblemFlags;
  /** The node did not answer for this range. */
  error?: string;
}

export interface LeaseView {
  sequence: number;
  nodeId: number;
  storeId: number;
  replicaId: number;
  /** Nanoseconds since the epoch, as a decimal string. */
  start: string;
  expiration?: string;
  epoch?: number;
  acquisitionType: string;
}

export interface RangeDetailsPayload extends Origin {
  rangeId: number;
  startKeyPretty: string;
  endKeyPretty: string;
  startKeyRaw: string;
  endKeyRaw: string;
  /** Absent when unknown: an empty lease history (after a restart) and no hot-range report for the range. */
  leaseholderNodeId?: number;
  /** Where `leaseholderNodeId` came from. */
  leaseholderSource?: 'lease history' | 'hot ranges';
  replicas: ReplicaView[];
  leaseHistory: LeaseView[];
  /** Every region the cluster has nodes in, so missing diversity can be judged. */
  clusterRegions: string[];
  updatedAt: string;
}
