// Remove on a cluster that the workspace's .vscode/settings.json lists (issue 16, item 3):
// it asks, naming the file, then writes the workspace's list without the entry — the
// file's other settings and clusters stay — and the row leaves the tree. Declining
// changes nothing; removing the workspace's last cluster takes the setting out, so the
// user's own clusters, which the workspace list hid, show again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { api, child, children, label, ScriptedPrompter, setClusters, sims } from './helpers';

const s = sims();
const PROD = 'Workspace prod';
const STAGING = 'Workspace staging';
const MINE = 'My own cluster';

const workspaceConfig = () => vscode.workspace.getConfiguration();

function vscodeFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests run in a workspace folder');
  return vscode.Uri.joinPath(folder.uri, '.vscode');
}

const settingsFile = (): vscode.Uri => vscode.Uri.joinPath(vscodeFolder(), 'settings.json');

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** The workspace settings file as written on disk. */
async function onDisk(): Promise<Record<string, unknown>> {
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(settingsFile()))) as Record<
    string,
    unknown
  >;
}

const clusterNames = (file: Record<string, unknown>): string[] =>
  ((file['cockroachdb.clusters'] as Array<{ name: string }> | undefined) ?? []).map((c) => c.name);

function userListNames(): string[] {
  const user = vscode.workspace
    .getConfiguration('cockroachdb')
    .inspect<Array<{ name: string }>>('clusters')?.globalValue;
  return (user ?? []).map((c) => c.name);
}

describe('Remove: a cluster listed in the workspace settings', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let hadVscodeFolder: boolean;

  async function rootNames(): Promise<string[]> {
    return (await children(a)).map((n) => label(a, n));
  }

  async function remove(name: string, confirm: boolean): Promise<ScriptedPrompter> {
    const p = new ScriptedPrompter([], [], undefined, confirm);
    a.ui.use(p);
    await vscode.commands.executeCommand('cockroachdb.remove', await child(a, undefined, name));
    return p;
  }

  before(async () => {
    a = await api();
    hadVscodeFolder = await exists(vscodeFolder());
    // The user's own list, hidden while the workspace sets one.
    await setClusters([{ name: MINE, url: 'http://127.0.0.1:9' }]);
    await workspaceConfig().update(
      'cockroachdb.clusters',
      [
        { name: PROD, url: s.insecure.clusterUrl },
        { name: STAGING, url: s.v26.clusterUrl },
      ],
      vscode.ConfigurationTarget.Workspace,
    );
    // Another setting of the same file, which Remove must leave alone.
    await workspaceConfig().update('editor.tabSize', 3, vscode.ConfigurationTarget.Workspace);
  });

  afterEach(() => a.ui.reset());

  after(async () => {
    await workspaceConfig().update('cockroachdb.clusters', undefined, vscode.ConfigurationTarget.Workspace);
    await workspaceConfig().update('editor.tabSize', undefined, vscode.ConfigurationTarget.Workspace);
    await setClusters([]);
    if (!hadVscodeFolder && (await exists(vscodeFolder())))
      await vscode.workspace.fs.delete(vscodeFolder(), { recursive: true, useTrash: false });
  });

  it('lists the workspace clusters in place of the user list', async () => {
    assert.deepEqual(clusterNames(await onDisk()), [PROD, STAGING]);
    const names = await rootNames();
    assert.ok(names.includes(PROD) && names.includes(STAGING), names.join(' | '));
    assert.ok(!names.includes(MINE), 'a workspace list replaces the user list');
  });

  it('declined, changes neither the file nor the tree', async () => {
    const p = await remove(PROD, false);
    assert.deepEqual(p.asked, [`confirm:Remove "${PROD}" from ${settingsFile().fsPath}?`]);
    assert.deepEqual(clusterNames(await onDisk()), [PROD, STAGING]);
    assert.ok((await rootNames()).includes(PROD));
  });

  it("confirmed, writes the workspace list without the entry and keeps the file's other settings", async () => {
    const p = await remove(PROD, true);
    assert.deepEqual(p.asked, [`confirm:Remove "${PROD}" from ${settingsFile().fsPath}?`]);
    const file = await onDisk();
    assert.deepEqual(clusterNames(file), [STAGING]);
    assert.equal(file['editor.tabSize'], 3);
    assert.deepEqual(userListNames(), [MINE], 'the user settings are not touched');
    const names = await rootNames();
    assert.ok(!names.includes(PROD), `still listed: ${names.join(' | ')}`);
    assert.ok(names.includes(STAGING) && !names.includes(MINE), names.join(' | '));
  });

  it("removing the workspace's last cluster takes the setting out, and the user's clusters show again", async () => {
    await remove(STAGING, true);
    const file = await onDisk();
    assert.ok(!('cockroachdb.clusters' in file), `left: ${JSON.stringify(file)}`);
    assert.equal(file['editor.tabSize'], 3);
    const names = await rootNames();
    assert.ok(names.includes(MINE) && !names.includes(STAGING), names.join(' | '));
  });
});
