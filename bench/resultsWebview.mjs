// SQL results webview in headless Chromium: first render of one statement's 10,000 rows ×
// 12 columns (INT8 beyond 2^53, DECIMAL, JSONB, arrays, NULLs), from the moment the
// `loadSqlResults` reply is posted until rows are on screen and painted, and re-sorts by a
// column (DECIMAL and INT8 ranked exactly). The page (bench/webview/sqlResults.html) is
// served with the shipped bundle from a tiny local HTTP server, as the other webview
// benchmarks do.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CHROMIUM, projectRoot } from '../e2e/vscode.mjs';
import { median } from './stats.mjs';

const ROWS = 10_000;
/** Headers clicked in turn (0-based column indexes): each click changes the first row. */
const RESORT_COLUMNS = [3, 1, 4, 11, 0];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };
// Same flags as e2e/vscode.mjs: no background networking in this closed network.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function serve() {
  const page = path.join(projectRoot, 'bench', 'webview', 'sqlResults.html');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x').pathname;
    const file =
      url === '/' ? page : url.startsWith('/dist/') ? path.join(projectRoot, path.normalize(url)) : undefined;
    if (!file || !file.startsWith(projectRoot) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function benchResultsWebview({ runs = 5 } = {}) {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'webviews', 'sqlResults.js')))
    throw new Error('dist/webviews/sqlResults.js is missing: build first');
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
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
