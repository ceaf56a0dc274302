// The thin translation from CockroachDB-only SQL forms to PostgreSQL, and the
// statement facts the sql/ route needs before it runs anything (kind, placeholder
// count, relations named). Everything works on tokens, so text inside string
// literals, quoted identifiers and comments is never rewritten or mistaken for SQL.

export interface Token {
  kind: 'word' | 'string' | 'quoted' | 'comment' | 'space' | 'param' | 'punct';
  text: string;
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

const code = (tokens: Token[]): Token[] => tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
const upper = (t: Token | undefined): string => (t && t.kind === 'word' ? t.text.toUpperCase() : '');

/** The highest `$n` used, which is what CockroachDB compares with the argument count. */
export function placeholderCount(sql: string): number {
  let max = 0;
  for (const t of tokenize(sql)) if (t.kind === 'param') max = Math.max(max, Number(t.text.slice(1)));
  return max;
}

export type StatementKind = 'read' | 'explain' | 'show-jobs' | 'refused' | 'write';

/**
 * TCL, SET and job control are refused by the SQL API itself; writes and DDL are
 * allowed there but the simulator's generated data is read-only.
 */
export function statementKind(sql: string): StatementKind {
  const c = code(tokenize(sql));
  const first = upper(c[0]);
  const second = upper(c[1]);
  if (
    ['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SET', 'RESET', 'PREPARE'].includes(first)
  )
    return 'refused';
  if (['PAUSE', 'RESUME'].includes(first)) return 'refused';
  if ((first === 'CANCEL' && second === 'JOB') || (first === 'CANCEL' && second === 'JOBS')) return 'refused';
  if (first === 'EXPLAIN') return 'explain';
  if (first === 'SHOW' && second === 'JOBS') return 'show-jobs';
  const writes = ['INSERT', 'UPSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'GRANT', 'REVOKE'];
  if (writes.includes(first) || ['IMPORT', 'BACKUP', 'RESTORE', 'COPY', 'COMMENT', 'REFRESH'].includes(first))
    return 'write';
  // Anything else (including gibberish) goes to the engine, which accepts or rejects it.
  return 'read';
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

/**
 * `[SHOW …]` → a view, `SHOW JOBS` → `SELECT * FROM` that view, `EXPLAIN x` →
 * the statement to plan (the caller renders the plan). Anything else is passed
 * through unchanged: PostgreSQL then accepts or rejects it.
 */
export function translate(sql: string): string {
  const tokens = tokenize(sql);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && t.text === '[') {
      const inner: Token[] = [];
      let j = i + 1;
      for (; j < tokens.length && tokens[j]?.text !== ']'; j++) inner.push(tokens[j] as Token);
      const words = code(inner).map((x) => upper(x));
      const src = SHOW_SOURCES.find((s) => s.words.length === words.length && s.words.every((w, k) => w === words[k]));
      if (src && j < tokens.length) {
        out.push(src.target);
        i = j;
        continue;
      }
      if (words[0] === 'SHOW') throw new UnsupportedSql(`the simulator has no data source for [${words.join(' ')}]`);
    }
    out.push(t.text);
  }
  const translated = out.join('');
  if (statementKind(translated) === 'show-jobs') {
    const c = code(tokenize(translated));
    const automatic = upper(c[1]) === 'AUTOMATIC';
    if (c.length > 2 && !automatic) throw new UnsupportedSql('the simulator answers SHOW JOBS without options only');
    return `SELECT * FROM ${automatic ? 'sim_show.automatic_jobs' : 'sim_show.jobs'}`;
  }
  return translated;
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
