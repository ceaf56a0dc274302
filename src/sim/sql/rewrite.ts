// The thin translation from CockroachDB-only SQL forms to PostgreSQL, and the
// statement facts the sql/ route needs before it runs anything (kind, tag,
// placeholder count, relations named). Everything works on tokens, so text
// inside string literals, quoted identifiers and comments is never rewritten or
// mistaken for SQL. A translation remembers where each piece came from, so the
// engine's error positions point into the statement the client sent.

import type { SimProfile } from '../types';

export interface Token {
  kind: 'word' | 'string' | 'quoted' | 'comment' | 'space' | 'param' | 'punct';
  text: string;
}

interface Positioned extends Token {
  /** Index of the token's first UTF-16 unit in the statement. */
  start: number;
}

/** `$tag$` that opens a dollar-quoted string at i, or undefined. */
function dollarTag(sql: string, i: number): string | undefined {
  return /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 64))?.[0];
}

/** Splits SQL into tokens; the concatenation of all token texts is the input. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i] as string)) i++;
      out.push({ kind: 'space', text: sql.slice(start, i) });
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      out.push({ kind: 'comment', text: sql.slice(start, i) });
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out.push({ kind: 'comment', text: sql.slice(start, i) });
    } else if (
      c === "'" ||
      ((c === 'e' || c === 'E' || c === 'b' || c === 'B' || c === 'x' || c === 'X') && sql[i + 1] === "'")
    ) {
      i = c === "'" ? i + 1 : i + 2;
      const escapes = c === 'e' || c === 'E';
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i = Math.min(n, i + 1);
      out.push({ kind: 'string', text: sql.slice(start, i) });
    } else if (c === '"') {
      i++;
      while (i < n && !(sql[i] === '"' && sql[i + 1] !== '"')) i += sql[i] === '"' ? 2 : 1;
      i = Math.min(n, i + 1);
      out.push({ kind: 'quoted', text: sql.slice(start, i) });
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      i++;
      while (i < n && /[0-9]/.test(sql[i] as string)) i++;
      out.push({ kind: 'param', text: sql.slice(start, i) });
    } else if (c === '$' && dollarTag(sql, i)) {
      // A function body: `$$ … $$` or `$body$ … $body$`.
      const tag = dollarTag(sql, i) as string;
      const end = sql.indexOf(tag, i + tag.length);
      i = end < 0 ? n : end + tag.length;
      out.push({ kind: 'string', text: sql.slice(start, i) });
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      while (i < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[i] as string)) i++;
      out.push({ kind: 'word', text: sql.slice(start, i) });
    } else if (/[0-9]/.test(c)) {
      while (i < n && /[0-9.eE]/.test(sql[i] as string)) i++;
      out.push({ kind: 'word', text: sql.slice(start, i) });
    } else {
      i += c === ':' && sql[i + 1] === ':' ? 2 : 1;
      out.push({ kind: 'punct', text: sql.slice(start, i) });
    }
  }
  return out;
}

function positioned(sql: string): Positioned[] {
  let at = 0;
  return tokenize(sql).map((t) => {
    const p = { ...t, start: at };
    at += t.text.length;
    return p;
  });
}

const isCode = (t: Token): boolean => t.kind !== 'space' && t.kind !== 'comment';
const code = (tokens: Token[]): Token[] => tokens.filter(isCode);
const upper = (t: Token | undefined): string => (t && t.kind === 'word' ? t.text.toUpperCase() : '');
/** A name part: an unquoted identifier (not a number) or a quoted one. */
const isIdent = (t: Token | undefined): boolean =>
  !!t && (t.kind === 'quoted' || (t.kind === 'word' && /^[A-Za-z_\u0080-\uffff]/.test(t.text)));

/** An identifier's value: unquoted ones are case-insensitive (lower-cased), quoted ones exact. */
export function identValue(t: Token): string {
  return t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase();
}

/** The first code words, upper-cased ('' for non-words). */
export function firstWords(sql: string, n = 3): string[] {
  return code(tokenize(sql))
    .slice(0, n)
    .map((t) => upper(t));
}

/** The highest `$n` used, which is what CockroachDB compares with the argument count. */
export function placeholderCount(sql: string): number {
  let max = 0;
  for (const t of tokenize(sql)) if (t.kind === 'param') max = Math.max(max, Number(t.text.slice(1)));
  return max;
}

/** How many statements the text holds (`;` outside literals; empty ones do not count). */
export function statementCount(sql: string): number {
  let count = 0;
  let pending = false;
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === ';') {
      if (pending) count++;
      pending = false;
    } else if (isCode(t)) pending = true;
  }
  return count + (pending ? 1 : 0);
}

/**
 * - `refused`: TCL, SET and other statements the SQL API refuses itself (Ack return type or TCL).
 * - `unsupported`: valid CockroachDB the simulated cluster does not model (databases, grants,
 *   bulk I/O, UPSERT, SHOW forms other than SHOW JOBS).
 * - `write`: DML and DDL, which run on the engine's copy of the user tables.
 */
export type StatementKind = 'read' | 'explain' | 'show-jobs' | 'refused' | 'unsupported' | 'write';

/** Ack-returning or TCL statements (pkg/sql/sem/tree/stmt.go), by their first words. */
const REFUSED_FIRST = new Set([
  'BEGIN',
  'START',
  'COMMIT',
  'END',
  'ROLLBACK',
  'ABORT',
  'SAVEPOINT',
  'RELEASE',
  'SET',
  'RESET',
  'USE',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE',
  'DISCARD',
  'DECLARE',
  'CLOSE',
  'CALL',
  'PAUSE',
  'RESUME',
]);
const ROLE_WORDS = new Set(['ROLE', 'USER']);
const JOB_WORDS = new Set(['JOB', 'JOBS', 'ALL', 'SCHEDULE', 'SCHEDULES']);
const WRITE_FIRST = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'ALTER',
  'TRUNCATE',
  'COMMENT',
  'REFRESH',
]);
const UNSUPPORTED_FIRST = new Set(['GRANT', 'REVOKE', 'IMPORT', 'EXPORT', 'BACKUP', 'RESTORE', 'COPY', 'DO', 'UPSERT']);

export function statementKind(sql: string): StatementKind {
  const c = code(tokenize(sql));
  const [first, second, third] = [upper(c[0]), upper(c[1]), upper(c[2])];
  const words = c.map(upper);
  if (REFUSED_FIRST.has(first)) return 'refused';
  if (first === 'CANCEL' && JOB_WORDS.has(second)) return 'refused';
  if (first === 'DROP' && (second === 'SCHEDULE' || second === 'SCHEDULES')) return 'refused';
  if (['CREATE', 'ALTER', 'DROP'].includes(first) && ROLE_WORDS.has(second)) return 'refused';
  if (first === 'CREATE' && second === 'EXTENSION') return 'refused';
  if (first === 'ALTER' && words.some((w, i) => w === 'SET' && words[i + 1] === 'CLUSTER')) return 'refused';
  if (first === 'EXPLAIN') return 'explain';
  if (first === 'SHOW' && (second === 'JOBS' || (second === 'AUTOMATIC' && third === 'JOBS'))) return 'show-jobs';
  if (first === 'SHOW' || UNSUPPORTED_FIRST.has(first)) return 'unsupported';
  if (['CREATE', 'DROP', 'ALTER'].includes(first) && second === 'DATABASE') return 'unsupported';
  if (WRITE_FIRST.has(first)) return 'write';
  // Anything else (including gibberish) goes to the engine, which accepts or rejects it.
  return 'read';
}

/**
 * Whether the SQL API refuses the statement with `disallowed statement type`: Ack or TCL
 * statements. TRUNCATE is Ack too; v26's builds exempt it (cockroachdb/cockroach#151159).
 */
export function refusedBySqlApi(sql: string, profile: SimProfile): boolean {
  const kind = statementKind(sql);
  return kind === 'refused' || (profile !== 'v26' && firstWords(sql, 1)[0] === 'TRUNCATE');
}

const TAG_OBJECTS = new Set([
  'TABLE',
  'INDEX',
  'VIEW',
  'SEQUENCE',
  'SCHEMA',
  'TYPE',
  'FUNCTION',
  'PROCEDURE',
  'DATABASE',
  'STATISTICS',
  'TRIGGER',
  'POLICY',
]);

/** CockroachDB's statement tag (`StatementTag()`), which a result carries even when it failed. */
export function statementTag(sql: string): string {
  const c = code(tokenize(sql));
  const w = c.map(upper);
  const first = w[0] ?? '';
  if (first === 'SELECT' || first === 'VALUES' || first === 'TABLE' || c[0]?.text === '(') return 'SELECT';
  if (first === 'WITH') {
    let depth = 0;
    for (const t of c) {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (depth === 0 && ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'UPSERT'].includes(upper(t))) return upper(t);
    }
    return 'SELECT';
  }
  if (first === 'EXPLAIN') return w[1] === 'ANALYZE' || w[1] === 'ANALYSE' ? 'EXPLAIN ANALYZE' : 'EXPLAIN';
  if (first === 'SHOW') return w[1] === 'JOBS' || w[2] === 'JOBS' ? 'SHOW JOBS' : 'SHOW';
  if (first === 'CREATE' || first === 'DROP' || first === 'ALTER') {
    const obj = w.slice(1, 5).find((x) => TAG_OBJECTS.has(x));
    if (!obj) return first;
    const as = w.indexOf('AS');
    const paren = c.findIndex((t) => t.text === '(');
    if (first === 'CREATE' && obj === 'TABLE' && as > 0 && (paren < 0 || paren > as)) return 'CREATE TABLE AS';
    return `${first} ${obj}`;
  }
  if (first === 'COMMENT') return w[2] ? `COMMENT ON ${w[2]}` : 'COMMENT';
  if (first === 'CANCEL') return w[1] === 'SESSION' || w[1] === 'SESSIONS' ? 'CANCEL SESSIONS' : 'CANCEL QUERIES';
  return first;
}

/** Data sources for `[SHOW …]`, defined in schema.ts under the private `sim_show` schema. */
const SHOW_SOURCES: Array<{ words: string[]; target: string }> = [
  { words: ['SHOW', 'JOBS'], target: 'sim_show.jobs' },
  { words: ['SHOW', 'AUTOMATIC', 'JOBS'], target: 'sim_show.automatic_jobs' },
  { words: ['SHOW', 'CLUSTER', 'SESSIONS'], target: 'sim_show.cluster_sessions' },
  { words: ['SHOW', 'SESSIONS'], target: 'sim_show.cluster_sessions' },
  { words: ['SHOW', 'CLUSTER', 'QUERIES'], target: 'sim_show.cluster_queries' },
  { words: ['SHOW', 'QUERIES'], target: 'sim_show.cluster_queries' },
];

export class UnsupportedSql extends Error {}

/** How names resolve for one request: the engine's schemas (userTables.ts) and the request's database. */
export interface NameContext {
  database: string;
  isDatabase(name: string): boolean;
  /** Whether `db` has the schema (public and the virtual schemas always). */
  hasSchema(db: string, schema: string): boolean;
  /** Schemas every database has, kept as they are. */
  isVirtual(schema: string): boolean;
  /** The engine schema of (db, schema), unquoted. */
  engineSchema(db: string, schema: string): string;
}

export interface Translation {
  sql: string;
  /** A 1-based character (code point) position in `sql` → the 0-based UTF-16 index in the statement given. */
  origin(position: number): number;
}

interface Piece {
  text: string;
  from: number;
  len: number;
  /** Copied unchanged: positions inside map one to one. */
  exact: boolean;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const TYPE_WORDS: Record<string, string> = {
  // CockroachDB's INT is 64-bit (default_int_size = 8); SERIAL is a unique_rowid() column.
  INT: 'INT8',
  INTEGER: 'INT8',
  SERIAL: 'INT8 NOT NULL DEFAULT unique_rowid()',
  SERIAL2: 'INT8 NOT NULL DEFAULT unique_rowid()',
  SERIAL4: 'INT8 NOT NULL DEFAULT unique_rowid()',
  SERIAL8: 'INT8 NOT NULL DEFAULT unique_rowid()',
  SMALLSERIAL: 'INT8 NOT NULL DEFAULT unique_rowid()',
  BIGSERIAL: 'INT8 NOT NULL DEFAULT unique_rowid()',
};

const TABLE_LIST_BEFORE = new Set(['FROM', 'JOIN', 'UPDATE', 'INTO', ',']);

/**
 * `[SHOW …]` → a view, `SHOW JOBS` → `SELECT * FROM` that view, CockroachDB's INT and SERIAL
 * → INT8, `STORING` → `INCLUDE`, `table@index` → `table`; with a NameContext, names are
 * resolved CockroachDB's way (schema of the current database first, then database):
 * `db.schema.table`, `schema.table`, `db.table` and the names of CREATE/DROP/ALTER SCHEMA
 * become the engine's schema. Anything else is passed through unchanged.
 */
export function translateFor(sql: string, names?: NameContext): Translation {
  const toks = positioned(sql);
  const codeIdx = toks.flatMap((t, i) => (isCode(t) ? [i] : []));
  const codePos = new Map(codeIdx.map((ti, k) => [ti, k]));
  const codeTok = (k: number): Positioned | undefined => {
    const ti = codeIdx[k];
    return ti === undefined ? undefined : toks[ti];
  };
  const word = (k: number): string => upper(codeTok(k));
  const first = word(0);
  const second = word(1);
  const pieces: Piece[] = [];
  const keep = (t: Positioned): void => {
    pieces.push({ text: t.text, from: t.start, len: t.text.length, exact: true });
  };
  const replace = (text: string, from: number, to: number): void => {
    pieces.push({ text, from, len: to - from, exact: false });
  };

  /** A name in CREATE/DROP/ALTER/SET/ON SCHEMA … position (k: its first code token). */
  const schemaName = (k: number): boolean => {
    if (['IF', 'NOT', 'EXISTS', 'AUTHORIZATION'].includes(word(k))) return false;
    let j = k - 1;
    while (['IF', 'NOT', 'EXISTS'].includes(word(j))) j--;
    if (word(j) === 'SCHEMA' && ['CREATE', 'DROP', 'ALTER', 'SET', 'ON'].includes(word(j - 1))) return true;
    if (first === 'DROP' && second === 'SCHEMA' && codeTok(j)?.text === ',') return true;
    return first === 'ALTER' && second === 'SCHEMA' && word(j) === 'TO' && word(j - 1) === 'RENAME';
  };

  let lastName: { end: number; before: string } | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Positioned;
    const k = codePos.get(i);
    if (t.kind === 'punct' && t.text === '[') {
      let j = i + 1;
      const inner: Token[] = [];
      for (; j < toks.length && toks[j]?.text !== ']'; j++) inner.push(toks[j] as Token);
      const words = code(inner).map((x) => upper(x));
      const src = SHOW_SOURCES.find((s) => s.words.length === words.length && s.words.every((w, n) => w === words[n]));
      if (src && j < toks.length) {
        const last = toks[j] as Positioned;
        replace(src.target, t.start, last.start + last.text.length);
        i = j;
        continue;
      }
      if (words[0] === 'SHOW') throw new UnsupportedSql(`the simulator has no data source for [${words.join(' ')}]`);
    }
    if (k !== undefined && isIdent(t) && codeTok(k - 1)?.text !== '.') {
      // The whole dotted name starting here: parts and the code indexes of their tokens.
      const parts: Array<{ k: number; value: string }> = [{ k, value: identValue(t) }];
      for (let last = k; ; last += 2) {
        const next = codeTok(last + 2);
        if (codeTok(last + 1)?.text !== '.' || !next || !isIdent(next)) break;
        parts.push({ k: last + 2, value: identValue(next) });
      }
      const before = codeTok(k - 1);
      const endK = k + 2 * (parts.length - 1);
      lastName = { end: endK, before: before?.kind === 'word' ? upper(before) : (before?.text ?? '') };
      const target = names ? resolveName(parts, names, schemaName(k)) : undefined;
      if (target) {
        const lastK = k + 2 * (target.consumed - 1);
        const last = codeTok(lastK) as Positioned;
        replace(target.text, t.start, last.start + last.text.length);
        i = codeIdx[lastK] as number;
        continue;
      }
      if (parts.length === 1 && t.kind === 'word') {
        const w = t.text.toUpperCase();
        const ty = TYPE_WORDS[w];
        if (ty && codeTok(k + 1)?.text !== '(') {
          replace(ty, t.start, t.start + t.text.length);
          continue;
        }
        if (w === 'STORING' && first === 'CREATE') {
          replace('INCLUDE', t.start, t.start + t.text.length);
          continue;
        }
      }
    }
    // CockroachDB's index hints: `FROM rides@rides_pkey`, `rides@{FORCE_INDEX=…}`.
    if (
      t.text === '@' &&
      k !== undefined &&
      lastName &&
      lastName.end === k - 1 &&
      TABLE_LIST_BEFORE.has(lastName.before)
    ) {
      const next = codeTok(k + 1);
      let endK: number | undefined;
      if (next?.text === '{') {
        for (let j = k + 1; codeTok(j); j++)
          if (codeTok(j)?.text === '}') {
            endK = j;
            break;
          }
      } else if (isIdent(next)) endK = k + 1;
      if (endK !== undefined) {
        const end = codeTok(endK) as Positioned;
        replace('', t.start, end.start + end.text.length);
        i = codeIdx[endK] as number;
        continue;
      }
    }
    keep(t);
  }
  let text = pieces.map((p) => p.text).join('');
  if (statementKind(text) === 'show-jobs') {
    const c = code(tokenize(text));
    const automatic = upper(c[1]) === 'AUTOMATIC';
    if (c.length > (automatic ? 3 : 2))
      throw new UnsupportedSql('the simulator answers SHOW JOBS without options only');
    text = `SELECT * FROM ${automatic ? 'sim_show.automatic_jobs' : 'sim_show.jobs'}`;
    return { sql: text, origin: () => 0 };
  }
  return { sql: text, origin: originOf(pieces, text, sql.length) };
}

/** The replacement for the leading parts of a dotted name, if any. */
function resolveName(
  parts: Array<{ value: string }>,
  n: NameContext,
  schemaPosition: boolean,
): { text: string; consumed: number } | undefined {
  const [p0, p1] = [parts[0]?.value as string, parts[1]?.value];
  if (schemaPosition) {
    if (parts.length === 1)
      return n.isVirtual(p0) ? undefined : { text: quoteIdent(n.engineSchema(n.database, p0)), consumed: 1 };
    return { text: quoteIdent(n.engineSchema(p0, p1 as string)), consumed: 2 };
  }
  if (parts.length < 2) return undefined;
  // schema.x in the current database wins over database.x, as in CockroachDB.
  if (n.hasSchema(n.database, p0))
    return n.isVirtual(p0) ? undefined : { text: quoteIdent(n.engineSchema(n.database, p0)), consumed: 1 };
  if (parts.length >= 3 && n.isDatabase(p0)) {
    const s = p1 as string;
    return n.isVirtual(s) ? { text: s, consumed: 2 } : { text: quoteIdent(n.engineSchema(p0, s)), consumed: 2 };
  }
  if (n.isDatabase(p0)) return { text: quoteIdent(n.engineSchema(p0, 'public')), consumed: 1 };
  // An unknown database: a schema that cannot exist, so the engine says the relation does not.
  if (parts.length >= 3) return { text: quoteIdent(`${p0}.${p1 as string}`), consumed: 2 };
  return undefined;
}

function originOf(pieces: Piece[], out: string, inputLength: number): (position: number) => number {
  const starts: number[] = [];
  let at = 0;
  for (const p of pieces) {
    starts.push(at);
    at += p.text.length;
  }
  return (position: number): number => {
    const idx = codePointIndex(out, position - 1);
    for (let i = pieces.length - 1; i >= 0; i--) {
      const p = pieces[i] as Piece;
      const s = starts[i] as number;
      if (idx >= s && (idx < s + p.text.length || (p.text.length === 0 && idx === s))) {
        return p.exact ? p.from + (idx - s) : p.from;
      }
    }
    return inputLength;
  };
}

/** The UTF-16 index of the n-th (0-based) code point of s; s.length past the end. */
export function codePointIndex(s: string, n: number): number {
  let idx = 0;
  for (let k = 0; k < n && idx < s.length; k++) {
    const c = s.charCodeAt(idx);
    idx += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return Math.min(idx, s.length);
}

/** The statement as PostgreSQL runs it, without name resolution (see translateFor). */
export function translate(sql: string): string {
  return translateFor(sql).sql;
}

/** The code token starting at or containing UTF-16 index `at`, and the dotted name starting there. */
export function tokenAt(sql: string, at: number): { token?: Token; start: number; name: string[] } {
  const toks = positioned(sql);
  const i = toks.findIndex((t) => at >= t.start && at < t.start + t.text.length);
  const t = i < 0 ? undefined : toks[i];
  if (!t || !isCode(t)) return { start: at, name: [] };
  const name: string[] = [];
  if (isIdent(t)) {
    const rest = code(toks.slice(i));
    for (let k = 0; isIdent(rest[k]); k += 2) {
      name.push(identValue(rest[k] as Token));
      if (rest[k + 1]?.text !== '.') break;
    }
  }
  return { token: t, start: t.start, name };
}

/**
 * Every `a.b` the statement names, lower-cased, for the access checks; for
 * `system.public.jobs` that is both (system, public) and (public, jobs).
 */
export function relationsNamed(sql: string): Array<{ schema: string; name: string }> {
  const c = code(tokenize(sql));
  const ident = (t: Token | undefined): string | undefined =>
    t?.kind === 'word'
      ? t.text.toLowerCase()
      : t?.kind === 'quoted'
        ? t.text.slice(1, -1).replace(/""/g, '"')
        : undefined;
  const res: Array<{ schema: string; name: string }> = [];
  for (let i = 0; i + 2 < c.length; i++) {
    const a = ident(c[i]);
    const b = ident(c[i + 2]);
    if (c[i + 1]?.text === '.' && a !== undefined && b !== undefined) res.push({ schema: a, name: b });
  }
  return res;
}

/** For EXPLAIN: the statement after `EXPLAIN [(options)] [ANALYZE]`. */
export function explainTarget(sql: string): string {
  const m = /^\s*EXPLAIN\s*(\([^)]*\)\s*)?(ANALYZE\s+|ANALYSE\s+)?/i.exec(sql);
  return m ? sql.slice(m[0].length) : sql;
}
