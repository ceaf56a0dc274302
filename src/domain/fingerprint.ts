// Statement text in a comparable form, so that a statement as written (in a
// session, in workspace code) can be matched to the fingerprint CockroachDB
// keeps statistics under. CockroachDB prints a fingerprint with every constant
// as `_`, placeholders as `$1`, and long literal lists shortened to
// `(_, _, __more1_10__)`; code has real values, `$1` or `?` placeholders, other
// spacing, comments and upper case. normalizeSql maps all of these to one text:
//
//   SELECT * FROM rides WHERE city = $1 AND id IN (_, _, __more__)
//   select * from Rides where city = 'boston' and id in (1, 2, 3, 4) -- hot
//     → select * from rides where city = _ and id in (_)
//
// A small SQL lexer, not a parser: it knows strings (standard, e'…', b'…',
// x'…'), quoted identifiers, comments (nested block comments too), numbers and
// placeholders. Whatever it does not know it keeps as it is, so two texts it
// does not understand still compare equal only when their tokens are equal.

type Kind =
  /** Unquoted identifier or keyword, lower-cased. */
  | 'word'
  /** "Quoted identifier", case kept. */
  | 'ident'
  /** A constant or placeholder, printed `_`. */
  | 'lit'
  /** Operators and punctuation. */
  | 'op';

interface Token {
  kind: Kind;
  text: string;
  /** A numeric literal (a sign before it may be folded into it, as CockroachDB's parser does). */
  numeric?: boolean;
}

/**
 * Keywords after which an expression starts: a sign there is unary, and `(` there
 * opens a list or subquery rather than a function's arguments. Reserved words only
 * (plus a few common clause words), since a non-reserved word may be a column name.
 */
const EXPR_KEYWORDS: ReadonlySet<string> = new Set([
  'all',
  'and',
  'any',
  'array',
  'as',
  'between',
  'by',
  'case',
  'check',
  'default',
  'distinct',
  'do',
  'else',
  'end',
  'escape',
  'except',
  'exists',
  'fetch',
  'filter',
  'for',
  'from',
  'group',
  'having',
  'ilike',
  'in',
  'insert',
  'intersect',
  'into',
  'is',
  'join',
  'lateral',
  'like',
  'limit',
  'not',
  'offset',
  'on',
  'or',
  'order',
  'over',
  'returning',
  'select',
  'set',
  'similar',
  'some',
  'table',
  'then',
  'to',
  'union',
  'update',
  'upsert',
  'using',
  'values',
  'when',
  'where',
  'window',
  'with',
]);

/** Longest first: the lexer takes the longest operator that matches. */
const OPERATORS = [
  '!~*',
  '->>',
  '#>>',
  '::',
  '>=',
  '<=',
  '<>',
  '!=',
  '||',
  '->',
  '#>',
  '@>',
  '<@',
  '&&',
  '~*',
  '!~',
  '<<',
  '>>',
  '//',
  '?|',
  '?&',
  '~~',
];

/** CockroachDB's marker for the elided rest of a literal list: `__more__`, `__more1_10__`, `__more10_100__`. */
const MORE = /^__more\d*(?:_\d+)?__$/;
const SIMPLE_IDENT = /^[a-z_][a-z0-9_$]*$/;
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** The end (exclusive) of a `'…'` string starting at `i` (the quote); `''` is a quote inside. */
function endOfString(s: string, i: number, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (backslashEscapes && c === '\\') {
      j += 2;
      continue;
    }
    if (c === "'") {
      if (s[j + 1] === "'") {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return s.length;
}

/** The end (exclusive) of a block comment starting at `i`; block comments nest. */
function endOfBlockComment(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    if (s.startsWith('/*', j)) {
      depth++;
      j += 2;
    } else if (s.startsWith('*/', j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return s.length;
}

/** The end (exclusive) of a number starting at `i`: 12, 1.5, .5, 1e-3, 0x1F. */
function endOfNumber(s: string, i: number): number {
  let j = i;
  if (s[j] === '0' && (s[j + 1] === 'x' || s[j + 1] === 'X') && /[0-9a-fA-F]/.test(s[j + 2] ?? '')) {
    j += 2;
    while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) j++;
    return j;
  }
  while (j < s.length && DIGIT.test(s[j]!)) j++;
  if (s[j] === '.' && DIGIT.test(s[j + 1] ?? '')) {
    j++;
    while (j < s.length && DIGIT.test(s[j]!)) j++;
  } else if (s[j] === '.' && j > i && !IDENT_START.test(s[j + 1] ?? '') && s[j + 1] !== '.') j++; // "1." is 1.0
  if (s[j] === 'e' || s[j] === 'E') {
    const signed = s[j + 1] === '+' || s[j + 1] === '-';
    if (DIGIT.test(s[j + (signed ? 2 : 1)] ?? '')) {
      j += signed ? 2 : 1;
      while (j < s.length && DIGIT.test(s[j]!)) j++;
    }
  }
  return j;
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl + 1;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      i = endOfBlockComment(s, i);
      continue;
    }
    if (c === "'") {
      i = endOfString(s, i, false);
      out.push({ kind: 'lit', text: '_' });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let name = '';
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            name += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        name += s[j];
        j++;
      }
      i = j;
      // "rides" is the same name as rides; "Rides" or "my table" is not.
      out.push(SIMPLE_IDENT.test(name) ? { kind: 'word', text: name } : { kind: 'ident', text: name });
      continue;
    }
    if (c === '$' && DIGIT.test(s[i + 1] ?? '')) {
      let j = i + 1;
      while (j < s.length && DIGIT.test(s[j]!)) j++;
      i = j;
      out.push({ kind: 'lit', text: '_' });
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(s[i + 1] ?? ''))) {
      i = endOfNumber(s, i);
      out.push({ kind: 'lit', text: '_', numeric: true });
      continue;
    }
    if (IDENT_START.test(c)) {
      // e'…' (backslash escapes), b'…' (bytes), x'…' (hex bytes), B'…' (bits), n'…'.
      if (s[i + 1] === "'" && /[ebxn]/i.test(c)) {
        i = endOfString(s, i + 1, c === 'e' || c === 'E' || c === 'b' || c === 'B');
        out.push({ kind: 'lit', text: '_' });
        continue;
      }
      let j = i + 1;
      while (j < s.length && IDENT_PART.test(s[j]!)) j++;
      const word = s.slice(i, j).toLowerCase();
      i = j;
      out.push(word === '_' || MORE.test(word) ? { kind: 'lit', text: '_' } : { kind: 'word', text: word });
      continue;
    }
    if (c === '?' && s[i + 1] !== '|' && s[i + 1] !== '&') {
      // A driver's positional placeholder (JDBC, ODBC).
      i++;
      out.push({ kind: 'lit', text: '_' });
      continue;
    }
    const op = OPERATORS.find((o) => s.startsWith(o, i)) ?? c;
    i += op.length;
    out.push({ kind: 'op', text: op });
  }
  return out;
}

/** A token after which an operand has ended: a following sign is binary, `(` starts arguments. */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'word') return !EXPR_KEYWORDS.has(t.text);
  if (t.kind === 'op') return t.text === ')' || t.text === ']';
  return true;
}

function isLit(t: Token | undefined): boolean {
  return t?.kind === 'lit';
}

/** `( _ )` */
function isCollapsedList(ts: readonly Token[], at: number): boolean {
  return ts[at]?.text === '(' && isLit(ts[at + 1]) && ts[at + 2]?.text === ')';
}

/** The tokens between brackets form a list of constants only: `_, _, (_), _`. */
function isLiteralList(inner: readonly Token[]): boolean {
  if (inner.length === 0) return false;
  let i = 0;
  for (;;) {
    if (isLit(inner[i])) i += 1;
    else if (isCollapsedList(inner, i)) i += 3;
    else return false;
    if (i === inner.length) return true;
    if (inner[i]?.text !== ',') return false;
    i++;
  }
}

const LIST: readonly Token[] = [
  { kind: 'op', text: '(' },
  { kind: 'lit', text: '_' },
  { kind: 'op', text: ')' },
];

/**
 * Lists of constants become one `(_)`: `IN (1, 2, 3)`, `IN ($1, $2)`, `(_, _, __more__)`,
 * `ARRAY[_, _]`, and rows of VALUES (`(_, _), (_, _)`), however long CockroachDB or the
 * code made them. A sign before a number is folded into it (`-1` is one constant).
 */
function canonical(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  const open: number[] = [];
  for (const t of tokens) {
    if (t.kind === 'lit') {
      const sign = out[out.length - 1];
      if (
        t.numeric &&
        sign?.kind === 'op' &&
        (sign.text === '-' || sign.text === '+') &&
        !endsOperand(out[out.length - 2])
      )
        out.pop();
      out.push({ kind: 'lit', text: '_' });
      continue;
    }
    if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) {
      out.push({ kind: 'lit', text: '_' });
      continue;
    }
    if (t.kind === 'word' && t.text === 'null') {
      // IS [NOT] NULL is a test, not a constant.
      const prev = out[out.length - 1];
      const isTest = prev?.text === 'is' || (prev?.text === 'not' && out[out.length - 2]?.text === 'is');
      out.push(isTest ? t : { kind: 'lit', text: '_' });
      continue;
    }
    if (t.kind === 'op' && (t.text === '(' || t.text === '[')) {
      open.push(out.length);
      out.push(t);
      continue;
    }
    if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
      const at = open.pop();
      const opener = at === undefined ? undefined : out[at];
      const matches = opener && (t.text === ')' ? opener.text === '(' : opener.text === '[');
      if (at === undefined || !matches) {
        out.push(t);
        continue;
      }
      const isArray = t.text === ']' && out[at - 1]?.kind === 'word' && out[at - 1]?.text === 'array';
      if ((t.text === ')' || isArray) && isLiteralList(out.slice(at + 1))) {
        out.length = isArray ? at - 1 : at;
        // `(_), (_)`: rows of VALUES, or a list of lists.
        if (out[out.length - 1]?.text === ',' && isCollapsedList(out, out.length - 4)) out.pop();
        else out.push(...LIST);
        continue;
      }
      out.push(t);
      continue;
    }
    out.push(t);
  }
  while (out.length && out[out.length - 1]?.text === ';') out.pop();
  return out;
}

function spaced(prev: Token | undefined, t: Token): boolean {
  if (!prev) return false;
  if ([')', ']', ',', ';', '.', '::'].includes(t.text) && t.kind === 'op') return false;
  if (prev.kind === 'op' && ['(', '[', '.', '::'].includes(prev.text)) return false;
  // No space before a function's arguments (`count(*)`), one before a list (`in (_)`).
  if (t.kind === 'op' && t.text === '(') return !((prev.kind === 'word' || prev.kind === 'ident') && endsOperand(prev));
  if (t.kind === 'op' && t.text === '[') return !endsOperand(prev) && !(prev.kind === 'word' && prev.text === 'array');
  return true;
}

function printed(t: Token): string {
  return t.kind === 'ident' ? `"${t.text.replace(/"/g, '""')}"` : t.text;
}

/**
 * The comparable form of a statement: comments dropped, keywords and unquoted names in
 * lower case, every constant and placeholder `_`, literal lists `(_)`, one space between
 * tokens (none inside brackets or around `.` and `::`), no trailing semicolon.
 */
export function normalizeSql(text: string): string {
  let s = '';
  let prev: Token | undefined;
  for (const t of canonical(tokenize(text))) {
    if (spaced(prev, t)) s += ' ';
    s += printed(t);
    prev = t;
  }
  return s;
}

/** Whether two statements have the same fingerprint text; an empty statement matches nothing. */
export function sameFingerprint(a: string, b: string): boolean {
  const na = normalizeSql(a);
  return na !== '' && na === normalizeSql(b);
}
