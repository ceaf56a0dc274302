// Defensive readers for wire values. Cluster API payloads omit zero fields
// (gogoproto), send `null` for empty lists, and big integers arrive as bigint
// from the lossless parser; these helpers turn all of that into plain defaults.
import type { Nanos } from '../models';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown, fallback = ''): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return fallback;
}

export function optStr(v: unknown): string | undefined {
  const s = str(v);
  return s === '' ? undefined : s;
}

/** Numbers, bigints and numeric strings (int64 as JSON string) → number; else the fallback. */
export function num(v: unknown, fallback = 0): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : fallback;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

export function optNum(v: unknown): number | undefined {
  return v === undefined || v === null ? undefined : num(v);
}

export function bool(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Exact nanoseconds: bigint as is, safe numbers and digit strings converted; else 0n. */
export function nanos(v: unknown): Nanos {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  return 0n;
}

/** HLC timestamp `{wall_time, logical}` or a bare number → wall-time nanoseconds. */
export function hlcNanos(v: unknown): Nanos {
  return isObj(v) ? nanos(v.wall_time) : nanos(v);
}

/** RFC 3339 → Date; the protobuf zero time (year 1) and garbage → undefined. */
export function date(v: unknown): Date | undefined {
  if (typeof v !== 'string' || v === '' || v.startsWith('0001-01-01')) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** `map metric → float` with non-numbers dropped. */
export function numberMap(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, val] of Object.entries(obj(v))) {
    if (typeof val === 'number' || typeof val === 'bigint') out[k] = Number(val);
  }
  return out;
}

/** base64 (std or URL-safe) bytes → lower-case hex; an id already in hex is returned as is. */
export function base64ToHex(v: unknown): string {
  const s = str(v);
  if (s === '') return '';
  if (/^[0-9a-f]{32}$/i.test(s)) return s.toLowerCase();
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex');
}
