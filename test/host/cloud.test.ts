// CockroachDB Cloud in the explorer: adding an account (the key is checked first
// and kept only in SecretStorage), clusters grouped by folder, an ADVANCED cluster
// reached through its Cluster API after signing in, BASIC/STANDARD explained.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { admin, api, child, children, label, ScriptedPrompter, sims } from './helpers';

const s = sims().tls;

async function findCluster(a: ExplorerApi, org: TreeNode, name: string): Promise<TreeNode> {
  for (const row of await children(a, org)) {
    if (label(a, row) === name) return row;
    const ctx = String(a.tree.getTreeItem(row).contextValue);
    if (ctx.startsWith('cloudFolder')) {
      const hit = (await children(a, row)).find((r) => label(a, r) === name);
      if (hit) return hit;
    }
  }
  throw new Error(`cluster ${name} not found`);
}

describe('CockroachDB Cloud accounts', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let org: TreeNode;

  before(async () => {
    a = await api();
    assert.ok(s.cloudUrl && s.cloudApiKey, 'the TLS simulator runs with --cloud');
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('cloud.apiUrl', s.cloudUrl, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    a.ui.reset();
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('cloud.apiUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  it('rejects a wrong API key without keeping anything', async () => {
    a.ui.use(new ScriptedPrompter(['CCDB1_not_a_real_key_at_all']));
    const before = a.cloud.list().length;
    await vscode.commands.executeCommand('cockroachdb.addCloudAccount');
    assert.equal(a.cloud.list().length, before);
  });

  it('adds an account after checking the key and shows it by organization name', async () => {
    a.ui.use(new ScriptedPrompter([s.cloudApiKey!]));
    const id = await vscode.commands.executeCommand<string>('cockroachdb.addCloudAccount');
    assert.ok(id);
    const account = a.cloud.list().find((x) => x.id === id)!;
    assert.ok(!JSON.stringify(a.cloud.list()).includes(s.cloudApiKey!), 'the key is not in globalState');
    org = await child(a, undefined, account.organization);
    assert.match(String(a.tree.getTreeItem(org).description), /CockroachDB Cloud/);
  });

  it('groups clusters by folder and shows plan, state and version', async () => {
    const rows = await children(a, org);
    assert.ok(
      rows.some((r) => String(a.tree.getTreeItem(r).contextValue).startsWith('cloudFolder')),
      'folders shown',
    );
    const c = await findCluster(a, org, 'prod-orders');
    assert.match(String(a.tree.getTreeItem(c).description), /^ADVANCED · CREATED · v\d/);
  });

  it('explains in a row why BASIC and STANDARD clusters have no ranges', async () => {
    const basic = await findCluster(a, org, 'hobby-blog');
    const rows = await children(a, basic);
    assert.match(label(a, rows[0]!), /BASIC and STANDARD clusters have no DB Console/);
    const labels = rows.map((r) => label(a, r));
    for (const l of ['Cloud nodes', 'Databases', 'SQL users', 'IP allowlist'])
      assert.ok(labels.includes(l), labels.join());
  });

  it('lists an ADVANCED cluster’s Cloud nodes, databases, SQL users and allowlist', async () => {
    const c = await findCluster(a, org, 'prod-orders');
    const nodes = await children(a, await child(a, c, 'Cloud nodes'));
    assert.ok(nodes.some((n) => /LIVE/.test(String(a.tree.getTreeItem(n).description))));
    assert.ok(nodes.some((n) => /NOT_READY/.test(String(a.tree.getTreeItem(n).description))));
    assert.ok((await children(a, await child(a, c, 'Databases'))).length > 0);
    const users = (await children(a, await child(a, c, 'SQL users'))).map((u) => label(a, u));
    assert.ok(users.includes(admin(s).username), users.join());
    assert.ok((await children(a, await child(a, c, 'IP allowlist'))).length > 0);
  });

  it('signs in to the ADVANCED cluster with a SQL user and reaches its nodes through the Cluster API', async () => {
    const c = await findCluster(a, org, 'prod-orders');
    const apiRow = (await children(a, c))[0]!;
    assert.equal(label(a, apiRow), 'prod-orders');
    const before = await children(a, apiRow);
    assert.match(label(a, before[0]!), /^Sign in to prod-orders/);
    const user = admin(s);
    a.ui.use(new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]));
    assert.equal(await vscode.commands.executeCommand('cockroachdb.signIn', apiRow), true);
    const nodes = await child(a, apiRow, 'Nodes');
    assert.ok((await children(a, nodes)).some((n) => /^n\d+ /.test(label(a, n))));
  });

  it('copies the connection string', async () => {
    const c = await findCluster(a, org, 'prod-orders');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('cockroachdb.copyConnectionString', c);
    assert.match(await vscode.env.clipboard.readText(), /^postgres(ql)?:\/\//);
  });

  it('removes the account and its key', async () => {
    a.ui.use(new ScriptedPrompter([], [], undefined, true));
    await vscode.commands.executeCommand('cockroachdb.remove', org);
    assert.equal(a.cloud.list().length, 0);
    assert.ok(!(await children(a)).some((r) => String(a.tree.getTreeItem(r).contextValue).startsWith('cloudAccount')));
  });
});
