// Loaded by the extension host as `extensionTestsPath` (see bench/host.mjs). Whichever
// extension is the development extension of this host — CockroachDB Explorer, the empty
// baseline or the floor (bench/baseline-extension/floor) — is activated and timed; for the explorer, the first page of Nodes of the
// configured cluster is timed too, from the moment activation returned (so building what
// activation deferred counts there). Results go out as one `BENCH {json}` console line,
// which the workbench forwards to the page's window.codeAutomationLog.
const vscode = require('vscode');

const EXPLORER = 'cockroachdb-explorer.cockroachdb-explorer';
const BASELINE = 'bench.baseline-extension';
const FLOOR = 'bench.floor-extension';

const label = (tree, node) => {
  const l = tree.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
};

async function child(tree, node, match) {
  const kids = await tree.getChildren(node);
  const found = kids.find((k) => match.test(label(tree, k)));
  if (!found)
    throw new Error(
      `no row ${match} under ${node ? label(tree, node) : 'the root'}; have: ${kids.map((k) => label(tree, k)).join(' | ')}`,
    );
  return found;
}

/**
 * With BENCH_PROFILE set to a folder, activation — and, for the explorer, the first page of
 * the tree — run under the V8 CPU profiler (sampling every 50 µs: these take milliseconds),
 * and each profile is written there as `<extension id>-<part>-<time>.cpuprofile`. Profiling
 * slows everything down, so those runs time nothing that counts; bench/host/profile.mjs
 * summarises the files.
 */
async function profiled(name, fn) {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const { Session } = require('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    const file = require('node:path').join(dir, `${name}-${Date.now()}.cpuprofile`);
    require('node:fs').writeFileSync(file, JSON.stringify(profile));
  }
}

async function run() {
  const ext = [EXPLORER, BASELINE, FLOOR].map((id) => vscode.extensions.getExtension(id)).find(Boolean);
  if (!ext) throw new Error('none of the explorer, the baseline or the floor extension is loaded');
  // Activation must be ours to time: the explorer activates only on its view and commands.
  if (ext.isActive) throw new Error(`${ext.id} was already active; the workbench must not open its view`);
  // Let the just-started host finish its own start-up work, so it is not billed to activation.
  await new Promise((r) => setTimeout(r, 1000));
  let activationMs = 0;
  const api = await profiled(`${ext.id}-activate`, async () => {
    const t0 = performance.now();
    const exports = await ext.activate();
    activationMs = performance.now() - t0;
    return exports;
  });
  const result = { id: ext.id, activationMs };

  if (ext.id === EXPLORER && process.env.BENCH_CLUSTER) {
    await profiled(`${ext.id}-tree`, async () => {
      // From the moment activation returned: reading `tree` builds the services if nothing has yet.
      const t1 = performance.now();
      const tree = api.tree;
      const cluster = await child(tree, undefined, new RegExp(`^${process.env.BENCH_CLUSTER}$`));
      const nodes = await child(tree, cluster, /^Nodes$/);
      const t2 = performance.now();
      const page = await tree.getChildren(nodes);
      const t3 = performance.now();
      Object.assign(result, { treeFirstPageMs: t3 - t1, nodesPageMs: t3 - t2, nodesRows: page.length });
    });
  }
  console.log(`BENCH ${JSON.stringify(result)}`);
}

module.exports = { run };
