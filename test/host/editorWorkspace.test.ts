// The workload linked to the code, in a real workspace (test/fixtures/workspace,
// copied into the host's workspace folder): Find in Workspace from a statement,
// Go to Definition in Workspace from a table, and the workload CodeLens over code
// that issues the simulated cluster's statements — with one workload load shared
// by every document, none when the setting is off, and none for a signed-out cluster.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { WorkloadLensProvider } from '../../src/editor/workspace/workloadLens';
import { normalizeCodeSql } from '../../src/domain/sqlInCode';
import type { ExplorerApi } from '../../src/extension';
import { api, child, children, EXTENSION_ID, ScriptedPrompter, setClusters, sims, type SimInfo } from './helpers';

const s = sims();
const NAME = 'Workspace sim';
const SECURE = 'Workspace secure sim';
const RIDES = 'SELECT * FROM rides WHERE rider_id = $1';

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('cockroachdb').update(key, value, vscode.ConfigurationTarget.Global);
}

/** sql/ requests the simulator served (its system tenant). */
async function sqlRequests(sim: SimInfo): Promise<number> {
  const url = new URL('/tenant-requests', sim.controlUrl);
  url.searchParams.set('tenant', 'system');
  url.searchParams.set('prefix', 'sql/');
  return ((await (await fetch(url)).json()) as { count: number }).count;
}

/** A prompter that also keeps the quick-pick rows it was shown. */
class PickRecorder extends ScriptedPrompter {
  readonly shown: string[][] = [];
  override async pick<T extends vscode.QuickPickItem>(items: T[], o: vscode.QuickPickOptions): Promise<T | undefined> {
    this.shown.push(items.map((i) => `${i.label} — ${i.description ?? ''}`));
    return super.pick(items, o);
  }
}

const root = (): vscode.Uri => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests run in a workspace folder');
  return folder.uri;
};
const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root(), ...rel.split('/'));
const textOf = async (rel: string): Promise<string> =>
  new TextDecoder().decode(await vscode.workspace.fs.readFile(file(rel)));

/** The 1-based line of the first occurrence of `needle` in a fixture file. */
async function lineOf(rel: string, needle: string): Promise<number> {
  const text = await textOf(rel);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${rel}`);
  return text.slice(0, at).split('\n').length;
}

function activeEditorAt(rel: string): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is open');
  assert.ok(editor.document.uri.path.endsWith(`/${rel}`), `${editor.document.uri.path} is ${rel}`);
  return editor;
}

describe('editor: workload ↔ workspace (Find in Workspace, Go to Definition, workload CodeLens)', function () {
  this.timeout(120_000);
  let a: ExplorerApi;
  const copied: vscode.Uri[] = [];

  before(async () => {
    a = await api();
    // The fixture workspace, unless the runner already put it in the workspace folder.
    const fixtures = vscode.Uri.joinPath(
      vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
      'test',
      'fixtures',
      'workspace',
    );
    for (const [name] of await vscode.workspace.fs.readDirectory(fixtures)) {
      const target = vscode.Uri.joinPath(root(), name);
      const exists = await vscode.workspace.fs.stat(target).then(
        () => true,
        () => false,
      );
      if (!exists) copied.push(target);
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(fixtures, name), target, { overwrite: true });
    }
    // The lenses of the extension itself stay out of the request counts below.
    await setting('codeLens.workload', 'off');
    await setClusters([
      { name: NAME, url: s.insecure.clusterUrl },
      // Another origin of the secure simulator: a cluster nobody signed in to, whatever other suites did.
      { name: SECURE, url: s.secure.clusterUrl.replace('127.0.0.1', 'localhost'), caFile: s.secure.caFile! },
    ]);
    await a.active.set(idOf(NAME));
  });

  afterEach(async () => {
    a.ui.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await setting('codeLens.workload', undefined);
    await setClusters([]);
    for (const uri of copied) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  });

  function idOf(name: string): string {
    const c = a.connections.configured().find((x) => x.name === name);
    assert.ok(c, `${name} is configured`);
    return c.id;
  }

  describe('Find in Workspace', () => {
    it('from { query } lists the .ts and the .sql place and opens the chosen one at its line, selected', async () => {
      const tsLine = await lineOf('src/rides.ts', `'${RIDES}'`);
      const sqlLine = await lineOf('db/queries.sql', 'SELECT *\n  FROM rides');
      const prompter = new PickRecorder([], [`src/rides.ts:${tsLine}`, `db/queries.sql:${sqlLine}`]);
      a.ui.use(prompter);

      await vscode.commands.executeCommand('cockroachdb.findInWorkspace', { query: RIDES });
      assert.deepEqual(prompter.shown[0], [
        `db/queries.sql:${sqlLine} — SELECT * FROM rides WHERE rider_id = '5c28f5c3-0000-4000-8000-000000000001'`,
        `src/rides.ts:${tsLine} — SELECT * FROM rides WHERE rider_id = $1`,
      ]);
      let editor = activeEditorAt('src/rides.ts');
      assert.equal(editor.selection.start.line, tsLine - 1);
      assert.equal(editor.document.getText(editor.selection), `'${RIDES}'`);

      // The fingerprint as CockroachDB prints it finds the same places.
      await vscode.commands.executeCommand('cockroachdb.findInWorkspace', {
        query: 'SELECT * FROM rides WHERE rider_id = _',
      });
      editor = activeEditorAt('db/queries.sql');
      assert.equal(editor.selection.start.line, sqlLine - 1);
      assert.match(editor.document.getText(editor.selection), /^SELECT \*\n {2}FROM rides\n WHERE rider_id = '[^']+'$/);
      assert.ok(
        prompter.asked.every((q) => !q.startsWith('info:')),
        prompter.asked.join(' | '),
      );
    });

    it("from a Statements row searches for the row's fingerprint (its sqlText)", async () => {
      const act = await child(a, await child(a, undefined, NAME), 'SQL activity');
      const rows = await children(a, await child(a, act, 'Statements'));
      const row = rows.find((r) => String(a.tree.getTreeItem(r).contextValue ?? '').includes(';sqlText'));
      assert.ok(row, 'a statement row');
      const text = row.capabilities().sqlText!();
      const prompter = new PickRecorder();
      a.ui.use(prompter);
      await vscode.commands.executeCommand('cockroachdb.findInWorkspace', row);
      const shown = text.replace(/\s+/g, ' ').trim().slice(0, 40);
      assert.ok(
        prompter.asked.some((q) => q.includes(shown)) || vscode.window.activeTextEditor !== undefined,
        `searched for "${shown}": ${prompter.asked.join(' | ')}`,
      );
    });

    it('one place opens at once; none says so with what was searched', async () => {
      const prompter = new PickRecorder();
      a.ui.use(prompter);
      await vscode.commands.executeCommand('cockroachdb.findInWorkspace', {
        query: 'update VEHICLES set status = ? where id = ?',
      });
      assert.equal(prompter.shown.length, 0, 'no quick pick for one place');
      const editor = activeEditorAt('src/rides.ts');
      assert.equal(editor.selection.start.line + 1, await lineOf('src/rides.ts', "'UPDATE vehicles '"));
      assert.match(editor.document.getText(editor.selection), /^'UPDATE vehicles ' \+ 'SET status = \$1 ' \+/);

      await vscode.commands.executeCommand('cockroachdb.findInWorkspace', {
        query: 'SELECT * FROM riders WHERE rider_id = $1',
      });
      const said = prompter.asked.find((q) => q.startsWith('info:'));
      assert.ok(said, prompter.asked.join(' | '));
      assert.match(said, /"SELECT \* FROM riders WHERE rider_id = \$1" is not in the workspace: searched \d+ files/);
    });
  });

  describe('Go to Definition in Workspace', () => {
    it('opens the CREATE TABLE IF NOT EXISTS of a reserved-word table, its name selected', async () => {
      a.ui.use(new PickRecorder());
      await vscode.commands.executeCommand('cockroachdb.goToTableDefinition', { table: '"order"' });
      const editor = activeEditorAt('db/schema.sql');
      assert.equal(
        editor.selection.start.line + 1,
        await lineOf('db/schema.sql', 'CREATE TABLE IF NOT EXISTS "order"'),
      );
      assert.equal(editor.document.getText(editor.selection), '"order"');
    });

    it('opens a quoted name with quotes and accents inside, named as the cluster stores it', async () => {
      a.ui.use(new PickRecorder());
      await vscode.commands.executeCommand('cockroachdb.goToTableDefinition', {
        database: 'shop',
        schema: 'public',
        table: 'crème "brûlée"',
      });
      const editor = activeEditorAt('db/schema.sql');
      assert.equal(editor.document.getText(editor.selection), '"crème ""brûlée"""');
    });

    it('several definitions are a quick pick; none names what was searched', async () => {
      const prompter = new PickRecorder([], [`migrations/001_stock.up.sql:2`]);
      a.ui.use(prompter);
      await vscode.commands.executeCommand('cockroachdb.goToTableDefinition', { table: 'stock.levels' });
      assert.equal(prompter.shown[0]?.length, 2, prompter.shown.join(' | '));
      const editor = activeEditorAt('migrations/001_stock.up.sql');
      assert.equal(editor.document.getText(editor.selection), 'stock.levels');

      await vscode.commands.executeCommand('cockroachdb.goToTableDefinition', { table: 'warehouse.levels' });
      const said = prompter.asked.find((q) => q.startsWith('info:'));
      assert.match(said ?? '', /No CREATE TABLE of warehouse\.levels in the workspace: searched \d+ files/);
    });
  });

  describe('workload CodeLens', () => {
    let provider: WorkloadLensProvider;
    const token = new vscode.CancellationTokenSource().token;

    beforeEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      provider = new WorkloadLensProvider({
        connections: a.connections,
        active: a.active,
        auth: a.auth,
        log: a.logger.scoped('test'),
      });
      await a.active.set(idOf(NAME));
    });

    afterEach(async () => {
      provider.dispose();
      await setting('codeLens.workload', 'off');
    });

    it('allFiles: lenses with live figures above the .ts statements the cluster runs', async () => {
      await setting('codeLens.workload', 'allFiles');
      const doc = await vscode.workspace.openTextDocument(file('src/rides.ts'));
      const lenses = await provider.provideCodeLenses(doc, token);
      const lines = lenses.map((l) => l.range.start.line + 1);
      assert.deepEqual(lines, [
        await lineOf('src/rides.ts', `'${RIDES}'`),
        await lineOf('src/rides.ts', "'UPDATE vehicles '"),
        await lineOf('src/rides.ts', '`\n      SELECT count(*)'),
      ]);
      for (const lens of lenses) {
        assert.match(lens.command?.title ?? '', /^p99 [\d.]+ (ms|s) · [\d.]+[kM]? exec\/h( · .+)?$/);
        assert.equal(lens.command?.command, 'cockroachdb.showStatementDetails');
      }
      // The simulator plans the rides statement as a full scan: the lens says so, or names its insights.
      assert.match(lenses[0]!.command!.title, / · (full scan|\d+ insights?\b)/);

      // The figures are the cluster's: the fingerprint clicked is one of the rides statement's.
      const arg = lenses[0]!.command!.arguments![0] as { clusterId: string; fingerprintId: string; appName: string };
      assert.equal(arg.clusterId, idOf(NAME));
      assert.match(arg.fingerprintId, /^[0-9a-f]{16}$/);
      const end = new Date();
      const answer = await a.connections
        .get(idOf(NAME))!
        .client.workload('statements', { window: { start: new Date(end.getTime() - 3_600_000), end }, limit: 1000 });
      assert.equal(answer.status, 'ok');
      const rides =
        answer.status === 'ok' ? answer.items.filter((x) => normalizeCodeSql(x.query) === normalizeCodeSql(RIDES)) : [];
      assert.ok(rides.some((x) => x.fingerprintId === arg.fingerprintId && x.appName === arg.appName));
      const perHour = Number(/ · ([\d.]+)([kM]?) exec\/h/.exec(lenses[0]!.command!.title)![1]);
      assert.ok(perHour > 0);
    });

    it('exactly one workload load for several documents, concurrent or not', async () => {
      await setting('codeLens.workload', 'allFiles');
      const docs = await Promise.all(
        ['src/rides.ts', 'db/queries.sql', 'app/rides.py'].map((p) => vscode.workspace.openTextDocument(file(p))),
      );
      const before = await sqlRequests(s.insecure);
      const first = await Promise.all(docs.map((d) => provider.provideCodeLenses(d, token)));
      const afterFirst = await sqlRequests(s.insecure);
      assert.ok(
        first.every((l) => l.length > 0),
        first.map((l) => l.length).join(','),
      );
      for (const d of docs) await provider.provideCodeLenses(d, token);
      await Promise.all(docs.map((d) => provider.provideCodeLenses(d, token)));
      const afterMore = await sqlRequests(s.insecure);
      assert.equal(provider.cache.loads, 1);
      // One load is the statements query (the activity cache, or the statistics behind it) and the insights query.
      assert.ok(afterFirst - before >= 2 && afterFirst - before <= 3, `one load made ${afterFirst - before} requests`);
      assert.equal(afterMore, afterFirst, 'no request for the other documents or the redraws');
    });

    it('off: no lenses and no query; sqlFiles: .sql documents only', async () => {
      const ts = await vscode.workspace.openTextDocument(file('src/rides.ts'));
      const sql = await vscode.workspace.openTextDocument(file('db/queries.sql'));
      await setting('codeLens.workload', 'off');
      const before = await sqlRequests(s.insecure);
      assert.deepEqual(await provider.provideCodeLenses(ts, token), []);
      assert.deepEqual(await provider.provideCodeLenses(sql, token), []);
      assert.equal(await sqlRequests(s.insecure), before);
      assert.equal(provider.cache.loads, 0);

      await setting('codeLens.workload', 'sqlFiles');
      assert.deepEqual(await provider.provideCodeLenses(ts, token), []);
      const lenses = await provider.provideCodeLenses(sql, token);
      assert.deepEqual(
        lenses.map((l) => l.range.start.line + 1),
        [
          await lineOf('db/queries.sql', 'SELECT id, city, name'),
          await lineOf('db/queries.sql', 'SELECT *\n'),
          await lineOf('db/queries.sql', 'SELECT sum(revenue)'),
        ],
      );
    });

    it('a signed-out cluster gets no lenses, no prompt and no request', async () => {
      await setting('codeLens.workload', 'allFiles');
      const prompter = new ScriptedPrompter();
      a.ui.use(prompter);
      await a.active.set(idOf(SECURE));
      assert.equal(await a.auth.isSignedIn(idOf(SECURE)), false);
      const before = await sqlRequests(s.secure);
      const doc = await vscode.workspace.openTextDocument(file('src/rides.ts'));
      assert.deepEqual(await provider.provideCodeLenses(doc, token), []);
      assert.equal(await sqlRequests(s.secure), before);
      assert.deepEqual(prompter.asked, []);
    });

    it('the lenses redraw when the active cluster changes', async () => {
      const changes: number[] = [];
      const sub = provider.onDidChangeCodeLenses(() => changes.push(Date.now()));
      await a.active.set(idOf(SECURE));
      await a.active.set(idOf(NAME));
      sub.dispose();
      assert.ok(changes.length >= 2, `${changes.length} redraws`);
    });
  });
});
