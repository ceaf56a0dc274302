// The SQL layer's contract. Query sets and callers depend on SqlExecutor only,
// so the HTTP implementation (./http.ts, `POST /api/v2/sql/`) can later sit
// beside a PostgreSQL-wire one without the query sets changing.
import type { RequestOptions } from '../cluster/api';

/** The extension's own application name: visible in SHOW SESSIONS and statement statistics. */
export const EXPLORER_APP_NAME = 'cockroachdb-explorer';

/** One statement with `$1…` placeholders; values travel only in `arguments`. */
export interface SqlQuery {
  sql: string;
  arguments?: readonly SqlArgument[];
}

/** What a placeholder can carry. bigint goes as its decimal text (JSON has no exact int64). */
export type SqlArgument = string | number | boolean | bigint | null | readonly string[];

export interface SqlBatch {
  statements: readonly SqlQuery[];
  /** Default `defaultdb` (the server's own default is `system`). */
  database?: string;
  /** Default EXPLORER_APP_NAME. */
  applicationName?: string;
  /** Server-side limit for the whole batch, in ms (sent as a Go duration). */
  statementTimeoutMs?: number;
  /** Bytes of row data the server returns before it stops with `max result size exceeded`. */
  maxResultBytes?: number;
  /**
   * One transaction per statement and stop at the first failure (v23.2+). Ignored (one
   * transaction, abort on first error) where the server has no such options.
   */
  separateTransactions?: boolean;
  /** false: parse only; the server echoes the request. Default true. */
  execute?: boolean;
}

export interface SqlColumn {
  name: string;
  /** CockroachDB's type name, e.g. `INT8`, `STRING`, `JSONB`, `TIMESTAMPTZ`, `STRING[]`. */
  type: string;
  /** PostgreSQL type oid (20 INT8, 25 TEXT, 3802 JSONB, …); 0 when the server did not say. */
  oid: number;
}

export type SqlRow = Record<string, unknown>;

export interface SqlStatementResult {
  /** 0-based position in the batch. */
  index: number;
  tag: string;
  rowsAffected: number;
  columns: SqlColumn[];
  rows: SqlRow[];
  /** The server stopped adding rows at `max_result_size`: `rows` is a prefix of the answer. */
  truncated: boolean;
}

export interface SqlBatchResult {
  statements: SqlStatementResult[];
  /** Any statement was cut at the result-size limit. */
  truncated: boolean;
}

export interface SqlExecutor {
  /**
   * Runs the batch. Resolves with every statement's rows (a result cut at the size limit is
   * not an error: `truncated` says so); rejects with a SqlError for a SQLSTATE failure and
   * with an ApiError for transport failures, time-outs and cancellation.
   */
  execute(batch: SqlBatch, opts?: RequestOptions): Promise<SqlBatchResult>;
}
