// One active cluster: Select Active Cluster changes what the status bar checks and which
// tree row is marked, together; removing the active cluster falls back to the first one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { api, label, setClusters, sims } from './helpers';

const LIVE = sims().insecure;
const LIVE_NAME = 'Active live';
const NOWHERE_NAME = 'Active nowhere';
const NOWHERE_URL = 'http://127.0.0.1:9';
const origin = (u: string): string => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

describe('the active cluster', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let savedClusters: unknown;

  /** The names of the rows the tree marks as active. */
  async function markedRows(): Promise<string[]> {
    const rows = await a.tree.getChildren();
    return rows.filter((r) => String(a.tree.getTreeItem(r).description ?? '').startsWith('● ')).map((r) => label(a, r));
  }

  /** The status bar, after a check, names the same cluster the tree marks. */
  async function assertAgree(id: string, name: string): Promise<void> {
    assert.equal(a.active.id(), id);
    assert.equal(a.tree.activeClusterId(), id);
    await a.status.checkNow();
    assert.equal(a.status.last?.clusterId, id, 'the status bar checked the active cluster');
    assert.ok(a.status.item.text.includes(name), `status bar: ${a.status.item.text}`);
    assert.deepEqual(await markedRows(), [name], 'the tree marks exactly the active cluster');
  }

  before(async () => {
    a = await api();
    savedClusters = vscode.workspace.getConfiguration('cockroachdb').inspect('clusters')?.globalValue;
    await setClusters([
      { name: LIVE_NAME, url: LIVE.clusterUrl },
      { name: NOWHERE_NAME, url: NOWHERE_URL },
    ]);
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('clusters', savedClusters, vscode.ConfigurationTarget.Global);
  });

  it('Select Active Cluster moves the status bar and the tree mark together, both ways', async () => {
    const fired: Array<string | undefined> = [];
    const sub = a.active.onDidChange((id) => fired.push(id));
    const treeChanged: unknown[] = [];
    const treeSub = a.tree.onDidChangeTreeData((n) => treeChanged.push(n));
    try {
      assert.equal(
        await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', NOWHERE_URL),
        origin(NOWHERE_URL),
      );
      await assertAgree(origin(NOWHERE_URL), NOWHERE_NAME);
      assert.equal(
        await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', origin(LIVE.clusterUrl)),
        origin(LIVE.clusterUrl),
      );
      await assertAgree(origin(LIVE.clusterUrl), LIVE_NAME);
      assert.deepEqual(fired, [origin(NOWHERE_URL), origin(LIVE.clusterUrl)]);
      assert.ok(treeChanged.includes(undefined), 'the tree re-rendered on the change');
    } finally {
      sub.dispose();
      treeSub.dispose();
    }
  });

  it('removing the active cluster from the list makes the first one active, in both places', async () => {
    await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', NOWHERE_URL);
    assert.equal(a.active.id(), origin(NOWHERE_URL));
    const moved = new Promise<string | undefined>((resolve) => {
      const sub = a.active.onDidChange((id) => {
        sub.dispose();
        resolve(id);
      });
    });
    await setClusters([{ name: LIVE_NAME, url: LIVE.clusterUrl }]);
    assert.equal(await moved, origin(LIVE.clusterUrl), 'the service says the active cluster moved');
    await assertAgree(origin(LIVE.clusterUrl), LIVE_NAME);
  });
});
