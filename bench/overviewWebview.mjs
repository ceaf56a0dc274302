// Cluster overview webview in headless Chromium: first render of the charts — 8 charts ×
// 360 points × 9 nodes (per-node series, so 9 series per chart) — from the moment the
// `loadOverviewCharts` reply is posted until every chart has drawn (uPlot's draw hook marks
// it) and the frame is painted. The page (bench/webview/overview.html) is served with the
// shipped bundle from a tiny local HTTP server, as the other webview benchmarks do; its saved
// state has "Per node" on, so the panel asks for per-node series as a restored panel would.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../e2e/vscode.mjs';
import { benchPage, launchChromium, servePages } from './page.mjs';
import { median } from './stats.mjs';

const CHARTS = 8;
const NODES = 9;

/** Opens the bench page in `browser` and waits until the figures are shown and the charts asked for. */
export async function openOverviewPage(browser, server, viewport = { width: 1440, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page
    .waitForFunction(() => globalThis.bench.ready(), null, { timeout: 15_000 })
    .catch((e) => {
      throw new Error(`the overview page never asked for its charts (${errors.join('; ') || e.message})`);
    });
  return { page, errors };
}

export async function benchOverviewWebview({ runs = 5 } = {}) {
  if (!fs.existsSync(path.join(projectRoot, 'dist', 'webviews', 'overview.js')))
    throw new Error('dist/webviews/overview.js is missing: build first');
  const server = await servePages({ '/': benchPage('overview.html') });
  const browser = await launchChromium();
  const results = [];
  try {
    for (let i = 0; i < Math.max(5, runs); i++) {
      // A fresh page per run: first render means no chart built yet.
      const { page, errors } = await openOverviewPage(browser, server);
      const query = await page.evaluate(() => globalThis.bench.chartsQuery());
      if (query?.perNode !== true) throw new Error('the restored panel did not ask for per-node series');
      const first = await page.evaluate(() => globalThis.bench.firstRender());
      if (first.chartsDrawn !== CHARTS) throw new Error(`${first.chartsDrawn} of ${CHARTS} charts drew`);
      if (first.seriesPerChart.some((n) => n !== NODES))
        throw new Error(`series per chart: ${first.seriesPerChart.join(', ')}, not ${NODES} each`);
      if (errors.length) throw new Error(`the overview page failed: ${errors.join('; ')}`);
      results.push(first);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const firsts = results.map((r) => r.ms);
  return {
    firstMs: median(firsts),
    firstMinMs: Math.min(...firsts),
    firstMaxMs: Math.max(...firsts),
    runs: results.length,
    charts: CHARTS,
    seriesPerChart: NODES,
    points: 360,
  };
}
