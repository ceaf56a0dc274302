// Keeps secrets out of logs and error text. Values registered with `addSecret`
// (session tokens, passwords, API keys) are replaced wherever they occur, and
// common credential shapes are masked even when they were never registered.

const REDACTED = '«redacted»';
const known = new Set<string>();

/** Remembers a secret so that any later log line containing it is masked. */
export function addSecret(value: string | undefined): void {
  // Very short values would mask ordinary words; real tokens and keys are long.
  if (value && value.length >= 6) known.add(value);
}

export function forgetSecret(value: string | undefined): void {
  if (value) known.delete(value);
}

const PATTERNS: Array<[RegExp, string]> = [
  [/(X-Cockroach-API-Session\s*[:=]\s*)("?)[^\s",;]+/gi, `$1$2${REDACTED}`],
  [/(Authorization\s*[:=]\s*)("?)(Bearer|Basic)\s+[^\s",;]+/gi, `$1$2$3 ${REDACTED}`],
  [
    /("?(?:password|passwd|secret|token|session|api[_-]?key|apiKey|cloudApiKey)"?\s*[:=]\s*)("?)([^\s",;&}]+)/gi,
    `$1$2${REDACTED}`,
  ],
  [/([?&](?:password|token|session|key)=)[^&\s]+/gi, `$1${REDACTED}`],
  [/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/gi, `$1${REDACTED}@`],
  // CockroachDB Cloud service-account keys.
  [/CCDB1_[A-Za-z0-9_]+/g, REDACTED],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}
