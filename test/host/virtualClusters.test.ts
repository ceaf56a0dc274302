// A cluster whose DB Console port serves an application virtual cluster (the
// simulator's --virtualized mode): Add Cluster notices and asks which virtual
// cluster SQL comes from, sign-in reaches every virtual cluster, nodes come from
// the system cluster and sessions from the application one, what cannot be
// served says so, the status bar calls it healthy, and the choice can be changed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { allSims } from './faultsHelpers';
import type { OverviewPanel } from '../../src/webviews/overviewPanel';
import { admin, api, child, children, label, ScriptedPrompter, setClusters, waitFor, type SimInfo } from './helpers';

const NAME = 'Virtualized sim';

async function tenantRequests(sim: SimInfo, tenant: string, prefix: string): Promise<number> {
  const url = new URL('/tenant-requests', sim.controlUrl);
  url.searchParams.set('tenant', tenant);
  url.searchParams.set('prefix', prefix);
  return ((await (await fetch(url)).json()) as { count: number }).count;
}

function entryOf(origin: string): Record<string, unknown> | undefined {
  const list = vscode.workspace.getConfiguration('cockroachdb').get<Array<Record<string, unknown>>>('clusters') ?? [];
  return list.find((c) => String(c.url).startsWith(origin));
}

describe('virtual clusters', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let v: SimInfo;
  let origin: string;

  before(async () => {
    a = await api();
    const sim = allSims().virtualized;
    assert.ok(sim, 'e2e/run-host.mjs starts sims.virtualized');
    v = sim;
    await setClusters([]);
  });

  after(async () => {
    a.ui.reset();
    const entry = a.connections.get(origin);
    if (entry) await a.auth.signOut(entry);
    await setClusters([]);
  });

  const row = (): Promise<TreeNode> => child(a, undefined, NAME);

  it('Add Cluster probes the address, finds virtual clusters and asks which one SQL comes from', async () => {
    // The probe names the unknown CA, the CA file is chosen in the dialog; the sign-in that follows is dismissed.
    const p = new ScriptedPrompter([v.clusterUrl, NAME], ['Choose CA file…', "The server's default"]);
    p.files.push(v.caFile!);
    a.ui.use(p);
    origin = (await vscode.commands.executeCommand<string>('cockroachdb.addCluster'))!;
    assert.ok(origin, `Add Cluster finished: ${p.asked.join(' / ')}`);
    assert.ok(p.asked.includes('pick:Add Cluster: this cluster serves virtual clusters'), p.asked.join(' / '));
    assert.ok(
      p.options.some((o) => 'prompt' in o && /serves virtual clusters/.test(String(o.prompt))),
      'the name step says what the probe found',
    );
    const entry = entryOf(origin);
    assert.ok(entry, 'the cluster is in cockroachdb.clusters');
    assert.equal(entry.caFile, v.caFile);
    assert.equal(entry.virtualCluster, undefined, "the server's default is no entry");
  });

  it('signs in to every virtual cluster, lists nodes from the system cluster and sessions from the application one', async () => {
    const p = new ScriptedPrompter([admin(v).username, admin(v).password], ["Don't remember the password"]);
    a.ui.use(p);
    assert.equal(
      await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', await row()),
      true,
      p.asked.join(' / '),
    );
    assert.match(a.auth.token(origin) ?? '', /,app,.*,system$/, 'one aggregated session');
    const sections = (await children(a, await row())).map((n) => label(a, n));
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
    const nodes = await children(a, await child(a, await row(), 'Nodes'));
    assert.equal(nodes.filter((n) => /^n\d+/.test(label(a, n))).length, 4);
    const sqlBefore = await tenantRequests(v, 'app', 'sql/');
    const sessions = await children(a, await child(a, await row(), 'Sessions'));
    assert.ok(
      sessions.some((n) => String(a.tree.getTreeItem(n).contextValue).startsWith('session')),
      sessions.map((n) => label(a, n)).join(' | '),
    );
    assert.ok(
      (await tenantRequests(v, 'app', 'sql/')) > sqlBefore,
      'sessions came through sql/ of the application cluster',
    );
    const item = a.tree.getTreeItem(await row());
    assert.match(String(item.description), /virtual clusters/);
    assert.match(String(item.contextValue), /;virtualized(;|$)/);
  });

  it('says in plain words what the virtual cluster cannot serve, and how to change it', async () => {
    const rows = await children(a, await child(a, await row(), 'Databases'));
    assert.equal(rows.length, 1);
    const text = label(a, rows[0]!);
    assert.match(text, /not served by the cluster's default virtual cluster/);
    assert.match(text, /Choose Virtual Cluster/);
    assert.doesNotMatch(text, /unreachable/i);
  });

  it('the status bar calls the healthy virtualized cluster healthy', async () => {
    await a.active.set(origin);
    const health = await a.status.checkNow();
    assert.equal(health?.state, 'healthy', JSON.stringify(health));
    assert.equal(health?.total, 4);
  });

  it('the overview reads nodes and charts from the system cluster', async () => {
    const panel = await vscode.commands.executeCommand<OverviewPanel>('cockroachdb.showOverview', origin);
    try {
      // The webview asks for the figures and the charts itself when it opens; a read made meanwhile would be overtaken.
      await waitFor('the webview’s own first reads', () => panel.readsStarted >= 2 && !panel.loading, 60_000);
      const figures = await panel.loadFigures();
      assert.equal(figures.nodesUnavailable, undefined, JSON.stringify(figures.nodesUnavailable));
      assert.equal(figures.nodes.length, 4);
      const charts = await panel.loadCharts({ window: { preset: '1h' }, perNode: false });
      assert.equal(charts.unavailable, undefined, JSON.stringify(charts.unavailable));
      const cpu = charts.charts.find((c) => c.id === 'cpu');
      assert.ok(
        cpu && !cpu.unavailable && cpu.series[0]!.values.some((x) => x !== null),
        'node metrics, not the app cluster’s',
      );
      assert.ok((await tenantRequests(v, 'system', '/ts/query')) > 0, '/ts/query went to the system cluster');
    } finally {
      panel.dispose();
    }
  });

  it('Choose Virtual Cluster… switches sessions and databases to the system cluster', async () => {
    const p = new ScriptedPrompter([], ['system']);
    a.ui.use(p);
    assert.equal(
      await vscode.commands.executeCommand<string>('cockroachdb.selectVirtualCluster', await row()),
      'system',
    );
    assert.equal(entryOf(origin)?.virtualCluster, 'system');
    assert.ok(
      p.asked.some((q) => q.startsWith('pick:Virtual cluster of')),
      p.asked.join(' / '),
    );
    await waitFor('the new client', () => a.connections.get(origin)?.config.virtualCluster === 'system');
    const before = await tenantRequests(v, 'system', 'sessions/');
    const sessions = await children(a, await child(a, await row(), 'Sessions'));
    assert.ok(sessions.length > 0);
    assert.equal((await tenantRequests(v, 'system', 'sessions/')) - before, 1);
    const dbs = await children(a, await child(a, await row(), 'Databases'));
    assert.ok(
      dbs.some((n) => label(a, n) === 'movr'),
      dbs.map((n) => label(a, n)).join(' | '),
    );
    assert.match(String(a.tree.getTreeItem(await row()).description), /· system ·/);
  });
});
