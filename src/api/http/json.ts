// Lossless JSON for Cluster API bodies. Node timestamps (`started_at`,
// `updated_at`) are Unix nanoseconds (~1.7e18) and uint64 ids can exceed 2^53,
// so integers that JSON.parse would round are kept exact as bigint. Everything
// else parses to plain numbers so normalisers stay simple.
import { parse } from 'lossless-json';

const INTEGER = /^-?\d+$/;

/** lossless-json number parser: unsafe integers → bigint, all else → number. */
export function parseNumberLossless(text: string): number | bigint {
  if (INTEGER.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  return Number(text);
}

/** Parses JSON text; throws SyntaxError on invalid JSON (callers map that to `malformed`). */
export function parseJson(text: string): unknown {
  return parse(text, null, parseNumberLossless);
}

/** Like parseJson but returns undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
