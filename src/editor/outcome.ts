// Results of the user's statements as the SQL results panel shows them: every
// value as exact text (INT8 and DECIMAL as the server wrote them, JSON as
// compact JSON with big integers intact), NULL as null. No vscode here.
import type { SqlError } from '../api/sql/errors';
import type { SqlStatementResult } from '../api/sql/types';
import type { RunError, StatementOutcome } from '../webviews/protocol/sqlResults';

/** JSON text of a parsed value, with bigint (lossless INT8) written as the exact integer. */
export function exactJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(exactJson).join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${JSON.stringify(k)}:${exactJson(x)}`)
      .join(',')}}`;
  return JSON.stringify(String(v));
}

/** CockroachDB prints an array as `{a,b}`; elements with separators or quotes are quoted. */
function arrayText(v: unknown[]): string {
  const el = (x: unknown): string => {
    if (x === null || x === undefined) return 'NULL';
    const t = cellText(x) ?? 'NULL';
    return /[{},"\\\s]/.test(t) || t === '' ? `"${t.replace(/["\\]/g, '\\$&')}"` : t;
  };
  return `{${v.map(el).join(',')}}`;
}

/** One cell as display-exact text; null for SQL NULL. */
export function cellText(v: unknown, type = ''): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return /^JSONB?$/i.test(type) ? exactJson(v) : arrayText(v);
  return exactJson(v);
}

export function outcomeOf(r: SqlStatementResult, sql: string): StatementOutcome {
  const columns = r.columns.map((c) => ({ name: c.name, type: c.type }));
  const rows = r.rows.map((row) => r.columns.map((c) => cellText(row[c.name], c.type)));
  const out: StatementOutcome = { index: r.index, sql, tag: r.tag, columns, rows, truncated: r.truncated };
  if (r.columns.length === 0 || r.rowsAffected > 0) out.rowsAffected = r.rowsAffected;
  return out;
}

/**
 * CockroachDB puts a syntax error's place in the detail, as a caret under the statement's line:
 * `source SQL:\nSELECT * FORM t\n              ^`. Returns the 1-based character position in `sql`.
 */
export function caretPosition(sql: string, detail: string | undefined): number | undefined {
  const m = /source SQL:\n([\s\S]*?)\n( *)\^/.exec(detail ?? '');
  if (!m) return undefined;
  const shown = m[1]!.split('\n');
  const line = shown[shown.length - 1]!;
  const at = sql.indexOf(line);
  if (at < 0) return undefined;
  return at + Math.min(m[2]!.length, line.length) + 1;
}

export function runErrorOf(e: SqlError, sql = ''): RunError {
  const err: RunError = { message: e.details.serverMessage ?? e.message };
  if (e.sqlState) err.code = e.sqlState;
  if (e.hint) err.hint = e.hint;
  if (e.detail) err.detail = e.detail;
  const position = e.position ?? caretPosition(sql, e.detail);
  if (position !== undefined) err.position = position;
  return err;
}

/** The statement's own text range to underline for an error: at the position's token, else all of it. */
export function errorRange(sql: string, e: RunError): { start: number; end: number } {
  if (e.position !== undefined && e.position >= 1 && e.position <= sql.length) {
    const at = e.position - 1;
    const m = /^[\w$.]+|^\S/.exec(sql.slice(at));
    return { start: at, end: at + (m ? m[0].length : 1) };
  }
  // "at or near "foo": syntax error" names the token.
  const near = /at or near "([^"]+)"/.exec(e.message)?.[1];
  if (near && near !== 'EOF') {
    const i = sql.toLowerCase().indexOf(near.toLowerCase());
    if (i >= 0) return { start: i, end: i + near.length };
  }
  return { start: 0, end: sql.length };
}
