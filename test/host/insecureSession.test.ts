// A plain-http cluster that still demands a session, as insecure clusters before
// v22.1.11 do: once it answers 401 the explorer treats it like a secure cluster
// that nobody signed in to (a Sign In row, "signed out" with a sign-in click),
// instead of raising a prompt on every poll, and signing in loads the rows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { admin, api, child, children, label, ScriptedPrompter, setClusters, sims } from './helpers';

const s = sims();
const NAME = 'Old insecure sim';
const origin = (u: string) => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

const statusBar = (on: boolean | undefined) =>
  vscode.workspace.getConfiguration('cockroachdb').update('statusBar.enabled', on, vscode.ConfigurationTarget.Global);

describe('an insecure cluster that demands a session (v22.1.0–.10)', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  const id = origin(s.insecureSession.clusterUrl);
  // Every 401 wave asks this prompter; it dismisses the "needs you to sign in" warning.
  const dismissing = new ScriptedPrompter();
  const warnings = () => dismissing.asked.filter((q) => q.startsWith('warn:')).length;

  before(async () => {
    a = await api();
    a.ui.use(dismissing);
    // The status bar would probe the cluster at once; the tree is to meet the 401 first.
    await statusBar(false);
    await setClusters([{ name: NAME, url: s.insecureSession.clusterUrl }]);
  });

  after(async () => {
    a.ui.reset();
    await vscode.commands.executeCommand('cockroachdb.signOut', id);
    await setClusters([]);
    await statusBar(undefined);
  });

  it('shows a Sign In row once the cluster answers 401, and the cluster row turns "signed out"', async () => {
    const before = a.tree.getTreeItem(await child(a, undefined, NAME));
    assert.match(
      String(before.description),
      /http, no sign-in/,
      'plain http is assumed anonymous until it says otherwise',
    );
    const nodes = await child(a, await child(a, undefined, NAME), 'Nodes');
    const rows = await children(a, nodes);
    assert.equal(rows.length, 1, rows.map((r) => label(a, r)).join(' | '));
    const row = a.tree.getTreeItem(rows[0]!);
    assert.equal(row.contextValue, 'message;signIn');
    assert.equal(row.command?.command, 'cockroachdb.signIn');
    assert.ok(warnings() >= 1, 'the first 401 asked to sign in');

    const cluster = a.tree.getTreeItem(await child(a, undefined, NAME));
    assert.match(String(cluster.description), /signed out/);
    assert.match(String(cluster.contextValue), /;signedOut(;|$)/, 'the row offers Sign In in its menu');
    const top = await children(a, await child(a, undefined, NAME));
    assert.deepEqual(
      top.map((r) => label(a, r)),
      [`Sign in to ${NAME} to see its nodes, ranges and sessions`],
    );
  });

  it('the status bar says signed out with a sign-in click, without asking again on every check', async () => {
    await statusBar(true);
    await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', id);
    const asked = warnings();
    for (let i = 0; i < 2; i++) {
      const h = await a.status.checkNow();
      assert.equal(h?.state, 'signedOut', JSON.stringify(h));
      assert.match(a.status.item.text, /^\$\(error\) Old insecure sim signed out$/);
      const cmd = a.status.item.command;
      assert.ok(cmd && typeof cmd === 'object', 'the click is a command with arguments');
      assert.equal(cmd.command, 'cockroachdb.signIn');
      assert.deepEqual(cmd.arguments, [id]);
    }
    assert.equal(warnings(), asked, 'a known demand for a session is not re-asked by polling');
  });

  it('signing in from the row works, the rows load and the status bar turns healthy', async () => {
    const u = admin(s.insecureSession);
    a.ui.use(new ScriptedPrompter([u.username, u.password], ["Don't remember the password"]));
    const [signInRow] = await children(a, await child(a, undefined, NAME));
    const cmd = a.tree.getTreeItem(signInRow!).command!;
    assert.equal(await vscode.commands.executeCommand<boolean>(cmd.command, ...(cmd.arguments ?? [])), true);
    assert.ok(a.auth.token(id), 'signed in');

    const cluster = await child(a, undefined, NAME);
    assert.match(String(a.tree.getTreeItem(cluster).description), /signed in/);
    const nodeRows = await children(a, await child(a, cluster, 'Nodes'));
    assert.deepEqual(
      nodeRows.map((r) => label(a, r).split(' ')[0]),
      ['n1', 'n2', 'n3'],
    );
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'healthy', JSON.stringify(h));
    assert.equal(a.status.item.command, 'cockroachdb.statusBarMenu');
  });
});
