// Activation and tree benchmarks inside real extension hosts: one code-server (devMode),
// one fresh workbench window — hence one fresh extension host — per run, with either the
// explorer or the empty baseline as the development extension and bench/host/entry.cjs as
// the "tests" it runs. Runs alternate explorer / baseline so both see the same noise.
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
import { median } from './stats.mjs';

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

export async function benchHost({ runs = 5 } = {}) {
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
      env: { BENCH_CLUSTER: CLUSTER },
    });
    ({ browser } = await launchBrowser(dirs));
    const explorer = [];
    const baseline = [];
    // One unmeasured window first: code-server's first start compiles and caches a lot.
    await oneHost(browser, server, dirs, BASELINE);
    for (let i = 0; i < runs; i++) {
      explorer.push(await oneHost(browser, server, dirs, projectRoot));
      baseline.push(await oneHost(browser, server, dirs, BASELINE));
    }
    const explorerMs = median(explorer.map((r) => r.activationMs));
    const baselineMs = median(baseline.map((r) => r.activationMs));
    return {
      explorerMs,
      baselineMs,
      ratio: explorerMs / baselineMs,
      treeFirstPageMs: median(explorer.map((r) => r.treeFirstPageMs)),
      nodesPageMs: median(explorer.map((r) => r.nodesPageMs)),
      nodesRows: explorer[0].nodesRows,
      samples: { explorer: explorer.map((r) => r.activationMs), baseline: baseline.map((r) => r.activationMs) },
    };
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    await sim.close();
    fs.rmSync(dirs.root, { recursive: true, force: true });
  }
}
