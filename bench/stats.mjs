// Small helpers shared by the benchmarks: medians, timing, the results table.
// A figure is a plain number, or the summary of its runs `{median, min, max, runs}`:
// the median is what a target is checked against, min and max show the spread.
import { performance } from 'node:perf_hooks';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `{median, min, max, runs}` of the samples. */
export function summarize(xs) {
  if (!xs.length) throw new Error('no samples to summarize');
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length };
}

/** Milliseconds taken by `fn` (awaited). */
export async function timeMs(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Runs each named function `runs` times after one warm-up, interleaved (a, b, a, b, …) so
 * all see the same machine noise, and returns every run's ms of each, in order.
 */
export async function sideBySideRuns(fns, runs) {
  const times = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const fn of Object.values(fns)) await fn();
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of Object.entries(fns)) times[k].push(await timeMs(fn));
  }
  return times;
}

/** sideBySideRuns, reduced to the median ms of each. */
export async function sideBySide(fns, runs) {
  const times = await sideBySideRuns(fns, runs);
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/** a / b run by run (the runs were interleaved, so each pair saw the same noise), summarized. */
export function pairedRatio(a, b) {
  if (a.length !== b.length) throw new Error(`unpaired runs: ${a.length} and ${b.length}`);
  return summarize(a.map((x, i) => x / b[i]));
}

/** A number, or each figure of a summary, to `digits` decimals (none stays none). */
export function round(v, digits = 2) {
  const r = (x) => Number(x.toFixed(digits));
  if (v === null || v === undefined) return v;
  if (typeof v === 'number') return r(v);
  return { median: r(v.median), min: r(v.min), max: r(v.max), runs: v.runs };
}

/** The slope of log(y) on log(x) by least squares: 1 is linear growth, 0 flat. */
export function logLogSlope(points) {
  const pts = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)]);
  if (pts.length < 2) return undefined;
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
  const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  const sxx = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  return sxx === 0 ? undefined : sxy / sxx;
}

/** A target is `{op: '<' | '<=', limit}`; undefined means "reported only". */
export function status(value, target) {
  if (!target || value === null || value === undefined) return '';
  const ok = target.op === '<' ? value < target.limit : value <= target.limit;
  return ok ? 'ok' : 'MISSED';
}

/** `median (min–max, n runs)` for a metric that has its runs, else the bare value. */
export function formatValue(m) {
  if (m.value === null || m.value === undefined) return 'n/a';
  if (m.min === undefined || m.max === undefined) return String(m.value);
  const runs = m.runs === undefined ? '' : `, ${m.runs} run${m.runs === 1 ? '' : 's'}`;
  return `${m.value} (${m.min}–${m.max}${runs})`;
}

/** Rows of strings as aligned columns, a rule under the first; the last column is not padded. */
export function printRows(rows) {
  const last = rows[0].length - 1;
  const widths = rows[0].map((_, i) => (i === last ? 0 : Math.max(...rows.map((r) => r[i].length))));
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((c, j) => (j === last ? c : c.padEnd(widths[j])))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(Math.max(w, 6))).join('  '));
  }
}

export function printTable(metrics) {
  const rows = [['metric', 'value', 'unit', 'target', 'status']];
  for (const m of metrics) {
    const target = m.target ? `${m.target.op} ${m.target.limit}` : '';
    rows.push([m.name, formatValue(m), m.unit, target, m.error ? `ERROR: ${m.error}` : status(m.value, m.target)]);
  }
  printRows(rows);
}
