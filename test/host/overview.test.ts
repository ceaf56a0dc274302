// The Cluster overview in a real extension host, against the shared simulators:
// the Overview row and command, the figures (each with where and when it was read),
// the charts over a window (aggregated by default, per node on request), a user who
// may not read nodes/, the status item's health rules after a node stops (its click
// opens the overview at the rule's chart), and the diagnostics snapshot with its
// redaction. These tests drive their own copy of the panel class with cluster
// handles from the running extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClusterHandle } from '../../src/clusters/handle';
import type { ExplorerApi } from '../../src/extension';
import { OverviewPanel } from '../../src/webviews/overviewPanel';
import type { PanelEnv } from '../../src/webviews/panelBase';
import { CHART_IDS } from '../../src/domain/overview/types';
import {
  admin,
  api,
  child,
  children,
  EXTENSION_ID,
  label,
  nonAdmin,
  ScriptedPrompter,
  setClusters,
  simControl,
  sims,
  waitFor,
} from './helpers';

const S = sims();
const SECURE = 'Overview secure';
const INSECURE = 'Overview insecure';
const origin = (u: string) => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

function panelEnv(a: ExplorerApi): PanelEnv {
  return {
    extensionUri: vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
    ui: a.ui,
    log: a.logger.scoped('webviews'),
    monitor: a.panels,
  };
}

describe('cluster overview, health rules and the diagnostics snapshot', function () {
  this.timeout(120_000);
  let a: ExplorerApi;
  let env: PanelEnv;
  const secureId = origin(S.secure.clusterUrl);
  const byName = (name: string): ClusterHandle => {
    const c = a.connections.all().find((x) => x.name === name);
    assert.ok(c, `cluster ${name} is configured`);
    return c;
  };
  const signIn = async (user: { username: string; password: string }) => {
    await vscode.commands.executeCommand('cockroachdb.signOut', secureId);
    a.ui.use(new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]));
    await vscode.commands.executeCommand('cockroachdb.signIn', secureId);
    a.ui.reset();
  };
  /**
   * The panel's own webview asks for the figures and the charts when it opens; a test's request
   * made meanwhile would be overtaken (one read of each kind in flight per panel), so wait for those.
   */
  const opened = async (name: string): Promise<OverviewPanel> => {
    const p = OverviewPanel.show(env, byName(name));
    await waitFor('the webview’s own first reads', () => p.readsStarted >= 2 && !p.loading, 60_000);
    return p;
  };
  const tipText = () => (a.status.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');

  before(async () => {
    a = await api();
    env = panelEnv(a);
    await setClusters([
      { name: SECURE, url: S.secure.clusterUrl, caFile: S.secure.caFile! },
      { name: INSECURE, url: S.insecure.clusterUrl },
    ]);
    await signIn(admin(S.secure));
  });

  afterEach(() => {
    for (const p of [...OverviewPanel.open.values()]) p.dispose();
    a.ui.reset();
  });

  after(async () => {
    await simControl(S.secure, '/down-nodes', { ids: '' });
    await vscode.commands.executeCommand('cockroachdb.signOut', secureId);
    await setClusters([]);
  });

  it('puts an Overview row first under a signed-in cluster, and its command opens the panel', async () => {
    const cluster = await child(a, undefined, SECURE);
    const rows = await children(a, cluster);
    assert.equal(label(a, rows[0]!), 'Overview');
    const item = a.tree.getTreeItem(rows[0]!);
    assert.equal(item.command?.command, 'cockroachdb.showOverview');
    const opened = (await vscode.commands.executeCommand('cockroachdb.showOverview', secureId, 'replication')) as {
      panel: vscode.WebviewPanel;
      focusedChart?: string;
      dispose(): void;
    };
    assert.match(opened.panel.title, /^Overview — Overview secure$/);
    assert.equal(opened.focusedChart, 'replication', 'the chart asked for is the one brought into view');
    opened.dispose();
  });

  it('reads the figures with where and when each came from', async () => {
    const p = await opened(SECURE);
    const payload = await p.loadFigures();
    assert.doesNotThrow(() => structuredClone(payload), 'the payload survives postMessage');
    const ids = payload.cards.map((c) => c.id);
    for (const want of ['nodes', 'capacity', 'ranges', 'connections', 'qps', 'p99'])
      assert.ok(
        ids.some((i) => i.toLowerCase().includes(want)),
        `a ${want} card among ${ids.join(', ')}`,
      );
    for (const c of payload.cards) {
      if (c.unavailable) continue;
      assert.match(c.source.from, /^n\d+$/, `${c.id} names the node it came from`);
      assert.match(c.source.version ?? '', /^v\d+\.\d+/, `${c.id} names that node's version`);
      assert.ok(Date.now() - Date.parse(c.source.at) < 60_000, `${c.id} was read now`);
    }
    assert.equal(payload.nodes.length, 9, 'one row per node');
    assert.ok(
      payload.nodes.every((n) => n.capacityBytes && n.usedPercent !== undefined),
      'capacity per node from store metrics',
    );
    assert.ok(payload.rules.length >= 7, `every health rule is listed (${payload.rules.map((r) => r.id).join()})`);
    assert.match(payload.source.from, /^n\d+$/);
  });

  it('draws the eight charts over an hour, aggregated by default and per node on request', async () => {
    const p = await opened(SECURE);
    await p.loadFigures();
    const agg = await p.loadCharts({ window: { preset: '1h' }, perNode: false });
    assert.deepEqual(agg.charts.map((c) => c.id).sort(), [...CHART_IDS].sort());
    assert.equal(agg.unavailable, undefined, JSON.stringify(agg.unavailable));
    for (const c of agg.charts) {
      assert.equal(c.unavailable, undefined, `${c.id}: ${c.unavailable}`);
      assert.ok(c.timestamps.length >= 300 && c.timestamps.length <= 400, `${c.id}: ${c.timestamps.length} points`);
      for (const s of c.series) assert.equal(s.values.length, c.timestamps.length, `${c.id}/${s.label} is aligned`);
    }
    const qps = agg.charts.find((c) => c.id === 'qps')!;
    assert.ok(qps.series.length >= 4, 'QPS by statement type');
    assert.equal(agg.sampleSeconds, 10);
    const perNode = await p.loadCharts({ window: { preset: '6h' }, perNode: true });
    const cpu = perNode.charts.find((c) => c.id === 'cpu')!;
    assert.equal(cpu.series.length, 9, `one CPU series per node: ${cpu.series.map((s) => s.label).join()}`);
    assert.ok(perNode.sampleSeconds > 10, 'a longer window samples coarser');
  });

  it('a user who may not read nodes/ gets the charts and a figure that says what is missing', async () => {
    await signIn(nonAdmin(S.secure));
    try {
      const p = await opened(SECURE);
      const payload = await p.loadFigures();
      assert.ok(payload.nodesUnavailable, 'the node table says why it is empty');
      assert.match(payload.nodesUnavailable.whatToDo, /VIEWCLUSTERMETADATA/);
      assert.ok(
        payload.rules.some((r) => r.state === 'unknown'),
        'rules that need the node list are unknown, not healthy',
      );
      const charts = await p.loadCharts({ window: { preset: '1h' }, perNode: false });
      assert.equal(charts.unavailable, undefined, 'the metrics routes serve any signed-in user');
      assert.ok(await a.auth.isSignedIn(secureId), 'still signed in');
    } finally {
      await signIn(admin(S.secure));
    }
  });

  it('an insecure cluster needs no sign-in for its overview', async () => {
    const p = await opened(INSECURE);
    const payload = await p.loadFigures();
    assert.equal(payload.nodes.length, 5);
    assert.ok(
      payload.rules.some((r) => r.id === 'nodes' && r.state === 'warning'),
      'node 4 is down there',
    );
    const charts = await p.loadCharts({ window: { preset: '1h' }, perNode: false });
    assert.equal(charts.unavailable, undefined);
  });

  it('the status item names the under-replicated ranges after a node stops, and its click opens that chart', async () => {
    await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', secureId);
    const healthy = await a.status.checkNow();
    assert.equal(healthy?.state, 'healthy', JSON.stringify(healthy?.rules?.filter((r) => r.state !== 'ok')));
    assert.match(a.status.item.text, /^\$\(pass\) Overview secure 9\/9 live$/);
    await simControl(S.secure, '/down-nodes', { ids: '3' });
    try {
      const h = await a.status.checkNow();
      assert.equal(h?.state, 'degraded');
      assert.match(a.status.item.text, /^\$\(warning\) Overview secure · \d+ under-replicated ranges? \+1$/);
      const tip = tipText();
      assert.match(tip, /Under-replicated ranges: \d+/i);
      assert.match(tip, /n3 dead/);
      assert.match(tip, /command:cockroachdb\.showOverview\?/, 'each rule links its chart');
      const cmd = a.status.item.command as vscode.Command;
      assert.equal(cmd.command, 'cockroachdb.showOverview');
      assert.deepEqual(cmd.arguments, [secureId, 'replication']);
      const panel = (await vscode.commands.executeCommand(cmd.command, ...cmd.arguments!)) as {
        focusedChart?: string;
        dispose(): void;
      };
      assert.equal(panel.focusedChart, 'replication');
      panel.dispose();
    } finally {
      await simControl(S.secure, '/down-nodes', { ids: '' });
    }
  });

  for (const [setting, value, rule, chart, text] of [
    ['health.capacityPercent', 50, 'Store capacity', 'capacity', /store/],
    ['health.p99LatencyMs', 1, 'SQL p99 latency', 'latency', /p99/],
  ] as const) {
    it(`a threshold from settings reaches the status item: ${setting} = ${value}`, async () => {
      const cfg = () => vscode.workspace.getConfiguration('cockroachdb');
      await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', secureId);
      await cfg().update(setting, value, vscode.ConfigurationTarget.Global);
      try {
        const h = await a.status.checkNow();
        assert.equal(h?.state, 'degraded', JSON.stringify(h?.rules?.filter((r) => r.state !== 'ok')));
        assert.match(a.status.item.text, /^\$\(warning\) Overview secure · /);
        assert.match(h!.summary, text);
        assert.match(tipText(), new RegExp(`${rule}: `));
        assert.deepEqual((a.status.item.command as vscode.Command).arguments, [secureId, chart]);
      } finally {
        await cfg().update(setting, undefined, vscode.ConfigurationTarget.Global);
      }
      assert.equal((await a.status.checkNow())?.state, 'healthy', 'back to healthy with the default');
    });
  }

  it('saves a redacted diagnostics snapshot: no token, no password, no SQL literal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-snapshot-'));
    const target = vscode.Uri.file(path.join(dir, 'incident.md'));
    a.ui.use({
      pick: async (items) => items[0],
      saveDialog: async () => target,
      info: async () => undefined,
    });
    const saved = (await vscode.commands.executeCommand('cockroachdb.saveDiagnosticsSnapshot', secureId)) as {
      markdown: vscode.Uri;
      json: vscode.Uri;
    };
    assert.ok(saved, 'the snapshot was saved');
    const md = fs.readFileSync(saved.markdown.fsPath, 'utf8');
    const json = fs.readFileSync(saved.json.fsPath, 'utf8');
    assert.doesNotThrow(() => JSON.parse(json));
    for (const heading of [/node/i, /rule|health/i, /hot range/i, /statement/i, /job/i, /event/i])
      assert.match(md, heading);
    const token = a.auth.token(secureId);
    assert.ok(token, 'signed in, so there is a token to leak');
    for (const text of [md, json]) {
      assert.ok(!text.includes(token), 'the session token is not in the snapshot');
      assert.ok(!text.includes(admin(S.secure).password), 'the password is not in the snapshot');
      assert.ok(!text.includes('<script>window.__xss=1</script>'), 'SQL string literals are replaced');
    }
    await waitFor('the files', () => fs.existsSync(saved.json.fsPath));
  });
});
