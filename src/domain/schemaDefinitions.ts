// Where a table is defined in workspace files: the `CREATE TABLE` statements of SQL
// files (schema dumps, Flyway / Liquibase / golang-migrate / Prisma migrations),
// CREATE TABLE text inside code strings, and the common migration DSLs (Rails and
// Alembic `create_table`, Knex / Sequelize `createTable`, Liquibase `<createTable>`).
//
// Names compare as CockroachDB resolves them: an unquoted name is folded to lower
// case, a quoted one is kept exactly (`"Order"` is not `order`), `""` inside quotes
// is one quote. A name may be qualified (`stock.levels`, `db.public.t`); the parts
// both sides give must agree, the others are not known and do not rule a place out.
import { codeLanguage, splitSqlStatements, stringLiterals } from './sqlInCode';

/** A table as CockroachDB names it: the stored (exact) names, not SQL spellings. */
export interface TableTarget {
  database?: string;
  schema?: string;
  table: string;
}

/** One part of a SQL name: its stored form (folded when unquoted). */
export interface NamePart {
  name: string;
  quoted: boolean;
}

/** Reads a possibly qualified, possibly quoted SQL name (`db.public."Order"`); undefined when it is not one. */
export function parseSqlName(text: string): NamePart[] | undefined {
  const parts: NamePart[] = [];
  let i = 0;
  const s = text.trim();
  for (;;) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] === '"') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= s.length) return undefined;
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            name += '"';
            j += 2;
            continue;
          }
          break;
        }
        name += s[j];
        j++;
      }
      if (name === '') return undefined;
      parts.push({ name, quoted: true });
      i = j + 1;
    } else {
      const m = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(s.slice(i));
      if (!m) return undefined;
      parts.push({ name: m[0].toLowerCase(), quoted: false });
      i += m[0].length;
    }
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i === s.length) break;
    if (s[i] !== '.') return undefined;
    i++;
  }
  return parts.length >= 1 && parts.length <= 3 ? parts : undefined;
}

/**
 * A table named as a person or a webview writes it: SQL (`stock.levels`, `"Order"`,
 * `db.public.t`) when it reads as SQL, else the exact stored name (`ledger 🪳`).
 */
export function tableTargetFromText(text: string): TableTarget | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const parts = parseSqlName(t);
  if (!parts) return { table: t };
  const names = parts.map((p) => p.name);
  if (names.length === 3) return { database: names[0]!, schema: names[1]!, table: names[2]! };
  if (names.length === 2) return { schema: names[0]!, table: names[1]! };
  return { table: names[0]! };
}

/** How a table's name is printed for messages: quoted where SQL needs it. */
export function displayTableName(t: TableTarget): string {
  const q = (s: string): string =>
    /^[a-z_][a-z0-9_]*$/.test(s) && !RESERVED.has(s) ? s : `"${s.replace(/"/g, '""')}"`;
  return [t.database, t.schema, t.table]
    .filter((p): p is string => p !== undefined && p !== '')
    .map(q)
    .join('.');
}

/** Reserved words a table name must be quoted as (a few that are common table names). */
const RESERVED = new Set(['order', 'user', 'group', 'table', 'select', 'where', 'from', 'limit', 'offset', 'check']);

/** A CREATE TABLE found in a file. */
export interface TableDefinition {
  /** Offsets in the file of the name as written (for the selection). */
  start: number;
  end: number;
  /** The name as written: `"crème ""brûlée"""`, `stock.levels`. */
  written: string;
  /** Every qualifier both sides give agrees, and the definition gives all the target's. */
  exact: boolean;
  kind: 'sql' | 'string' | 'dsl';
}

/**
 * Whether a definition's name parts name the target, and whether they say so exactly. A file
 * does not say which database it runs in, so an unqualified `CREATE TABLE t` is exact for
 * `t` in the public schema of any database; `x.t` is schema x (any database) or database x
 * (its public schema).
 */
function matches(parts: readonly NamePart[], t: TableTarget): { ok: boolean; exact: boolean } {
  const table = parts[parts.length - 1]!;
  if (table.name !== t.table) return { ok: false, exact: false };
  const publicOrAny = t.schema === undefined || t.schema === 'public';
  if (parts.length === 1) return { ok: true, exact: publicOrAny };
  if (parts.length === 3) {
    const [db, schema] = [parts[0]!.name, parts[1]!.name];
    const ok = (t.database === undefined || t.database === db) && (t.schema === undefined || t.schema === schema);
    return { ok, exact: ok };
  }
  const x = parts[0]!.name;
  const asSchema = t.schema === undefined || t.schema === x;
  const asDatabase = (t.database === undefined || t.database === x) && publicOrAny;
  const exact =
    t.schema === x || (t.database === x && publicOrAny) || (t.schema === undefined && t.database === undefined);
  return { ok: asSchema || asDatabase, exact };
}

interface Word {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** The words of a statement's head (names, keywords, dots) up to its first `(` or the end. */
function headWords(sql: string, from: number, max: number): Word[] {
  const out: Word[] = [];
  let i = from;
  while (i < sql.length && out.length < max) {
    const c = sql[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? sql.length : e + 2;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') j++;
          else break;
        }
      }
      out.push({ text: sql.slice(i, j + 1), start: i, end: j + 1, quoted: true });
      i = j + 1;
      continue;
    }
    if (c === '.') {
      out.push({ text: '.', start: i, end: i + 1, quoted: false });
      i++;
      continue;
    }
    const m = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(sql.slice(i, i + 200));
    if (!m) break;
    out.push({ text: m[0], start: i, end: i + m[0].length, quoted: false });
    i += m[0].length;
  }
  return out;
}

const TABLE_MODIFIERS = new Set(['or', 'replace', 'global', 'local', 'temp', 'temporary', 'unlogged']);

/** The CREATE TABLE statements of SQL text that define the target, with offsets into `sql`. */
function sqlDefinitions(sql: string, t: TableTarget, kind: 'sql' | 'string'): TableDefinition[] {
  const out: TableDefinition[] = [];
  for (const st of splitSqlStatements(sql)) {
    if (!/^create\s/i.test(st.text)) continue;
    const words = headWords(sql, st.start, 16);
    let k = 1;
    while (k < words.length && TABLE_MODIFIERS.has(words[k]!.text.toLowerCase())) k++;
    if (words[k]?.text.toLowerCase() !== 'table') continue;
    k++;
    if (
      words[k]?.text.toLowerCase() === 'if' &&
      words[k + 1]?.text.toLowerCase() === 'not' &&
      words[k + 2]?.text.toLowerCase() === 'exists'
    )
      k += 3;
    const first = words[k];
    if (!first || first.text === '.') continue;
    let last = first;
    let j = k + 1;
    while (words[j]?.text === '.' && words[j + 1] && words[j + 1]!.text !== '.') {
      last = words[j + 1]!;
      j += 2;
    }
    const written = sql.slice(first.start, last.end);
    const parts = parseSqlName(written);
    if (!parts) continue;
    const m = matches(parts, t);
    if (m.ok) out.push({ start: first.start, end: last.end, written, exact: m.exact, kind });
  }
  return out;
}

/** Migration DSLs: Rails / Alembic `create_table`, Knex / Sequelize `createTable`, Liquibase `<createTable>`. */
const DSL_PATTERNS: readonly RegExp[] = [
  /\bcreate_table\s*\(?\s*(?::([A-Za-z_]\w*)|["']([^"'\n]+)["'])/g,
  /\bcreateTable\s*\(\s*["'`]([^"'`\n]+)["'`]/g,
  /<createTable\b[^>]*?\btableName\s*=\s*"([^"]+)"/g,
  /^\s*-?\s*createTable:\s*\n(?:\s+\w+:.*\n)*?\s+tableName:\s*["']?([^"'\n]+?)["']?\s*$/gm,
];

/** A DSL's name is what the migration tool will create; compared without case, as the tools fold it. */
function dslDefinitions(text: string, t: TableTarget): TableDefinition[] {
  const out: TableDefinition[] = [];
  for (const re of DSL_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = (m[1] ?? m[2] ?? '').trim();
      const dot = name.lastIndexOf('.');
      const table = dot >= 0 ? name.slice(dot + 1) : name;
      const schema = dot >= 0 ? name.slice(0, dot) : undefined;
      if (table.toLowerCase() !== t.table.toLowerCase()) continue;
      if (schema !== undefined && t.schema !== undefined && schema.toLowerCase() !== t.schema.toLowerCase()) continue;
      const at = m.index + m[0].lastIndexOf(name);
      out.push({
        start: at,
        end: at + name.length,
        written: name,
        exact: t.schema === undefined || schema !== undefined,
        kind: 'dsl',
      });
    }
  }
  return out;
}

/** Folders (and file names) where schema and migrations usually live. */
const MIGRATION_PATH =
  /(?:^|\/)(?:migrations?|migrate|db|schema|schemas|sql|flyway|liquibase|changelogs?|alembic|prisma)(?:\/|$)|\.up\.sql$|(?:^|\/)V\d+(?:[._]\d+)*__[^/]*\.sql$/i;

export function isMigrationPath(path: string): boolean {
  return MIGRATION_PATH.test(path);
}

/** Every place in one file that defines the table, best first. */
export function findTableDefinitions(text: string, path: string, t: TableTarget): TableDefinition[] {
  if (!/create/i.test(text)) return [];
  const language = codeLanguage(path);
  // A file that never spells the longest word of the table's name (in any case) cannot define it.
  const word = (t.table.match(/[\p{L}\p{N}_$]+/gu) ?? []).sort((a, b) => b.length - a.length)[0];
  if (word && !text.toLowerCase().includes(word.toLowerCase())) return [];
  let out: TableDefinition[] = [];
  if (language === 'sql') out = sqlDefinitions(text, t, 'sql');
  else if (language && language !== 'xml') {
    for (const piece of stringLiterals(text, language)) {
      if (!/create/i.test(piece.value)) continue;
      for (const d of sqlDefinitions(piece.value, t, 'string')) {
        // Offsets inside a string map back only when the literal holds the text as is.
        const start = piece.verbatim ? piece.contentStart + d.start : piece.start;
        const end = piece.verbatim ? piece.contentStart + d.end : piece.end;
        out.push({ ...d, start, end });
      }
    }
  }
  if (language !== 'sql' && isMigrationPath(path)) out.push(...dslDefinitions(text, t));
  return out.sort((a, b) => Number(b.exact) - Number(a.exact) || a.start - b.start);
}
