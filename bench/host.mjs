// Activation and tree benchmarks inside real extension hosts: one code-server (devMode),
// one fresh workbench window — hence one fresh extension host — per run, with the explorer,
// the empty baseline or (optionally) the floor as the development extension and
// bench/host/entry.cjs as the "tests" it runs. Runs alternate explorer / baseline (/ floor)
// so all see the same noise.
import fs from 'node:fs';
import path from 'node:path';
import {
  OUT,
  checkHost,
  makeSandbox,
  projectRoot,
  startCodeServer,
  launchBrowser,
  workbenchUrl,
} from '../e2e/vscode.mjs';
import { loadBenchModule } from './build.mjs';
import { pairedRatio, summarize } from './stats.mjs';

const ENTRY = path.join(projectRoot, 'bench', 'host', 'entry.cjs');
const BASELINE = path.join(projectRoot, 'bench', 'baseline-extension');
const CLUSTER = 'Bench 1000';
const logFile = path.join(OUT, 'bench-host.log');

/** Opens one workbench window running the entry against `extensionPath`; resolves with its BENCH line. */
async function oneHost(browser, server, dirs, extensionPath) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    let result;
    const errors = [];
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', resolve));
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const line = (Array.isArray(args) ? args : [args]).map(String).join(' ');
      fs.appendFileSync(logFile, `${level}: ${line}\n`);
      const m = /BENCH (\{.*\})/.exec(line);
      if (m) result = JSON.parse(m[1]);
      else if (level === 'error') errors.push(line);
    });
    const payload = [
      ['extensionDevelopmentPath', server.remote(extensionPath)],
      ['extensionTestsPath', server.remote(ENTRY)],
    ];
    await page.goto(workbenchUrl(server, dirs.workspace, payload));
    let timer;
    const timeout = new Promise(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error('an extension host did not finish within 90 s')), 90_000)),
    );
    const code = await Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
    if (code !== 0 || !result)
      throw new Error(
        `the bench entry failed (exit ${code}): ${errors.slice(-3).join(' / ') || 'no BENCH line'}; see ${logFile}`,
      );
    return result;
  } finally {
    await context.close();
  }
}

/**
 * The floor extension, written into the sandbox: bench/baseline-extension/floor.cjs with a
 * manifest that declares the explorer's commands, so that it registers exactly those.
 */
function writeFloor(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(BASELINE, 'floor.cjs'), path.join(dir, 'extension.cjs'));
  const floor = {
    name: 'floor-extension',
    displayName: 'Bench floor: the VS Code API and the explorer’s commands, no code',
    version: '0.0.1',
    publisher: 'bench',
    private: true,
    engines: { vscode: manifest.engines.vscode },
    main: './extension.cjs',
    activationEvents: ['onCommand:bench.floor.noop'],
    contributes: { commands: manifest.contributes.commands },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(floor, null, 2));
  return dir;
}

/**
 * `runs` explorer hosts alternating with `runs` baseline hosts (and, with `floor`, `runs`
 * hosts of the floor extension: the VS Code API loaded and the explorer's commands
 * registered, nothing else). With `profileDir`, every activation is CPU-profiled into that
 * folder (see bench/host/entry.cjs); the times of such a run are inflated by the profiler
 * and only the profiles are worth keeping.
 */
export async function benchHost({ runs = 9, profileDir, floor = false } = {}) {
  checkHost();
  fs.writeFileSync(logFile, '');
  const { startSim } = await loadBenchModule('sim');
  const sim = await startSim({ nodes: 1000 });
  const dirs = makeSandbox({ settings: { 'cockroachdb.clusters': [{ name: CLUSTER, url: sim.url }] } });
  let server;
  let browser;
  try {
    server = await startCodeServer(dirs, {
      devMode: true,
      logName: 'code-server-bench.log',
      env: { BENCH_CLUSTER: CLUSTER, ...(profileDir ? { BENCH_PROFILE: profileDir } : {}) },
    });
    ({ browser } = await launchBrowser(dirs));
    const explorer = [];
    const baseline = [];
    const floors = [];
    const floorPath = floor ? writeFloor(path.join(dirs.root, 'floor-extension')) : undefined;
    // Unmeasured windows first: code-server's first start compiles and caches a lot, and
    // each extension's files are read from disk once.
    for (const ext of [BASELINE, projectRoot, ...(floor ? [floorPath] : [])]) await oneHost(browser, server, dirs, ext);
    for (let i = 0; i < runs; i++) {
      explorer.push(await oneHost(browser, server, dirs, projectRoot));
      baseline.push(await oneHost(browser, server, dirs, BASELINE));
      if (floor) floors.push(await oneHost(browser, server, dirs, floorPath));
    }
    const times = (results) => results.map((r) => r.activationMs);
    return {
      runs,
      // {median, min, max, runs} of each (bench/stats.mjs); the ratios are run by run, against
      // the baseline host of the same round.
      explorer: summarize(times(explorer)),
      baseline: summarize(times(baseline)),
      ratio: pairedRatio(times(explorer), times(baseline)),
      ...(floor ? { floor: summarize(times(floors)), floorRatio: pairedRatio(times(floors), times(baseline)) } : {}),
      treeFirstPage: summarize(explorer.map((r) => r.treeFirstPageMs)),
      nodesPage: summarize(explorer.map((r) => r.nodesPageMs)),
      nodesRows: explorer[0].nodesRows,
    };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    await sim.close();
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
}
