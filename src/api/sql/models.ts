// Typed workload models read from sql/ rows. Ids that can pass 2^53 (job ids,
// fingerprint ids) are strings, exactly as the server printed them; times are
// seconds (latency) or nanoseconds (CPU) as CockroachDB reports them.

/** Where a result came from, shown beside the data ("from the hourly top-500 cache"). */
export type WorkloadSource =
  | 'crdb_internal.statement_activity'
  | 'crdb_internal.statement_statistics'
  | 'crdb_internal.transaction_activity'
  | 'crdb_internal.transaction_statistics'
  | 'information_schema.crdb_statement_statistics'
  | 'information_schema.crdb_transaction_statistics'
  | 'crdb_internal.cluster_execution_insights'
  | 'crdb_internal.cluster_txn_execution_insights'
  | 'crdb_internal.transaction_contention_events'
  | 'crdb_internal.cluster_locks'
  | 'SHOW JOBS'
  | 'information_schema.crdb_jobs_with_progress';

export interface WorkloadItems<T> {
  status: 'ok';
  items: T[];
  source: WorkloadSource;
  /** The server cut the answer at max_result_size: there are more rows than `items`. */
  truncated: boolean;
}

/** The view cannot be served on this cluster; plain words for the row and what the user can do. */
export interface WorkloadUnavailable {
  status: 'unavailable';
  reason: string;
  whatToDo: string;
}

export type WorkloadResult<T> = WorkloadItems<T> | WorkloadUnavailable;

export type StatementMetric =
  'executionCount' | 'totalTime' | 'meanLatency' | 'p99Latency' | 'cpu' | 'rowsRead' | 'rowsWritten' | 'contention';

export interface WorkloadWindow {
  start: Date;
  /** Default: now. */
  end?: Date;
}

export interface StatementStats {
  /** Hex, 16 digits, as DB Console shows it. */
  fingerprintId: string;
  appName: string;
  database: string;
  query: string;
  querySummary: string;
  executionCount: number;
  /** Seconds. */
  meanLatency: number;
  /** Seconds; the largest hourly p99 in the window (an upper bound), absent where not recorded. */
  p99Latency?: number;
  /** executionCount × meanLatency, seconds. */
  totalTime: number;
  meanRowsRead: number;
  meanRowsWritten: number;
  meanBytesRead: number;
  /** Mean contention per sampled execution, seconds. */
  meanContention: number;
  /** Mean SQL CPU per sampled execution, nanoseconds. */
  meanCpuNanos: number;
  maxRetries: number;
  fullScan: boolean;
  distSql: boolean;
  implicitTxn: boolean;
  indexRecommendations: string[];
  lastExecAt?: Date;
}

export interface TransactionStats {
  fingerprintId: string;
  appName: string;
  /** Hex fingerprint ids of the statements, in order. */
  statementFingerprintIds: string[];
  executionCount: number;
  meanLatency: number;
  p99Latency?: number;
  totalTime: number;
  meanRowsRead: number;
  meanRowsWritten: number;
  meanContention: number;
  meanCpuNanos: number;
  maxRetries: number;
}

export interface StatementInsight {
  statementId: string;
  statementFingerprintId: string;
  transactionId: string;
  transactionFingerprintId: string;
  sessionId: string;
  query: string;
  /** SlowExecution, FailedExecution, … as CockroachDB names it. */
  problem: string;
  /** HighContention, SuboptimalPlan, PlanRegression, HighRetryCount, Unset, … */
  causes: string[];
  status: string;
  start?: Date;
  end?: Date;
  userName: string;
  appName: string;
  database: string;
  fullScan: boolean;
  rowsRead: number;
  rowsWritten: number;
  retries: number;
  /** Seconds. */
  contention?: number;
  cpuNanos: number;
  indexRecommendations: string[];
  planGist: string;
  errorCode: string;
}

export interface TransactionInsight {
  transactionId: string;
  transactionFingerprintId: string;
  sessionId: string;
  query: string;
  problems: string[];
  causes: string[];
  status: string;
  start?: Date;
  end?: Date;
  userName: string;
  appName: string;
  statementIds: string[];
  retries: number;
  contention?: number;
  cpuNanos: number;
}

export interface ContentionEvent {
  collectedAt?: Date;
  blockingTxnId: string;
  blockingTxnFingerprintId: string;
  waitingTxnId: string;
  waitingTxnFingerprintId: string;
  waitingStatementId: string;
  waitingStatementFingerprintId: string;
  /** Seconds. */
  duration: number;
  key: string;
  database: string;
  schema: string;
  table: string;
  index: string;
  contentionType: string;
}

export type JobGroup = 'running' | 'needsAttention' | 'recent';

export interface Job {
  /** Exact: job ids are 64-bit and routinely pass 2^53. */
  id: string;
  type: string;
  description: string;
  userName: string;
  /** running, paused, failed, succeeded, canceled, reverting, pending, … */
  status: string;
  runningStatus: string;
  created?: Date;
  started?: Date;
  finished?: Date;
  modified?: Date;
  /** 0…1, absent where not reported. */
  fractionCompleted?: number;
  /** Changefeeds: decimal HLC text, exact. */
  highWater?: string;
  error: string;
  coordinatorId?: number;
  group: JobGroup;
}

/** One hourly bucket of a statement fingerprint: the Statement details chart and plans. */
export interface StatementHour {
  /** Start of the hour. */
  at: Date;
  executionCount: number;
  /** Seconds. */
  meanLatency: number;
  p99Latency?: number;
  planGists: string[];
  /** The sampled plan as an indented operator tree, one operator per line (empty if not sampled). */
  sampledPlan: string;
  indexRecommendations: string[];
}

/** A lock held or waited for right now (crdb_internal.cluster_locks, v22.2+). */
export interface LockWait {
  rangeId?: number;
  database: string;
  schema: string;
  table: string;
  index: string;
  key: string;
  txnId: string;
  /** true: this transaction holds the lock; false: it waits for it. */
  granted: boolean;
  lockStrength: string;
  /** Seconds the lock has been held or waited for. */
  duration?: number;
  since?: Date;
}
