// Cell values of the SQL results panel: what a CockroachDB type name says about
// its values (numeric? JSON?), an exact order for numbers printed as text (INT8
// beyond 2^53 and DECIMAL never go through a float), JSON pretty-printing that
// re-indents the text instead of parsing it (so 12345678901234567890 stays what
// the server printed), the text Copy puts on the clipboard, and the exact CSV of
// a result. Values arrive as the server printed them: strings, and null for NULL.
import { stringify, type Cast } from 'csv-stringify/browser/esm/sync';

export type NumericKind = 'int' | 'float' | 'decimal';

/** The base of a type name: `DECIMAL(10,2)` → `DECIMAL`, `timestamp with time zone` → `TIMESTAMP WITH TIME ZONE`. */
function baseType(type: string): string {
  return type
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/\s+/g, ' ');
}

const INT_TYPES = new Set([
  'INT',
  'INT2',
  'INT4',
  'INT8',
  'INTEGER',
  'SMALLINT',
  'BIGINT',
  'SERIAL',
  'SERIAL2',
  'SERIAL4',
  'SERIAL8',
  'SMALLSERIAL',
  'BIGSERIAL',
  'OID',
]);
// l10n-ignore: SQL type names the server sends
const FLOAT_TYPES = new Set(['FLOAT', 'FLOAT4', 'FLOAT8', 'REAL', 'DOUBLE PRECISION']);
const DECIMAL_TYPES = new Set(['DECIMAL', 'NUMERIC', 'DEC']);

/** How values of a column compare, or undefined for text (arrays such as INT8[] are text). */
export function numericKind(type: string): NumericKind | undefined {
  const t = baseType(type);
  if (t.endsWith('[]')) return undefined;
  if (INT_TYPES.has(t)) return 'int';
  if (FLOAT_TYPES.has(t)) return 'float';
  if (DECIMAL_TYPES.has(t)) return 'decimal';
  return undefined;
}

export function isNumericType(type: string): boolean {
  return numericKind(type) !== undefined;
}

export function isJsonType(type: string): boolean {
  const t = baseType(type);
  return t === 'JSON' || t === 'JSONB';
}

// ---- Exact numeric order ----

/** A number literal: sign, digits with an optional point, optional exponent. */
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A parsed number as sign × 0.digits × 10^exp, digits without leading or trailing zeros
 * (zero has no digits). Special values get a rank: NaN < -Infinity < finite < +Infinity,
 * CockroachDB's order for FLOAT and DECIMAL.
 */
type Parsed = { special: number } | { special?: undefined; sign: 1 | -1 | 0; digits: string; exp: number };

const SPECIAL: Record<string, number> = {
  nan: -3,
  '-infinity': -2,
  '-inf': -2,
  infinity: 2,
  '+infinity': 2,
  inf: 2,
  '+inf': 2,
};

function parseNumber(text: string): Parsed | undefined {
  const t = text.trim();
  const special = SPECIAL[t.toLowerCase()];
  if (special !== undefined) return { special };
  const m = NUMBER.exec(t);
  if (!m) return undefined;
  const [, sign = '', int = '', frac = '', expText] = m;
  if (!int && !frac) return undefined;
  // Exponents are small in practice; a huge one still orders right, it is only added.
  const exp = expText === undefined ? 0 : Number(expText);
  if (!Number.isFinite(exp)) return undefined;
  const all = int + frac;
  const lead = all.search(/[^0]/);
  if (lead < 0) return { sign: 0, digits: '', exp: 0 };
  const digits = all.slice(lead).replace(/0+$/, '');
  // 0.digits × 10^(point position − leading zeros skipped).
  return { sign: sign === '-' ? -1 : 1, digits, exp: int.length - lead + exp };
}

/** Compares two parsed magnitudes (both non-zero, same sign): by exponent, then digit by digit. */
function compareMagnitude(a: { digits: string; exp: number }, b: { digits: string; exp: number }): number {
  if (a.exp !== b.exp) return a.exp < b.exp ? -1 : 1;
  // Digits without trailing zeros: a prefix is the smaller number.
  if (a.digits === b.digits) return 0;
  return a.digits < b.digits ? -1 : 1;
}

/** Orders two parsed values; `a` and `b` (their text) order what is not a number. */
function compareParsed(x: Parsed | undefined, y: Parsed | undefined, a: string, b: string): number {
  if (!x || !y) {
    if (x) return -1;
    if (y) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const rank = (p: Parsed): number => (p.special !== undefined ? p.special : p.sign);
  const rx = rank(x);
  const ry = rank(y);
  if (rx !== ry || x.special !== undefined || y.special !== undefined) return rx - ry;
  if (x.sign === 0) return 0;
  const c = compareMagnitude(x, y as typeof x);
  return x.sign === 1 ? c : -c;
}

/**
 * Orders two numbers printed as text exactly: integers of any size, decimals with or
 * without an exponent, `NaN` and `±Infinity`. Text that is not a number sorts after every
 * number (by its text), so a stray value never makes the order inconsistent.
 */
export function compareNumericText(a: string, b: string): number {
  return compareParsed(parseNumber(a), parseNumber(b), a, b);
}

/**
 * The rank of every value of a column in ascending order (equal values share a rank), so
 * that sorting by the rank — a plain number — is the exact order. NULLs get no rank.
 */
export function numericRanks(values: ReadonlyArray<string | null>): Array<number | undefined> {
  // Parsed once: 10,000 values are compared some 130,000 times.
  const parsed = values.map((v) => (v === null ? undefined : parseNumber(v)));
  const cmp = (i: number, j: number) => compareParsed(parsed[i], parsed[j], values[i]!, values[j]!);
  const order = values.map((_, i) => i).filter((i) => values[i] !== null);
  order.sort(cmp);
  const ranks: Array<number | undefined> = new Array<number | undefined>(values.length).fill(undefined);
  let rank = 0;
  order.forEach((i, k) => {
    if (k > 0 && cmp(order[k - 1]!, i) !== 0) rank = k;
    ranks[i] = rank;
  });
  return ranks;
}

// ---- JSON pretty-printing without parsing ----

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const JSON_LITERAL = /^(?:true|false|null)$/;

/**
 * Re-indents JSON text the way `JSON.stringify(v, null, indent)` lays it out, copying every
 * string, number and literal exactly as written (numbers beyond 2^53 and `1.50` stay as they
 * are). Iterative, so hostile nesting cannot overflow the stack. Returns undefined when the
 * text is not JSON, or when its layout would exceed `maxLength` characters (indentation
 * grows with depth: 100,000 nested arrays would be ten billion spaces).
 */
export function prettyJson(text: string, indent = '  ', maxLength = 16 * 1024 * 1024): string | undefined {
  const out: string[] = [];
  let length = 0;
  /** Open containers; each remembers whether it has had a member yet. */
  const stack: Array<{ close: '}' | ']'; empty: boolean }> = [];
  type Want = 'value' | 'key' | 'colon' | 'after';
  let want: Want = 'value';
  let done = false;
  const pad = (depth: number) => '\n' + indent.repeat(depth);
  const push = (...parts: string[]): void => {
    for (const p of parts) {
      length += p.length;
      out.push(p);
    }
  };
  const n = text.length;
  let i = 0;

  /** Starts a member of the open container (a newline and its indentation). */
  const member = (): void => {
    const top = stack[stack.length - 1];
    if (top?.empty) {
      top.empty = false;
      push(pad(stack.length));
    }
  };

  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (done) return undefined;
    if (c === '"') {
      if (want !== 'value' && want !== 'key') return undefined;
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        const d = text.charCodeAt(j);
        if (d < 0x20) return undefined;
        j += text[j] === '\\' ? 2 : 1;
      }
      if (j >= n) return undefined;
      const raw = text.slice(i, j + 1);
      if (!/^"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"$/.test(raw)) return undefined;
      member();
      push(raw);
      i = j + 1;
      if (want === 'key') want = 'colon';
      else want = 'after';
    } else if (c === '{' || c === '[') {
      if (want !== 'value') return undefined;
      member();
      push(c);
      stack.push({ close: c === '{' ? '}' : ']', empty: true });
      want = c === '{' ? 'key' : 'value';
      i++;
    } else if (c === '}' || c === ']') {
      const top = stack[stack.length - 1];
      if (!top || top.close !== c) return undefined;
      // Closing right after the opening (an empty container) or after a member; never after ',' or ':'.
      const emptyOk = top.empty && want === (c === '}' ? 'key' : 'value');
      if (!emptyOk && want !== 'after') return undefined;
      stack.pop();
      if (!top.empty) push(pad(stack.length));
      push(c);
      want = 'after';
      i++;
    } else if (c === ':') {
      if (want !== 'colon') return undefined;
      push(': ');
      want = 'value';
      i++;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (want !== 'after' || !top) return undefined;
      push(',', pad(stack.length));
      want = top.close === '}' ? 'key' : 'value';
      i++;
    } else {
      if (want !== 'value') return undefined;
      let j = i;
      while (j < n && !' \t\n\r,:[]{}"'.includes(text[j]!)) j++;
      const raw = text.slice(i, j);
      if (!JSON_NUMBER.test(raw) && !JSON_LITERAL.test(raw)) return undefined;
      member();
      push(raw);
      want = 'after';
      i = j;
    }
    if (want === 'after' && stack.length === 0) done = true;
    if (length > maxLength) return undefined;
  }
  return done ? out.join('') : undefined;
}

// ---- Copy ----

/** What Copy writes for a NULL: what the grid shows. */
export const NULL_TEXT = 'NULL';

/**
 * A field of copied text: quoted (quotes doubled) when it holds a tab, a line break or
 * starts with a quote, as spreadsheets paste it; otherwise exactly the value.
 */
export function clipboardField(v: string | null): string {
  if (v === null) return NULL_TEXT;
  return /[\t\r\n]/.test(v) || v.startsWith('"') ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One row for the clipboard: tab-separated fields. */
export function tsvRow(values: ReadonlyArray<string | null>): string {
  return values.map(clipboardField).join('\t');
}

/** One column for the clipboard: a field per line. */
export function columnText(values: ReadonlyArray<string | null>): string {
  return values.map(clipboardField).join('\n');
}

/** One cell for the clipboard: the value exactly, NULL as `NULL`. */
export function cellText(v: string | null): string {
  return v === null ? NULL_TEXT : v;
}

// ---- Export ----

/** A number literal as CockroachDB prints one, which a spreadsheet reads as a number rather than a formula. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A result as CSV with the options of model/exporting.ts' toCsv (RFC 4180, CRLF, formula
 * escaping, line breaks quoted), with one difference: values of numeric columns that are
 * plain number literals are written exactly, without the leading quote formula escaping
 * would put before `-1.50` (toCsv only spares JavaScript numbers, which cannot hold
 * DECIMAL or INT8 exactly). NULL is an empty field.
 */
export function resultToCsv(
  columns: ReadonlyArray<{ name: string; type: string }>,
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
): string {
  const numeric = columns.map((c) => isNumericType(c.type));
  return stringify([columns.map((c) => c.name), ...rows], {
    record_delimiter: '\r\n',
    escape_formulas: true,
    quoted_match: /[\r\n]/,
    cast: {
      string: (value, ctx) =>
        // Record 0 is the header row: column names are text whatever the column's type.
        ctx.records > 0 && numeric[ctx.column as number] && PLAIN_NUMBER.test(value)
          ? ({ value, escape_formulas: false } as ReturnType<Cast<string>>)
          : value,
    },
  });
}

/**
 * Keys for a JSON export: the column names, made unique (`a`, `a (2)`) and never
 * `__proto__` (an object key of that name is the prototype, not a field).
 */
export function exportKeys(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let key = name;
    for (let k = 2; used.has(key) || key === '__proto__'; k++) key = `${name} (${k})`;
    used.add(key);
    return key;
  });
}

// ---- Errors ----

/**
 * Where a 1-based character position falls in a statement: its line and column (both
 * 1-based, in characters, as the server counts) and the text of that line.
 */
export function positionIn(
  sql: string,
  position: number,
): { line: number; column: number; lineText: string } | undefined {
  const chars = Array.from(sql);
  if (!Number.isSafeInteger(position) || position < 1 || position > chars.length + 1) return undefined;
  let line = 1;
  let start = 0;
  for (let k = 0; k < position - 1; k++) {
    if (chars[k] === '\n') {
      line++;
      start = k + 1;
    }
  }
  let end = start;
  while (end < chars.length && chars[end] !== '\n') end++;
  return { line, column: position - start, lineText: chars.slice(start, end).join('').replace(/\r$/, '') };
}

/** The statement's first line, for a section heading. */
export function firstLine(sql: string): { text: string; more: boolean } {
  const t = sql.replace(/^\s*\n/, '').trimStart();
  const nl = t.indexOf('\n');
  return nl < 0
    ? { text: t.trimEnd(), more: false }
    : { text: t.slice(0, nl).trimEnd(), more: t.slice(nl).trim() !== '' };
}

// ---- Plans ----

/** Splits `text` at `sep` outside double-quoted identifiers ("a.b" is one name). */
function splitUnquoted(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(text.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * A plan's `table@index` (`movr.public.users@users_pkey`, `"my@table"@primary`): the table
 * as printed without its index, and the database when the name has all three parts
 * (`database.schema.table`; the table is then `schema.table`).
 */
export function parseTableRef(ref: string): { table: string; index?: string; database?: string } {
  const at = splitUnquoted(ref.trim(), '@');
  const index = at.length > 1 ? at.pop() : undefined;
  const name = at.join('@');
  const parts = splitUnquoted(name, '.');
  const out: { table: string; index?: string; database?: string } =
    parts.length === 3 ? { database: parts[0]!, table: `${parts[1]}.${parts[2]}` } : { table: name };
  if (index) out.index = index;
  return out;
}
