// Run SQL and Explain from real editors against the simulated clusters: the
// statement under the cursor or the selection, results in the one panel, errors
// as diagnostics where they failed, confirmations for statements that change
// things and a read-only cluster that refuses them, truncation, cancel, Explain
// with its plan, the history (passwords masked), and the statement CodeLens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { api, ScriptedPrompter, setClusters, simControl, sims, waitFor } from './helpers';

const s = sims();
const RW = 'Editor sim';
const RO = 'Editor sim (read-only)';

async function sqlEditor(text: string, cursorAt?: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  if (cursorAt !== undefined) {
    const p = doc.positionAt(text.indexOf(cursorAt) + 1);
    editor.selection = new vscode.Selection(p, p);
  }
  return editor;
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('cockroachdb').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('editor: Run SQL and Explain', function () {
  this.timeout(90_000);
  let a: ExplorerApi;

  before(async () => {
    a = await api();
    // Insecure clusters need no sign-in; the same cluster is listed twice, once read-only.
    await setClusters([
      { name: RW, url: s.insecure.clusterUrl },
      { name: RO, url: s.insecure.clusterUrl.replace('127.0.0.1', 'localhost'), readOnly: true },
    ]);
  });

  afterEach(async () => {
    a.ui.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await setting('sql.maxResultBytes', undefined);
    await setClusters([]);
  });

  async function onCluster(editor: vscode.TextEditor, name: string): Promise<void> {
    a.ui.use(new ScriptedPrompter([], [name]));
    await vscode.commands.executeCommand('cockroachdb.chooseEditorCluster');
    assert.equal(a.editor.clusters.clusterFor(editor.document)?.name, name);
  }

  it('runs the statement under the cursor and shows its rows, columns and types in the SQL results panel', async () => {
    const editor = await sqlEditor('SELECT 1 AS one;\nSELECT 2 AS two, 9007199254740993::INT8 AS big;\n', 'SELECT 2');
    await onCluster(editor, RW);
    const run = await vscode.commands.executeCommand<{ status: string; statements: Array<Record<string, unknown>> }>(
      'cockroachdb.runSql',
    );
    assert.equal(run?.status, 'done');
    assert.equal(run.statements.length, 1, 'only the statement under the cursor');
    const st = run.statements[0] as { columns: Array<{ name: string; type: string }>; rows: string[][] };
    assert.deepEqual(
      st.columns.map((c) => c.name),
      ['two', 'big'],
    );
    assert.equal(st.columns[1]!.type, 'INT8');
    assert.deepEqual(st.rows, [['2', '9007199254740993']], 'INT8 past 2^53 exact');
    // The extension's own bundle holds the panel object; the tab is what a person sees.
    const tab = await waitFor('the SQL results panel', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('cockroachdb.sqlResults')),
    );
    assert.match(tab.label, new RegExp(`^SQL results — ${RW}`));
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the editor keeps the focus');
  });

  it('runs a selection of several statements in order', async () => {
    const text = "SELECT 1 AS a;\n-- a comment; with a semicolon\nSELECT 'x;y' AS b;\n";
    const editor = await sqlEditor(text);
    await onCluster(editor, RW);
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(text.length));
    const run = await vscode.commands.executeCommand<{ statements: Array<{ rows: string[][] }> }>('cockroachdb.runSql');
    assert.deepEqual(
      run?.statements.map((x) => x.rows[0]?.[0]),
      ['1', 'x;y'],
    );
  });

  it('a failing statement gets a diagnostic with its SQLSTATE where it failed, and later statements do not run', async () => {
    const text = 'SELECT 1;\nSELECT * FROM no_such_table_here;\nSELECT 3;\n';
    const editor = await sqlEditor(text);
    await onCluster(editor, RW);
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(text.length));
    const run = await vscode.commands.executeCommand<{
      status: string;
      statements: Array<{ error?: { code?: string; message: string } }>;
    }>('cockroachdb.runSql');
    assert.equal(run?.status, 'failed');
    assert.equal(run.statements.length, 2, 'stopped at the failure');
    assert.equal(run.statements[1]!.error?.code, '42P01');
    const diags = vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => d.source?.startsWith('CockroachDB'));
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.range.start.line, 1, 'on the failing statement');
    assert.equal(diags[0]!.code, '42P01');
    assert.match(diags[0]!.message, /no_such_table_here/);
  });

  it('a DROP asks for a confirmation naming the cluster and the statement; declined, nothing runs', async () => {
    const editor = await sqlEditor('DROP TABLE IF EXISTS editor_test_scratch;', 'DROP');
    await onCluster(editor, RW);
    const p = new ScriptedPrompter([], [], undefined, false);
    a.ui.use(p);
    const run = await vscode.commands.executeCommand('cockroachdb.runSql');
    assert.equal(run, undefined);
    assert.match(p.asked.join(' | '), new RegExp(`^confirm:Run DROP.* on ${RW}\\?`));
  });

  it('a read-only cluster refuses a statement that writes, without asking', async () => {
    const editor = await sqlEditor('DELETE FROM editor_test_scratch;', 'DELETE');
    await onCluster(editor, RO);
    const p = new ScriptedPrompter([], [], undefined, true);
    a.ui.use(p);
    assert.equal(await vscode.commands.executeCommand('cockroachdb.runSql'), undefined);
    assert.ok(!p.asked.some((q) => q.startsWith('confirm:')), p.asked.join(' | '));
    assert.match(p.asked.join(' | '), /error:.*read-only.*DELETE was not run/);
  });

  it('a large result is cut at cockroachdb.sql.maxResultBytes and says so', async () => {
    await setting('sql.maxResultBytes', 2048);
    try {
      const editor = await sqlEditor("SELECT g, repeat('x', 100) AS pad FROM generate_series(1, 5000) AS g;", 'SELECT');
      await onCluster(editor, RW);
      const run = await vscode.commands.executeCommand<{
        maxResultBytes: number;
        limitSetting: string;
        statements: Array<{ truncated: boolean; rows: unknown[] }>;
      }>('cockroachdb.runSql');
      assert.equal(run?.statements[0]?.truncated, true);
      assert.ok(run.statements[0]!.rows.length > 0 && run.statements[0]!.rows.length < 5000);
      assert.equal(run.maxResultBytes, 2048);
      assert.equal(run.limitSetting, 'cockroachdb.sql.maxResultBytes');
    } finally {
      await setting('sql.maxResultBytes', undefined);
    }
  });

  it('a run can be cancelled while the cluster has not answered', async () => {
    await simControl(s.insecure, '/stall', { route: 'sql/' });
    try {
      const editor = await sqlEditor('SELECT 42;', 'SELECT');
      await onCluster(editor, RW);
      const pending = vscode.commands.executeCommand<{ status: string }>('cockroachdb.runSql');
      await waitFor('the run to start', () => a.editor.runner.cancel());
      assert.equal((await pending)?.status, 'cancelled');
    } finally {
      await simControl(s.insecure, '/stall', { route: '' });
    }
  });

  it('Explain shows the plan; Explain Analyze asks first, since it runs the statement', async () => {
    const editor = await sqlEditor('SELECT * FROM generate_series(1, 10) AS g WHERE g > 3;', 'SELECT');
    await onCluster(editor, RW);
    const run = await vscode.commands.executeCommand<{ plan?: { text: string; analyze: boolean } }>(
      'cockroachdb.explainSql',
    );
    assert.ok(run?.plan, 'a plan');
    assert.equal(run.plan.analyze, false);
    assert.match(run.plan.text, /•/);
    const p = new ScriptedPrompter([], [], undefined, false);
    a.ui.use(p);
    assert.equal(await vscode.commands.executeCommand('cockroachdb.explainAnalyzeSql'), undefined);
    assert.match(p.asked[0] ?? '', /^confirm:EXPLAIN ANALYZE runs the statement on /);
  });

  it('keeps a history per cluster with passwords masked, and runs an entry again', async () => {
    const editor = await sqlEditor("SELECT 'PASSWORD' AS w; -- CREATE USER x WITH PASSWORD 'hunter2'\n", 'SELECT');
    await onCluster(editor, RW);
    await vscode.commands.executeCommand('cockroachdb.runSql');
    await a.editor.history.add(
      a.editor.clusters.clusterFor(editor.document)!.id,
      "CREATE USER x WITH PASSWORD 'hunter2'",
      true,
    );
    const list = a.editor.history.list(a.editor.clusters.clusterFor(editor.document)!.id);
    assert.ok(list.some((e) => /CREATE USER x WITH PASSWORD '\*+'/.test(e.sql)));
    assert.ok(!list.some((e) => e.sql.includes('hunter2')), 'no password is kept');
    a.ui.use(new ScriptedPrompter([], ["SELECT 'PASSWORD' AS w"]));
    const again = await vscode.commands.executeCommand<{ status: string; statements: Array<{ rows: string[][] }> }>(
      'cockroachdb.showSqlHistory',
    );
    assert.equal(again?.status, 'done');
    assert.equal(again.statements[0]?.rows[0]?.[0], 'PASSWORD');
  });

  it('.sql files have Run and Explain lenses above each statement', async () => {
    const editor = await sqlEditor('SELECT 1;\n\n/* two */ SELECT 2;\n');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      editor.document.uri,
    );
    const ours = lenses.filter((l) => l.command?.command === 'cockroachdb.runSql');
    assert.equal(ours.length, 2);
    assert.deepEqual(
      ours.map((l) => l.range.start.line),
      [0, 2],
    );
  });
});
