// SQLSTATE failures from sql/ as typed errors. SqlError is an ApiError (same
// `name`, so isApiError and the tree's error rows keep working) that also says
// which statement failed and, for 42501, which privilege is missing and the
// statement an administrator runs to grant it. The user name only ever appears
// in that advice text; nothing here is executed.
import { ApiError, type ApiErrorKind } from '../http/errors';

/** SQLSTATEs the layer acts on. */
export const SQLSTATE = {
  insufficientPrivilege: '42501',
  undefinedTable: '42P01',
  undefinedColumn: '42703',
  queryCanceled: '57014',
  featureNotSupported: '0A000',
  syntaxError: '42601',
} as const;

export interface MissingPrivilege {
  /** e.g. VIEWACTIVITY, VIEWJOB, CANCELQUERY, VIEWCLUSTERSETTING. */
  privilege: string;
  /** Plain words: what the privilege is for. */
  why: string;
  /** Exact statements that fix it, for an admin to run in a SQL shell (v22.2+ and older). */
  fixes: string[];
}

export interface SqlErrorFields {
  sqlState?: string;
  hint?: string;
  detail?: string;
  /** 0-based index of the failing statement in the batch; undefined for a batch-level error. */
  statementIndex?: number;
  /** 1-based character position in the statement, where the server gives one (syntax errors). */
  position?: number;
  /** The signed-in user, for the advice text only. */
  user?: string;
}

export class SqlError extends ApiError {
  readonly sqlState: string | undefined;
  readonly hint: string | undefined;
  readonly detail: string | undefined;
  readonly statementIndex: number | undefined;
  readonly position: number | undefined;
  /** Set for 42501 when the message names a privilege this layer knows. */
  readonly missingPrivilege: MissingPrivilege | undefined;
  /** v26.1+: crdb_internal/system refused because `allow_unsafe_internals` is off. */
  readonly internalsLocked: boolean;

  constructor(serverMessage: string, fields: SqlErrorFields = {}) {
    const missing =
      fields.sqlState === SQLSTATE.insufficientPrivilege ? missingPrivilege(serverMessage, fields.user) : undefined;
    const locked = isInternalsLockedMessage(serverMessage, fields.hint);
    super(kindFor(fields.sqlState, locked), describe(serverMessage, fields, missing, locked), {
      status: 200,
      route: 'sql/',
      serverMessage,
    });
    this.sqlState = fields.sqlState;
    this.hint = fields.hint;
    this.detail = fields.detail;
    this.statementIndex = fields.statementIndex;
    this.position = fields.position;
    this.missingPrivilege = missing;
    this.internalsLocked = locked;
  }
}

/** By shape, like isApiError: errors cross bundle boundaries. */
export function isSqlError(e: unknown): e is SqlError {
  return e instanceof Error && e.name === 'ApiError' && 'sqlState' in e && 'statementIndex' in e;
}

function kindFor(sqlState: string | undefined, locked: boolean): ApiErrorKind {
  if (sqlState === SQLSTATE.insufficientPrivilege || locked) return 'forbidden';
  if (sqlState === SQLSTATE.queryCanceled) return 'timeout';
  return 'badRequest';
}

function describe(message: string, f: SqlErrorFields, missing: MissingPrivilege | undefined, locked: boolean): string {
  const where = f.statementIndex !== undefined ? ` in statement ${f.statementIndex + 1}` : '';
  const code = f.sqlState ? ` (SQLSTATE ${f.sqlState})` : '';
  let text = `SQL failed${where}: ${message}${code}`;
  if (missing)
    text += ` — needs ${missing.privilege} (${missing.why}). An admin can run: ${missing.fixes.join(' or ')}`;
  else if (locked) text += ` — ${internalsLockedAdvice(f.user)}`;
  if (f.hint && !missing) text += ` Hint: ${f.hint}`;
  return text;
}

/** Quoted as an SQL identifier for display: the advice is copied into a shell, never run here. */
export function displayIdentifier(name: string | undefined): string {
  if (!name) return '<user>';
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function systemPrivilegeFixes(privilege: string, user: string | undefined): string[] {
  const u = displayIdentifier(user);
  // GRANT SYSTEM exists from v22.2; the role option works on every version that has the privilege.
  return [`GRANT SYSTEM ${privilege} TO ${u};`, `ALTER ROLE ${u} WITH ${privilege};`];
}

const PRIVILEGE_WHY: Record<string, string> = {
  VIEWACTIVITY: 'to read SQL activity, statement statistics and insights of all users',
  VIEWACTIVITYREDACTED: 'to read SQL activity with literals redacted',
  VIEWCLUSTERMETADATA: 'to read nodes, ranges and cluster metadata',
  VIEWCLUSTERSETTING: 'to read cluster settings',
  VIEWJOB: 'to see the jobs of all users',
  CONTROLJOB: 'to pause, resume and cancel the jobs of other users',
  CANCELQUERY: 'to cancel the queries and sessions of other users',
};

/** Reads the privilege out of CockroachDB's 42501 wording ("… does not have X privilege", "only users with … X …"). */
export function missingPrivilege(message: string, user?: string): MissingPrivilege | undefined {
  const upper = message.toUpperCase();
  // Most specific first: VIEWACTIVITYREDACTED contains VIEWACTIVITY.
  const known = Object.keys(PRIVILEGE_WHY).sort((a, b) => b.length - a.length);
  let found = known.find((p) => new RegExp(`\\b${p}\\b`).test(upper));
  // "VIEWACTIVITY or VIEWACTIVITYREDACTED": the full one is what the explorer needs.
  if (found === 'VIEWACTIVITYREDACTED' && /\bVIEWACTIVITY\b/.test(upper)) found = 'VIEWACTIVITY';
  if (!found) {
    const table = /(?:\b([A-Z]+) )?privilege on (?:relation|table) "?([\w.]+)"?/i.exec(message);
    if (!table) return undefined;
    const name = table[2] as string;
    // "does not have DELETE privilege on relation t": the privilege the statement needed.
    const privilege = (table[1] ?? 'SELECT').toUpperCase();
    const verb = privilege === 'SELECT' ? 'read' : privilege.toLowerCase();
    return {
      privilege,
      why: `to ${verb} ${name}`,
      // Shown to the user to run in a SQL shell, never sent: names quoted by the one display helper.
      fixes: [
        [
          `GRANT ${privilege} ON TABLE`,
          name.split('.').map(displayIdentifier).join('.'),
          'TO',
          displayIdentifier(user),
        ].join(' ') + ';',
      ],
    };
  }
  return { privilege: found, why: PRIVILEGE_WHY[found] as string, fixes: systemPrivilegeFixes(found, user) };
}

/** v26.1 refuses crdb_internal/system for sessions without `allow_unsafe_internals`. */
export function isInternalsLockedMessage(message: string, hint?: string): boolean {
  const text = `${message} ${hint ?? ''}`;
  return /allow_unsafe_internals/i.test(text) || /(unsafe|restricted).*(crdb_internal|system)/i.test(text);
}

export function internalsLockedAdvice(user?: string): string {
  return (
    'this version restricts crdb_internal by default. An admin can opt the user in with ' +
    `ALTER ROLE ${displayIdentifier(user)} SET allow_unsafe_internals = on; (in a SQL shell), ` +
    'or use the DB Console for this view.'
  );
}
