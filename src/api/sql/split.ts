// Statement splitting for "Run SQL" and "the statement under the cursor", on the
// lexical rules of CockroachDB's scanner (pkg/sql/scanner/scan.go): a `;` ends a
// statement only outside string literals ('…' with '' escapes; e'…' and b'…'
// with backslash escapes; B'…' bit and x'…' hex strings), quoted identifiers
// ("…" with "" escapes), comments (-- to the end of the line; /* … */, which
// CockroachDB *does* nest, like PostgreSQL: ScanComment keeps a depth counter)
// and dollar quotes ($$…$$, $tag$…$tag$; `$1` is a placeholder). As in the
// scanner's HasMultipleStatements, a `;` inside a `BEGIN ATOMIC … END` function
// body does not end the statement.
//
// Offsets are UTF-16 code-unit offsets into the text (what `TextDocument.positionAt`
// takes). A statement's range starts at its first token and ends after its last
// one: leading and trailing whitespace and comments, and the `;`, are outside it.
// Pure TypeScript: no vscode, no DOM, no Node APIs.

export type SqlTokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'space' | 'comment';

export interface SqlToken {
  kind: SqlTokenKind;
  /** The token's source text (quotes, prefixes and comment markers included). */
  text: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** A string, quoted identifier or block comment the text ended inside of. */
  unterminated?: boolean;
}

export interface SqlStatement {
  /** The statement's text: `text.slice(start, end)`, without the `;`. */
  sql: string;
  /** Offset of the statement's first token (after leading whitespace and comments). */
  start: number;
  /** Offset just after its last token (before trailing whitespace, comments and the `;`). */
  end: number;
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** lexbase.IsIdentStart: ASCII letters, `_` and every non-ASCII character. */
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
/** lexbase.IsIdentMiddle: also digits and `$`. */
const isIdentMiddle = (c: number): boolean => isIdentStart(c) || isDigit(c) || c === 36;

const QUOTE = 39; // '
const DQUOTE = 34; // "
const BACKSLASH = 92;

/** The end of a '…' literal whose opening quote is at `open`. */
function scanQuoted(text: string, open: number, quote: number, escapes: boolean): { end: number; closed: boolean } {
  const n = text.length;
  let i = open + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (escapes && c === BACKSLASH) i += 2;
    else if (c === quote) {
      if (text.charCodeAt(i + 1) === quote) i += 2;
      else return { end: i + 1, closed: true };
    } else i++;
  }
  return { end: n, closed: false };
}

/** A `$tag$` opening at `i` (tag possibly empty): its length, or 0 when `$` starts no dollar quote. */
function dollarTagLength(text: string, i: number): number {
  let j = i + 1;
  if (text.charCodeAt(j) === 36) return 2;
  if (!isIdentStart(text.charCodeAt(j))) return 0;
  while (j < text.length && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
  return text.charCodeAt(j) === 36 ? j + 1 - i : 0;
}

/**
 * Splits SQL text into tokens; their texts concatenated are the input. Never throws:
 * an unterminated string, identifier or comment runs to the end of the text.
 */
export function tokenizeSql(text: string): SqlToken[] {
  const out: SqlToken[] = [];
  const n = text.length;
  let i = 0;
  const push = (kind: SqlTokenKind, start: number, end: number, unterminated = false): void => {
    const t: SqlToken = { kind, text: text.slice(start, end), start, end };
    if (unterminated) t.unterminated = true;
    out.push(t);
  };
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (isSpace(c)) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      push('space', start, i);
    } else if (c === 45 && next === 45) {
      // -- to the end of the line; the newline is whitespace.
      while (i < n && text.charCodeAt(i) !== 10) i++;
      push('comment', start, i);
    } else if (c === 47 && next === 42) {
      // /* … */, nested.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
        } else if (d === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else i++;
      }
      push('comment', start, i, depth > 0);
    } else if (c === QUOTE) {
      const s = scanQuoted(text, i, QUOTE, false);
      i = s.end;
      push('string', start, i, !s.closed);
    } else if (next === QUOTE && (c === 101 || c === 69 || c === 98)) {
      // e'…', E'…' and b'…' take backslash escapes.
      const s = scanQuoted(text, i + 1, QUOTE, true);
      i = s.end;
      push('string', start, i, !s.closed);
    } else if (next === QUOTE && (c === 66 || c === 120 || c === 88)) {
      // B'0101' and x'ff' / X'ff': no escapes.
      const s = scanQuoted(text, i + 1, QUOTE, false);
      i = s.end;
      push('string', start, i, !s.closed);
    } else if (c === DQUOTE) {
      const s = scanQuoted(text, i, DQUOTE, false);
      i = s.end;
      push('quoted', start, i, !s.closed);
    } else if (c === 36 && isDigit(next)) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      push('param', start, i);
    } else if (c === 36 && dollarTagLength(text, i) > 0) {
      const tag = text.slice(i, i + dollarTagLength(text, i));
      const close = text.indexOf(tag, i + tag.length);
      i = close < 0 ? n : close + tag.length;
      push('string', start, i, close < 0);
    } else if (isIdentStart(c)) {
      while (i < n && isIdentMiddle(text.charCodeAt(i))) i++;
      push('word', start, i);
    } else if (isDigit(c) || (c === 46 && isDigit(next))) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isDigit(d) || d === 46 || d === 120 || d === 88 || isHexLetter(d)) i++;
        else if ((d === 43 || d === 45) && (text.charCodeAt(i - 1) | 32) === 101) i++;
        else break;
      }
      push('number', start, i);
    } else {
      i++;
      push('punct', start, i);
    }
  }
  return out;
}

function isHexLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 102;
}

const isCode = (t: SqlToken): boolean => t.kind !== 'space' && t.kind !== 'comment';

/**
 * The statements of `text`, in order, each with its range. Statements that are
 * only whitespace and comments are dropped. The last statement needs no `;`.
 */
export function splitStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let first: SqlToken | undefined;
  let last: SqlToken | undefined;
  let prevWord = '';
  let atomicDepth = 0;
  const flush = (): void => {
    if (first && last) out.push({ sql: text.slice(first.start, last.end), start: first.start, end: last.end });
    first = last = undefined;
    prevWord = '';
    atomicDepth = 0;
  };
  for (const t of tokenizeSql(text)) {
    if (!isCode(t)) continue;
    if (t.kind === 'punct' && t.text === ';' && atomicDepth === 0) {
      flush();
      continue;
    }
    if (t.kind === 'word') {
      const w = t.text.toUpperCase();
      if (prevWord === 'BEGIN' && w === 'ATOMIC') atomicDepth++;
      else if (w === 'END' && atomicDepth > 0) atomicDepth--;
      prevWord = w;
    } else prevWord = '';
    first ??= t;
    last = t;
  }
  flush();
  return out;
}

/**
 * The statement the cursor at `offset` is in. A cursor inside a statement, or
 * right after its last character, is in it. A cursor between statements (on the
 * `;`, after it, in whitespace or comments) picks the statement before it when
 * that statement ends on the cursor's line (`SELECT 1;|` runs `SELECT 1`), and
 * otherwise the next statement (a blank line or a comment line above a statement
 * belongs to the statement below); with no statement after the cursor, the last
 * one before it. Undefined when the text has no statement.
 */
export function statementAt(text: string, offset: number): SqlStatement | undefined {
  const statements = splitStatements(text);
  let previous: SqlStatement | undefined;
  for (const s of statements) {
    if (offset < s.start) {
      if (previous && !text.slice(previous.end, offset).includes('\n')) return previous;
      return s;
    }
    if (offset <= s.end) return s;
    previous = s;
  }
  return previous;
}
