// Payloads of the SQL activity and Statement details panels. Plain JSON (dates
// as ISO text); ids exact as text. The host builds them from src/api/sql models.

export type ActivityKind = 'statements' | 'transactions';
export type WindowPreset = '1h' | '6h' | '1d' | '3d' | '7d' | 'custom';

export interface ActivityWindow {
  preset: WindowPreset;
  /** ISO; only for `custom`. */
  start?: string;
  end?: string;
}

export interface SqlActivityQuery {
  kind: ActivityKind;
  window: ActivityWindow;
  /** CockroachDB's own `$ internal…` applications (and this extension's) are left out unless asked for. */
  includeInternal: boolean;
}

/** Where and when a figure was read: shown in every panel's header. */
export interface Provenance {
  fetchedAt: string;
  /** The node address the SQL API answered on (`host:port`). */
  via: string;
  /** `n1 (v25.2.4)`: the gateway node and its build, when its /_status/vars said (see data.ts Origin). */
  node?: string;
  /** `v25.2` — the level the queries were planned for. */
  version?: string;
  /** The table or view the rows came from. */
  source?: string;
}

export interface Unavailable {
  reason: string;
  whatToDo: string;
}

export interface StatementRow {
  /** 16 hex digits. */
  fingerprintId: string;
  appName: string;
  database: string;
  query: string;
  querySummary: string;
  executionCount: number;
  /** Seconds. */
  totalTime: number;
  meanLatency: number;
  p99Latency?: number;
  /** Mean SQL CPU per execution, nanoseconds. */
  cpuNanos: number;
  rowsRead: number;
  rowsWritten: number;
  /** Mean contention per execution, seconds. */
  contention: number;
  retries: number;
  fullScan: boolean;
  indexRecommendations: string[];
  lastExecAt?: string;
}

export interface TransactionRow {
  fingerprintId: string;
  appName: string;
  statementFingerprintIds: string[];
  /** Summaries of the statements it runs, where the statements' own rows name them. */
  statementSummaries: string[];
  executionCount: number;
  totalTime: number;
  meanLatency: number;
  p99Latency?: number;
  cpuNanos: number;
  rowsRead: number;
  rowsWritten: number;
  contention: number;
  retries: number;
}

export interface SqlActivityPayload {
  kind: ActivityKind;
  statements: StatementRow[];
  transactions: TransactionRow[];
  /** The answer was cut at the size limit: more fingerprints exist than are shown. */
  truncated: boolean;
  unavailable?: Unavailable;
  /** The time range the figures cover, resolved to absolute times. */
  window: { start: string; end: string };
  provenance: Provenance;
}

export interface StatementHourPoint {
  at: string;
  executionCount: number;
  meanLatency: number;
  p99Latency?: number;
}

export interface InsightSummary {
  statementId: string;
  transactionId: string;
  problem: string;
  causes: string[];
  end?: string;
  /** Seconds. */
  contention?: number;
  indexRecommendations: string[];
}

/** One "who blocked whom": the waiting statement (this fingerprint) and its blocker. */
export interface ContentionRow {
  collectedAt?: string;
  waitingTxnId: string;
  waitingStatementId: string;
  blockingTxnId: string;
  blockingTxnFingerprintId: string;
  /** Seconds. */
  duration: number;
  key: string;
  /** `db.schema.table` */
  table: string;
  index: string;
  /** Set when the blocking transaction is still open in a live session: it can be cancelled. */
  blockingSession?: LiveSession;
}

export interface LiveSession {
  sessionId: string;
  nodeId: number;
  user: string;
  appName: string;
  /** The running statement, as text. */
  query: string;
  queryId?: string;
  /** Seconds since the statement started. */
  elapsed?: number;
}

export interface SectionError {
  section: 'history' | 'insights' | 'contention' | 'sessions';
  message: string;
}

export interface StatementDetailsPayload {
  fingerprintId: string;
  appName: string;
  /** Aggregate over the window; absent when the fingerprint had no executions in it. */
  statement?: StatementRow;
  history: StatementHourPoint[];
  planGists: string[];
  sampledPlan: string;
  indexRecommendations: string[];
  insights: InsightSummary[];
  contention: ContentionRow[];
  /** Sessions running this fingerprint now. */
  sessions: LiveSession[];
  /** Sections that could not be read (privilege, version), each with its reason. */
  errors: SectionError[];
  window: { start: string; end: string };
  provenance: Provenance;
}

export interface StatementTarget {
  fingerprintId: string;
  appName: string;
}
