// Number formatting shared by the tables, the chart and the tooltips. Exports
// never use these: they write the raw numbers.

export function fixed(n: number | undefined, digits = 1): string {
  return n === undefined || !Number.isFinite(n) ? '' : n.toFixed(digits);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function bytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v.toFixed(0) : v.toFixed(1)} ${BYTE_UNITS[u]}`;
}

/** CPU time per second arrives in nanoseconds; people read milliseconds (or seconds past 1000 ms). */
export function cpuNanos(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const ms = n / 1e6;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function nodeList(ids: readonly number[]): string {
  return ids.map((n) => `n${n}`).join(', ');
}

/** Nanoseconds since the epoch (decimal string, exceeds 2^53) → ISO time, to the millisecond. */
export function nanosToIso(ns: string | undefined): string {
  if (!ns || !/^\d+$/.test(ns) || ns === '0') return '';
  const ms = Number(ns.length > 6 ? ns.slice(0, -6) : '0');
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
