// Hot ranges webview in headless Chromium: first render of 12,800 rows, re-sorts by five columns, changes
// of the filter text, a naive full-table render of the same rows in the same page, and the
// page's JS heap. The page (bench/webview/index.html) is served with the shipped bundle from a
// tiny local HTTP server, because Chromium will not load module scripts from file://.
import { benchPage, launchChromium, servePages } from './page.mjs';
import { median } from './stats.mjs';

const ROWS = 12_800;
/** Numeric columns clicked in turn (each click re-sorts all rows; none is the opening sort key, QPS). */
const RESORT_KEYS = ['writesPerSecond', 'cpuTimePerSecond', 'readsPerSecond', 'rangeId', 'writeBytesPerSecond'];
/** What a person takes to read the first rows before clicking a header; the panel's idle work runs meanwhile. */
const SETTLE_MS = 1000;
/**
 * Filter texts typed in turn, each from the one before (each changes the rows shown): a table
 * name and a longer one, back, cleared, a node, a zone, cleared.
 */
const FILTER_TEXTS = ['table_1', 'table_12', 'table_1', '', 'n42', 'zone=z3', ''];

export async function benchWebview({ runs = 3 } = {}) {
  const server = await servePages({ '/': benchPage('index.html') });
  const browser = await launchChromium();
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh page per run: first render means an empty panel, and the heap is the panel's own.
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      // Ready = the front end has started and asked for its data.
      await page
        .waitForFunction(() => globalThis.bench.ready(), null, { timeout: 15_000 })
        .catch((e) => {
          throw new Error(`the Hot ranges page never asked for data (${errors.join('; ') || e.message})`);
        });
      const first = await page.evaluate((n) => globalThis.bench.firstRender(n), ROWS);
      await page.waitForTimeout(SETTLE_MS);
      const resorts = [];
      for (const key of RESORT_KEYS) resorts.push(await page.evaluate((k) => globalThis.bench.resort(k), key));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const filters = [];
      for (const text of FILTER_TEXTS) filters.push(await page.evaluate((t) => globalThis.bench.filter(t), text));
      const naive = await page.evaluate((n) => globalThis.bench.naive(n), ROWS);
      if (errors.length) throw new Error(`the Hot ranges page failed: ${errors.join('; ')}`);
      results.push({ first, resorts, filters, naive, heapMb: usedSize / 2 ** 20 });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const firstMs = median(results.map((r) => r.first.ms));
  const naiveMs = median(results.map((r) => r.naive.ms));
  const resorts = results.flatMap((r) => r.resorts.map((s) => s.ms));
  const filters = results.flatMap((r) => r.filters.map((f) => f.ms));
  return {
    firstMs,
    naiveMs,
    ratio: median(results.map((r) => r.first.ms / r.naive.ms)),
    resortMs: median(resorts),
    resortMinMs: Math.min(...resorts),
    resortMaxMs: Math.max(...resorts),
    resortRuns: resorts.length,
    filterMs: median(filters),
    filterMinMs: Math.min(...filters),
    filterMaxMs: Math.max(...filters),
    filterRuns: filters.length,
    heapMb: median(results.map((r) => r.heapMb)),
    rowsDrawn: results[0].first.rowsDrawn,
    resortColumns: results[0].resorts.map((s) => s.column),
  };
}
