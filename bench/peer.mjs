// The peer, side by side: DB Console's own table components (@cockroachlabs/cluster-ui, the
// package DB Console is built from) rendering the same rows as the explorer's SQL activity
// (10,000 statement fingerprints) and Hot ranges (12,800 ranges) panels, in headless Chromium,
// in this one run, interleaved run by run with bench/activityWebview.mjs and bench/webview.mjs
// (called as they are), so each ratio (explorer ÷ peer) pairs figures taken moments apart.
//
// The peer's packages (about 80 MB, most of it cluster-ui's 40 MB bundle and source map) are
// not the project's devDependencies: they live in bench/peer/package.json, pinned by
// bench/peer/package-lock.json, and are installed here on first use with `npm ci`. The entry
// (bench/peer/entry.mjs) is bundled for production with the project's esbuild into
// out/bench/peer/peer.js and loaded by bench/webview/peer.html.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../e2e/vscode.mjs';
import { benchPage, launchChromium, servePages } from './page.mjs';
import { benchActivityWebview } from './activityWebview.mjs';
import { median } from './stats.mjs';
import { benchWebview } from './webview.mjs';

const PEER_DIR = path.join(projectRoot, 'bench', 'peer');
const BUNDLE = path.join(projectRoot, 'out', 'bench', 'peer', 'peer.js');
const STATEMENTS = 10_000;
const HOT_RANGES = 12_800;
/** The peer's columns for the explorer's re-sort keys (cpuNanos, executionCount, p99Latency, rowsRead, meanLatency). */
const STATEMENT_RESORTS = ['cpu', 'executionCount', 'latencyP99', 'rowsProcessed', 'time'];
/** Numeric hot-range columns, none the opening sort key (QPS); the explorer's bench clicks Writes. */
const HOT_RANGE_RESORTS = [
  'writesPerSecond',
  'cpuPerSecond',
  'readsPerSecond',
  'writeBytesPerSecond',
  'readsBytesPerSecond',
];

/** `npm ci` into bench/peer/node_modules when it is missing or older than the lockfile. */
function installPeer() {
  const lock = fs.readFileSync(path.join(PEER_DIR, 'package-lock.json'));
  const hash = crypto.createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(PEER_DIR, 'node_modules', '.bench-peer-installed');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return false;
  // No install scripts: nothing here is run by Node, only bundled (protobufjs's postinstall
  // sets up its CLI, core-js's prints a banner). cluster-ui lists css-loader, whose webpack
  // peer (20 MB) it never needs at run time: .npmrc and the flag keep npm from adding it.
  const args = ['ci', '--prefix', PEER_DIR, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund'];
  try {
    execFileSync('npm', [...args, '--loglevel=error'], { cwd: PEER_DIR, stdio: 'pipe' });
  } catch (e) {
    throw new Error(`npm ${args.join(' ')} failed:\n${e.stdout}${e.stderr}`);
  }
  fs.writeFileSync(stamp, hash);
  return true;
}

async function bundlePeer() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(PEER_DIR, 'entry.mjs')],
    outfile: BUNDLE,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    // React's production build, as DB Console ships it.
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    logLevel: 'error',
  });
}

/** One fresh page: first render of `n` rows of `kind`, then a click on each of `resorts`. */
async function peerRun(browser, url, kind, n, resorts, screenshot) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page
      .waitForFunction(() => globalThis.bench.ready(), null, { timeout: 30_000 })
      .catch((e) => {
        throw new Error(`the peer page never loaded cluster-ui (${errors.join('; ') || e.message})`);
      });
    const first = await page.evaluate(([k, rows]) => globalThis.bench.firstRender(k, rows), [kind, n]);
    if (first.rows !== n) throw new Error(`the peer was handed ${first.rows} ${kind}, not ${n}`);
    if (!first.rowsDrawn) throw new Error(`the peer drew no ${kind} rows`);
    const sorts = [];
    for (const name of resorts) sorts.push(await page.evaluate((c) => globalThis.bench.resort(c), name));
    if (screenshot) await page.screenshot({ path: screenshot });
    if (errors.length) throw new Error(`the peer page failed: ${errors.join('; ')}`);
    return { first, sorts };
  } finally {
    await page.close();
  }
}

const spread = (xs) =>
  xs.some((x) => x === undefined || Number.isNaN(x))
    ? { median: null, min: null, max: null }
    : { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };

function summarize(pairs, rows) {
  const e = (k) => pairs.map((p) => p.explorer?.[k]);
  const render = spread(pairs.map((p) => p.explorer?.firstMs / p.peer.firstMs));
  const resort = spread(pairs.map((p) => p.explorer?.resortMs / p.peer.resortMs));
  const explorerFirst = spread(e('firstMs'));
  const peerFirst = spread(pairs.map((p) => p.peer.firstMs));
  const peerResort = spread(pairs.flatMap((p) => p.peer.resorts));
  return {
    explorerFirstMs: explorerFirst.median,
    explorerFirstMinMs: explorerFirst.min,
    explorerFirstMaxMs: explorerFirst.max,
    peerFirstMs: peerFirst.median,
    peerFirstMinMs: peerFirst.min,
    peerFirstMaxMs: peerFirst.max,
    renderRatio: render.median,
    renderRatioMin: render.min,
    renderRatioMax: render.max,
    explorerResortMs: spread(e('resortMs')).median,
    peerResortMs: peerResort.median,
    peerResortMinMs: peerResort.min,
    peerResortMaxMs: peerResort.max,
    resortRatio: resort.median,
    resortRatioMin: resort.min,
    resortRatioMax: resort.max,
    rows,
    explorerRowsDrawn: pairs[0].explorer?.rowsDrawn ?? null,
    peerRowsDrawn: pairs[0].peer.rowsDrawn,
    peerColumns: pairs[0].peer.columns,
    peerResortColumns: pairs[0].peer.resortColumns,
    runs: pairs.length,
  };
}

/**
 * Runs the explorer's SQL activity and Hot ranges benchmarks and the peer's, one run each in
 * turn, `runs` times. `screenshots`: a folder for a PNG of each peer table (for checking by eye);
 * `explorer: false` times the peer alone (its ratios are then null).
 */
export async function benchPeer({ runs = 3, screenshots, explorer = true } = {}) {
  for (const f of ['sqlActivity.js', 'hotRanges.js'])
    if (!fs.existsSync(path.join(projectRoot, 'dist', 'webviews', f)))
      throw new Error(`dist/webviews/${f} is missing: build first`);
  const notes = [];
  const t0 = Date.now();
  if (installPeer()) notes.push(`installed bench/peer (npm ci) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await bundlePeer();
  const pkg = (name) => JSON.parse(fs.readFileSync(path.join(PEER_DIR, 'node_modules', name, 'package.json'), 'utf8'));
  const peer = { package: '@cockroachlabs/cluster-ui', version: pkg('@cockroachlabs/cluster-ui').version };
  peer.react = pkg('react').version;
  if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
  const server = await servePages({ '/': benchPage('peer.html'), '/peer.js': BUNDLE });
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  const sql = [];
  const hot = [];
  try {
    for (let i = 0; i < runs; i++) {
      const shot = (name) => (screenshots && i === 0 ? path.join(screenshots, `peer-${name}.png`) : undefined);
      const a = explorer ? await benchActivityWebview({ runs: 1 }) : undefined;
      const s = await peerRun(browser, url, 'statements', STATEMENTS, STATEMENT_RESORTS, shot('statements'));
      sql.push({ explorer: a, peer: peerFigures(s) });
      const w = explorer ? await benchWebview({ runs: 1 }) : undefined;
      const r = await peerRun(browser, url, 'hotRanges', HOT_RANGES, HOT_RANGE_RESORTS, shot('hot-ranges'));
      hot.push({ explorer: w, peer: peerFigures(r) });
    }
  } finally {
    await browser.close();
    server.close();
  }
  notes.push(
    `peer: ${peer.package} ${peer.version} with React ${peer.react} (production builds), bundled with esbuild; ` +
      'each run a fresh page for each side, interleaved explorer / peer',
    'peer SQL activity: cluster-ui StatementsSortedTable with makeStatementsColumns (default visible columns, ' +
      'bar charts, diagnostics column), 50 rows a page and Pagination, as DB Console StatementsPage renders it; ' +
      'its props (AggregateStatistics with protobuf Longs) are built before the clock starts, the explorer ' +
      'times from the posted reply',
    'peer Hot ranges: DB Console HotRangesTable is in db-console, which is not published on npm (cluster-ui has ' +
      'no hot ranges module); compared instead with the component it renders, cluster-ui SortedTable, with the ' +
      'same 14 columns, 50 rows a page and Pagination',
    'both peers sort every row on each render (lodash orderBy) and draw one page of 50 rows (about 12 on ' +
      'screen at 1440×900); the explorer draws the rows on screen of all it holds. First render = render ' +
      'call → first rows visible + one painted frame; re-sort = header click → first row changed + one painted ' +
      'frame (the peer: 5 numeric columns a run, median)',
    `side by side in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return { sqlActivity: summarize(sql, STATEMENTS), hotRanges: summarize(hot, HOT_RANGES), peer, notes };
}

function peerFigures({ first, sorts }) {
  return {
    firstMs: first.ms,
    rowsDrawn: first.rowsDrawn,
    columns: first.columns,
    resorts: sorts.map((s) => s.ms),
    resortMs: median(sorts.map((s) => s.ms)),
    resortColumns: sorts.map((s) => s.column),
  };
}
