// PostgreSQL's errors in CockroachDB's words. The engine is PostgreSQL; a client
// of sql/ must see what CockroachDB says for the same mistake: its privilege
// messages (`user viewer does not have INSERT privilege on relation rides`), names
// as the statement wrote them (not the engine's schema), no PostgreSQL-only hints,
// and syntax errors as its parser reports them: `at or near "x": syntax error`
// with the position as a caret under the statement in the detail
// (pkg/sql/parserutils PopulateErrorDetails). pgerror.Error, the JSON shape of
// sql/ errors, has code, message, detail, hint and severity but no position
// field: the caret is where the position travels.

import type { PgError } from '../routes/sqlOutcome';
import { crdbSchemaOf, VIRTUAL_SCHEMAS } from './userTables';
import { explainTarget, firstWords, identValue, tokenAt, tokenize } from './rewrite';

/** The fields of PGlite's DatabaseError that matter here. */
export interface EngineFailure {
  message?: string;
  code?: string;
  position?: string | number;
  detail?: string;
  hint?: string;
}

export interface ErrorContext {
  /** The statement as the client sent it. */
  sql: string;
  /** Engine position (1-based characters) → 0-based index in `sql`. */
  origin(position: number): number;
  user: string;
  database: string;
}

/** Go's %q (strconv.Quote): `"` and `\` escaped, and every rune that is not printable (controls, format characters like U+200D or U+202E, spaces other than U+0020). */
export function goQuote(s: string): string {
  const named: Record<string, string> = {
    '\u0007': '\\a',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\v': '\\v',
  };
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (named[ch]) out += named[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp !== 0x20 && /[\p{C}\p{Z}]/u.test(ch))
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A name part as CockroachDB prints it: bare when it can be, quoted otherwise (tree.Name). */
function namePart(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

const PRIVILEGE_OF_VERB: Record<string, string> = {
  SELECT: 'SELECT',
  WITH: 'SELECT',
  VALUES: 'SELECT',
  INSERT: 'INSERT',
  UPSERT: 'INSERT',
  UPDATE: 'UPDATE',
  DELETE: 'DELETE',
  TRUNCATE: 'DROP',
  DROP: 'DROP',
};

const CANNOT_CREATE_HINT =
  'verify that the current database and search_path are valid and/or the target database exists';

/** The name of the object a CREATE statement makes, as written. */
function createdName(sql: string): string {
  const c = tokenize(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  let i = 1;
  while (
    i < c.length &&
    !['TABLE', 'VIEW', 'SEQUENCE', 'INDEX', 'TYPE', 'FUNCTION'].includes(c[i]?.text.toUpperCase() ?? '')
  )
    i++;
  i++;
  while (['IF', 'NOT', 'EXISTS'].includes(c[i]?.text.toUpperCase() ?? '')) i++;
  const parts: string[] = [];
  for (; c[i] && (c[i]?.kind === 'word' || c[i]?.kind === 'quoted'); i += 2) {
    parts.push(namePart(identValue(c[i] as (typeof c)[number])));
    if (c[i + 1]?.text !== '.') break;
  }
  return parts.join('.');
}

/** A relation name in an engine message (`movr.rides`, `"bank.audit".x`) in CockroachDB's terms. */
function crdbRelation(pgName: string): string {
  const m = /^(?:"((?:[^"]|"")+)"|([^".]+))\.(.+)$/.exec(pgName);
  if (!m) return pgName;
  const schema = (m[1] ?? m[2] ?? '').replace(/""/g, '"');
  const mapped = crdbSchemaOf(schema);
  return mapped ? `${mapped.db}.${mapped.schema}.${m[3]}` : pgName;
}

/** The dotted name the statement has at an engine position, as CockroachDB prints it. */
function nameAt(ctx: ErrorContext, e: EngineFailure): string | undefined {
  const pos = Number(e.position);
  if (!Number.isSafeInteger(pos) || pos < 1) return undefined;
  const { name } = tokenAt(ctx.sql, ctx.origin(pos));
  return name.length ? name.map(namePart).join('.') : undefined;
}

/** An execution error (inside txn_results) in CockroachDB's words. */
export function crdbError(e: EngineFailure, ctx: ErrorContext): PgError {
  const message = e.message ?? 'unknown error';
  const code = e.code ?? 'XX000';
  // For EXPLAIN ANALYZE, the statement it runs.
  const verb = firstWords(firstWords(ctx.sql, 1)[0] === 'EXPLAIN' ? explainTarget(ctx.sql) : ctx.sql, 1)[0] ?? '';
  const out = (m: string, c = code, extra: { hint?: string } = {}): PgError => {
    const hint = extra.hint ?? e.hint;
    return {
      code: c,
      message: m,
      ...(e.detail ? { detail: e.detail } : {}),
      ...(hint ? { hint } : {}),
      severity: 'ERROR',
    };
  };
  const noHint = (m: string, c = code): PgError => {
    const x = out(m, c);
    delete x.hint;
    return x;
  };
  let m: RegExpExecArray | null;

  if (code === '42P01' && (m = /^relation "(.+)" does not exist$/.exec(message)))
    return out(`relation ${goQuote(nameAt(ctx, e) ?? crdbRelation(m[1] as string))} does not exist`);
  if (code === '0A000' && (m = /^cross-database references are not implemented: "?(.+?)"?$/.exec(message)))
    return out(`relation ${goQuote(nameAt(ctx, e) ?? (m[1] as string))} does not exist`, '42P01');
  if (code === '42703' && (m = /^column (?:"(.+)"|(\S+)) does not exist$/.exec(message)))
    return noHint(`column ${goQuote((m[1] ?? m[2]) as string)} does not exist`);
  if (code === '42883' && (m = /^function (\S+?)\(.*\) does not exist$/.exec(message)))
    return noHint(`unknown function: ${m[1] as string}()`);
  if (
    code === '23502' &&
    (m = /^null value in column "(.+)" of relation ".+" violates not-null constraint$/.exec(message))
  ) {
    const x = noHint(`null value in column ${goQuote(m[1] as string)} violates not-null constraint`);
    delete x.detail;
    return x;
  }
  if (code === '42P07' && (m = /^relation "(.+)" already exists$/.exec(message))) {
    const written = createdName(ctx.sql) || (m[1] as string);
    const parts = written.split('.');
    const fq = parts.length === 1 ? `${namePart(ctx.database)}.public.${written}` : written;
    return out(`relation ${goQuote(fq)} already exists`);
  }
  if (code === '3F000' && (m = /^schema "(.+)" does not exist$/.exec(message))) {
    if (verb === 'CREATE')
      return out(
        `cannot create ${goQuote(createdName(ctx.sql))} because the target database or schema does not exist`,
        '3F000',
        {
          hint: CANNOT_CREATE_HINT,
        },
      );
    const mapped = crdbSchemaOf(m[1] as string);
    return out(`unknown schema ${goQuote(mapped?.schema ?? (m[1] as string))}`);
  }
  if (code === '42501') return privilegeError(message, ctx, verb) ?? out(message);
  if (code === 'XX000' && !message.startsWith('internal error')) return out(`internal error: ${message}`);
  return out(message);
}

function privilegeError(message: string, ctx: ErrorContext, verb: string): PgError | undefined {
  const err = (m: string, code = '42501', hint?: string): PgError => ({
    code,
    message: m,
    ...(hint ? { hint } : {}),
    severity: 'ERROR',
  });
  const user = ctx.user;
  let m: RegExpExecArray | null;
  if ((m = /^permission denied for (?:table|view|materialized view|sequence|relation) (.+)$/.exec(message))) {
    const priv = PRIVILEGE_OF_VERB[verb] ?? 'SELECT';
    return err(`user ${user} does not have ${priv} privilege on relation ${m[1] as string}`);
  }
  if ((m = /^must be owner of (?:table|relation|view|materialized view|index|sequence) (.+)$/.exec(message))) {
    const priv = verb === 'DROP' || verb === 'TRUNCATE' ? 'DROP' : 'CREATE';
    return err(`user ${user} does not have ${priv} privilege on relation ${m[1] as string}`);
  }
  if ((m = /^must be owner of schema (.+)$/.exec(message))) {
    const s = crdbSchemaOf(m[1] as string)?.schema ?? (m[1] as string);
    return err(`user ${user} does not have ${verb === 'DROP' ? 'DROP' : 'CREATE'} privilege on schema ${s}`);
  }
  if ((m = /^permission denied for schema (.+)$/.exec(message))) {
    const pg = m[1] as string;
    if (VIRTUAL_SCHEMAS.has(pg)) return err(`schema cannot be modified: ${goQuote(pg)}`);
    const mapped = crdbSchemaOf(pg);
    if (!mapped)
      // The engine fell back to one of its own schemas: the request's database has none.
      return err(
        `cannot create ${goQuote(createdName(ctx.sql) || 'relation')} because the target database or schema does not exist`,
        '3F000',
        CANNOT_CREATE_HINT,
      );
    return err(`user ${user} does not have CREATE privilege on schema ${mapped.schema}`);
  }
  if (/^permission denied for database /.test(message))
    return err(`user ${user} does not have CREATE privilege on database ${ctx.database}`);
  if (/^permission denied to create temporary tables/.test(message))
    return err(
      'temporary tables are only supported experimentally',
      '0A000',
      "You can enable temporary tables by running `SET experimental_enable_temp_tables = 'on'`.",
    );
  return undefined;
}

/**
 * A syntax error as CockroachDB's parser gives it. `at`: the 0-based index in `sql` of the
 * offending token; undefined at the end of the input.
 */
export function crdbSyntaxError(sql: string, at: number | undefined, engineMessage: string): PgError {
  const end = at === undefined || at >= sql.length;
  const tok = end ? undefined : tokenAt(sql, at).token;
  const start = end ? sql.length : tokenAt(sql, at).start;
  const lexical = /^unterminated (quoted string|quoted identifier|\/\* comment|dollar-quoted string)/.exec(
    engineMessage,
  );
  let message: string;
  if (lexical) {
    const what = (lexical[1] as string).replace('quoted string', 'string').replace('/* comment', 'comment');
    message = `lexical error: unterminated ${what}`;
  } else {
    const text = !tok
      ? 'EOF'
      : tok.kind === 'word'
        ? tok.text.toLowerCase()
        : tok.kind === 'quoted'
          ? identValue(tok)
          : tok.kind === 'string'
            ? tok.text.replace(/^[eEbBxX]?'|'$/g, '')
            : tok.text;
    message = `at or near ${goQuote(text)}: syntax error`;
  }
  return { code: '42601', message, detail: caret(sql, start), severity: 'ERROR' };
}

/** `source SQL:` then the statement up to the end of the error's line and a caret (byte columns, as Go). */
function caret(sql: string, at: number): string {
  const nl = sql.indexOf('\n', at);
  const lineEnd = nl < 0 ? sql.length : nl;
  const lineStart = sql.lastIndexOf('\n', at - 1) + 1;
  const col = Buffer.byteLength(sql.slice(lineStart, at), 'utf8');
  return `source SQL:\n${sql.slice(0, lineEnd)}\n${' '.repeat(col)}^`;
}
