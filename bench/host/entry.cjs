// Loaded by the extension host as `extensionTestsPath` (see bench/host.mjs). Whichever
// extension is the development extension of this host — CockroachDB Explorer or the empty
// baseline — is activated and timed; for the explorer, the first page of Nodes of the
// configured cluster is timed too. Results go out as one `BENCH {json}` console line,
// which the workbench forwards to the page's window.codeAutomationLog.
const vscode = require('vscode');

const EXPLORER = 'cockroachdb-explorer.cockroachdb-explorer';
const BASELINE = 'bench.baseline-extension';

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

async function run() {
  const ext = vscode.extensions.getExtension(EXPLORER) ?? vscode.extensions.getExtension(BASELINE);
  if (!ext) throw new Error('neither the explorer nor the baseline extension is loaded');
  // Activation must be ours to time: the explorer activates only on its view and commands.
  if (ext.isActive) throw new Error(`${ext.id} was already active; the workbench must not open its view`);
  // Let the just-started host finish its own start-up work, so it is not billed to activation.
  await new Promise((r) => setTimeout(r, 1000));
  const t0 = performance.now();
  const api = await ext.activate();
  const result = { id: ext.id, activationMs: performance.now() - t0 };

  if (ext.id === EXPLORER && process.env.BENCH_CLUSTER) {
    const tree = api.tree;
    const t1 = performance.now();
    const cluster = await child(tree, undefined, new RegExp(`^${process.env.BENCH_CLUSTER}$`));
    const nodes = await child(tree, cluster, /^Nodes$/);
    const t2 = performance.now();
    const page = await tree.getChildren(nodes);
    const t3 = performance.now();
    Object.assign(result, { treeFirstPageMs: t3 - t1, nodesPageMs: t3 - t2, nodesRows: page.length });
  }
  console.log(`BENCH ${JSON.stringify(result)}`);
}

module.exports = { run };
