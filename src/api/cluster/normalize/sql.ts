// sql/ → SqlResult. Unlike every other route, errors here are JSON: a top-level
// `error` (flattened pgerror with SQLSTATE `code`) and/or per-statement `error`
// inside a 200. The client turns any of them into a thrown ApiError.
import type { SqlResult } from '../models';
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
