// Normalised models of the Cluster API v2. Every screen of the explorer reads
// these, never the wire shapes: the normalisers in this folder absorb version
// differences (v21 → v26), omitted zero fields, `null` lists and the seed
// OpenAPI variants.

/** Nanosecond Unix timestamps exceed 2^53, so they are kept exact as bigint. */
export type Nanos = bigint;

export type Liveness =
  'unknown' | 'dead' | 'unavailable' | 'live' | 'decommissioning' | 'decommissioned' | 'draining' | 'starting';

export interface LocalityTier {
  key: string;
  value: string;
}

export interface NodeStatus {
  nodeId: number;
  address: string;
  sqlAddress: string;
  locality: LocalityTier[];
  /** e.g. "v25.1.2"; from build_tag, else from ServerVersion. */
  version: string;
  clusterName: string;
  startedAt: Nanos;
  updatedAt: Nanos;
  liveness: Liveness;
  numCpus: number;
  totalMemoryBytes: number;
  metrics: Record<string, number>;
  storeMetrics: Record<string, Record<string, number>>;
}

export interface RangeProblems {
  unavailable: boolean;
  leaderNotLeaseHolder: boolean;
  noRaftLeader: boolean;
  underreplicated: boolean;
  overreplicated: boolean;
  noLease: boolean;
  quiescentEqualsTicking: boolean;
  raftLogTooLarge: boolean;
  /** Problem flags this client does not know by name yet (newer servers). */
  other: string[];
}

export interface RangeStats {
  queriesPerSecond: number;
  writesPerSecond: number;
  requestsPerSecond?: number;
  readsPerSecond?: number;
  writeBytesPerSecond?: number;
  readBytesPerSecond?: number;
  cpuTimePerSecond?: number;
}

export interface ReplicaRef {
  nodeId: number;
  storeId: number;
  replicaId: number;
  /** VOTER_FULL (the wire omits it), LEARNER, NON_VOTER, …; an unknown value as `type <n>`. */
  type?: string;
}

export interface Lease {
  start: Nanos;
  expiration?: Nanos;
  replica: ReplicaRef;
  proposedTs?: Nanos;
  epoch?: number;
  sequence: number;
  acquisitionType: string;
}

export interface RangeInfo {
  rangeId: number;
  startKeyRaw: string;
  endKeyRaw: string;
  startKeyPretty: string;
  endKeyPretty: string;
  sourceNodeId: number;
  sourceStoreId: number;
  errorMessage?: string;
  leaseHistory: Lease[];
  /** The descriptor's replicas with their types, only from servers that send them (not api/v2). */
  replicas?: ReplicaRef[];
  /** Node id of the latest lease holder, derived from the lease history. */
  leaseholderNodeId?: number;
  problems: RangeProblems;
  stats: RangeStats;
  quiescent: boolean;
  ticking: boolean;
}

export interface RangeDetailByNode {
  nodeId: number;
  rangeInfo?: RangeInfo;
  error?: string;
}

export interface RangeDetail {
  rangeId: number;
  byNode: RangeDetailByNode[];
  leaseholderNodeId?: number;
}

/** One hot range, de-duplicated across its replicas. */
export interface HotRange {
  rangeId: number;
  /** Node whose entry was kept when replicas were merged (the leaseholder's, else the busiest). */
  nodeId: number;
  qps: number;
  writesPerSecond?: number;
  readsPerSecond?: number;
  writeBytesPerSecond?: number;
  readBytesPerSecond?: number;
  cpuTimePerSecond?: number;
  leaseholderNodeId?: number;
  replicaNodeIds: number[];
  storeId?: number;
  databases: string[];
  tables: string[];
  indexes: string[];
  schemaName?: string;
  /** Pretty-printed (`/Table/53/1/…`); v21 servers send only raw keys, decoded by normalize/keys. */
  startKey?: string;
  endKey?: string;
}

export interface NodeError {
  nodeId: number;
  message: string;
}

export type SessionStatus = 'active' | 'idle' | 'closed' | 'unknown';
export type QueryPhase = 'preparing' | 'executing' | 'unknown';

export interface ActiveQuery {
  id: string;
  txnId?: string;
  sql: string;
  sqlNoConstants?: string;
  sqlSummary?: string;
  start?: Date;
  phase: QueryPhase;
  isDistributed: boolean;
  isFullScan: boolean;
  elapsedNanos?: Nanos;
  database?: string;
}

export interface Session {
  /** Hex session id, as `CANCEL SESSION` takes it. */
  id: string;
  nodeId: number;
  username: string;
  clientAddress: string;
  applicationName: string;
  status: SessionStatus;
  start?: Date;
  end?: Date;
  lastActiveQuery?: string;
  activeQueries: ActiveQuery[];
  activeTxnId?: string;
  numTxnsExecuted?: number;
  allocBytes?: number;
}

export interface ClusterEvent {
  timestamp?: Date;
  eventType: string;
  targetId?: number;
  reportingId?: number;
  info?: string;
  uniqueId?: string;
}

export interface TableColumn {
  name: string;
  type: string;
  nullable: boolean;
  defaultValue?: string;
  generationExpression?: string;
  hidden: boolean;
}

export interface TableIndexColumn {
  name: string;
  unique: boolean;
  seq: number;
  column: string;
  direction: string;
  storing: boolean;
  implicit: boolean;
}

export interface Grant {
  user: string;
  privileges: string[];
}

export interface TableDetails {
  database: string;
  table: string;
  descriptorId?: number;
  rangeCount: number;
  columns: TableColumn[];
  indexes: TableIndexColumn[];
  grants: Grant[];
  createStatement: string;
  zoneConfigStatement?: string;
}

export interface AlertRule {
  group: string;
  name: string;
  kind: 'alert' | 'record';
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface AlertingRules {
  rawYaml: string;
  rules: AlertRule[];
}

export interface SqlResult {
  /** Per statement: its tag, affected rows, columns and rows, or an error message. */
  statements: Array<{
    tag?: string;
    rowsAffected: number;
    columns: string[];
    rows: Array<Record<string, unknown>>;
    error?: string;
  }>;
  error?: string;
}

/** A page of an offset-paged list. `next` is the offset for the following page. */
export interface OffsetPage<T> {
  items: T[];
  next?: number;
}

/** A page of a cursor-paged list; `next` is absent once the walk is done. */
export interface CursorPage<T> {
  items: T[];
  next?: string;
  /** Nodes that did not answer (sessions `errors[]`, hot ranges `response_error`). */
  errors: NodeError[];
}
