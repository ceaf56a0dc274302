// The explorer against simulated clusters: every tree level, paging, filters,
// partial results, error rows, sign-in and sign-out (revoked on the server),
// the single re-sign-in prompt, secrets kept only in SecretStorage.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ClusterClient } from '../../src/api/cluster/client';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { admin, api, child, children, label, nonAdmin, ScriptedPrompter, setClusters, sims } from './helpers';

const s = sims();
const SECURE = 'Secure sim';
const INSECURE = 'Insecure sim';
const DEAD = 'Nobody home';
const origin = (u: string) => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

async function clusterRow(a: ExplorerApi, name: string): Promise<TreeNode> {
  return child(a, undefined, name);
}

async function signIn(
  a: ExplorerApi,
  name: string,
  user = admin(s.secure),
  remember = "Don't remember the password",
): Promise<ScriptedPrompter> {
  const p = new ScriptedPrompter([user.username, user.password], [remember]);
  a.ui.use(p);
  const row = await clusterRow(a, name);
  const ok = await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', row);
  assert.equal(ok, true, `sign-in answered: ${p.asked.join(' / ')}`);
  return p;
}

describe('explorer tree', function () {
  this.timeout(60_000);
  let a: ExplorerApi;

  before(async () => {
    a = await api();
    await setClusters([
      { name: SECURE, url: s.secure.clusterUrl, caFile: s.secure.caFile! },
      { name: INSECURE, url: s.insecure.clusterUrl },
      { name: DEAD, url: 'http://127.0.0.1:9' },
    ]);
    await vscode.workspace.getConfiguration('cockroachdb').update('pageSize', 4, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    a.ui.reset();
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('pageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('lists configured clusters as root rows with accessibility labels', async () => {
    const roots = await children(a);
    const names = roots.map((r) => label(a, r));
    for (const n of [SECURE, INSECURE, DEAD]) assert.ok(names.includes(n), names.join());
    const item = a.tree.getTreeItem(roots.find((r) => label(a, r) === SECURE)!);
    assert.match(item.accessibilityInformation!.label, /Cluster Secure sim/);
    assert.match(String(item.contextValue), /^cluster;.*signedOut/);
  });

  it('shows a sign-in row for a secure cluster before signing in', async () => {
    const rows = await children(a, await clusterRow(a, SECURE));
    assert.equal(rows.length, 1);
    assert.match(label(a, rows[0]!), /^Sign in to Secure sim/);
  });

  it('signs in through the prompts, keeps the token only in SecretStorage and shows the sections', async () => {
    await signIn(a, SECURE);
    const token = a.auth.token(origin(s.secure.clusterUrl));
    assert.ok(token, 'token cached after sign-in');
    const settingsText = JSON.stringify(vscode.workspace.getConfiguration('cockroachdb'));
    assert.ok(!settingsText.includes(token), 'token not in settings');
    const sections = (await children(a, await clusterRow(a, SECURE))).map((n) => label(a, n));
    assert.deepEqual(sections, [
      'Overview',
      'Nodes',
      'Hot ranges',
      'Sessions',
      'Databases',
      'SQL activity',
      'Jobs',
      'Events',
      'Alerting rules',
    ]);
  });

  it('pages nodes with a Load more row and loads the next page', async () => {
    const nodes = await child(a, await clusterRow(a, SECURE), 'Nodes');
    let rows = await children(a, nodes);
    assert.equal(rows.filter((r) => /^n\d+/.test(label(a, r))).length, 4);
    const more = rows.at(-1)!;
    assert.equal(label(a, more), 'Load more…');
    await vscode.commands.executeCommand('cockroachdb.loadMore', more);
    rows = await children(a, nodes);
    assert.equal(rows.filter((r) => /^n\d+/.test(label(a, r))).length, 8);
  });

  it('expands a node to its ranges and a range row opens range details', async () => {
    const nodes = await child(a, await clusterRow(a, SECURE), 'Nodes');
    const n1 = await child(a, nodes, /^n1 /);
    const item = a.tree.getTreeItem(n1);
    assert.equal(item.resourceUri?.scheme, 'cockroachdb-node');
    const ranges = await child(a, n1, 'Ranges');
    const rows = await children(a, ranges);
    const range = rows.find((r) => /^r\d+$/.test(label(a, r)));
    assert.ok(range, rows.map((r) => label(a, r)).join());
    assert.equal(a.tree.getTreeItem(range).command?.command, 'cockroachdb.showRangeDetails');
  });

  it('filters ranges by id through the server and clears the filter', async () => {
    const nodes = await child(a, await clusterRow(a, SECURE), 'Nodes');
    const ranges = await child(a, await child(a, nodes, /^n1 /), 'Ranges');
    const first = (await children(a, ranges)).find((r) => /^r\d+$/.test(label(a, r)))!;
    const id = Number(label(a, first).slice(1));
    a.tree.filters.set(ranges.id, { rangeIds: [id] });
    a.tree.refresh(ranges);
    const filtered = (await children(a, ranges)).map((r) => label(a, r));
    assert.deepEqual(filtered, [`r${id}`]);
    assert.match(String(a.tree.getTreeItem(ranges).description), /filter ranges/);
    await vscode.commands.executeCommand('cockroachdb.clearFilter', ranges);
    assert.ok((await children(a, ranges)).length > 1);
  });

  it('lists hot ranges, sessions, databases with tables, and events', async () => {
    const cluster = await clusterRow(a, SECURE);
    const hot = await children(a, await child(a, cluster, 'Hot ranges'));
    assert.ok(
      hot.some((r) => /^r\d+$/.test(label(a, r))),
      hot.map((r) => label(a, r)).join(),
    );
    const sessions = await children(a, await child(a, cluster, 'Sessions'));
    assert.ok(
      sessions.some((r) => / @ /.test(label(a, r))),
      sessions.map((r) => label(a, r)).join(),
    );
    const dbs = await child(a, cluster, 'Databases');
    const movr = await child(a, dbs, /movr|bank|defaultdb/);
    const tables = await children(a, movr);
    assert.ok(tables.length > 0);
    const events = await children(a, await child(a, cluster, 'Events'));
    assert.ok(events.length > 0);
  });

  it('shows hostile names and SQL as plain labels (tree items never render HTML)', async () => {
    const sessions = await children(a, await child(a, await clusterRow(a, SECURE), 'Sessions'));
    for (const r of sessions) {
      const t = a.tree.getTreeItem(r).tooltip;
      if (t instanceof vscode.MarkdownString) {
        assert.equal(t.supportHtml, false);
        assert.ok(!t.isTrusted);
      }
    }
  });

  it('an insecure cluster needs no sign-in and reports nodes that did not answer', async () => {
    const cluster = await clusterRow(a, INSECURE);
    const sections = await children(a, cluster);
    assert.deepEqual(
      sections.slice(0, 2).map((s) => label(a, s)),
      ['Overview', 'Nodes'],
    );
    const hot = await children(a, await child(a, cluster, 'Hot ranges'));
    assert.ok(
      hot.some((r) => /^1 of 5 nodes did not answer \(n4\)$/.test(label(a, r))),
      hot.map((r) => label(a, r)).join(' | '),
    );
    assert.ok(
      hot.some((r) => /^r\d+$/.test(label(a, r))),
      'the nodes that answered still show their hot ranges',
    );
  });

  it('an unreachable cluster shows an error row with Retry while the others load', async () => {
    const cluster = await clusterRow(a, DEAD);
    const nodes = await child(a, cluster, 'Nodes');
    const rows = await children(a, nodes);
    assert.equal(rows.length, 1);
    assert.match(label(a, rows[0]!), /Could not load nodes: .*refused/i);
    assert.equal(a.tree.getTreeItem(rows[0]!).command?.command, 'cockroachdb.retry');
  });

  it('a non-admin user sees the 403 explained in the row', async () => {
    await signIn(a, SECURE, nonAdmin(s.secure));
    const cluster = await clusterRow(a, SECURE);
    const rows = await children(a, await child(a, cluster, 'Nodes'));
    assert.match(label(a, rows[0]!), /admin role or the VIEWCLUSTERMETADATA privilege/);
    await signIn(a, SECURE);
  });

  it('signs out: the server revokes the session and the secret is deleted', async () => {
    const id = origin(s.secure.clusterUrl);
    const token = a.auth.token(id)!;
    assert.ok(token);
    await vscode.commands.executeCommand('cockroachdb.signOut', await clusterRow(a, SECURE));
    assert.equal(a.auth.token(id), undefined);
    // The old token no longer works on the server.
    await assert.rejects(
      new ClusterClient({
        baseUrl: s.secure.clusterUrl,
        caPem: fs.readFileSync(s.secure.caFile!, 'utf8'),
        session: { getToken: () => token },
      }).nodesPage({ limit: 1 }),
      (e: Error & { kind?: string }) => e.kind === 'unauthorized',
    );
  });
});
