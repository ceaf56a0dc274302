// Payloads of the SQL results panel: one run (the statements of a selection, or
// an EXPLAIN) on one cluster. Values are display-exact text: INT8 and DECIMAL
// as the server printed them, JSON as compact JSON text, NULL as null.

export interface ResultColumn {
  name: string;
  /** CockroachDB's type name: INT8, STRING, JSONB, DECIMAL, TIMESTAMPTZ, STRING[], … */
  type: string;
}

export interface RunError {
  /** SQLSTATE, e.g. 42P01. */
  code?: string;
  message: string;
  hint?: string;
  detail?: string;
  /** 1-based character position in the statement, where the server says. */
  position?: number;
}

export interface StatementOutcome {
  /** 0-based position in the run. */
  index: number;
  sql: string;
  /** The statement's tag (SELECT, INSERT, CREATE TABLE, …). */
  tag: string;
  columns: ResultColumn[];
  rows: Array<Array<string | null>>;
  rowsAffected?: number;
  /** The server stopped adding rows at the size limit: `rows` is a prefix of the answer. */
  truncated: boolean;
  error?: RunError;
}

/** One operator of an EXPLAIN plan. */
export interface PlanNode {
  operator: string;
  /** `key: value` lines under the operator, as CockroachDB prints them. */
  attributes: Array<{ key: string; value: string }>;
  table?: string;
  index?: string;
  spans?: string;
  estimatedRows?: number;
  /** spans: FULL SCAN (or a full scan of a secondary index). */
  fullScan: boolean;
  children: PlanNode[];
}

export interface ExplainPlan {
  analyze: boolean;
  /** Header lines above the tree (distribution, vectorized, execution time, …). */
  header: Array<{ key: string; value: string }>;
  root?: PlanNode;
  /** The plan exactly as the server printed it. */
  text: string;
  /** Plain-words advice: full scans, index recommendations the server printed. */
  hints: string[];
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface SqlResultsPayload {
  runId: number;
  status: RunStatus;
  clusterName: string;
  startedAt: string;
  durationMs?: number;
  statements: StatementOutcome[];
  /** Set for Explain / Explain Analyze runs. */
  plan?: ExplainPlan;
  /** The result-size limit of the run and the setting that raises it. */
  maxResultBytes: number;
  limitSetting: string;
  /** Set when the run failed before any statement answered (network, sign-in). */
  failure?: string;
}
