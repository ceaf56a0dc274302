// Readers for sql/ row values. The lossless JSON reader hands INT8 over as a
// number when it is safe and as a bigint when it is not; ids are returned as
// decimal or hex text so that nothing downstream rounds them.
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return '';
}

/** An id as exact text. A number that is not a safe integer was already rounded on the way: refuse it. */
export function exactId(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return '';
}

/** Fingerprint ids: BYTES as `\x…`, hex text, or INT8 → 16 lowercase hex digits. */
export function fingerprintHex(v: unknown): string {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v).toString(16).padStart(16, '0');
  if (typeof v === 'number' && Number.isSafeInteger(v))
    return BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0');
  const s = text(v).trim().toLowerCase();
  const hex = s.startsWith('\\x') ? s.slice(2) : s;
  return /^[0-9a-f]+$/.test(hex) ? hex.padStart(16, '0') : s;
}

export function number(v: unknown, fallback = 0): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : fallback;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

export function optNumber(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = number(v, NaN);
  return Number.isNaN(n) ? undefined : n;
}

export function bool(v: unknown): boolean {
  return v === true || v === 't' || v === 'true';
}

/** CockroachDB prints TIMESTAMP(TZ)::STRING as `2026-01-02 03:04:05.123456+00`; JSON rows carry RFC 3339. */
export function timestamp(v: unknown): Date | undefined {
  const s = text(v).trim();
  if (!s) return undefined;
  let iso = s.replace(' ', 'T');
  if (/[+-]\d\d$/.test(iso)) iso += ':00';
  else if (!/([zZ]|[+-]\d\d:?\d\d)$/.test(iso)) iso += 'Z';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** INTERVAL text (`00:00:01.5`, `1 day 02:00:00`) or seconds → seconds. */
export function intervalSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const s = text(v).trim();
  if (!s) return undefined;
  const m = /^(?:(-?\d+) days? ?)?(-)?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(s);
  if (!m) return Number.isFinite(Number(s)) ? Number(s) : undefined;
  const days = Number(m[1] ?? 0);
  const secs = Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]);
  return days * 86400 + (m[2] ? -secs : secs);
}

/** STRING[] arrives as a JSON array; some versions print `{a,b}`. */
export function stringList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter((s) => s !== '');
  const s = text(v).trim();
  if (s.startsWith('{') && s.endsWith('}')) {
    const inner = s.slice(1, -1);
    return inner === '' ? [] : inner.split(',').map((x) => x.replace(/^"|"$/g, ''));
  }
  return s ? [s] : [];
}

/** JSONB columns arrive as objects; older paths as JSON text. */
export function json(v: unknown): Record<string, unknown> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return {};
}
