// sql/ → SqlResult. Unlike every other route, errors here are JSON: a top-level
// `error` (flattened pgerror with SQLSTATE `code`) and/or per-statement `error`
// inside a 200. The client now reads answers with src/api/sql/http.ts (typed
// SqlErrors); this reader and the adapters below keep ClusterApi.sql's shape.
import type { SqlStatement } from '../api';
import type { SqlResult } from '../models';
import type { SqlArgument, SqlBatch, SqlBatchResult } from '../../sql/types';
import { arr, isObj, num, obj, optStr, str } from './values';

export interface SqlErrorInfo {
  message: string;
  /** SQLSTATE, e.g. 42501 (insufficient privilege). */
  code?: string;
}

function errorInfo(v: unknown): SqlErrorInfo | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : { message: v };
  const e = obj(v);
  const message = str(e.message);
  const code = optStr(e.code);
  if (message === '' && !code) return undefined;
  return code ? { message, code } : { message };
}

export interface NormalizedSql {
  result: SqlResult;
  /** The first error (top-level first, then the first failing statement). */
  firstError?: SqlErrorInfo;
}

export function normalizeSqlResponse(body: unknown): NormalizedSql {
  const b = obj(body);
  const top = errorInfo(b.error);
  let firstError = top;
  const statements: SqlResult['statements'] = arr(obj(b.execution).txn_results)
    .filter(isObj)
    .map((r) => {
      const st: SqlResult['statements'][number] = {
        rowsAffected: num(r.rows_affected),
        columns: arr(r.columns).map((c) => (isObj(c) ? str(c.name) : str(c))),
        rows: arr(r.rows).filter(isObj),
      };
      const tag = optStr(r.tag);
      if (tag) st.tag = tag;
      const err = errorInfo(r.error);
      if (err) {
        st.error = err.code ? `${err.message} (SQLSTATE ${err.code})` : err.message;
        firstError ??= err;
      }
      return st;
    });
  const result: SqlResult = { statements };
  if (top) result.error = top.code ? `${top.message} (SQLSTATE ${top.code})` : top.message;
  return firstError ? { result, firstError } : { result };
}

/** ClusterApi.sql's arguments → a SqlBatch (the executor sends it; values stay placeholders). */
export function toSqlBatch(
  statements: SqlStatement[],
  options: { database?: string; execute?: boolean; applicationName?: string },
): SqlBatch {
  const batch: SqlBatch = {
    statements: statements.map((s) =>
      typeof s === 'string' ? { sql: s } : { sql: s.sql, arguments: (s.arguments ?? []) as SqlArgument[] },
    ),
  };
  if (options.database !== undefined) batch.database = options.database;
  if (options.execute !== undefined) batch.execute = options.execute;
  if (options.applicationName !== undefined) batch.applicationName = options.applicationName;
  return batch;
}

/** The executor's typed result → the older SqlResult shape (column names only). */
export function sqlResultFromBatch(r: SqlBatchResult): SqlResult {
  return {
    statements: r.statements.map((s) => {
      const st: SqlResult['statements'][number] = {
        rowsAffected: s.rowsAffected,
        columns: s.columns.map((c) => c.name),
        rows: s.rows,
      };
      if (s.tag) st.tag = s.tag;
      return st;
    }),
  };
}
