// Number and text formatting shared by the tree, the webviews and the status bar.
// Display only: exports write the raw numbers. Empty string for a missing value,
// so a table cell stays blank instead of reading "NaN".

export function fixed(n: number | undefined, digits = 1): string {
  return n === undefined || !Number.isFinite(n) ? '' : n.toFixed(digits);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Binary units, three significant figures ("1.5 KiB", "512 MiB"); byte rates may be negative deltas. */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  let v = Math.abs(n);
  let u = 0;
  // 1023.6 KiB would print as "1024 KiB": move up once rounding would reach the next unit.
  while (v >= 1023.5 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const text = u === 0 || v >= 100 ? v.toFixed(0) : v.toFixed(1);
  return `${n < 0 && text !== '0' ? '-' : ''}${text} ${BYTE_UNITS[u]}`;
}

/** CPU time per second arrives in nanoseconds; people read milliseconds (or seconds past 1000 ms). */
export function cpuNanos(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const ms = n / 1e6;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** "n1, n3" */
export function nodeList(ids: readonly number[]): string {
  return ids.map((n) => `n${n}`).join(', ');
}

/** One line for a long SQL statement: whitespace collapsed, cut at `max` characters. */
export function oneLine(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
