// Growth curves of the client-side data work: for each kind of data (hot ranges, nodes,
// sessions, SQL activity, SQL results) and each size, a simulator of that size in its own
// process (bench/growthSim.ts) and the extension's fetch + model of it in this one
// (bench/growthClients.mjs), with this process's peak heap while it ran. The exponent of
// each curve is the least-squares slope of log(time) on log(n): 1 is linear.
// Rendering of the same sizes is bench/growthRender.mjs; the chart bench/growthChart.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadBenchModule } from './build.mjs';
import { logLogSlope, printRows, round, summarize } from './stats.mjs';

/**
 * Sizes per series. Nodes go to 1,000 (growthSim.ts composes the cluster without the CLI's
 * cap of 500). SQL activity stops at 10,000 fingerprints: the panel asks for at most
 * ACTIVITY_LIMIT (10,000) rows, and the simulator's SQL engine (PGlite) runs out of memory
 * loading 50,000 (its own cap is MAX_FINGERPRINTS = 50,000).
 */
export const GROWTH_SIZES = {
  hot_ranges: [1_000, 10_000, 100_000],
  nodes: [10, 100, 1_000],
  sessions: [1_000, 10_000, 100_000],
  sql_activity: [1_000, 3_000, 10_000],
  sql_results: [1_000, 10_000, 100_000],
};
/** Fewer runs for the big points, which take seconds each. */
export const runsFor = (n) => (n >= 100_000 ? 2 : n >= 10_000 ? 3 : 5);
const START_TIMEOUT_MS = 60_000;

/** bench/growthSim.ts sized by `size`, in a child process; resolves once it listens. */
async function startGrowthSim(root, size) {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const proc = spawn(tsx, [path.join(root, 'bench', 'growthSim.ts'), JSON.stringify(size)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (b) => (stderr += b.toString()));
  const close = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
    });
  try {
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the simulator did not start within 60 s')), START_TIMEOUT_MS);
      readline.createInterface({ input: proc.stdout }).once('line', (line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      });
      proc.once('exit', (c) => {
        clearTimeout(timer);
        reject(new Error(`the simulator exited with ${c}: ${stderr}`));
      });
    });
    return { url: ready.clusterUrl, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** gc() for this process (started without --expose-gc), so that each point's heap starts from what is live. */
function collector() {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

/** The highest heapUsed seen from now until stop(), sampled every few ms (and at the end). */
function heapSampler() {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 5);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** One point: a fresh simulator of size n, set-up, a warm-up run (but at 100,000: seconds each), then the timed runs. */
async function point(root, series, n, gc) {
  const sim = await startGrowthSim(root, series.sim(n));
  try {
    const { work } = await series.prepare(sim.url, n);
    // The series' smaller points have warmed this process's code by now.
    if (n < 100_000) await work();
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const sampler = heapSampler();
    const times = [];
    let rows = 0;
    let peak;
    try {
      for (let i = 0; i < runsFor(n); i++) {
        const t = performance.now();
        rows = await work();
        times.push(performance.now() - t);
      }
    } finally {
      peak = sampler.stop();
    }
    return { n, rows, ms: summarize(times), heapPeakMb: peak / 2 ** 20, heapBaselineMb: baseline / 2 ** 20 };
  } finally {
    await sim.close();
  }
}

export async function benchGrowthData({ root, sizes = GROWTH_SIZES } = {}) {
  const { SERIES } = await loadBenchModule('growthClients');
  const gc = collector();
  const out = [];
  for (const series of SERIES) {
    const points = [];
    for (const n of sizes[series.id] ?? []) points.push(await point(root, series, n, gc));
    out.push({
      id: series.id,
      label: series.label,
      points,
      exponent: logLogSlope(points.map((p) => [p.n, p.ms.median])),
    });
  }
  return out;
}

const fmt = (s) => {
  const r = round(s, s.median < 10 ? 2 : 1);
  return `${r.median} (${r.min}–${r.max}, ${r.runs})`;
};

/**
 * The growth table: one row per series and size, the curve's exponent on its first row.
 * `rows` is what the client made (data) or what the page drew (render: virtualised);
 * `heap MB` is this process's peak heapUsed during the runs and, in brackets, how far that
 * is above what was live before them (data); or the page's JS heap after the first render
 * and a GC (render).
 */
export function printGrowthTable({ data = [], render = [] }) {
  const rows = [['series', 'n', 'rows', 'ms: median (min–max, runs)', 'heap MB', 'exponent']];
  for (const s of data) {
    for (const [i, p] of s.points.entries()) {
      rows.push([
        i ? '' : s.id,
        String(p.n),
        String(p.rows),
        fmt(p.ms),
        `${round(p.heapPeakMb, 1)} (+${round(p.heapPeakMb - p.heapBaselineMb, 1)})`,
        i ? '' : s.exponent === undefined ? 'n/a' : String(round(s.exponent)),
      ]);
    }
  }
  for (const s of render) {
    for (const [kind, key] of [
      ['first render', 'first'],
      ['re-sort', 'resort'],
      ['payload clone', 'clone'],
    ]) {
      for (const [i, p] of s.points.entries()) {
        rows.push([
          i ? '' : `${s.id} ${kind}`,
          String(p.n),
          key === 'clone' ? '' : String(p.rowsDrawn),
          fmt(p[key]),
          key === 'first' ? String(round(p.heapMb, 1)) : '',
          i ? '' : s.exponents[key] === undefined ? 'n/a' : String(round(s.exponents[key])),
        ]);
      }
    }
  }
  printRows(rows);
}
