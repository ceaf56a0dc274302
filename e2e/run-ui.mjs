// UI tier: installs the packaged .vsix into a sandboxed code-server and runs each
// scenario in test/ui/*.ui.mjs in a fresh VS Code, driven by Playwright in
// Debian's Chromium. Failed steps leave screenshots in e2e-out/.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  projectRoot,
  OUT,
  checkHost,
  makeSandbox,
  installVsix,
  startCodeServer,
  launchBrowser,
  workbenchUrl,
} from './vscode.mjs';
import { startSim } from './sim.mjs';
import { Workbench } from '../test/ui/lib/workbench.mjs';

const vsix = path.join(projectRoot, 'cockroachdb-explorer.vsix');
checkHost();
if (!fs.existsSync(vsix)) throw new Error(`missing ${vsix}: run npm run package first`);
const filter = process.argv[2];
const files = fs
  .readdirSync(path.join(projectRoot, 'test', 'ui'))
  .filter((f) => f.endsWith('.ui.mjs') && (!filter || f.includes(filter)))
  .sort();

const results = [];
const sims = {};
try {
  sims.main = await startSim(
    ['--control', '--profile', 'v25', '--nodes', '9', '--seed', '7', '--tls', path.join(OUT, 'tls-ui')],
    { logName: 'sim-ui-main.log' },
  );
  sims.insecure = await startSim(['--control', '--profile', 'v25', '--nodes', '4', '--insecure'], {
    logName: 'sim-ui-insecure.log',
  });
  // test/ui/webviews.ui.mjs: a seed-style server, the only kind that lists replicas with their types (a non-voter).
  sims.seedStyle = await startSim(
    ['--control', '--profile', 'seed-spec', '--nodes', '5', '--insecure', '--seed', '2'],
    { logName: 'sim-ui-seed-style.log' },
  );
  // test/ui/secrets.ui.mjs: a cluster to sign in to and a Cloud API (plain http) to add an account for.
  sims.cloud = await startSim(
    [
      '--control',
      '--profile',
      'v25',
      '--nodes',
      '3',
      '--seed',
      '5',
      '--tls',
      path.join(OUT, 'tls-ui-cloud'),
      '--cloud',
    ],
    { logName: 'sim-ui-cloud.log' },
  );
  // test/ui/virtualClusters.ui.mjs: the DB Console port serves an application virtual cluster.
  sims.virtualized = await startSim(
    [
      '--control',
      '--profile',
      'v25',
      '--nodes',
      '4',
      '--seed',
      '9',
      '--virtualized',
      '--tls',
      path.join(OUT, 'tls-ui-virtualized'),
    ],
    { logName: 'sim-ui-virtualized.log' },
  );
  for (const file of files) {
    const scenario = (await import(pathToFileURL(path.join(projectRoot, 'test', 'ui', file)).href)).default;
    const name = path.basename(file, '.ui.mjs');
    const dirs = makeSandbox({ settings: scenario.settings ? scenario.settings(sims) : {} });
    let server;
    let browser;
    const t0 = Date.now();
    try {
      console.log(`\n${name}: installed ${installVsix(dirs, vsix)}`);
      server = await startCodeServer(dirs, { logName: `code-server-${name}.log` });
      let page;
      ({ browser, page } = await launchBrowser(dirs));
      page.on('pageerror', (e) => fs.appendFileSync(path.join(OUT, `${name}-page-errors.log`), `${e.message}\n`));
      await page.goto(workbenchUrl(server, dirs.workspace));
      const wb = new Workbench(page);
      const step = async (title, fn) => {
        const t = Date.now();
        try {
          await fn();
          results.push({ name: `${name}: ${title}`, ok: true });
          console.log(`  ok   ${title} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
        } catch (e) {
          results.push({ name: `${name}: ${title}`, ok: false });
          console.log(`  FAIL ${title}: ${String(e.message).split('\n')[0]}`);
          await page.screenshot({ path: path.join(OUT, `fail-${name}-${results.length}.png`) }).catch(() => {});
        }
      };
      const shot = (file) => page.screenshot({ path: path.join(OUT, file) });
      await step('workbench loads with the extension', () => wb.ready());
      await scenario.run({ page, wb, step, shot, sims, dirs, server });
    } catch (e) {
      results.push({ name: `${name}: setup`, ok: false });
      console.log(`  FAIL ${name} setup: ${e.message}`);
    } finally {
      await browser?.close().catch(() => {});
      await server?.stop();
      if (!process.env.E2E_KEEP) fs.rmSync(dirs.root, { recursive: true, force: true });
      console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    }
  }
} finally {
  await Promise.all(Object.values(sims).map((s) => s.stop()));
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed || results.length === 0 ? 1 : 0);
