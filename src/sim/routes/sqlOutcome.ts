// What one statement of sql/ produced, shared by the statement handlers.

/**
 * pgerror.Error as sql/ writes it (pkg/sql/pgwire/pgerror/errors.proto, encoding/json with
 * omitempty): code, message, detail, hint, severity, in that order. It has no position
 * field; a syntax error's position is the caret in `detail`.
 */
export interface PgError {
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  severity?: string;
}

export interface Outcome {
  tag: string;
  columns?: Array<{ name: string; type: string; oid: number }>;
  rows?: Array<Record<string, unknown>>;
  rowsAffected: number;
  error?: PgError;
}

/** Fields in pgerror.Error's order, so the JSON reads like the server's. */
export function pgError(message: string, code: string, extra: { detail?: string; hint?: string } = {}): PgError {
  return { code, message, ...extra, severity: 'ERROR' };
}

export const sqlError = (message: string, code: string): Outcome => ({
  tag: '',
  rowsAffected: 0,
  error: pgError(message, code),
});

export const OID = { int8: 20, bool: 16, string: 25 } as const;
