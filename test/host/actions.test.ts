// Row actions: filters with a one-click clear, copying, read-only documents for
// alerting rules and CREATE statements, Open DB Console, and the rule that a cluster
// name re-pointed at another host never receives the first host's token.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { admin, api, child, children, label, ScriptedPrompter, setClusters, sims } from './helpers';

const all = sims();
const origin = (u: string) => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

describe('row actions', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let cluster: TreeNode;

  before(async () => {
    a = await api();
    await setClusters([{ name: 'Actions sim', url: all.insecure.clusterUrl }]);
    cluster = await child(a, undefined, 'Actions sim');
  });

  after(async () => {
    a.ui.reset();
    await setClusters([]);
  });

  it('filters nodes by locality and liveness, shows the filter, and clears it', async () => {
    const nodes = await child(a, cluster, 'Nodes');
    const all5 = (await children(a, nodes)).filter((n) => /^n\d+/.test(label(a, n)));
    a.ui.use(new ScriptedPrompter([''], ['dead']));
    await vscode.commands.executeCommand('cockroachdb.filter', nodes);
    const dead = (await children(a, nodes)).map((n) => label(a, n));
    assert.equal(dead.length, 1, dead.join());
    assert.match(dead[0]!, /^n4 /);
    const item = a.tree.getTreeItem(nodes);
    assert.match(String(item.description), /filter liveness: dead/);
    assert.match(String(item.contextValue), /;filtered/);
    await vscode.commands.executeCommand('cockroachdb.clearFilter', nodes);
    assert.equal((await children(a, nodes)).filter((n) => /^n\d+/.test(label(a, n))).length, all5.length);
  });

  it('filters sessions by application and status', async () => {
    const sessions = await child(a, cluster, 'Sessions');
    a.ui.use(new ScriptedPrompter(['', 'psql'], ['any']));
    await vscode.commands.executeCommand('cockroachdb.filter', sessions);
    const rows = (await children(a, sessions)).filter((r) => / @ /.test(label(a, r)));
    assert.ok(rows.length > 0);
    assert.ok(
      rows.every((r) => /psql/.test(label(a, r))),
      rows.map((r) => label(a, r)).join(),
    );
    await vscode.commands.executeCommand('cockroachdb.clearFilter', sessions);
  });

  it('copies a node address and a cluster id', async () => {
    const n1 = await child(a, await child(a, cluster, 'Nodes'), /^n1 /);
    await vscode.commands.executeCommand('cockroachdb.copyAddress', n1);
    assert.match(await vscode.env.clipboard.readText(), /:\d+$/);
    await vscode.commands.executeCommand('cockroachdb.copyId', cluster);
    assert.equal(await vscode.env.clipboard.readText(), origin(all.insecure.clusterUrl));
  });

  it('opens the alerting rules as read-only YAML', async () => {
    await vscode.commands.executeCommand('cockroachdb.showAlertingRules', cluster);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.scheme, 'cockroachdb-doc');
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(editor.document.getText(), /rules/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens a table’s CREATE statement as SQL and shows its columns and indexes', async () => {
    const dbs = await child(a, cluster, 'Databases');
    const db = await child(a, dbs, 'movr');
    const table = (await children(a, db))[0]!;
    await vscode.commands.executeCommand('cockroachdb.showTableDetails', table);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.languageId, 'sql');
    assert.match(editor.document.getText(), /CREATE TABLE/i);
    const parts = (await children(a, table)).map((r) => String(a.tree.getTreeItem(r).contextValue));
    assert.ok(parts.includes('column') && parts.includes('index'), parts.join());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a cluster name re-pointed at another host gets no token', async () => {
    const u = admin(all.secure);
    await setClusters([{ name: 'prod', url: all.secure.clusterUrl, caFile: all.secure.caFile! }]);
    a.ui.use(new ScriptedPrompter([u.username, u.password], ["Don't remember the password"]));
    assert.equal(await vscode.commands.executeCommand('cockroachdb.signIn', origin(all.secure.clusterUrl)), true);
    assert.ok(a.auth.token(origin(all.secure.clusterUrl)));
    // The same name now points at the TLS (cloud) simulator.
    await setClusters([{ name: 'prod', url: all.tls.clusterUrl, caFile: all.tls.caFile! }]);
    const entry = a.connections.all().find((e) => e.name === 'prod')!;
    assert.equal(entry.id, origin(all.tls.clusterUrl));
    assert.equal(a.auth.token(entry.id), undefined);
    const row = await child(a, undefined, 'prod');
    assert.match(label(a, (await children(a, row))[0]!), /^Sign in to prod/);
    await vscode.commands.executeCommand('cockroachdb.signOut', origin(all.secure.clusterUrl));
  });
});
