// Small helpers shared by the benchmarks: medians, timing, the results table.
import { performance } from 'node:perf_hooks';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds taken by `fn` (awaited). */
export async function timeMs(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Runs each named function `runs` times after one warm-up, interleaved (a, b, a, b, …) so
 * both see the same machine noise, and returns the median ms of each.
 */
export async function sideBySide(fns, runs) {
  const times = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const fn of Object.values(fns)) await fn();
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of Object.entries(fns)) times[k].push(await timeMs(fn));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export const round = (v, digits = 2) => Number(v.toFixed(digits));

/** A target is `{op: '<' | '<=', limit}`; undefined means "reported only". */
export function status(value, target) {
  if (!target || value === null || value === undefined) return '';
  const ok = target.op === '<' ? value < target.limit : value <= target.limit;
  return ok ? 'ok' : 'MISSED';
}

export function printTable(metrics) {
  const rows = [['metric', 'value', 'unit', 'target', 'status']];
  for (const m of metrics) {
    const target = m.target ? `${m.target.op} ${m.target.limit}` : '';
    rows.push([
      m.name,
      m.value === null ? 'n/a' : String(m.value),
      m.unit,
      target,
      m.error ? `ERROR: ${m.error}` : status(m.value, m.target),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (i === 4 ? 0 : r[i].length))));
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((c, j) => (j === 4 ? c : c.padEnd(widths[j])))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(Math.max(w, 6))).join('  '));
  }
}
