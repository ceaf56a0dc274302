// SQLSTATE failures from sql/ as typed errors. SqlError is an ApiError (same
// `name`, so isApiError and the tree's error rows keep working) that also says
// which statement failed and, for 42501, which privilege is missing and the
// statement an administrator runs to grant it. The user name only ever appears
// in that advice text; nothing here is executed.
import * as l10n from '@vscode/l10n';
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

function failed(message: string, f: SqlErrorFields): string {
  const n = f.statementIndex !== undefined ? f.statementIndex + 1 : undefined;
  if (n !== undefined && f.sqlState)
    return l10n.t('SQL failed in statement {0}: {1} (SQLSTATE {2})', n, message, f.sqlState);
  if (n !== undefined) return l10n.t('SQL failed in statement {0}: {1}', n, message);
  if (f.sqlState) return l10n.t('SQL failed: {0} (SQLSTATE {1})', message, f.sqlState);
  return l10n.t('SQL failed: {0}', message);
}

function describe(message: string, f: SqlErrorFields, missing: MissingPrivilege | undefined, locked: boolean): string {
  let text = failed(message, f);
  if (missing) {
    const fixes = missing.fixes.reduce((all, fix) => (all ? l10n.t('{0} or {1}', all, fix) : fix), '');
    text = l10n.t('{0} — needs {1} ({2}). An admin can run: {3}', text, missing.privilege, missing.why, fixes);
  } else if (locked) text = `${text} — ${internalsLockedAdvice(f.user)}`;
  if (f.hint && !missing) text = l10n.t('{0} Hint: {1}', text, f.hint);
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

/** What each system privilege is for, in words (read when a 42501 names it). */
const PRIVILEGE_WHY: Record<string, () => string> = {
  VIEWACTIVITY: () => l10n.t('to read SQL activity, statement statistics and insights of all users'),
  VIEWACTIVITYREDACTED: () => l10n.t('to read SQL activity with literals redacted'),
  VIEWCLUSTERMETADATA: () => l10n.t('to read nodes, ranges and cluster metadata'),
  VIEWCLUSTERSETTING: () => l10n.t('to read cluster settings'),
  VIEWJOB: () => l10n.t('to see the jobs of all users'),
  CONTROLJOB: () => l10n.t('to pause, resume and cancel the jobs of other users'),
  CANCELQUERY: () => l10n.t('to cancel the queries and sessions of other users'),
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
    return {
      privilege,
      why: privilege === 'SELECT' ? l10n.t('to read {0}', name) : l10n.t('to {0} {1}', privilege.toLowerCase(), name),
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
  const why = (PRIVILEGE_WHY[found] as () => string)();
  return { privilege: found, why, fixes: systemPrivilegeFixes(found, user) };
}

/** v26.1 refuses crdb_internal/system for sessions without `allow_unsafe_internals`. */
export function isInternalsLockedMessage(message: string, hint?: string): boolean {
  const text = `${message} ${hint ?? ''}`;
  return /allow_unsafe_internals/i.test(text) || /(unsafe|restricted).*(crdb_internal|system)/i.test(text);
}

export function internalsLockedAdvice(user?: string): string {
  return l10n.t(
    'this version restricts crdb_internal by default. An admin can opt the user in with ALTER ROLE {0} SET allow_unsafe_internals = on; (in a SQL shell), or use the DB Console for this view.',
    displayIdentifier(user),
  );
}
