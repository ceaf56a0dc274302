// The SQL results panel in a real extension host: ONE panel for the window,
// opened beside the editor without taking focus, the webview's own
// loadSqlResults request and reply after every showRun/update, cancelSqlRun
// reaching the run's cancel callback (once, and only for the running run), reuse
// across clusters, a restored panel with nothing to show, and hostile payloads —
// cell values, column names, SQL, errors, plans — carried as data with no CSP
// violation in the webview that renders them. These tests drive their own copy
// of the panel class (the test bundle has its own module instances) with
// cluster handles from the running extension and payloads they build.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClusterHandle } from '../../src/clusters/handle';
import type { ExplorerApi } from '../../src/extension';
import { HOSTILE_STRINGS } from '../../src/sim/data/hostile';
import { webviewOptions } from '../../src/webviews/html';
import type { PanelEnv } from '../../src/webviews/panelBase';
import type { Exchange } from '../../src/webviews/panelMonitor';
import { isWebviewToHost, type WebviewToHost } from '../../src/webviews/protocol/messages';
import type { SqlResultsPayload, StatementOutcome } from '../../src/webviews/protocol/sqlResults';
import { SqlResultsPanel } from '../../src/webviews/sqlResultsPanel';
import { api, EXTENSION_ID, setClusters, sims, waitFor } from './helpers';

const S = sims();
const FIRST = 'SQL results sim';
const SECOND = 'SQL results v26 sim';
const LIMIT_SETTING = 'cockroachdb.sql.maxResultBytes';

function panelEnv(a: ExplorerApi): PanelEnv {
  return {
    extensionUri: vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
    ui: a.ui,
    log: a.logger.scoped('webviews'),
    monitor: a.panels,
  };
}

let nextRunId = 1000;

function run(over: Partial<SqlResultsPayload> = {}): SqlResultsPayload {
  return {
    runId: nextRunId++,
    status: 'running',
    clusterName: FIRST,
    startedAt: new Date().toISOString(),
    statements: [],
    maxResultBytes: 4 * 1024 * 1024,
    limitSetting: LIMIT_SETTING,
    ...over,
  };
}

const hostile = (i: number) => HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!;

/** A result with hostile column names and values, NULL beside the string 'NULL', exact big numbers and JSON. */
function hostileSelect(index: number): StatementOutcome {
  return {
    index,
    sql: `SELECT * FROM "${hostile(0)}"\nWHERE note = '${hostile(1)}'`,
    tag: 'SELECT',
    columns: [
      { name: 'id', type: 'INT8' },
      { name: hostile(0), type: 'STRING' },
      { name: 'amount', type: 'DECIMAL' },
      { name: 'doc', type: 'JSONB' },
      { name: hostile(2), type: 'STRING' },
    ],
    rows: Array.from({ length: 200 }, (_, i) => [
      (9007199254740993n + BigInt(i)).toString(),
      hostile(i),
      `-${i}.50`,
      i % 3 ? `{"n": 1234567890123456789${i % 10}, "s": ${JSON.stringify(hostile(i))}}` : null,
      i % 2 ? 'NULL' : null,
    ]),
    truncated: true,
  };
}

function failedStatement(index: number): StatementOutcome {
  return {
    index,
    sql: `SELECT *\n  FROM "${hostile(3)}"`,
    tag: 'SELECT',
    columns: [],
    rows: [],
    truncated: false,
    error: {
      code: '42P01',
      message: `relation "${hostile(3)}" does not exist`,
      hint: hostile(4),
      detail: hostile(5),
      position: 16,
    },
  };
}

const PLAN: NonNullable<SqlResultsPayload['plan']> = {
  analyze: false,
  header: [
    { key: 'distribution', value: 'full' },
    { key: 'vectorized', value: 'true' },
  ],
  root: {
    operator: 'filter',
    attributes: [{ key: 'filter', value: `note = '${hostile(6)}'` }],
    fullScan: false,
    children: [
      {
        operator: 'scan',
        attributes: [
          { key: 'estimated row count', value: '1,000 (missing stats)' },
          { key: 'table', value: `"${hostile(0)}"@primary` },
          { key: 'spans', value: 'FULL SCAN' },
        ],
        table: `"${hostile(0)}"`,
        index: 'primary',
        spans: 'FULL SCAN',
        estimatedRows: 1000,
        fullScan: true,
        children: [],
      },
    ],
  },
  text: `distribution: full\n• filter\n│ filter: note = '${hostile(6)}'\n└── • scan\n      table: "${hostile(0)}"@primary\n      spans: FULL SCAN`,
  hints: [`Add an index on "${hostile(0)}" (note) to avoid the full scan.`],
};

describe('webviews: SQL results panel', function () {
  this.timeout(120_000);
  let a: ExplorerApi;
  let env: PanelEnv;
  let editor: vscode.TextEditor;
  const byName = (name: string): ClusterHandle => {
    const c = a.connections.all().find((x) => x.name === name);
    assert.ok(c, `cluster ${name} is configured`);
    return c;
  };
  const seen = (pred: (e: Exchange) => boolean, since = 0) => a.panels.exchanges.slice(since).some(pred);
  const replied = (method: string, since: number, ok = true) =>
    seen((e) => e.panel === 'sqlResults' && e.dir === 'out' && e.method === method && e.ok === ok, since);
  const asked = (method: string, since: number) =>
    seen((e) => e.panel === 'sqlResults' && e.dir === 'in' && e.type === 'request' && e.method === method, since);
  /** What the webview's message listener would pass on, checked by the same guard first. */
  const fromWebview = async (panel: SqlResultsPanel, m: WebviewToHost) => {
    assert.ok(isWebviewToHost(m), `the protocol accepts ${JSON.stringify(m)}`);
    await (panel as unknown as { receive(m: WebviewToHost): Promise<void> }).receive(m);
  };
  /** showRun, then the webview's own load of it. */
  const shown = async (cluster: ClusterHandle, payload: SqlResultsPayload, cancel = () => {}) => {
    const mark = a.panels.exchanges.length;
    const panel = SqlResultsPanel.showRun(env, cluster, payload, cancel);
    await panel.whenReady();
    await waitFor('the webview’s loadSqlResults reply', () => replied('loadSqlResults', mark), 60_000);
    return panel;
  };

  before(async () => {
    a = await api();
    env = panelEnv(a);
    await setClusters([
      { name: FIRST, url: S.insecure.clusterUrl },
      { name: SECOND, url: S.v26.clusterUrl },
    ]);
    await waitFor('clusters configured', () => a.connections.all().length === 2);
  });

  beforeEach(async () => {
    // The Run SQL commands are run from a SQL editor; the panel must leave it focused.
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: 'SELECT 1;\n' });
    editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
  });

  afterEach(async () => {
    SqlResultsPanel.current()?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await setClusters([]);
    assert.equal(a.panels.cspViolations, 0, 'no webview reported a CSP violation');
  });

  it('showRun opens one panel beside the editor without taking focus; the webview asks for the run and gets it', async () => {
    const c = byName(FIRST);
    const p = run();
    const mark = a.panels.exchanges.length;
    const panel = await shown(c, p);
    assert.equal(panel.panel.viewType, SqlResultsPanel.viewType);
    assert.equal(panel.panel.title, `SQL results — ${FIRST}`);
    assert.equal(SqlResultsPanel.current(), panel);
    assert.ok(asked('loadSqlResults', mark), 'the webview asked for the run');
    assert.deepEqual(panel.load(), p, 'it is answered with the run as given');
    assert.doesNotThrow(() => structuredClone(panel.load()), 'the payload survives postMessage');
    // Focus stays in the editor; the panel is beside it, not over it.
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the SQL editor is still active');
    assert.equal(panel.panel.active, false, 'the results panel did not take focus');
    assert.notEqual(panel.panel.viewColumn, editor.viewColumn, 'opened beside the editor');
    // A second run reuses the panel, still without taking focus.
    const mark2 = a.panels.exchanges.length;
    const again = SqlResultsPanel.showRun(env, c, run({ status: 'done', durationMs: 3 }), () => {});
    assert.equal(again, panel, 'one panel for the window');
    await waitFor('the second run is loaded', () => replied('loadSqlResults', mark2), 30_000);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
    assert.equal(panel.panel.active, false);
  });

  it('cancelSqlRun reaches the callback of the running run, once; other runs and finished runs are refused', async () => {
    let calls = 0;
    const p = run();
    const panel = await shown(byName(FIRST), p, () => calls++);
    const mark = a.panels.exchanges.length;
    await fromWebview(panel, { type: 'request', req: 9001, method: 'cancelSqlRun', params: { runId: p.runId } });
    assert.equal(calls, 1, 'the cancel callback ran');
    assert.ok(replied('cancelSqlRun', mark), 'the webview got its reply');
    assert.equal(panel.cancel(p.runId), true, 'asking again: still cancelling…');
    assert.equal(calls, 1, '…without calling it twice');
    assert.equal(panel.cancel(p.runId + 1), false, 'another run id is refused');
    // The command reports the end of the run.
    assert.equal(panel.update({ ...p, status: 'cancelled', durationMs: 40 }), true);
    assert.equal(panel.cancel(p.runId), false, 'a finished run cannot be cancelled');

    // A run that finishes before anyone cancels it: its callback is dropped.
    let late = 0;
    const q = run();
    SqlResultsPanel.showRun(env, byName(FIRST), q, () => late++);
    panel.update({ ...q, status: 'done', durationMs: 5 });
    assert.equal(panel.cancel(q.runId), false);
    assert.equal(late, 0);
    // A newer run replaces the older one: the older one's id is no longer cancellable.
    let first = 0;
    let second = 0;
    const r1 = run();
    const r2 = run();
    SqlResultsPanel.showRun(env, byName(FIRST), r1, () => first++);
    SqlResultsPanel.showRun(env, byName(FIRST), r2, () => second++);
    assert.equal(panel.cancel(r1.runId), false);
    assert.equal(panel.cancel(r2.runId), true);
    assert.deepEqual([first, second], [0, 1]);
    // A malformed cancel never reaches the panel.
    assert.equal(isWebviewToHost({ type: 'request', req: 1, method: 'cancelSqlRun', params: { runId: -1 } }), false);
    assert.equal(isWebviewToHost({ type: 'request', req: 1, method: 'cancelSqlRun', params: {} }), false);
  });

  it('update shows the final state of the same run (the webview loads it again); a stale run’s update is ignored', async () => {
    const p = run();
    const panel = await shown(byName(FIRST), p);
    const mark = a.panels.exchanges.length;
    const done: SqlResultsPayload = {
      ...p,
      status: 'done',
      durationMs: 12,
      statements: [
        {
          index: 0,
          sql: 'INSERT INTO t VALUES (1)',
          tag: 'INSERT',
          columns: [],
          rows: [],
          rowsAffected: 1,
          truncated: false,
        },
      ],
    };
    assert.equal(panel.update(done), true);
    await waitFor(
      'the webview reloads after update',
      () => asked('loadSqlResults', mark) && replied('loadSqlResults', mark),
      30_000,
    );
    assert.deepEqual(panel.load(), done);
    assert.equal(panel.update({ ...done, runId: p.runId - 1, status: 'failed' }), false, 'not the shown run');
    assert.deepEqual(panel.load(), done);
  });

  it('one panel across clusters: a run on another cluster retitles it and becomes its cluster', async () => {
    const panel = await shown(byName(FIRST), run({ status: 'done', durationMs: 1 }));
    const mark = a.panels.exchanges.length;
    const other = byName(SECOND);
    const p = run({ clusterName: SECOND, status: 'done', durationMs: 2 });
    assert.equal(
      SqlResultsPanel.showRun(env, other, p, () => {}),
      panel,
    );
    assert.equal(panel.panel.title, `SQL results — ${SECOND}`);
    assert.equal(panel.shownCluster, other);
    await waitFor('the other cluster’s run is loaded', () => replied('loadSqlResults', mark), 30_000);
    assert.equal(panel.load()?.clusterName, SECOND);
    assert.equal(
      a.panels.exchanges.slice(mark).filter((e) => e.type === 'init').length,
      0,
      'the webview was not rebuilt',
    );
  });

  it('hostile values, column names, SQL, errors and plans reach the webview as data: nothing in its HTML, no CSP violation', async () => {
    const violations = a.panels.cspViolations;
    const p = run({
      status: 'failed',
      durationMs: 321,
      clusterName: FIRST,
      statements: [hostileSelect(0), failedStatement(1)],
      plan: PLAN,
      failure: undefined,
    });
    const panel = await shown(byName(FIRST), p);
    const got = panel.load()!;
    assert.deepEqual(got, p, 'values exact, as given');
    assert.equal(got.statements[0]!.rows[0]![0], '9007199254740993', 'INT8 beyond 2^53 is the text the server printed');
    assert.equal(got.statements[0]!.truncated, true);
    assert.equal(got.statements[1]!.error?.position, 16);
    assert.equal(got.plan?.root?.children[0]?.fullScan, true);
    assert.doesNotThrow(() => structuredClone(got));
    const html = panel.panel.webview.html;
    for (const h of HOSTILE_STRINGS) assert.ok(!html.includes(h), `the page HTML holds no cluster data (${h})`);
    assert.doesNotMatch(html, /unsafe-(inline|eval)/);
    // The webview renders 200 hostile rows, an error and a plan; anything that parsed them as HTML
    // (an <img onerror>, an inline script) would be blocked by the CSP and reported.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(a.panels.cspViolations, violations, 'no CSP violation while rendering hostile data');
  });

  it('a restored panel (the serializer’s constructor) has no run: the webview is told null', async () => {
    const c = byName(FIRST);
    const mark = a.panels.exchanges.length;
    const webviewPanel = vscode.window.createWebviewPanel(
      SqlResultsPanel.viewType,
      'SQL results',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(env.extensionUri),
    );
    const panel = new SqlResultsPanel(webviewPanel, env, c);
    assert.equal(SqlResultsPanel.current(), panel);
    assert.equal(panel.panel.title, `SQL results — ${FIRST}`);
    await panel.whenReady();
    await waitFor('the restored webview asks and is answered', () => replied('loadSqlResults', mark), 60_000);
    assert.equal(panel.load(), null, 'nothing ran in this window yet');
    assert.equal(panel.cancel(1), false);
    // The next run goes to this panel.
    const p = run();
    assert.equal(
      SqlResultsPanel.showRun(env, c, p, () => {}),
      panel,
    );
    assert.deepEqual(panel.load(), p);
  });

  it('closing the panel: current() is gone, a late update is ignored, the next run opens a new panel', async () => {
    const p = run();
    const panel = await shown(byName(FIRST), p);
    panel.panel.dispose(); // the user closes the tab
    assert.equal(SqlResultsPanel.current(), undefined);
    assert.equal(panel.update({ ...p, status: 'done' }), false);
    const next = await shown(byName(FIRST), run());
    assert.notEqual(next, panel);
    assert.equal(SqlResultsPanel.current(), next);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
  });
});
