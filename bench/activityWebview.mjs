// SQL activity webview in headless Chromium: first render of 10,000 statement fingerprints
// against a naive full-table render of the same rows in the same page, re-sorts of the
// 10,000 rows by a numeric column, and changes of the search text. The page (bench/webview/sqlActivity.html) is served with
// the shipped bundle from a tiny local HTTP server, as bench/webview.mjs does for Hot ranges.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../e2e/vscode.mjs';
import { benchPage, launchChromium, servePages } from './page.mjs';
import { median } from './stats.mjs';

const ROWS = 10_000;
/** Numeric columns clicked in turn (each click re-sorts all rows; none is the opening sort key). */
const RESORT_KEYS = ['cpuNanos', 'executionCount', 'p99Latency', 'rowsRead', 'meanLatency'];
/** What a person takes to read the first rows before clicking a header; the panel's idle work runs meanwhile. */
const SETTLE_MS = 1000;
/**
 * Search texts typed in turn, each from the one before (each changes the rows shown): a table,
 * a predicate and a shorter one, cleared, an application, a column and keyword, cleared.
 */
const FILTER_TEXTS = ['rides', 'k12', 'k1', '', 'movr-api', 'c1 from', ''];

export async function benchActivityWebview({ runs = 3 } = {}) {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'webviews', 'sqlActivity.js')))
    throw new Error('dist/webviews/sqlActivity.js is missing: build first');
  const server = await servePages({ '/': benchPage('sqlActivity.html') });
  const browser = await launchChromium();
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh page per run: first render means an empty panel.
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page
        .waitForFunction(() => globalThis.bench.ready(), null, { timeout: 15_000 })
        .catch((e) => {
          throw new Error(`the SQL activity page never asked for data (${errors.join('; ') || e.message})`);
        });
      const first = await page.evaluate((n) => globalThis.bench.firstRender(n), ROWS);
      await page.waitForTimeout(SETTLE_MS);
      const resorts = [];
      for (const key of RESORT_KEYS) resorts.push(await page.evaluate((k) => globalThis.bench.resort(k), key));
      const filters = [];
      for (const text of FILTER_TEXTS) filters.push(await page.evaluate((t) => globalThis.bench.filter(t), text));
      const naive = await page.evaluate((n) => globalThis.bench.naive(n), ROWS);
      if (errors.length) throw new Error(`the SQL activity page failed: ${errors.join('; ')}`);
      results.push({ first, resorts, filters, naive });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const resorts = results.flatMap((r) => r.resorts.map((s) => s.ms));
  const filters = results.flatMap((r) => r.filters.map((f) => f.ms));
  return {
    firstMs: median(results.map((r) => r.first.ms)),
    naiveMs: median(results.map((r) => r.naive.ms)),
    ratio: median(results.map((r) => r.first.ms / r.naive.ms)),
    resortMs: median(resorts),
    resortMinMs: Math.min(...resorts),
    resortMaxMs: Math.max(...resorts),
    resortRuns: resorts.length,
    filterMs: median(filters),
    filterMinMs: Math.min(...filters),
    filterMaxMs: Math.max(...filters),
    filterRuns: filters.length,
    rowsDrawn: results[0].first.rowsDrawn,
    naiveRowsDrawn: results[0].naive.rowsDrawn,
  };
}
