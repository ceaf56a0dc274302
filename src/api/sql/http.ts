// SqlExecutor over `POST /api/v2/sql/` (pkg/server/api_v2_sql.go). The HTTP
// mechanics (session, virtual cluster, time-out, abort, retries, lossless JSON)
// are the ClusterClient's requester, passed in as `post`; this file owns the
// request body and reading the answer into typed results and SqlErrors.
import * as l10n from '@vscode/l10n';
import type { RequestOptions } from '../cluster/api';
import { SqlError } from './errors';
import type { SqlArgument, SqlBatch, SqlBatchResult, SqlColumn, SqlExecutor, SqlStatementResult } from './types';
import { EXPLORER_APP_NAME } from './types';

export interface HttpSqlOptions {
  /** Sends the JSON body to `sql/` and resolves with the parsed (lossless) JSON object. */
  post(body: string, opts: RequestOptions): Promise<Record<string, unknown>>;
  /** Whether the server reads `separate_txns`/`stop_on_error` (v23.2+); undefined = not known, do not send. */
  separateTxnsSupported?: () => boolean | undefined;
  /** The signed-in user, named in privilege advice. */
  user?: () => string | undefined;
}

const DEFAULT_DATABASE = 'defaultdb';
const MAX_SIZE = /max result size exceeded/i;

/** ms → Go duration text (`time.ParseDuration` reads `1500ms`). */
export function goDuration(ms: number): string {
  return `${Math.max(1, Math.round(ms))}ms`;
}

/** JSON cannot carry int64 exactly; CockroachDB casts a decimal string placeholder to INT8. */
function wireArgument(a: SqlArgument): unknown {
  return typeof a === 'bigint' ? a.toString() : a;
}

export function sqlRequestBody(batch: SqlBatch, separateTxns: boolean | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {
    database: batch.database ?? DEFAULT_DATABASE,
    application_name: batch.applicationName ?? EXPLORER_APP_NAME,
    execute: batch.execute ?? true,
    statements: batch.statements.map((s) =>
      s.arguments && s.arguments.length > 0 ? { sql: s.sql, arguments: s.arguments.map(wireArgument) } : { sql: s.sql },
    ),
  };
  if (batch.statementTimeoutMs !== undefined) body.timeout = goDuration(batch.statementTimeoutMs);
  if (batch.maxResultBytes !== undefined) body.max_result_size = Math.max(1, Math.trunc(batch.maxResultBytes));
  // Older servers ignore unknown fields, which would silently change the semantics: only where supported.
  if (batch.separateTransactions && separateTxns) {
    body.separate_txns = true;
    body.stop_on_error = true;
  }
  return body;
}

interface WireError {
  message: string;
  code?: string;
  hint?: string;
  detail?: string;
  position?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function wireError(v: unknown): WireError | undefined {
  if (typeof v === 'string') return v ? { message: v } : undefined;
  if (!isRecord(v)) return undefined;
  const message = text(v.message);
  const code = text(v.code);
  if (!message && !code) return undefined;
  const e: WireError = { message: message ?? l10n.t('unknown error') };
  if (code) e.code = code;
  const hint = text(v.hint);
  if (hint) e.hint = hint;
  const detail = text(v.detail);
  if (detail) e.detail = detail;
  const position = typeof v.position === 'number' ? v.position : Number(text(v.position) ?? NaN);
  if (Number.isSafeInteger(position) && position > 0) e.position = position;
  return e;
}

/** "executing stmt 2: run-query-via-api: relation … does not exist" → the server's own words. */
export function cleanServerMessage(message: string): string {
  return message.replace(/^(executing (select query|stmt \d+): )+/i, '').replace(/^run-query-via-api: /i, '');
}

function columns(v: unknown): SqlColumn[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((c) => ({
    name: typeof c.name === 'string' ? c.name : '',
    type: typeof c.type === 'string' ? c.type : '',
    oid: typeof c.oid === 'number' ? c.oid : 0,
  }));
}

function toSqlError(e: WireError, statementIndex: number | undefined, user: string | undefined): SqlError {
  return new SqlError(cleanServerMessage(e.message), {
    ...(e.code ? { sqlState: e.code } : {}),
    ...(e.hint ? { hint: e.hint } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.position !== undefined ? { position: e.position } : {}),
    ...(statementIndex !== undefined ? { statementIndex } : {}),
    ...(user ? { user } : {}),
  });
}

/**
 * The answer → results, or the first SqlError. `max result size exceeded` is not a failure:
 * the statement keeps the rows that fit and is marked truncated (as DB Console does).
 */
export function readSqlResponse(body: unknown, user?: string): SqlBatchResult {
  const b = isRecord(body) ? body : {};
  const execution = isRecord(b.execution) ? b.execution : {};
  const raw = Array.isArray(execution.txn_results) ? execution.txn_results.filter(isRecord) : [];
  const statements: SqlStatementResult[] = [];
  let truncated = false;
  for (const [i, r] of raw.entries()) {
    const index = typeof r.statement === 'number' && r.statement >= 1 ? r.statement - 1 : i;
    const err = wireError(r.error);
    const cut = err !== undefined && MAX_SIZE.test(err.message);
    if (err && !cut) throw toSqlError(err, index, user);
    truncated ||= cut;
    statements.push({
      index,
      tag: typeof r.tag === 'string' ? r.tag : '',
      rowsAffected: typeof r.rows_affected === 'number' ? r.rows_affected : 0,
      columns: columns(r.columns),
      rows: Array.isArray(r.rows) ? r.rows.filter(isRecord) : [],
      truncated: cut,
    });
  }
  const top = wireError(b.error);
  if (top && MAX_SIZE.test(top.message)) {
    // The cut can be reported at the top only; the last statement is the one that was cut.
    const last = statements.at(-1);
    if (last) last.truncated = true;
    truncated = true;
  } else if (top) {
    const idx = /executing stmt (\d+)/i.exec(top.message);
    throw toSqlError(top, idx ? Number(idx[1]) - 1 : undefined, user);
  }
  return { statements, truncated };
}

export class HttpSqlExecutor implements SqlExecutor {
  constructor(private readonly options: HttpSqlOptions) {}

  async execute(batch: SqlBatch, opts: RequestOptions = {}): Promise<SqlBatchResult> {
    const body = sqlRequestBody(batch, this.options.separateTxnsSupported?.());
    const answer = await this.options.post(JSON.stringify(body), opts);
    return readSqlResponse(answer, this.options.user?.());
  }
}
