// First render and re-sort at each growth size, in headless Chromium: the webview bench
// pages (bench/webview/index.html for Hot ranges, sqlActivity.html, sqlResults.html) with
// the shipped bundles, answered with n rows through their own window.bench.firstRender(n)
// (each page makes its deterministic rows before the clock starts). With virtualised
// tables the DOM work does not grow with n (the same ~30 rows are drawn); beside them, the
// cost of one structured clone of the payload, which postMessage pays whatever the page does.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../e2e/vscode.mjs';
import { benchPage, launchChromium, servePages } from './page.mjs';
import { logLogSlope, summarize } from './stats.mjs';

export const RENDER_SIZES = [1_000, 10_000, 100_000];
const runsFor = (n) => (n >= 100_000 ? 2 : 3);

/** Each page, its bundle, and the arguments of its two re-sorts (each changes the first row). */
const PAGES = [
  { id: 'hot_ranges', page: 'index.html', bundle: 'hotRanges.js', resorts: ['writesPerSecond', 'cpuTimePerSecond'] },
  { id: 'sql_activity', page: 'sqlActivity.html', bundle: 'sqlActivity.js', resorts: ['cpuNanos', 'executionCount'] },
  { id: 'sql_results', page: 'sqlResults.html', bundle: 'sqlResults.js', resorts: [3, 1] },
];

/** One run on a fresh page (first render means an empty panel): first render, the re-sorts, the page's heap. */
async function run(browser, base, p, n) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/${p.page}`);
    await page
      .waitForFunction(() => globalThis.bench.ready(), null, { timeout: 15_000 })
      .catch((e) => {
        throw new Error(`${p.page} never asked for data (${errors.join('; ') || e.message})`);
      });
    const first = await page.evaluate((count) => globalThis.bench.firstRender(count), n);
    if (!first.rowsDrawn) throw new Error(`${p.page} drew no rows for ${n}`);
    if (first.rowCount !== undefined && first.rowCount !== n)
      throw new Error(`${p.page} holds ${first.rowCount} rows, not ${n}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const resorts = [];
    for (const arg of p.resorts) resorts.push((await page.evaluate((a) => globalThis.bench.resort(a), arg)).ms);
    // The floor under a first render that no virtualisation removes: one structured clone of
    // the payload (what postMessage costs), made by the page's own makePayload(n).
    const cloneMs = await page.evaluate((count) => {
      const payload = globalThis.makePayload(count);
      const t = performance.now();
      structuredClone(payload);
      return performance.now() - t;
    }, n);
    if (errors.length) throw new Error(`${p.page} failed: ${errors.join('; ')}`);
    return { firstMs: first.ms, rowsDrawn: first.rowsDrawn, resorts, cloneMs, heapMb: usedSize / 2 ** 20 };
  } finally {
    await page.close();
  }
}

export async function benchGrowthRender({ sizes = RENDER_SIZES } = {}) {
  for (const p of PAGES) {
    if (!fs.existsSync(path.join(projectRoot, 'dist', 'webviews', p.bundle)))
      throw new Error(`dist/webviews/${p.bundle} is missing: build first`);
  }
  const server = await servePages(Object.fromEntries(PAGES.map((p) => [`/${p.page}`, benchPage(p.page)])));
  const browser = await launchChromium();
  const base = `http://127.0.0.1:${server.address().port}`;
  const out = [];
  try {
    for (const p of PAGES) {
      const points = [];
      for (const n of sizes) {
        const runs = [];
        for (let i = 0; i < runsFor(n); i++) runs.push(await run(browser, base, p, n));
        points.push({
          n,
          rowsDrawn: runs[0].rowsDrawn,
          first: summarize(runs.map((r) => r.firstMs)),
          resort: summarize(runs.flatMap((r) => r.resorts)),
          clone: summarize(runs.map((r) => r.cloneMs)),
          heapMb: Math.max(...runs.map((r) => r.heapMb)),
        });
      }
      out.push({
        id: p.id,
        points,
        exponents: {
          first: logLogSlope(points.map((x) => [x.n, x.first.median])),
          resort: logLogSlope(points.map((x) => [x.n, x.resort.median])),
          clone: logLogSlope(points.map((x) => [x.n, x.clone.median])),
        },
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
