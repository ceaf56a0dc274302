// Extension-host tier: runs the mocha suite in out/test/host/ inside code-server's
// real (Node) extension host, with this folder loaded as a development extension —
// the web workbench's equivalent of `code --extensionDevelopmentPath --extensionTestsPath`.
// The simulated clusters the tests use are started here and described to the tests
// through the CRDB_TEST_SIMS environment variable.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, OUT, checkHost, makeSandbox, startCodeServer, launchBrowser, workbenchUrl } from './vscode.mjs';
import { startSim } from './sim.mjs';

const testsIndex = path.join(projectRoot, 'out', 'test', 'host', 'index');
const limitS = Number(process.env.E2E_HOST_TIMEOUT_S || 600);
const logFile = path.join(OUT, 'host-tests.log');
fs.writeFileSync(logFile, '');

checkHost();
if (!fs.existsSync(testsIndex + '.js')) throw new Error(`missing ${testsIndex}.js: build the host tests first`);

const dirs = makeSandbox();
const sims = {};
let server;
let browser;
let exitCode = 1;
let summary;
try {
  // One secure cluster (sign-in needed), one insecure cluster, one down node for partial results.
  sims.secure = await startSim(
    ['--control', '--profile', 'v25', '--nodes', '9', '--seed', '1', '--tls', path.join(dirs.root, 'tls-secure')],
    { logName: 'sim-host-secure.log' },
  );
  sims.insecure = await startSim(
    ['--control', '--profile', 'v23', '--nodes', '5', '--insecure', '--down-node', '4', '--dead-node-delay', '300'],
    { logName: 'sim-host-insecure.log' },
  );
  // Plain http that still demands a session, like v22.1.0–.10 (test/host/insecureSession.test.ts).
  sims.insecureSession = await startSim(
    ['--control', '--profile', 'v23', '--nodes', '3', '--insecure', '--insecure-needs-session'],
    { logName: 'sim-host-insecure-session.log' },
  );
  sims.tls = await startSim(
    ['--control', '--profile', 'v25', '--nodes', '3', '--tls', path.join(dirs.root, 'tls-cloud'), '--cloud'],
    { logName: 'sim-host-tls.log' },
  );
  // v26.1+: crdb_internal is locked by default; the workload views fall back to information_schema (or say why not).
  sims.v26 = await startSim(['--control', '--profile', 'v26', '--nodes', '3', '--insecure', '--seed', '4'], {
    logName: 'sim-host-v26.log',
  });
  // The DB Console port serves an application virtual cluster (test/host/virtualClusters.test.ts).
  sims.virtualized = await startSim(
    [
      '--control',
      '--profile',
      'v25',
      '--nodes',
      '4',
      '--virtualized',
      '--tls',
      path.join(dirs.root, 'tls-virtualized'),
    ],
    { logName: 'sim-host-virtualized.log' },
  );
  // test/host/faults.test.ts breaks this one on purpose (its own CA, not in NODE_EXTRA_CA_CERTS; a Cloud sim for 429s; a wrong-host TLS server).
  sims.faults = await startSim(
    [
      '--control',
      '--profile',
      'v25',
      '--nodes',
      '5',
      '--seed',
      '3',
      '--tls',
      path.join(dirs.root, 'tls-faults'),
      '--cloud',
      '--tls-fault',
      'wrongHost',
    ],
    { logName: 'sim-host-faults.log' },
  );
  const simInfo = Object.fromEntries(
    Object.entries(sims).map(([k, v]) => [
      k,
      {
        clusterUrl: v.clusterUrl,
        caFile: v.caFile,
        users: v.users,
        cloudUrl: v.cloudUrl,
        cloudApiKey: v.cloudApiKey,
        controlUrl: v.controlUrl,
        pid: v.proc.pid,
      },
    ]),
  );
  server = await startCodeServer(dirs, {
    devMode: true,
    logName: 'code-server-host.log',
    env: {
      CRDB_TEST_SIMS: JSON.stringify(simInfo),
      CRDB_TEST_OUT: OUT,
      ...(sims.tls.caFile ? { NODE_EXTRA_CA_CERTS: sims.tls.caFile } : {}),
    },
  });
  let page;
  ({ browser, page } = await launchBrowser(dirs));
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  // In test mode the workbench forwards its log, which carries the extension host's
  // console (mocha's reporter), to window.codeAutomationLog.
  const chatter = /^(Resolving connection|Resolved connection|Creating a socket|Updating additional|\[[^\]]+\])/;
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const [fmt = '', ...rest] = Array.isArray(args) ? args : [String(args)];
    let i = 0;
    const line =
      String(fmt).replace(/%[sdoO]/g, () => String(rest[i++] ?? '')) +
      (rest.slice(i).length ? ' ' + rest.slice(i).join(' ') : '');
    fs.appendFileSync(logFile, `${level}: ${line}\n`);
    const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
    if (m) summary = line.trim();
    if (process.env.E2E_VERBOSE || (level === 'info' && !chatter.test(line))) console.log(line);
  });
  page.on('pageerror', (e) => fs.appendFileSync(path.join(OUT, 'host-page-errors.log'), `${e.message}\n`));
  const payload = [
    ['extensionDevelopmentPath', server.remote(projectRoot)],
    ['extensionTestsPath', server.remote(testsIndex)],
  ];
  await page.goto(workbenchUrl(server, dirs.workspace, payload));
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(async () => {
      await page.screenshot({ path: path.join(OUT, 'host-tests-timeout.png') }).catch(() => {});
      reject(new Error(`the extension-host tests did not finish within ${limitS} s`));
    }, limitS * 1000);
  });
  exitCode = await Promise.race([done, timeout]);
  clearTimeout(timer);
} catch (e) {
  console.error(`extension-host tier: ${e.message}`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  await Promise.all(Object.values(sims).map((s) => s.stop()));
  if (process.env.E2E_KEEP) console.log(`sandbox kept at ${dirs.root}`);
  else fs.rmSync(dirs.root, { recursive: true, force: true });
}
// The suite prints its own closing line; if it never ran, say so in the same form.
if (!summary) console.log('0 passed, 1 failed');
process.exit(exitCode === 0 && summary && / 0 failed$/.test(summary) ? 0 : 1);
