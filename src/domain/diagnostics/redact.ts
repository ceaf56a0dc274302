// Redaction for the diagnostics snapshot, which people attach to tickets and
// chats. Every string that goes into the bundle passes through here:
//
// 1. the caller's secrets (session token, API keys) wherever they appear, also
//    URL- and JSON-escaped;
// 2. credential-looking fragments: `password=…`, `PASSWORD '…'`,
//    `postgresql://user:pass@`, `Authorization: Bearer …`, `session=…`,
//    `X-Cockroach-API-Session: …`, `AWS_SECRET_ACCESS_KEY=…`;
// 3. for SQL-ish text (statements, job descriptions, event info), unless the
//    user opted in, every literal: strings, numbers, dollar-quoted bodies and
//    comments become `_`, the placeholder CockroachDB's fingerprints use.
//
// Masking errs towards too much: a quote that does not close hides the rest of
// the text rather than leaking it.

export const REDACTED = '‹redacted›';

export interface RedactOptions {
  includeSqlLiterals: boolean;
  secrets: readonly string[];
}

export interface Redactor {
  /** Secrets and credentials masked. */
  text(s: string): string;
  /** Also literals masked, unless includeSqlLiterals. */
  sql(s: string): string;
  /** Event info: JSON is walked (values as SQL, credential keys masked); other text as SQL. */
  info(s: string): string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pass over `s` replacing every secret; the marker itself is matched too, so a second pass changes nothing. */
export function secretMasker(secrets: readonly string[]): (s: string) => string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(JSON.stringify(secret).slice(1, -1));
  }
  if (variants.size === 0) return (s) => s;
  const alternatives = [REDACTED, ...[...variants].sort((a, b) => b.length - a.length)].map(escapeRegExp);
  const re = new RegExp(alternatives.join('|'), 'g');
  return (s) => s.replace(re, REDACTED);
}

/** Keys whose value is a credential, in `key=value`, `key: value` and JSON. */
const SENSITIVE_KEY =
  /^(?:[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)[\w.-]*|session|sessionid|x-cockroach-api-session|cookie|set-cookie|authorization)$/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

const KEY_VALUE = new RegExp(
  String.raw`(["']?)\b([\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)[\w.-]*|sessionid|session|x-cockroach-api-session)\1(\s*[=:]\s*)` +
    String.raw`("(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|[^\s&;,'"]+)`,
  'gi',
);
/** A cookie header: every cookie in it may be a session, so the whole value goes. */
const COOKIE_HEADER = /\b((?:set-)?cookie\s*:\s*)[^\r\n]*/gi;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/@:]*):([^\s/@]*)@/gi;
const AUTH_HEADER = /\b(authorization\s*[:=]\s*)(?:(bearer|basic|token|negotiate|digest)\s+)?[^\s,;"']+/gi;
const BEARER = /\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const SQL_PASSWORD = /\b(password\s+)(?:[eE]?'(?:[^'\\]|''|\\.)*'?)/gi;

function quoted(value: string): string {
  const q = value[0];
  return q === '"' || q === "'" ? `${q}${REDACTED}${q}` : REDACTED;
}

/** Credential-looking fragments masked; the key or scheme is kept so the reader sees what was there. */
export function maskCredentials(s: string): string {
  return s
    .replace(COOKIE_HEADER, (_m, head: string) => `${head}${REDACTED}`)
    .replace(URL_PASSWORD, (_m, head: string) => `${head}:${REDACTED}@`)
    .replace(AUTH_HEADER, (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${REDACTED}`)
    .replace(BEARER, (_m, word: string) => `${word} ${REDACTED}`)
    .replace(SQL_PASSWORD, (_m, head: string) => `${head}'${REDACTED}'`)
    .replace(KEY_VALUE, (_m, q: string, key: string, sep: string, value: string) =>
      value === REDACTED || value.includes(REDACTED)
        ? `${q}${key}${q}${sep}${value}`
        : `${q}${key}${q}${sep}${quoted(value)}`,
    );
}

const IDENT_CHAR = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

/** The end (exclusive) of a '…' string whose quote is at `i`; `''` is a quote inside, `\'` too in e'…'. */
function endOfString(s: string, i: number, backslash: boolean): number {
  for (let j = i + 1; j < s.length; j++) {
    if (backslash && s[j] === '\\') j++;
    else if (s[j] === "'") {
      if (s[j + 1] !== "'") return j + 1;
      j++;
    }
  }
  return s.length;
}

/**
 * Every literal of a SQL-ish text as `_`, the rest kept as written (case, spacing),
 * so a job description still reads as its statement. Placeholders ($1) are not
 * data and stay; identifiers with digits (t1) stay; a token starting with a digit
 * (42, 1.5e3, 0x1F, 3f2a…) goes whole.
 */
export function maskSqlLiterals(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const prev = i > 0 ? s[i - 1]! : '';
    if (c === '-' && s[i + 1] === '-') {
      const nl = s.indexOf('\n', i);
      out += '--_';
      i = nl < 0 ? s.length : nl;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      out += '/*_*/';
      i = end < 0 ? s.length : end + 2;
      continue;
    }
    if (c === "'") {
      const prefixed = /[eEbBxXnN]/.test(prev) && !IDENT_CHAR.test(s[i - 2] ?? '');
      if (prefixed) out = out.slice(0, -1);
      out += '_';
      i = endOfString(s, i, prefixed && (prev === 'e' || prev === 'E'));
      continue;
    }
    if (c === '$' && !IDENT_CHAR.test(prev)) {
      const tag = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u.exec(s.slice(i))?.[0];
      if (tag) {
        const end = s.indexOf(tag, i + tag.length);
        out += '_';
        i = end < 0 ? s.length : end + tag.length;
        continue;
      }
      const placeholder = /^\$\d+/.exec(s.slice(i))?.[0];
      if (placeholder) {
        out += placeholder;
        i += placeholder.length;
        continue;
      }
    }
    const startsNumber = DIGIT.test(c) || (c === '.' && DIGIT.test(s[i + 1] ?? ''));
    if (startsNumber && !IDENT_CHAR.test(prev) && prev !== '.') {
      let j = i + 1;
      // Digits, a fraction, an exponent with its sign, and any letters stuck to them.
      while (j < s.length && (/[\p{L}\p{N}_$.]/u.test(s[j]!) || (/[+-]/.test(s[j]!) && /[eE]/.test(s[j - 1]!)))) j++;
      out += '_';
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Strings of a parsed JSON value through `str`; values under credential keys masked whole. */
function walkJson(v: unknown, str: (s: string) => string, key: (s: string) => string): unknown {
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) return v.map((x) => walkJson(x, str, key));
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [key(k), isSensitiveKey(k) ? REDACTED : walkJson(x, str, key)]),
    );
  return v;
}

export function redactor(opts: RedactOptions): Redactor {
  const secrets = secretMasker(Array.isArray(opts.secrets) ? opts.secrets : []);
  const text = (s: string) => maskCredentials(secrets(String(s)));
  const sql = (s: string) => (opts.includeSqlLiterals ? text(s) : maskSqlLiterals(text(s)));
  const info = (s: string) => {
    const raw = String(s);
    if (/^\s*[{[]/.test(raw)) {
      try {
        return JSON.stringify(walkJson(JSON.parse(raw), sql, text));
      } catch {
        // Not JSON after all: read it as text below.
      }
    }
    return sql(raw);
  };
  return { text, sql, info };
}
