// What a statement does, for the confirmation before "Run SQL": read, write,
// schema change, privilege change, session control or other, whether to ask
// first, and one plain sentence saying why. Works on tokens (./split.ts), so
// keywords inside strings, quoted identifiers and comments are never seen:
// `UPDATE t SET a = 'WHERE'` has no WHERE, `update t set a=1 -- where x` neither.
// Pure TypeScript: no vscode, no DOM, no Node APIs.

import * as l10n from '@vscode/l10n';
import { splitStatements, tokenizeSql, type SqlStatement, type SqlToken } from './split';

export type StatementKind = 'read' | 'write' | 'schema' | 'privilege' | 'session' | 'other';

export interface StatementClass {
  kind: StatementKind;
  /** Ask before running: it writes, changes the schema, privileges or cluster, or cannot be told. */
  dangerous: boolean;
  /** One plain sentence for the confirmation (also set for a read that locks rows). */
  reason?: string;
  /** The statement's verb: `SELECT`, `DELETE`, `CREATE TABLE`, `SET CLUSTER SETTING`, `EXPLAIN ANALYZE`, … */
  verb: string;
}

export interface ClassifiedStatement extends SqlStatement, StatementClass {}

export interface ClassifiedText {
  /** The statement to confirm: the most dangerous one (the first among equals); undefined for empty text. */
  mostDangerous?: ClassifiedStatement;
  statements: ClassifiedStatement[];
}

/** How bad, for picking the statement to confirm: higher is worse. */
const Severity = { None: 0, Session: 1, Write: 3, Schema: 4, Privilege: 5, Destructive: 6 } as const;
type Severity = (typeof Severity)[keyof typeof Severity];

interface Verdict {
  cls: StatementClass;
  severity: Severity;
}

/** Code tokens: no whitespace, no comments. */
type Toks = readonly SqlToken[];

const kw = (t: SqlToken | undefined): string => (t && t.kind === 'word' ? t.text.toUpperCase() : '');
const isPunct = (t: SqlToken | undefined, p: string): boolean => t?.kind === 'punct' && t.text === p;

const verdict = (
  kind: StatementKind,
  verb: string,
  severity: Severity,
  reason?: string,
  dangerous = severity >= Severity.Write,
): Verdict => ({ cls: reason ? { kind, dangerous, reason, verb } : { kind, dangerous, verb }, severity });

/** Index after the balanced group opening at `i` (a `(`); the end when it is not closed. */
function skipGroup(t: Toks, i: number): number {
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    if (isPunct(t[j], '(')) depth++;
    else if (isPunct(t[j], ')') && --depth === 0) return j + 1;
  }
  return t.length;
}

/** Indices of the words at paren depth 0 (the statement's own clauses, not its subqueries). */
function topLevelWords(t: Toks, from = 0): Map<number, string> {
  const out = new Map<number, string>();
  let depth = 0;
  for (let i = from; i < t.length; i++) {
    const x = t[i];
    if (isPunct(x, '(')) depth++;
    else if (isPunct(x, ')')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && x?.kind === 'word') out.set(i, x.text.toUpperCase());
  }
  return out;
}

const isName = (t: SqlToken | undefined): boolean => t?.kind === 'word' || t?.kind === 'quoted';

/** `a.b."C"` (or `t@index`) starting at `i`, as written; '' when there is no name there. */
function nameAt(t: Toks, i: number): string {
  let out = '';
  let j = i;
  while (isName(t[j])) {
    out += (t[j] as SqlToken).text;
    const sep = t[j + 1];
    if (!(isPunct(sep, '.') || isPunct(sep, '@')) || !isName(t[j + 2])) break;
    out += (sep as SqlToken).text;
    j += 2;
  }
  return out;
}

/** The WHERE at depth 0, unless it is `WHERE true` / `WHERE 1 = 1` (which filter nothing). */
function hasFilteringWhere(t: Toks): boolean {
  for (const [i, w] of topLevelWords(t, 1)) {
    if (w !== 'WHERE') continue;
    const a = t[i + 1];
    const ends = (k: number): boolean => k >= t.length || ['RETURNING', 'ORDER', 'LIMIT'].includes(kw(t[k]));
    if (kw(a) === 'TRUE' && ends(i + 2)) return false;
    if (a?.text === '1' && isPunct(t[i + 2], '=') && t[i + 3]?.text === '1' && ends(i + 4)) return false;
    return true;
  }
  return false;
}

/**
 * What a DELETE or UPDATE does, by how it is bounded: plain words for the confirmation.
 * `table` is the name as written, or '' when the statement names none.
 */
function updateDeleteReason(verb: 'UPDATE' | 'DELETE', bound: 'filtered' | 'limited' | 'all', table: string): string {
  if (verb === 'DELETE') {
    if (bound === 'filtered')
      return table
        ? l10n.t('DELETE removes the rows of {0} that match its WHERE clause.', table)
        : l10n.t('DELETE removes the rows of the table that match its WHERE clause.');
    if (bound === 'limited')
      return table
        ? l10n.t('DELETE without WHERE removes arbitrary rows of {0}, up to its LIMIT.', table)
        : l10n.t('DELETE without WHERE removes arbitrary rows of the table, up to its LIMIT.');
    return table
      ? l10n.t('DELETE without WHERE removes every row of {0}.', table)
      : l10n.t('DELETE without WHERE removes every row of the table.');
  }
  if (bound === 'filtered')
    return table
      ? l10n.t('UPDATE changes the rows of {0} that match its WHERE clause.', table)
      : l10n.t('UPDATE changes the rows of the table that match its WHERE clause.');
  if (bound === 'limited')
    return table
      ? l10n.t('UPDATE without WHERE changes arbitrary rows of {0}, up to its LIMIT.', table)
      : l10n.t('UPDATE without WHERE changes arbitrary rows of the table, up to its LIMIT.');
  return table
    ? l10n.t('UPDATE without WHERE changes every row of {0}.', table)
    : l10n.t('UPDATE without WHERE changes every row of the table.');
}

function classifyUpdateDelete(t: Toks, verb: 'UPDATE' | 'DELETE'): Verdict {
  let i = 1;
  if (verb === 'DELETE' && kw(t[i]) === 'FROM') i++;
  if (kw(t[i]) === 'ONLY') i++;
  const table = nameAt(t, i);
  const limited = [...topLevelWords(t, 1).values()].includes('LIMIT');
  const filtered = hasFilteringWhere(t);
  // A sentence for the confirmation, never SQL: the stored table name goes in as a value.
  return verdict(
    'write',
    verb,
    filtered ? Severity.Write : Severity.Destructive,
    updateDeleteReason(verb, filtered ? 'filtered' : limited ? 'limited' : 'all', table),
  );
}

/** Words between CREATE / ALTER / DROP and the object type. */
const MODIFIERS = new Set([
  'OR',
  'REPLACE',
  'UNIQUE',
  'INVERTED',
  'VECTOR',
  'TEMP',
  'TEMPORARY',
  'LOCAL',
  'GLOBAL',
  'UNLOGGED',
  'MATERIALIZED',
]);

/** What may follow DROP inside ALTER TABLE without dropping a column. */
const DROP_NOT_COLUMN = new Set(['CONSTRAINT', 'DEFAULT', 'NOT', 'STORED', 'IDENTITY', 'EXPRESSION']);

const ROLE_WORDS = new Set(['ROLE', 'ROLES', 'USER', 'USERS']);

/** `CREATE [OR REPLACE] [UNIQUE] INDEX` → the modifiers, the object type word(s) and where the name starts. */
function objectAfter(t: Toks, i: number): { modifiers: string[]; object: string; next: number } {
  let j = i;
  const modifiers: string[] = [];
  while (MODIFIERS.has(kw(t[j]))) modifiers.push(kw(t[j++]));
  let object = kw(t[j]);
  j++;
  // Two-word object types.
  const second = kw(t[j]);
  if (
    (object === 'VIRTUAL' && second === 'CLUSTER') ||
    (object === 'EXTERNAL' && second === 'CONNECTION') ||
    (object === 'DEFAULT' && second === 'PRIVILEGES')
  ) {
    object = `${object} ${second}`;
    j++;
  }
  if (kw(t[j]) === 'IF') {
    j++;
    if (kw(t[j]) === 'NOT') j++;
    if (kw(t[j]) === 'EXISTS') j++;
  }
  return { modifiers, object, next: j };
}

function classifyDdl(t: Toks, verb: 'CREATE' | 'ALTER' | 'DROP'): Verdict {
  const { modifiers, object, next } = objectAfter(t, 1);
  const full = object ? `${verb} ${object}` : verb;
  const name = nameAt(t, next);
  if (ROLE_WORDS.has(object))
    return verdict(
      'privilege',
      full,
      Severity.Privilege,
      verb !== 'DROP'
        ? l10n.t('{0} changes who can sign in and what they may do.', full)
        : name
          ? l10n.t('{0} removes {1}: it can no longer sign in and its privileges are gone.', full, name)
          : l10n.t('{0} removes the role: it can no longer sign in and its privileges are gone.', full),
    );
  if (verb === 'ALTER' && object === 'DEFAULT PRIVILEGES')
    return verdict(
      'privilege',
      full,
      Severity.Privilege,
      l10n.t('{0} changes the privileges of objects created later.', full),
    );
  if (verb === 'CREATE' && object === 'STATISTICS')
    return verdict(
      'other',
      full,
      Severity.Write,
      l10n.t('CREATE STATISTICS reads the whole table to collect statistics.'),
    );
  if (verb === 'CREATE' && object === 'CHANGEFEED')
    return verdict(
      'other',
      full,
      Severity.Write,
      l10n.t('CREATE CHANGEFEED starts a job that streams every change of the tables.'),
    );
  if (object === 'SCHEDULE' || object === 'SCHEDULES')
    return verdict('other', full, Severity.Write, l10n.t('{0} changes scheduled jobs such as backups.', full));
  if (verb === 'DROP') {
    const cascade = [...topLevelWords(t).values()].includes('CASCADE');
    // The object type is a SQL keyword ("the table", "the view"): it goes in as a value.
    const what = name || l10n.t('the {0}', object.toLowerCase());
    const data = ['TABLE', 'DATABASE', 'SCHEMA'].includes(object) || modifiers.includes('MATERIALIZED');
    const reason = data
      ? cascade
        ? l10n.t(
            '{0} permanently removes {1} and all of its data, and CASCADE also drops everything that depends on it.',
            full,
            what,
          )
        : l10n.t('{0} permanently removes {1} and all of its data.', full, what)
      : cascade
        ? l10n.t('{0} permanently removes {1}, and CASCADE also drops everything that depends on it.', full, what)
        : l10n.t('{0} permanently removes {1}.', full, what);
    return verdict('schema', full, Severity.Destructive, reason);
  }
  if (verb === 'ALTER') {
    const words = [...topLevelWords(t, next).values()];
    for (let k = 0; k < words.length; k++) {
      const dropped = words[k + 1];
      if (object === 'TABLE' && words[k] === 'DROP' && dropped !== undefined && !DROP_NOT_COLUMN.has(dropped))
        return verdict(
          'schema',
          full,
          Severity.Destructive,
          l10n.t('{0} … DROP COLUMN deletes the column and its data.', full),
        );
      if (words[k] === 'CONFIGURE' && words[k + 1] === 'ZONE')
        return verdict(
          'schema',
          full,
          Severity.Schema,
          name
            ? l10n.t('{0} … CONFIGURE ZONE changes how {1} is replicated.', full, name)
            : l10n.t('{0} … CONFIGURE ZONE changes how the data is replicated.', full),
        );
      if (words[k] === 'OWNER' && words[k + 1] === 'TO')
        return verdict(
          'privilege',
          full,
          Severity.Privilege,
          name
            ? l10n.t('{0} … OWNER TO gives {1} to another owner.', full, name)
            : l10n.t('{0} … OWNER TO gives the object to another owner.', full),
        );
    }
    return verdict(
      'schema',
      full,
      Severity.Schema,
      name
        ? l10n.t('{0} changes the schema of {1}.', full, name)
        : l10n.t('{0} changes the schema of the database.', full),
    );
  }
  if (object === 'INDEX')
    return verdict(
      'schema',
      full,
      Severity.Schema,
      l10n.t('CREATE INDEX builds a new index, which reads the whole table and slows its writes.'),
    );
  return verdict(
    'schema',
    full,
    Severity.Schema,
    name
      ? l10n.t('{0} changes the schema: it creates {1}.', full, name)
      : l10n.t('{0} changes the schema: it creates a {1}.', full, object.toLowerCase()),
  );
}

/** The statement after `EXPLAIN [ANALYZE] [(options)]`, and whether it runs. */
function classifyExplain(t: Toks): Verdict {
  let i = 1;
  let analyze = false;
  for (;;) {
    const w = kw(t[i]);
    if (w === 'ANALYZE' || w === 'ANALYSE') {
      analyze = true;
      i++;
    } else if (w === 'VERBOSE') i++;
    else if (isPunct(t[i], '(')) {
      const end = skipGroup(t, i);
      for (let j = i + 1; j < end; j++) if (['ANALYZE', 'ANALYSE'].includes(kw(t[j]))) analyze = true;
      i = end;
    } else break;
  }
  const inner = classifyTokens(t.slice(i));
  const verb = analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN';
  if (!analyze) return verdict('read', verb, Severity.None);
  if (inner.cls.kind === 'read' && !inner.cls.dangerous) return verdict('read', verb, Severity.None, inner.cls.reason);
  const { verb: innerVerb, reason: innerReason } = inner.cls;
  let reason: string;
  if (innerVerb)
    reason = innerReason
      ? l10n.t('EXPLAIN ANALYZE executes the {0}: {1}', innerVerb, innerReason)
      : l10n.t('EXPLAIN ANALYZE executes the {0}.', innerVerb);
  else
    reason = innerReason
      ? l10n.t('EXPLAIN ANALYZE executes the statement: {0}', innerReason)
      : l10n.t('EXPLAIN ANALYZE executes the statement.');
  return {
    cls: {
      kind: inner.cls.kind,
      dangerous: inner.cls.dangerous,
      reason,
      verb,
    },
    severity: inner.severity,
  };
}

/** `WITH [RECURSIVE] a AS [NOT] [MATERIALIZED] (…), … main`: the worst of the bodies and the main statement. */
function classifyWith(t: Toks): Verdict {
  const bodies: Verdict[] = [];
  let i = 1;
  if (kw(t[i]) === 'RECURSIVE') i++;
  for (;;) {
    // name [(columns)] AS [NOT] [MATERIALIZED] (body)
    while (i < t.length && kw(t[i]) !== 'AS') i = isPunct(t[i], '(') ? skipGroup(t, i) : i + 1;
    i++;
    while (['NOT', 'MATERIALIZED'].includes(kw(t[i]))) i++;
    if (!isPunct(t[i], '(')) break;
    const end = skipGroup(t, i);
    bodies.push(classifyTokens(t.slice(i + 1, end - 1)));
    i = end;
    if (!isPunct(t[i], ',')) break;
    i++;
  }
  const main = classifyTokens(t.slice(i));
  const worstBody = bodies.reduce<Verdict | undefined>((w, b) => (!w || b.severity > w.severity ? b : w), undefined);
  // A data-modifying CTE (`WITH d AS (DELETE …) SELECT …`) writes whatever the main statement does.
  return worstBody && worstBody.severity > main.severity ? worstBody : main;
}

const LOCKING = new Set(['UPDATE', 'SHARE', 'NO', 'KEY']);

function classifySelect(t: Toks, verb: string): Verdict {
  for (const [i, w] of topLevelWords(t)) {
    if (w === 'FOR' && LOCKING.has(kw(t[i + 1])))
      return verdict(
        'read',
        verb,
        Severity.None,
        l10n.t(
          '{0} … FOR {1} locks the rows it reads until the transaction ends.',
          verb,
          kw(t[i + 1]) === 'SHARE' || kw(t[i + 2]) === 'SHARE' ? 'SHARE' : 'UPDATE',
        ),
      );
  }
  return verdict('read', verb, Severity.None);
}

const SESSION = new Set([
  'BEGIN',
  'START',
  'COMMIT',
  'END',
  'ROLLBACK',
  'ABORT',
  'SAVEPOINT',
  'RELEASE',
  'PREPARE',
  'DEALLOCATE',
  'DISCARD',
  'USE',
  'DECLARE',
  'CLOSE',
  'LISTEN',
  'UNLISTEN',
]);

/** What PAUSE / RESUME / CANCEL does to a job or a schedule, as one sentence about `full`. */
function jobControlReason(verb: string, full: string, schedule: boolean): string {
  switch (verb) {
    case 'PAUSE':
      return schedule
        ? l10n.t('{0} stops the schedule until it is resumed.', full)
        : l10n.t('{0} stops the job until it is resumed.', full);
    case 'RESUME':
      return schedule ? l10n.t('{0} restarts the schedule.', full) : l10n.t('{0} restarts the job.', full);
    case 'CANCEL':
      return schedule
        ? l10n.t('{0} stops the schedule for good.', full)
        : l10n.t('{0} stops the job for good, rolling back its work.', full);
    default:
      return schedule ? l10n.t('{0} changes the schedule.', full) : l10n.t('{0} changes the job.', full);
  }
}

function classifyJobControl(t: Toks, verb: string): Verdict | undefined {
  const words = t.map(kw);
  const target = words
    .slice(1)
    .find((w) => ['JOB', 'JOBS', 'SCHEDULE', 'SCHEDULES', 'QUERY', 'QUERIES', 'SESSION', 'SESSIONS'].includes(w));
  if (!target) return undefined;
  const full = `${verb} ${words[1] === 'ALL' ? `ALL ${words[2] ?? ''} ` : ''}${target}`.replace(/\s+/g, ' ');
  if (target.startsWith('QUERY') || target.startsWith('QUERIES'))
    return verdict(
      'other',
      full,
      Severity.Write,
      l10n.t('{0} stops running queries, which then fail for their clients.', full),
    );
  if (target.startsWith('SESSION'))
    return verdict('other', full, Severity.Write, l10n.t("{0} closes other clients' connections.", full));
  return verdict('other', full, Severity.Write, jobControlReason(verb, full, target.startsWith('SCHEDULE')));
}

/** Classifies one statement's code tokens. */
function classifyTokens(all: Toks): Verdict {
  let t = all;
  // `(SELECT …)`: the parentheses say nothing about what it does.
  while (isPunct(t[0], '(')) t = t.slice(1);
  const w = kw(t[0]);
  const second = kw(t[1]);
  if (!t.length) return verdict('other', '', Severity.None);
  switch (w) {
    case 'SELECT':
    case 'VALUES':
    case 'TABLE':
    case 'SHOW':
    case 'FETCH':
    case 'MOVE':
      return classifySelect(t, w);
    case 'WITH':
      return classifyWith(t);
    case 'EXPLAIN':
      return classifyExplain(t);
    case 'INSERT':
    case 'UPSERT': {
      const table = nameAt(t, kw(t[1]) === 'INTO' ? 2 : 1);
      if (w === 'UPSERT')
        return verdict(
          'write',
          w,
          Severity.Write,
          table
            ? l10n.t('UPSERT adds rows to {0} and overwrites existing rows with the same key.', table)
            : l10n.t('UPSERT adds rows to the table and overwrites existing rows with the same key.'),
        );
      const words = [...topLevelWords(t).values()];
      const conflictUpdate = words.some((x, k) => x === 'DO' && words[k + 1] === 'UPDATE');
      let reason: string;
      if (conflictUpdate)
        reason = table
          ? l10n.t('INSERT … ON CONFLICT DO UPDATE adds rows to {0} and changes existing ones.', table)
          : l10n.t('INSERT … ON CONFLICT DO UPDATE adds rows to the table and changes existing ones.');
      else reason = table ? l10n.t('INSERT adds rows to {0}.', table) : l10n.t('INSERT adds rows to the table.');
      return verdict('write', w, Severity.Write, reason);
    }
    case 'UPDATE':
    case 'DELETE':
      return classifyUpdateDelete(t, w);
    case 'TRUNCATE': {
      const table = nameAt(t, kw(t[1]) === 'TABLE' ? 2 : 1);
      return verdict(
        'write',
        w,
        Severity.Destructive,
        table
          ? l10n.t('TRUNCATE removes every row of {0}.', table)
          : l10n.t('TRUNCATE removes every row of the table.'),
      );
    }
    case 'IMPORT':
      return verdict(
        'write',
        w,
        Severity.Schema,
        l10n.t('IMPORT writes data from files into the table, and the table is offline meanwhile.'),
      );
    case 'COPY': {
      const from = [...topLevelWords(t).values()].includes('FROM');
      return from
        ? verdict('write', 'COPY FROM', Severity.Write, l10n.t('COPY FROM adds rows to the table.'))
        : verdict('read', 'COPY', Severity.None);
    }
    case 'BACKUP':
      return verdict(
        'write',
        w,
        Severity.Write,
        l10n.t('BACKUP writes a copy of the data to external storage, which adds load to the cluster.'),
      );
    case 'RESTORE':
      return verdict(
        'write',
        w,
        Severity.Schema,
        l10n.t('RESTORE creates tables and writes their data from a backup.'),
      );
    case 'EXPORT':
      return verdict('write', w, Severity.Write, l10n.t('EXPORT writes query results to external storage.'));
    case 'REFRESH':
      return verdict('write', w, Severity.Write, l10n.t('REFRESH MATERIALIZED VIEW recomputes and rewrites the view.'));
    case 'CREATE':
    case 'ALTER':
    case 'DROP':
      return classifyDdl(t, w);
    case 'RENAME':
      return verdict(
        'schema',
        w,
        Severity.Schema,
        l10n.t('RENAME changes the name that queries and applications use.'),
      );
    case 'COMMENT':
      return verdict(
        'schema',
        'COMMENT ON',
        Severity.Schema,
        l10n.t('COMMENT ON changes a comment stored in the schema.'),
      );
    case 'GRANT':
    case 'REVOKE':
      return verdict(
        'privilege',
        w,
        Severity.Privilege,
        w === 'GRANT'
          ? l10n.t('GRANT gives privileges to users or roles.')
          : l10n.t('REVOKE takes privileges away from users or roles.'),
      );
    case 'REASSIGN':
      return verdict(
        'privilege',
        'REASSIGN OWNED', // l10n-ignore: SQL verb
        Severity.Privilege,
        l10n.t('REASSIGN OWNED gives every object of a role to another owner.'),
      );
    case 'SET':
    case 'RESET': {
      if (second === 'CLUSTER' && kw(t[2]) === 'SETTING')
        return verdict(
          'other',
          `${w} CLUSTER SETTING`, // l10n-ignore: SQL verb
          Severity.Privilege,
          l10n.t('{0} CLUSTER SETTING changes a setting for every node and session of the cluster.', w),
        );
      return verdict('session', w, Severity.Session, undefined, false);
    }
    case 'PAUSE':
    case 'RESUME':
    case 'CANCEL':
      return classifyJobControl(t, w) ?? unknown(w);
    case 'ANALYZE':
    case 'ANALYSE':
      return verdict('other', w, Severity.Write, l10n.t('{0} reads the whole table to collect statistics.', w));
    case 'CALL':
      return verdict('other', w, Severity.Write, l10n.t('CALL runs a stored procedure, which may change data.'));
    case 'DO':
      return verdict('other', w, Severity.Write, l10n.t('DO runs a code block, which may change data.'));
    case 'EXECUTE':
      return verdict('other', w, Severity.Write, l10n.t('EXECUTE runs a prepared statement, which may change data.'));
    default:
      if (SESSION.has(w))
        // l10n-ignore: SQL verb
        return verdict('session', w === 'START' ? 'START TRANSACTION' : w, Severity.Session, undefined, false);
      return unknown(w || t[0]?.text || '');
  }
}

function unknown(verb: string): Verdict {
  return verdict(
    'other',
    verb,
    Severity.Write,
    l10n.t('{0} is not a statement this extension knows, so it may change data.', verb),
  );
}

function classifyStatementTokens(s: SqlStatement): Verdict {
  return classifyTokens(tokenizeSql(s.sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment'));
}

/**
 * Classifies every statement of `text` and picks the one to confirm: the most
 * dangerous (the first of equally dangerous ones).
 */
export function classifyText(text: string): ClassifiedText {
  let worst: { s: ClassifiedStatement; severity: Severity } | undefined;
  const statements = splitStatements(text).map((s) => {
    const v = classifyStatementTokens(s);
    const c: ClassifiedStatement = { ...s, ...v.cls };
    if (!worst || v.severity > worst.severity) worst = { s: c, severity: v.severity };
    return c;
  });
  return worst ? { mostDangerous: worst.s, statements } : { statements };
}

/**
 * What `sql` does. For a text with several statements, the most dangerous of
 * them; for an empty one (only whitespace and comments), kind `other` with verb ''.
 */
export function classifyStatement(sql: string): StatementClass {
  const worst = classifyText(sql).mostDangerous;
  if (!worst) return { kind: 'other', dangerous: false, verb: '' };
  const { kind, dangerous, reason, verb } = worst;
  return reason === undefined ? { kind, dangerous, verb } : { kind, dangerous, reason, verb };
}
