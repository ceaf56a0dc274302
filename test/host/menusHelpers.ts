// Shared by menus.test.ts: the manifest's row menus, a walk of the real tree that
// keeps one row of each kind, and for each command what "it did something for this
// row" means, observed from outside (clipboard, tabs, prompts, the simulator's log).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { evaluateWhen } from '../../src/tree/whenClause';
import { allSims, labelOf, timedChildren, tooltipText } from './faultsHelpers';
import { admin, EXTENSION_ID, ScriptedPrompter, simStats, waitFor, type SimInfo } from './helpers';

export const VIEW = 'cockroachdb.explorer';

export interface RowMenu {
  command: string;
  when: string;
}

/** The view/item/context entries of the manifest VS Code loaded, one per (command, when). */
export function rowMenus(): RowMenu[] {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
    contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
  };
  const seen = new Map<string, RowMenu>();
  for (const m of pkg.contributes.menus['view/item/context'] ?? []) {
    assert.ok(m.when, `${m.command} has a when clause`);
    seen.set(`${m.command} ${m.when}`, { command: m.command, when: m.when });
  }
  return [...seen.values()];
}

export function menusOn(menus: RowMenu[], contextValue: string): RowMenu[] {
  return menus.filter((m) => evaluateWhen(m.when, { view: VIEW, viewItem: contextValue }));
}

export interface Row {
  node: TreeNode;
  context: string;
  /** The row's context and its parent's: rows alike in both are checked once. */
  signature: string;
  path: string;
}

function contextOf(a: ExplorerApi, node: TreeNode): string {
  return String(a.tree.getTreeItem(node).contextValue ?? '');
}

/**
 * Every row under `starts`, expanding at most `perKind` children of each context
 * value per parent (ranges and sessions come by the hundred; two of a kind suffice),
 * and leaving out rows `keep` rejects.
 */
export async function walkKinds(
  a: ExplorerApi,
  starts: TreeNode[],
  keep: (node: TreeNode, context: string) => boolean,
  perKind = 2,
): Promise<Row[]> {
  const out: Row[] = [];
  let level = starts.map((node) => ({ node, path: labelOf(a, node), parentContext: '' }));
  while (level.length) {
    const next: typeof level = [];
    for (const { node, path, parentContext } of level) {
      const context = contextOf(a, node);
      out.push({ node, context, signature: `${context} < ${parentContext}`, path });
      if (a.tree.getTreeItem(node).collapsibleState === vscode.TreeItemCollapsibleState.None) continue;
      const { rows } = await timedChildren(a, node, 30_000);
      const taken = new Map<string, number>();
      for (const r of rows) {
        const c = contextOf(a, r);
        if (!keep(r, c)) continue;
        const n = taken.get(c) ?? 0;
        if (n >= perKind) continue;
        taken.set(c, n + 1);
        next.push({ node: r, path: `${path} › ${labelOf(a, r)}`, parentContext: context });
      }
    }
    level = next;
  }
  return out;
}

export function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

/** The simulator a row's data comes from: its cluster origin is part of every row id below it. */
export function simOf(row: Row): SimInfo {
  const hit = Object.values(allSims()).find((s) => row.node.id.includes(originOf(s.clusterUrl)));
  assert.ok(hit, `no simulator serves ${row.path} (${row.node.id})`);
  return hit;
}

function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

async function opensPanel(run: () => Thenable<unknown>, viewType: string, title: RegExp): Promise<void> {
  const before = new Set(webviewTabs(viewType));
  await run();
  const tab = await waitFor(`a ${viewType} panel`, () => webviewTabs(viewType).find((t) => !before.has(t)));
  assert.match(tab.label, title);
  await vscode.window.tabGroups.close(tab);
}

async function opensDocument(run: () => Thenable<unknown>, languageId: string, text: RegExp): Promise<void> {
  await run();
  const editor = await waitFor(`a ${languageId} document`, () =>
    vscode.window.activeTextEditor?.document.languageId === languageId ? vscode.window.activeTextEditor : undefined,
  );
  assert.equal(editor.document.uri.scheme, 'cockroachdb-doc');
  assert.match(editor.document.getText(), text);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

const SENTINEL = 'nothing was copied';

async function copies(run: () => Thenable<unknown>): Promise<string> {
  await vscode.env.clipboard.writeText(SENTINEL);
  await run();
  const text = await vscode.env.clipboard.readText();
  assert.notEqual(text, SENTINEL, 'the command wrote to the clipboard');
  assert.ok(text.trim(), 'what was copied is not empty');
  return text;
}

/** Markdown tooltips escape punctuation; compare against the plain text. */
function plainTooltip(a: ExplorerApi, node: TreeNode): string {
  return tooltipText(a.tree.getTreeItem(node).tooltip)
    .replace(/&nbsp;/g, ' ')
    .replace(/\\(.)/g, '$1');
}

/** The job id of a Jobs row (its id ends in /<job id>). */
const jobIdOf = (row: Row): string => /\/(\d+)$/.exec(row.node.id)?.[1] ?? 'no job id';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `blockers` runs after `cancel`: a blocker may be a session the Sessions rows cancelled, or shown under several rows. */
export type Phase = 'view' | 'blockers' | 'cancel' | 'signOut' | 'remove';
export interface Check {
  /** Checks that change what the tree shows run after the others, in this order. */
  phase: Phase;
  run(a: ExplorerApi, row: Row, exec: () => Thenable<unknown>): Promise<void>;
}

/** What each row command must visibly do for the row it is run on. */
export const CHECKS: Record<string, Check> = {
  'cockroachdb.refreshNode': {
    phase: 'view',
    async run(a, row, exec) {
      const fired: Array<TreeNode | undefined> = [];
      const sub = a.tree.onDidChangeTreeData((n) => fired.push(n));
      try {
        await exec();
      } finally {
        sub.dispose();
      }
      assert.ok(fired.includes(row.node), 'the row was told to render again');
    },
  },
  'cockroachdb.copyId': {
    phase: 'view',
    async run(_a, row, exec) {
      const text = await copies(exec);
      const id = decodeURIComponent(row.node.id);
      for (const part of text.split('.')) assert.ok(id.includes(part), `copied "${text}" is this row's id (${id})`);
    },
  },
  'cockroachdb.copyAddress': {
    phase: 'view',
    async run(a, row, exec) {
      const text = await copies(exec);
      assert.match(text, /^(https?:\/\/)?[\w.-]+:\d+$/, 'an address');
      assert.ok(
        plainTooltip(a, row.node).includes(text) || row.node.id.includes(text),
        `copied ${text} is this row's address`,
      );
    },
  },
  'cockroachdb.copyConnectionString': {
    phase: 'view',
    async run(_a, _row, exec) {
      assert.match(await copies(exec), /^postgres(ql)?:\/\//);
    },
  },
  'cockroachdb.filter': {
    phase: 'view',
    async run(a, _row, exec) {
      const p = new ScriptedPrompter(); // no answers: the prompt is dismissed, nothing changes
      a.ui.use(p);
      await exec();
      assert.match(p.asked[0] ?? '', /^(input|pick):Filter /, `a filter prompt opened (asked: ${p.asked.join(' | ')})`);
    },
  },
  'cockroachdb.selectVirtualCluster': {
    phase: 'view',
    async run(a, row, exec) {
      const p = new ScriptedPrompter(); // dismissed: the setting is not changed
      a.ui.use(p);
      await exec();
      assert.match(
        p.asked[0] ?? '',
        new RegExp(`^pick:Virtual cluster of ${escape(labelOf(a, row.node))}$`),
        `a virtual-cluster choice opened (asked: ${p.asked.join(' | ')})`,
      );
    },
  },
  'cockroachdb.changeCaFile': {
    phase: 'view',
    async run(a, row, exec) {
      const p = new ScriptedPrompter(); // dismissed: the entry is not rewritten
      a.ui.use(p);
      await exec();
      const name = escape(labelOf(a, row.node));
      // A plain-http cluster has no certificate to verify, and says so.
      const expected = row.node.id.includes('http://')
        ? new RegExp(`^info:${name} uses plain http`)
        : new RegExp(`^pick:CA file of ${name}$`);
      assert.match(p.asked[0] ?? '', expected, `asked: ${p.asked.join(' | ')}`);
    },
  },
  'cockroachdb.clearFilter': {
    phase: 'view',
    async run(a, row, exec) {
      await exec();
      assert.equal(a.tree.filters.get(row.node.id), undefined);
      assert.doesNotMatch(String(a.tree.getTreeItem(row.node).contextValue), /;filtered(;|$)/);
    },
  },
  'cockroachdb.showHotRanges': {
    phase: 'view',
    run: (_a, _row, exec) => opensPanel(exec, 'cockroachdb.hotRanges', /^Hot ranges — /),
  },
  'cockroachdb.showRangeDetails': {
    phase: 'view',
    run: (a, row, exec) =>
      opensPanel(exec, 'cockroachdb.rangeDetails', new RegExp(`^Range ${escape(labelOf(a, row.node))} — `)),
  },
  'cockroachdb.showAlertingRules': {
    phase: 'view',
    run: (_a, _row, exec) => opensDocument(exec, 'yaml', /rules/),
  },
  'cockroachdb.showTableDetails': {
    phase: 'view',
    run: (a, row, exec) =>
      opensDocument(exec, 'sql', new RegExp(`CREATE TABLE .*${escape(labelOf(a, row.node))}`, 'i')),
  },
  'cockroachdb.openDbConsole': {
    phase: 'view',
    async run(_a, row, exec) {
      const opened = await exec();
      assert.equal(typeof opened, 'string', 'a DB Console address was opened');
      assert.ok(row.node.id.includes(originOf(String(opened))), `${String(opened)} is this row's cluster`);
      if (row.context.startsWith('node;')) assert.match(String(opened), /#\/node\/\d+$/, 'the node’s own page');
    },
  },
  'cockroachdb.selectActiveCluster': {
    phase: 'view',
    async run(a, row, exec) {
      const id = await exec();
      assert.equal(typeof id, 'string');
      assert.ok(row.node.id.includes(String(id)), `the active cluster ${String(id)} is this row's`);
      assert.equal(a.active.id(), id);
      assert.equal(a.tree.activeClusterId(), id);
    },
  },
  'cockroachdb.signIn': {
    phase: 'view',
    async run(a, row, exec) {
      const u = admin(simOf(row));
      a.ui.use(new ScriptedPrompter([u.username, u.password], ["Don't remember the password"]));
      assert.equal(await exec(), true, 'signed in');
      assert.ok(a.auth.token(originOf(simOf(row).clusterUrl)), 'a session is kept for this cluster');
    },
  },
  'cockroachdb.cancelQuery': {
    phase: 'cancel',
    async run(a, row, exec) {
      const before = (await simStats(simOf(row))).cancelledQueries.length;
      const p = new ScriptedPrompter([], [], undefined, true);
      a.ui.use(p);
      assert.equal(await exec(), true, `asked: ${p.asked.join(' | ')}`);
      assert.equal((await simStats(simOf(row))).cancelledQueries.length, before + 1, 'the cluster cancelled one query');
    },
  },
  'cockroachdb.cancelSession': {
    phase: 'cancel',
    async run(a, row, exec) {
      const p = new ScriptedPrompter([], [], undefined, true);
      a.ui.use(p);
      assert.equal(await exec(), true, `asked: ${p.asked.join(' | ')}`);
      const log = (await simStats(simOf(row))).cancelledSessions;
      assert.ok(
        log.some((id) => row.node.id.includes(id)),
        `the cluster cancelled this session (${log.join(', ')})`,
      );
    },
  },
  'cockroachdb.showOverview': {
    phase: 'view',
    run: (_a, _row, exec) => opensPanel(exec, 'cockroachdb.overview', /^Overview — /),
  },
  'cockroachdb.saveDiagnosticsSnapshot': {
    phase: 'view',
    async run(a, row, exec) {
      const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-menu-snap-')), 's.md'));
      a.ui.use({ pick: async (items) => items[0], saveDialog: async () => target, info: async () => undefined });
      try {
        await exec();
      } finally {
        a.ui.reset();
      }
      const md = fs.readFileSync(target.fsPath, 'utf8');
      const name = row.node.clusterEntry?.name ?? 'no cluster';
      assert.ok(
        md.includes(name) || md.includes(name.replace(/[\\`*_[\]<>|~&$#!]/g, (c) => `\\${c}`)),
        `the snapshot names ${name}`,
      );
      assert.ok(fs.existsSync(target.fsPath.replace(/\.md$/, '.json')), 'the JSON is saved beside it');
    },
  },
  'cockroachdb.showSqlActivity': {
    phase: 'view',
    run: (_a, _row, exec) => opensPanel(exec, 'cockroachdb.sqlActivity', /^SQL activity — /),
  },
  'cockroachdb.showStatementDetails': {
    phase: 'view',
    run: (_a, _row, exec) => opensPanel(exec, 'cockroachdb.statementDetails', /^Statement .* — /),
  },
  'cockroachdb.openAsSql': {
    phase: 'view',
    async run(a, row, exec) {
      await exec();
      const editor = await waitFor('an untitled SQL editor', () =>
        vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor : undefined,
      );
      assert.equal(editor.document.languageId, 'sql');
      const first = editor.document.getText().replace(/\s+/g, ' ').slice(0, 30);
      assert.ok(first.length > 0, 'the editor holds the statement');
      assert.ok(
        plainTooltip(a, row.node).replace(/\s+/g, ' ').includes(first),
        `the editor holds this row's statement ("${first}…")`,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  },
  'cockroachdb.chooseWorkloadView': {
    phase: 'view',
    async run(a, _row, exec) {
      const p = new ScriptedPrompter(); // dismissed: the settings are not changed
      a.ui.use(p);
      await exec();
      assert.match(p.asked[0] ?? '', /^pick:Workload rows: time window$/, `asked: ${p.asked.join(' | ')}`);
    },
  },
  'cockroachdb.showJobDetails': {
    phase: 'view',
    run: (_a, row, exec) => opensDocument(exec, 'markdown', new RegExp(`job ${jobIdOf(row)}\\b`)),
  },
  'cockroachdb.copyPauseJob': {
    phase: 'view',
    run: async (_a, row, exec) => assert.equal(await copies(exec), `PAUSE JOB ${jobIdOf(row)};`),
  },
  'cockroachdb.copyResumeJob': {
    phase: 'view',
    run: async (_a, row, exec) => assert.equal(await copies(exec), `RESUME JOB ${jobIdOf(row)};`),
  },
  'cockroachdb.copyCancelJob': {
    phase: 'view',
    run: async (_a, row, exec) => assert.equal(await copies(exec), `CANCEL JOB ${jobIdOf(row)};`),
  },
  'cockroachdb.findInWorkspace': {
    phase: 'view',
    async run(a, _row, exec) {
      // One place opens directly, several are listed (dismissed here), none says what was searched.
      const p = new ScriptedPrompter();
      a.ui.use(p);
      const before = vscode.window.activeTextEditor?.document.uri.toString();
      await exec();
      const opened = vscode.window.activeTextEditor?.document.uri.toString() !== before;
      assert.ok(opened || /^(pick|info):/.test(p.asked[0] ?? ''), `asked: ${p.asked.join(' | ')}`);
    },
  },
  'cockroachdb.goToTableDefinition': {
    phase: 'view',
    async run(a, _row, exec) {
      // One place opens directly, several are listed (dismissed here), none says what was searched.
      const p = new ScriptedPrompter();
      a.ui.use(p);
      const before = vscode.window.activeTextEditor?.document.uri.toString();
      await exec();
      const opened = vscode.window.activeTextEditor?.document.uri.toString() !== before;
      assert.ok(opened || /^(pick|info):/.test(p.asked[0] ?? ''), `asked: ${p.asked.join(' | ')}`);
    },
  },
  'cockroachdb.cancelBlockingSession': {
    phase: 'blockers',
    async run(a, row, exec) {
      const sim = simOf(row);
      const blocker = /Blocking session ([0-9a-f]{32})/.exec(plainTooltip(a, row.node))?.[1];
      assert.ok(blocker, 'the row names its blocking session');
      const before = (await simStats(sim)).cancelledSessions;
      const p = new ScriptedPrompter([], [], undefined, true);
      a.ui.use(p);
      const ok = await exec();
      const after = (await simStats(sim)).cancelledSessions;
      if (before.includes(blocker)) {
        // Already cancelled from another row (a Sessions row, or the same blocker under another insight).
        assert.equal(ok, false);
        assert.match(p.asked.join(' | '), /^info:The blocking transaction has ended/);
        assert.equal(after.length, before.length, 'nothing else was cancelled');
        return;
      }
      assert.equal(ok, true, `asked: ${p.asked.join(' | ')}`);
      assert.match(p.asked[0] ?? '', /^confirm:Cancel the blocking session\?/);
      assert.deepEqual(after.slice(before.length), [blocker], 'the cluster cancelled the blocking session');
    },
  },
  'cockroachdb.signOut': {
    phase: 'signOut',
    async run(a, row, exec) {
      await exec();
      assert.equal(a.auth.token(originOf(simOf(row).clusterUrl)), undefined, 'the session is gone');
    },
  },
  'cockroachdb.remove': {
    phase: 'remove',
    async run(a, row, exec) {
      a.ui.use(new ScriptedPrompter([], [], undefined, true));
      await exec();
      const roots = await a.tree.getChildren();
      assert.ok(!roots.some((r) => r.id === row.node.id), 'the row is gone from the explorer');
    },
  },
};
