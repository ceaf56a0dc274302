// Lossless JSON for Cluster API bodies. Node timestamps (`started_at`,
// `updated_at`) are Unix nanoseconds (~1.7e18) and uint64 ids can exceed 2^53,
// so integers that JSON.parse would round are kept exact as bigint. Everything
// else parses to plain numbers so normalisers stay simple.
//
// Speed matters (a 1,000-node list is about 1 MB): the text is scanned once for
// integers too long to be safe, outside strings; those are turned into tagged
// strings and revived as bigint, and the native JSON.parse does the rest. Bodies
// without such integers are not walked at all.

const INTEGER = /^-?\d+$/;
const TAG = '\u0000int:';

/** Unsafe integers → bigint, all else → number. */
export function parseNumberLossless(text: string): number | bigint {
  if (INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  return Number(text);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Wraps integer literals of 16 or more digits (outside strings) in tagged strings.
 * Returns undefined when there are none, so the caller can use a plain JSON.parse.
 */
function tagLongIntegers(text: string): string | undefined {
  let out: string[] | undefined;
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string with native indexOf; a quote preceded by an odd number of backslashes is escaped.
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        // An unterminated string: leave the text as it is and let JSON.parse report it.
        if (j < 0) return undefined;
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - k) % 2 === 1) break;
      }
      i = j;
    } else if (isDigit(c) || c === 45) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const next = text.charCodeAt(j);
      const prev = text.charCodeAt(i - 1);
      const digits = j - i - (c === 45 ? 1 : 0);
      // Only whole integers: not the fraction or exponent of another number.
      const partOfNumber =
        prev === 46 ||
        prev === 101 ||
        prev === 69 ||
        prev === 43 ||
        prev === 45 ||
        next === 46 ||
        next === 101 ||
        next === 69;
      if (digits >= 16 && !partOfNumber) {
        out ??= [];
        // Written escaped: a raw control character is not allowed inside a JSON string.
        out.push(text.slice(last, i), `"\\u0000int:${text.slice(i, j)}"`);
        last = j;
      }
      i = j - 1;
    }
  }
  if (!out) return undefined;
  out.push(text.slice(last));
  return out.join('');
}

/** Turns tagged strings back into numbers in place (faster than a JSON.parse reviver). */
function revive(value: unknown): unknown {
  if (typeof value === 'string')
    return value.charCodeAt(0) === 0 && value.startsWith(TAG) ? parseNumberLossless(value.slice(TAG.length)) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k in o) o[k] = revive(o[k]);
  }
  return value;
}

/** Parses JSON text; throws SyntaxError on invalid JSON (callers map that to `malformed`). */
export function parseJson(text: string): unknown {
  const tagged = tagLongIntegers(text);
  return tagged === undefined ? JSON.parse(text) : revive(JSON.parse(tagged));
}

/** Like parseJson but returns undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
