// A paged list reset while a "Load more" is still on the wire (issue 10, item 9):
// the old page must not land in the new list. The simulator holds the page request
// (its control port's stall) until the test has reset the list, so the old answer
// arrives after the reset every time, not only when the timing happens to be bad.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { labelOf } from './faultsHelpers';
import { api, child, children, setClusters, simControl, simStats, sims, waitFor } from './helpers';

const sim = sims().insecure;
const PAGE = 2;

describe('paged lists: a reset during Load more', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let cluster: TreeNode;
  let everyNode: string[];

  const nodeRows = async (nodes: TreeNode) => (await children(a, nodes)).filter((r) => /^n\d+ /.test(labelOf(a, r)));
  const ids = (rows: TreeNode[]) => rows.map((r) => r.id);
  const pagerOf = async (nodes: TreeNode) =>
    (await children(a, nodes)).find((r) => String(a.tree.getTreeItem(r).contextValue) === 'pager');
  /** Waits until the simulator has received `n` more requests than `since` (the held page request). */
  const arrived = (since: number, n: number) =>
    waitFor('the page request to reach the simulator', async () => (await simStats(sim)).requests >= since + n);

  before(async () => {
    a = await api();
    await setClusters([{ name: 'Paging sim', url: sim.clusterUrl }]);
    cluster = await child(a, undefined, 'Paging sim');
    everyNode = ids(await nodeRows(await child(a, cluster, 'Nodes')));
    assert.ok(everyNode.length > 2 * PAGE, `the simulator has more than two pages of nodes (${everyNode.length})`);
    await vscode.workspace.getConfiguration('cockroachdb').update('pageSize', PAGE, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await simControl(sim, '/stall', { route: '' });
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await setClusters([]);
  });

  /** The list as a person sees it after pressing Load more until it ends. */
  async function loadAll(nodes: TreeNode): Promise<string[]> {
    for (let pager = await pagerOf(nodes); pager; pager = await pagerOf(nodes))
      await vscode.commands.executeCommand('cockroachdb.loadMore', pager);
    return ids(await nodeRows(nodes));
  }

  async function firstPage(): Promise<TreeNode> {
    const nodes = await child(a, cluster, 'Nodes');
    a.tree.refresh(nodes);
    assert.deepEqual(ids(await nodeRows(nodes)), everyNode.slice(0, PAGE), 'the first page');
    assert.ok(await pagerOf(nodes), 'a Load more row');
    return nodes;
  }

  it('the old page, answered after the reset, does not land in the new list', async () => {
    const nodes = await firstPage();
    const pager = (await pagerOf(nodes))!;
    await simControl(sim, '/stall', { route: 'nodes/' });
    const since = (await simStats(sim)).requests;
    const oldLoad = vscode.commands.executeCommand('cockroachdb.loadMore', pager);
    await arrived(since, 1);
    a.tree.refresh(nodes); // e.g. the refresh timer, or a filter change
    await simControl(sim, '/stall', { route: '' }); // the second page is answered now, after the reset
    await oldLoad;
    assert.deepEqual(
      ids(await nodeRows(nodes)),
      everyNode.slice(0, PAGE),
      'the new list starts at the first page; the old second page is gone',
    );
    const listed = await loadAll(nodes);
    assert.equal(new Set(listed).size, listed.length, `no duplicate ids: ${listed.join(', ')}`);
    assert.deepEqual(listed, everyNode);
  });

  it('the old load neither ends nor feeds the new list’s load when both are held and answered together', async () => {
    const nodes = await firstPage();
    const pager = (await pagerOf(nodes))!;
    await simControl(sim, '/stall', { route: 'nodes/' });
    const since = (await simStats(sim)).requests;
    const oldLoad = vscode.commands.executeCommand('cockroachdb.loadMore', pager);
    await arrived(since, 1);
    a.tree.refresh(nodes);
    const newRows = nodeRows(nodes); // the new list's first page, held too
    await arrived(since, 2);
    await simControl(sim, '/stall', { route: '' });
    await oldLoad;
    assert.deepEqual(
      ids(await newRows),
      everyNode.slice(0, PAGE),
      'the expansion after the reset shows the new first page',
    );
    const listed = await loadAll(nodes);
    assert.equal(new Set(listed).size, listed.length, `no duplicate ids: ${listed.join(', ')}`);
    assert.deepEqual(listed, everyNode);
  });
});
