// Durations and the server's nanosecond timestamps, which exceed 2^53: the tree
// keeps them as bigint, the webview payloads as decimal strings.

/** "3d 4h", "5h 2m", "42s" from a duration in milliseconds; "—" when there is none. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** Milliseconds since a nanosecond Unix timestamp, exact for values beyond 2^53; -1 when unset. */
export function ageFromNanos(nanos: bigint, now = Date.now()): number {
  if (nanos <= 0n) return -1;
  return now - Number(nanos / 1_000_000n);
}

/** Nanoseconds since the epoch as a decimal string → ISO time to the millisecond; '' when unset. */
export function nanosToIso(ns: string | undefined): string {
  if (!ns || !/^\d+$/.test(ns) || /^0+$/.test(ns)) return '';
  const ms = Number(ns.length > 6 ? ns.slice(0, -6) : '0');
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
