// `npm start`: the demo. Builds and packages the extension, starts the simulated
// cluster (with its Cloud API), starts VS Code (code-server on 127.0.0.1, a
// sandboxed profile, auth off) with the extension installed and the simulated
// cluster in its settings, prints the URL, and stops everything on Ctrl-C.
// `npm run start:desktop` opens desktop VS Code with --extensionDevelopmentPath instead.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const desktop = process.argv.includes('--desktop');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

if (!desktop) run('bash', ['e2e/setup.sh']);
const { makeSandbox, installVsix, startCodeServer, OUT } = await import('../e2e/vscode.mjs');
const { startSim } = await import('../e2e/sim.mjs');

const stops = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  for (const s of stops.reverse()) await s().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const sandboxRoot = path.join(root, '.sandbox', 'demo');
  fs.mkdirSync(sandboxRoot, { recursive: true });
  const sim = await startSim(
    ['--control', '--profile', 'v25', '--nodes', '9', '--tls', path.join(sandboxRoot, 'tls'), '--cloud'],
    { logName: 'demo-sim.log' },
  );
  stops.push(() => sim.stop());
  const insecure = await startSim(['--profile', 'v23', '--nodes', '5', '--insecure', '--down-node', '5'], {
    logName: 'demo-sim-insecure.log',
  });
  stops.push(() => insecure.stop());
  // Like a recent CockroachDB Cloud ADVANCED cluster: the port serves an application virtual cluster.
  const virtualized = await startSim(
    ['--profile', 'v25', '--nodes', '4', '--virtualized', '--tls', path.join(sandboxRoot, 'tls-virtualized')],
    { logName: 'demo-sim-virtualized.log' },
  );
  stops.push(() => virtualized.stop());
  const clusters = [
    { name: 'Simulated cluster (TLS, sign in)', url: sim.clusterUrl, ...(sim.caFile ? { caFile: sim.caFile } : {}) },
    { name: 'Simulated insecure cluster (v23, one node down)', url: insecure.clusterUrl },
    {
      name: 'Simulated cluster with virtual clusters (TLS, sign in)',
      url: virtualized.clusterUrl,
      ...(virtualized.caFile ? { caFile: virtualized.caFile } : {}),
    },
  ];
  const users = sim.users.map((u) => `${u.username} / ${u.password}${u.admin ? ' (admin)' : ''}`).join(', ');

  if (desktop) {
    const code = spawnSync('which', ['code']).status === 0 ? 'code' : undefined;
    if (!code) throw new Error('desktop VS Code (`code`) is not on PATH; use `npm start` for the browser demo');
    run('npm', ['run', '-s', 'build']);
    console.log(
      `\nSimulated clusters: ${clusters.map((c) => c.url).join(', ')}\nSign in with: ${users}\nAdd them with "CockroachDB: Add Cluster…".`,
    );
    const child = spawn(
      code,
      ['--new-window', `--extensionDevelopmentPath=${root}`, path.join(root, 'demo', 'workspace')],
      {
        stdio: 'inherit',
        env: { ...process.env, NODE_EXTRA_CA_CERTS: sim.caFile ?? '' },
      },
    );
    child.on('exit', () => void stopAll(0));
  } else {
    run('node', ['scripts/package.mjs']);
    const dirs = makeSandbox({
      root: sandboxRoot,
      settings: {
        'cockroachdb.clusters': clusters,
        'cockroachdb.cloud.apiUrl': sim.cloudUrl ?? 'https://cockroachlabs.cloud',
        'workbench.colorTheme': 'Default Dark Modern',
      },
    });
    // A small app whose SQL is the simulated workload: the CodeLens shows live figures at once.
    fs.cpSync(path.join(root, 'demo', 'workspace'), dirs.workspace, { recursive: true });
    installVsix(dirs, path.join(root, 'cockroachdb-explorer.vsix'));
    // Cloud ADVANCED clusters are reached over HTTPS with the simulator's CA.
    const server = await startCodeServer(dirs, {
      port: Number(process.env.PORT || 8765),
      logName: 'demo-code-server.log',
      env: sim.caFile ? { NODE_EXTRA_CA_CERTS: sim.caFile } : {},
    });
    stops.push(() => server.stop());
    console.log(`
CockroachDB Explorer demo is running.

  Open  ${server.url}?folder=${encodeURIComponent(dirs.workspace)}

  Clusters in the explorer: ${clusters.map((c) => `${c.name} at ${c.url}`).join('; ')}
  Sign in with: ${users} (the CodeLens over the SQL in demo files shows once the active cluster is signed in)${sim.cloudApiKey ? `\n  Cloud API: "CockroachDB: Add Cloud Account…" with key ${sim.cloudApiKey}` : ''}
  Logs: ${OUT}

Press Ctrl-C to stop everything.`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stopAll(1);
}
