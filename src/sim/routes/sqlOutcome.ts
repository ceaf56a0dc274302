// What one statement of sql/ produced, shared by the statement handlers.

export interface PgError {
  message: string;
  code: string;
  severity?: string;
  hint?: string;
}

export interface Outcome {
  tag: string;
  columns?: Array<{ name: string; type: string; oid: number }>;
  rows?: Array<Record<string, unknown>>;
  rowsAffected: number;
  error?: PgError;
}

export const sqlError = (message: string, code: string): Outcome => ({
  tag: '',
  rowsAffected: 0,
  error: { message, code, severity: 'ERROR' },
});

export const OID = { int8: 20, bool: 16, string: 25 } as const;
