// SQL as workspace files hold it: the statements of a .sql file, and SQL inside the
// string literals of code in any common language — quotes of every kind, Python
// triple quotes, Go raw strings, Java text blocks, JS template literals, Ruby and
// PHP heredocs, MyBatis XML — with pieces concatenated on one statement joined.
// Each place found is a SqlSite: where it is in the file and its comparable text,
// so that a statement (a fingerprint or a plain query) can be matched to the code
// that issues it, and code to the workload statistics kept under its fingerprint.
//
//   db.query("SELECT * FROM rides " +
//            "WHERE rider_id = :rider")      → select * from rides where rider_id = _
//
// Drivers' placeholders (`?`, `?1`, `$1`, `:name`, `%s`, `%(name)s`, `@name`,
// `#{name}`, `${expr}`, `{name}`) all become constants, as CockroachDB's `_`. A
// lexer, not a parser: comments are skipped (text in a comment never matches), and
// a string that does not start like a statement is not taken for SQL.
import { normalizeSql } from './fingerprint';
import { oneLine } from './format';

/** How a file's language writes strings and comments. */
interface Syntax {
  lineComments: readonly string[];
  blockComments: boolean;
  /** `'…'` is a string (else a character literal, skipped). */
  singleQuoted: boolean;
  /** `` `…` ``: a template with `${…}` (JS), a raw string (Go), or nothing special. */
  backtick: 'template' | 'raw' | 'none';
  /** `"""…"""` (and `'''…'''` where `'` quotes strings). */
  triple: boolean;
  /** Letters before a quote that change the string: Python r/b/f/u, Rust r#, C# @ and $. */
  prefixes: 'python' | 'rust' | 'csharp' | 'none';
  heredoc: 'ruby' | 'php' | 'none';
  /** `#{…}` interpolation in double-quoted strings (Ruby). */
  hashInterpolation: boolean;
  /** `.` joins strings (PHP). */
  dotConcat: boolean;
}

const C_LIKE: Syntax = {
  lineComments: ['//'],
  blockComments: true,
  singleQuoted: false,
  backtick: 'none',
  triple: true,
  prefixes: 'none',
  heredoc: 'none',
  hashInterpolation: false,
  dotConcat: false,
};

const SYNTAX = {
  js: { ...C_LIKE, singleQuoted: true, backtick: 'template', triple: false },
  python: { ...C_LIKE, lineComments: ['#'], blockComments: false, singleQuoted: true, prefixes: 'python' },
  go: { ...C_LIKE, backtick: 'raw', triple: false },
  c: C_LIKE,
  csharp: { ...C_LIKE, prefixes: 'csharp' },
  rust: { ...C_LIKE, triple: false, prefixes: 'rust' },
  dart: { ...C_LIKE, singleQuoted: true, prefixes: 'python' },
  ruby: {
    ...C_LIKE,
    lineComments: ['#'],
    blockComments: false,
    singleQuoted: true,
    triple: false,
    heredoc: 'ruby',
    hashInterpolation: true,
  },
  php: { ...C_LIKE, lineComments: ['//', '#'], singleQuoted: true, triple: false, heredoc: 'php', dotConcat: true },
} satisfies Record<string, Syntax>;

export type CodeLanguage = keyof typeof SYNTAX | 'sql' | 'xml';

const LANGUAGE_BY_EXTENSION: Readonly<Record<string, CodeLanguage>> = {
  sql: 'sql',
  ddl: 'sql',
  pgsql: 'sql',
  psql: 'sql',
  ts: 'js',
  tsx: 'js',
  mts: 'js',
  cts: 'js',
  js: 'js',
  jsx: 'js',
  mjs: 'js',
  cjs: 'js',
  vue: 'js',
  svelte: 'js',
  py: 'python',
  pyi: 'python',
  go: 'go',
  java: 'c',
  kt: 'c',
  kts: 'c',
  scala: 'c',
  groovy: 'c',
  swift: 'c',
  c: 'c',
  h: 'c',
  cc: 'c',
  cpp: 'c',
  hpp: 'c',
  cs: 'csharp',
  rs: 'rust',
  dart: 'dart',
  rb: 'ruby',
  php: 'php',
  xml: 'xml',
};

/** File extensions whose SQL is found (without the dot). */
export const SQL_SOURCE_EXTENSIONS: readonly string[] = Object.keys(LANGUAGE_BY_EXTENSION);

/** The language of a file, from its name; undefined for files whose SQL is not looked for. */
export function codeLanguage(path: string): CodeLanguage | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return LANGUAGE_BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** One string literal of code: where it is and what it says (escapes undone, interpolations as `$1`). */
export interface StringPiece {
  /** Offset of the literal (its prefix or opening quote). */
  start: number;
  /** Offset just after the closing quote. */
  end: number;
  /** Where the content starts in the file; with `value` equal to the content, an offset inside maps back. */
  contentStart: number;
  value: string;
  /** `value` is the file's text from `contentStart` on, character for character. */
  verbatim: boolean;
}

const isIdentChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '',
};

interface QuoteRule {
  /** The closing delimiter. */
  close: string;
  escapes: boolean;
  /** The closing quote doubled stands for itself (C# verbatim strings). */
  doubled?: boolean;
  /** A newline ends (and voids) the literal: ordinary one-line strings. */
  singleLine?: boolean;
  interpolation?: 'dollarBrace' | 'brace' | 'hashBrace';
}

/** Skips a balanced `{…}` starting at `i` (the `{`), quotes inside included; returns the offset after `}`. */
function skipBraces(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      const close = s.indexOf(c, j + 1);
      if (close < 0) return s.length;
      j = close;
    }
  }
  return s.length;
}

/** Reads a quoted literal whose content starts at `from`; undefined when it is not closed where it must be. */
function readQuoted(
  s: string,
  from: number,
  rule: QuoteRule,
): { end: number; value: string; verbatim: boolean } | undefined {
  let value = '';
  let chunk = from;
  let verbatim = true;
  let j = from;
  const close = rule.close;
  const c0 = close.charCodeAt(0);
  while (j < s.length) {
    const code = s.charCodeAt(j);
    if (code === c0 && s.startsWith(close, j)) {
      if (rule.doubled && s.startsWith(close, j + close.length)) {
        value += s.slice(chunk, j) + close;
        j += 2 * close.length;
        chunk = j;
        verbatim = false;
        continue;
      }
      value += s.slice(chunk, j);
      return { end: j + close.length, value, verbatim };
    }
    if (code === 10 /* \n */ && rule.singleLine) return undefined;
    if (code === 92 /* \ */ && rule.escapes) {
      value += s.slice(chunk, j);
      const e = s[j + 1] ?? '';
      if (e === '\n') value += '';
      else if (e === '\r') j += s[j + 2] === '\n' ? 1 : 0;
      else if (e === 'u' || e === 'x') {
        const hex = e === 'u' ? /^(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/ : /^()([0-9a-fA-F]{2})/;
        const m = hex.exec(s.slice(j + 2, j + 10));
        if (m) {
          value += String.fromCodePoint(parseInt(m[1] || m[2] || '0', 16));
          j += m[0].length;
        } else value += e;
      } else value += SIMPLE_ESCAPES[e] ?? e;
      j += 2;
      chunk = j;
      verbatim = false;
      continue;
    }
    const interp = rule.interpolation;
    if (interp) {
      const opens =
        (interp === 'dollarBrace' && code === 36 && s[j + 1] === '{') ||
        (interp === 'hashBrace' && code === 35 && s[j + 1] === '{') ||
        (interp === 'brace' && code === 123);
      if (interp === 'brace' && code === 123 && s[j + 1] === '{') {
        value += s.slice(chunk, j) + '{';
        j += 2;
        chunk = j;
        verbatim = false;
        continue;
      }
      if (interp === 'brace' && code === 125 && s[j + 1] === '}') {
        value += s.slice(chunk, j) + '}';
        j += 2;
        chunk = j;
        verbatim = false;
        continue;
      }
      if (opens) {
        value += s.slice(chunk, j) + '$1';
        j = skipBraces(s, interp === 'brace' ? j : j + 1);
        chunk = j;
        verbatim = false;
        continue;
      }
    }
    j++;
  }
  return undefined;
}

/** A heredoc's content: the lines after the opener up to the line that is only `id` (indented or not). */
function readHeredoc(
  s: string,
  bodyFrom: number,
  id: string,
): { contentStart: number; contentEnd: number; end: number } | undefined {
  const nl = s.indexOf('\n', bodyFrom);
  if (nl < 0) return undefined;
  let line = nl + 1;
  while (line <= s.length) {
    const next = s.indexOf('\n', line);
    const lineEnd = next < 0 ? s.length : next;
    const text = s.slice(line, lineEnd).trim();
    if (text === id || text === `${id};` || text.startsWith(`${id})`) || text.startsWith(`${id},`)) {
      return { contentStart: nl + 1, contentEnd: line, end: line + s.slice(line, lineEnd).indexOf(id) + id.length };
    }
    if (next < 0) return undefined;
    line = next + 1;
  }
  return undefined;
}

/** A `/` where an expression starts is a JS regular expression literal (`x = /"/g`), not a division. */
function startsRegex(s: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && (s[p] === ' ' || s[p] === '\t')) p--;
  if (p < 0 || s[p] === '\n') return true;
  if ('(,=:[!&|?{};+-*%<>~^'.includes(s[p]!)) return true;
  const word = /(?:return|typeof|case|do|else|in|of|void|yield|await)$/.exec(s.slice(Math.max(0, p - 7), p + 1));
  return word !== null && !isIdentChar(s[p - word[0].length]);
}

/** The end of a regular expression literal starting at `i`: after its closing `/` and flags, on its line. */
function endOfRegex(s: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\n') return j;
    if (c === '\\') j++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      j++;
      while (j < s.length && /[a-z]/.test(s[j]!)) j++;
      return j;
    }
  }
  return s.length;
}

/** Every string literal of a code file, in order; comments are skipped. */
export function stringLiterals(text: string, language: Exclude<CodeLanguage, 'sql' | 'xml'>): StringPiece[] {
  const syn: Syntax = SYNTAX[language];
  const out: StringPiece[] = [];
  const s = text;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s[i]!;
    // Comments.
    if (c === '/' && syn.blockComments && s[i + 1] === '*') {
      const endC = s.indexOf('*/', i + 2);
      i = endC < 0 ? n : endC + 2;
      continue;
    }
    if ((c === '/' || c === '#') && syn.lineComments.some((lc) => s.startsWith(lc, i))) {
      // `#{` is Ruby interpolation only inside strings; outside, `#` starts a comment.
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '<' && syn.heredoc !== 'none' && s[i + 1] === '<') {
      const m =
        syn.heredoc === 'php'
          ? /^<<<[ \t]*(["']?)([A-Za-z_]\w*)\1/.exec(s.slice(i, i + 80))
          : /^<<([~-]?)(["'`]?)([A-Za-z_]\w*)\2/.exec(s.slice(i, i + 80));
      const id = m ? (syn.heredoc === 'php' ? m[2] : m[3]) : undefined;
      // A bare `<<ID` (no ~ or -) must be upper case, so `a <<b` stays a shift.
      if (m && id && (syn.heredoc === 'php' || m[1] || m[2] || /^[A-Z_][A-Z0-9_]*$/.test(id))) {
        const h = readHeredoc(s, i + m[0].length, id);
        if (h) {
          const raw = s.slice(h.contentStart, h.contentEnd);
          const interpolate = syn.heredoc === 'ruby' ? !m[2] || m[2] === '"' : m[1] !== "'";
          const value = interpolate ? raw.replace(/#\{[^}]*\}|\{\$[^}]*\}/g, '$1') : raw;
          out.push({ start: i, end: h.end, contentStart: h.contentStart, value, verbatim: value === raw });
          // The rest of the opener's line (`, params)`) holds no SQL; the lexer resumes after the body.
          i = h.end;
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (c === '/' && language === 'js' && startsRegex(s, i)) {
      i = endOfRegex(s, i);
      continue;
    }
    if (c !== '"' && c !== "'" && c !== '`') {
      i++;
      continue;
    }
    // A quote: what kind of string, with which prefix.
    let start = i;
    let raw = false;
    let interp: QuoteRule['interpolation'];
    let doubled = false;
    let hashes = '';
    if (syn.prefixes === 'python' && (c === '"' || c === "'")) {
      let p = i;
      while (p > i - 2 && p > 0 && /[rRbBfFuU]/.test(s[p - 1]!)) p--;
      if (p < i && !isIdentChar(s[p - 1])) {
        const prefix = s.slice(p, i).toLowerCase();
        start = p;
        raw = prefix.includes('r');
        if (prefix.includes('f')) interp = 'brace';
      }
    } else if (syn.prefixes === 'rust' && c === '"') {
      let p = i;
      while (p > 0 && s[p - 1] === '#') p--;
      hashes = s.slice(p, i);
      if (p > 0 && (s[p - 1] === 'r' || s[p - 1] === 'R') && !isIdentChar(s[p - 2] === 'b' ? s[p - 3] : s[p - 2])) {
        raw = true;
        start = s[p - 2] === 'b' ? p - 2 : p - 1;
      } else hashes = '';
    } else if (syn.prefixes === 'csharp' && c === '"') {
      let p = i;
      while (p > i - 2 && p > 0 && (s[p - 1] === '@' || s[p - 1] === '$')) p--;
      const prefix = s.slice(p, i);
      if (prefix.includes('@')) {
        raw = true;
        doubled = true;
      }
      if (prefix.includes('$')) interp = 'brace';
      start = p;
    }

    // Triple quotes: Python, Java text blocks, Kotlin, Scala, Swift, C# raw strings.
    if (syn.triple && (c === '"' || (c === "'" && syn.singleQuoted)) && s[i + 1] === c && s[i + 2] === c) {
      const q3 = c + c + c;
      const r = readQuoted(s, i + 3, {
        close: q3,
        escapes: !raw && !doubled,
        ...(interp ? { interpolation: interp } : {}),
      });
      if (!r) {
        i += 3;
        continue;
      }
      out.push({ start, end: r.end, contentStart: i + 3, value: r.value, verbatim: r.verbatim });
      i = r.end;
      continue;
    }
    if (c === '`') {
      if (syn.backtick === 'none') {
        i++;
        continue;
      }
      const r = readQuoted(s, i + 1, {
        close: '`',
        escapes: syn.backtick === 'template',
        ...(syn.backtick === 'template' ? { interpolation: 'dollarBrace' as const } : {}),
      });
      if (!r) {
        i = n;
        continue;
      }
      out.push({ start, end: r.end, contentStart: i + 1, value: r.value, verbatim: r.verbatim });
      i = r.end;
      continue;
    }
    if (c === "'" && !syn.singleQuoted) {
      // A character literal ('x', '\n') or a Rust lifetime: skip it, on its line.
      const close = /^'(?:\\.[^'\n]{0,8}|[^'\\\n]{1,2})'/.exec(s.slice(i, i + 14));
      i += close ? close[0].length : 1;
      continue;
    }
    const r = readQuoted(s, i + 1, {
      close: c + hashes,
      escapes: !raw,
      doubled,
      singleLine: !raw && language !== 'ruby' && language !== 'php' && language !== 'rust',
      ...(interp
        ? { interpolation: interp }
        : syn.hashInterpolation && c === '"'
          ? { interpolation: 'hashBrace' as const }
          : {}),
    });
    if (!r) {
      // An unclosed one-line string (or a quote in a regex literal): resume on the next line.
      const nl = s.indexOf('\n', i + 1);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    out.push({ start, end: r.end, contentStart: i + 1, value: r.value, verbatim: r.verbatim });
    i = r.end;
  }
  return out;
}

/** A statement of a .sql file: its text from its first token to before its `;`. */
export interface SqlStatementSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * The statements of SQL text, split at `;` outside strings, quoted names, comments and
 * dollar quotes; comments before a statement are not part of it. Empty statements are left out.
 */
export function splitSqlStatements(text: string): SqlStatementSpan[] {
  const out: SqlStatementSpan[] = [];
  const s = text;
  const n = s.length;
  let start = -1;
  let lastEnd = -1;
  const flush = (): void => {
    if (start >= 0 && lastEnd > start) out.push({ start, end: lastEnd, text: s.slice(start, lastEnd) });
    start = -1;
    lastEnd = -1;
  };
  let i = 0;
  while (i < n) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (s.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (s.startsWith('*/', j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      i = j;
      continue;
    }
    if (c === ';') {
      flush();
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === "'" || c === '"') {
      const backslash = c === "'" && (s[i - 1] === 'e' || s[i - 1] === 'E') && !isIdentChar(s[i - 2]);
      let j = i + 1;
      while (j < n) {
        if (backslash && s[j] === '\\') {
          j += 2;
          continue;
        }
        if (s[j] === c) {
          if (s[j + 1] === c) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      i = Math.min(n, j + 1);
      lastEnd = i;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i, i + 64));
      if (m && !isIdentChar(s[i - 1])) {
        const close = s.indexOf(m[0], i + m[0].length);
        i = close < 0 ? n : close + m[0].length;
        lastEnd = i;
        continue;
      }
    }
    i++;
    lastEnd = i;
  }
  flush();
  return out;
}

/** The text of a string literal starts like a statement. */
const STATEMENT_START =
  /^\s*(?:\(\s*)*(?:select|insert|update|delete|upsert|with|create|alter|drop|truncate|merge|explain|show|grant|revoke|import|export|backup|restore|refresh|analyze|values|table|begin)[\s;]/i;

/** Code placeholders and quoting that CockroachDB never prints, mapped to what it prints. */
function codeToSql(sql: string): string {
  // A quick test first: most statements have none of these.
  if (!/[%:@#{`?$]/.test(sql)) return sql;
  const placeholder = (): string => '$1';
  const after = (_: string, before: string): string => `${before}$1`;
  return (
    sql
      // Python DB-API, Go fmt: %s, %d, %v, %(name)s; `%%` is a literal percent.
      .replace(/%\([A-Za-z_]\w*\)[sd]|%[sdifvqxb](?![A-Za-z0-9_])/g, placeholder)
      .replace(/%%/g, '%')
      // JPA ?1, named :name (not ::cast), @name (not the @> operator), MyBatis #{name} / ${name}.
      .replace(/\?\d+/g, placeholder)
      .replace(/(^|[^:\w]):[A-Za-z_]\w*/g, after)
      .replace(/(^|[^\w@])@[A-Za-z_]\w*/g, after)
      .replace(/[#$]\{[^}]*\}/g, placeholder)
      // .format / C# / Kotlin placeholders: {}, {0}, {name}, $name (not $1).
      .replace(/\{[\w.]*\}/g, placeholder)
      .replace(/\$[A-Za-z_]\w*/g, placeholder)
      // MySQL-style `name` quoting.
      .replace(/`([^`]*)`/g, '"$1"')
  );
}

/** The comparable text of a statement as code has it: normalizeSql after code placeholders became constants. */
export function normalizeCodeSql(sql: string): string {
  return normalizeSql(codeToSql(sql));
}

/** A place in a file where SQL is. */
export interface SqlSite {
  /** 'statement': of a .sql file; 'string': a string literal (or several joined) of code; 'xml': a mapper element. */
  kind: 'statement' | 'string' | 'xml';
  /** Offsets in the file text (UTF-16 code units, as VS Code counts characters). */
  start: number;
  end: number;
  /** The SQL as written (string pieces joined, escapes undone). */
  sql: string;
  /** normalizeCodeSql(sql): equal for two statements with the same fingerprint. */
  normalized: string;
}

/** An operand between `+` and a string: `id`, `this.city`, `ids[0]`, `String(n)`. */
const OPERAND = String.raw`[A-Za-z_$][\w$]*(?:(?:\.|\?\.|->|::)[A-Za-z_$][\w$]*|\((?:[^()'"\x60;\n]|'[^'\n]*'|"[^"\n]*")*\)|\[[^\[\]'"\x60;\n]*\])*`;
const JOIN_GAP = /^(?:\s|\\\r?\n)*\+?(?:\s|\\\r?\n)*$/;
const JOIN_GAP_DOT = /^(?:\s|\\\r?\n)*[+.]?(?:\s|\\\r?\n)*$/;
const OPERAND_GAP = new RegExp(String.raw`^\s*[+.]\s*${OPERAND}\s*[+.]\s*$`);
const TRAILING_OPERAND = new RegExp(String.raw`^\s*\+\s*${OPERAND}`);
/** Joined SQL that ends waiting for a value: `= `, `IN (`, `LIMIT `. */
const WANTS_VALUE = /(?:[=<>(,]|\b(?:limit|offset|like|ilike|in))\s*$/i;

/** String literals next to each other, or joined by `+` (with simple operands between), are one statement. */
function joinPieces(text: string, pieces: readonly StringPiece[], dotConcat: boolean): SqlSite[] {
  const out: SqlSite[] = [];
  const gapOk = dotConcat ? JOIN_GAP_DOT : JOIN_GAP;
  let k = 0;
  while (k < pieces.length) {
    const first = pieces[k]!;
    // Only strings that start like a statement begin a site; the pieces after it may be anything.
    if (!STATEMENT_START.test(first.value)) {
      k++;
      continue;
    }
    let sql = first.value;
    let last = first;
    let m = k + 1;
    while (m < pieces.length) {
      const next = pieces[m]!;
      if (next.start - last.end > 300) break;
      const gap = text.slice(last.end, next.start);
      if (gapOk.test(gap)) {
        sql += next.value;
        last = next;
        m++;
        continue;
      }
      // `" + city + "`, or `" + ids.join(",") + "` (whose "," is a piece of its own).
      let joined = false;
      for (let j = m; j < Math.min(m + 4, pieces.length); j++) {
        const after = pieces[j]!;
        if (after.start - last.end > 300) break;
        if (OPERAND_GAP.test(text.slice(last.end, after.start))) {
          sql += ' $1 ' + after.value;
          last = after;
          m = j + 1;
          joined = true;
          break;
        }
      }
      if (!joined) break;
    }
    if (WANTS_VALUE.test(sql) && TRAILING_OPERAND.test(text.slice(last.end, last.end + 200))) sql += ' $1';
    out.push({ kind: 'string', start: first.start, end: last.end, sql, normalized: '' });
    k = m;
  }
  return out;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** MyBatis / iBATIS mapper statements: `<select id="…">SELECT …</select>` (dynamic tags dropped). */
function xmlSites(text: string): SqlSite[] {
  const out: SqlSite[] = [];
  const re = /<(select|insert|update|delete)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2] ?? '';
    const contentStart = m.index + m[0].indexOf('>') + 1;
    const sql = body
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => XML_ENTITIES[e] ?? '');
    const lead = body.length - body.trimStart().length;
    out.push({
      kind: 'xml',
      start: contentStart + lead,
      end: contentStart + body.trimEnd().length,
      sql,
      normalized: '',
    });
  }
  return out;
}

/** A cheap test: files without any of these words hold no SQL worth lexing. */
const SQL_HINT = /\b(?:select|insert|update|delete|upsert|create|with)\b/i;

/** Every place in a file where SQL is, with its comparable text. `path` names the language. */
export function sqlSites(text: string, path: string): SqlSite[] {
  const language = codeLanguage(path);
  if (!language || !SQL_HINT.test(text)) return [];
  let sites: SqlSite[];
  if (language === 'sql') {
    sites = splitSqlStatements(text).map((st) => ({
      kind: 'statement',
      start: st.start,
      end: st.end,
      sql: st.text,
      normalized: '',
    }));
  } else if (language === 'xml') sites = xmlSites(text);
  else sites = joinPieces(text, stringLiterals(text, language), SYNTAX[language].dotConcat);
  for (const site of sites) site.normalized = normalizeCodeSql(site.sql);
  return sites.filter((site) => site.normalized !== '');
}

/**
 * The statements of one site: a string with several statements (`BEGIN; …; COMMIT`) is
 * matched statement by statement, all at the site's place.
 */
export function siteStatements(site: SqlSite): string[] {
  if (site.kind === 'statement' || !site.sql.includes(';')) return [site.normalized];
  const parts = splitSqlStatements(site.sql).map((p) => normalizeCodeSql(p.text));
  return parts.length > 1 ? parts.filter((p) => p !== '') : [site.normalized];
}

const KEYWORDS = new Set(
  // l10n-ignore: SQL keywords, matched against code
  `select insert update delete upsert into from where and or not null is in like ilike as on join left right inner
  outer full cross group order by having limit offset values set returning with union all distinct case when then
  else end asc desc between exists any some true false table create alter drop index if primary key default
  count sum min max avg now interval cast using conflict do nothing lateral over partition window filter`.split(/\s+/),
);

/** A statement to look for: its comparable text and a word every file that has it must contain. */
export interface StatementQuery {
  normalized: string;
  /** The longest name in it (not a keyword): a file without it (in any case) cannot match. */
  term?: RegExp;
}

/** Prepares a statement (fingerprint text or a plain query) for matching; undefined when it is empty. */
export function statementQuery(sql: string): StatementQuery | undefined {
  const normalized = normalizeCodeSql(sql);
  if (normalized === '') return undefined;
  const words = (normalized.match(/[\p{L}_][\p{L}\p{N}_$]*/gu) ?? []).filter(
    (w) => w.length >= 3 && !KEYWORDS.has(w.toLowerCase()),
  );
  const longest = words.sort((a, b) => b.length - a.length)[0];
  return {
    normalized,
    ...(longest ? { term: new RegExp(longest.replace(/[$]/g, '\\$&'), 'i') } : {}),
  };
}

/** The places in one file that issue the statement. */
export function findStatementSites(query: StatementQuery, text: string, path: string): SqlSite[] {
  if (query.term && !query.term.test(text)) return [];
  return sqlSites(text, path).filter((site) => siteStatements(site).includes(query.normalized));
}

/** Line and character of offsets in one text (0-based, as VS Code's Position). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
}

/** What a quick pick shows of a site: its SQL on one line. */
export function siteSnippet(site: SqlSite, max = 80): string {
  return oneLine(site.sql, max);
}
