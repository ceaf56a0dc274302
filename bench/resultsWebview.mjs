// SQL results webview in headless Chromium: first render of one statement's 10,000 rows ×
// 12 columns (INT8 beyond 2^53, DECIMAL, JSONB, arrays, NULLs), from the moment the
// `loadSqlResults` reply is posted until rows are on screen and painted, and re-sorts by a
// column (DECIMAL and INT8 ranked exactly). The page (bench/webview/sqlResults.html) is
// served with the shipped bundle from a tiny local HTTP server, as the other webview
// benchmarks do.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../e2e/vscode.mjs';
import { benchPage, launchChromium, servePages } from './page.mjs';
import { median } from './stats.mjs';

const ROWS = 10_000;
/** Headers clicked in turn (0-based column indexes): each click changes the first row. */
const RESORT_COLUMNS = [3, 1, 4, 11, 0];

export async function benchResultsWebview({ runs = 5 } = {}) {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'webviews', 'sqlResults.js')))
    throw new Error('dist/webviews/sqlResults.js is missing: build first');
  const server = await servePages({ '/': benchPage('sqlResults.html') });
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
          throw new Error(`the SQL results page never asked for data (${errors.join('; ') || e.message})`);
        });
      const first = await page.evaluate((n) => globalThis.bench.firstRender(n), ROWS);
      if (first.rowCount !== ROWS) throw new Error(`the grid holds ${first.rowCount} rows, not ${ROWS}`);
      if (!first.nullCells) throw new Error('no NULL cell is marked on screen');
      const resorts = [];
      for (const c of RESORT_COLUMNS) resorts.push(await page.evaluate((k) => globalThis.bench.resort(k), c));
      if (errors.length) throw new Error(`the SQL results page failed: ${errors.join('; ')}`);
      results.push({ first, resorts });
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const firsts = results.map((r) => r.first.ms);
  return {
    firstMs: median(firsts),
    firstMinMs: Math.min(...firsts),
    firstMaxMs: Math.max(...firsts),
    runs: results.length,
    resortMs: median(results.flatMap((r) => r.resorts.map((s) => s.ms))),
    rowsDrawn: results[0].first.rowsDrawn,
  };
}
