// Row menus against the real tree (issue 10, item 8). Menus are matched by the
// rows' `contextValue` flags, so the two can drift apart silently: a flag that
// matches no menu, a menu whose handler ignores the row it is shown on, a pattern
// no row satisfies. This walks the real tree over the real simulators — a secure
// and an insecure cluster, a Cloud account with its clusters — signed out and then
// signed in, and checks both directions against package.json as VS Code loaded it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import {
  evaluateWhen,
  flagsRequired,
  mentionedWords,
  parseContextValue,
  viewItemPatterns,
} from '../../src/tree/whenClause';
import { allSims, labelOf } from './faultsHelpers';
import { api, child, children, ScriptedPrompter, setClusters, sims } from './helpers';
import {
  CHECKS,
  menusOn,
  originOf,
  rowMenus,
  simOf,
  VIEW,
  walkKinds,
  type Phase,
  type Row,
  type RowMenu,
} from './menusHelpers';

const all = sims();
// Every simulator the runner started is a self-hosted cluster here, so a new kind
// (say, a virtualized one with its own flag and menu) is walked without editing
// this file — except `tls`, reached through the Cloud account, and `faults`, which
// its suite breaks on purpose.
const selfHosted = Object.entries(allSims()).filter(([k]) => k !== 'tls' && k !== 'faults');
const NAMES = selfHosted.map(([k]) => `Menus ${k}`);

describe('row menus: each flag a row sets works, each menu pattern matches a row', function () {
  this.timeout(300_000);
  let a: ExplorerApi;
  let menus: RowMenu[];
  let accountId: string;
  const walked: Row[] = [];
  const done = new Set<string>();

  const servedBySim = (node: TreeNode) =>
    Object.values(allSims()).some((s) => node.id.includes(originOf(s.clusterUrl)));
  // Cloud clusters other than prod-orders point at DB Console hosts that do not exist.
  const keep = (node: TreeNode, context: string) => !context.startsWith('cluster;') || servedBySim(node);

  async function starts(): Promise<TreeNode[]> {
    return (await children(a)).filter((r) => r.id === `cloud:${accountId}` || NAMES.includes(labelOf(a, r)));
  }

  async function walk(): Promise<Row[]> {
    const rows = await walkKinds(a, await starts(), keep);
    walked.push(...rows);
    return rows;
  }

  /** Runs the check of every menu entry shown on one row of each signature; returns what failed. */
  async function runChecks(rows: Row[], phase: Phase): Promise<string[]> {
    const failures: string[] = [];
    for (const row of rows) {
      for (const command of new Set(menusOn(menus, row.context).map((m) => m.command))) {
        const key = `${row.signature} ${command}`;
        const check = CHECKS[command];
        if (!check) {
          if (!done.has(key))
            failures.push(
              `${command} is shown on "${row.path}" (${row.context}) but menusHelpers.CHECKS has no check saying what it must do`,
            );
          done.add(key);
          continue;
        }
        if (check.phase !== phase || done.has(key)) continue;
        done.add(key);
        try {
          await check.run(a, row, () => vscode.commands.executeCommand(command, row.node));
        } catch (e) {
          failures.push(`${command} on "${row.path}" (${row.context}): ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    return failures;
  }

  before(async () => {
    a = await api();
    menus = rowMenus();
    assert.ok(menus.length > 0, 'the manifest has row menus');
    const tls = all.tls;
    assert.ok(tls.cloudUrl && tls.cloudApiKey, 'the TLS simulator runs with --cloud');
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('cloud.apiUrl', tls.cloudUrl, vscode.ConfigurationTarget.Global);
    await setClusters(
      selfHosted.map(([k, s]) => ({
        name: `Menus ${k}`,
        url: s.clusterUrl,
        ...(s.caFile ? { caFile: s.caFile } : {}),
      })),
    );
    a.ui.use(new ScriptedPrompter([tls.cloudApiKey]));
    const id = await vscode.commands.executeCommand<string>('cockroachdb.addCloudAccount');
    assert.ok(id, 'the Cloud account was added');
    accountId = id;
  });

  after(async () => {
    a.ui.reset();
    await setClusters([]);
    if (a.cloud.list().some((x) => x.id === accountId)) await a.cloud.remove(accountId);
    await vscode.workspace
      .getConfiguration('cockroachdb')
      .update('cloud.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('signed out: each menu entry on a row does something for that row', async () => {
    // Earlier suites may have left sessions behind (SecretStorage outlives them).
    for (const row of await walkKinds(a, await starts(), keep)) {
      if (/;signedIn(;|$)/.test(row.context)) await vscode.commands.executeCommand('cockroachdb.signOut', row.node);
    }
    const rows = await walk();
    assert.ok(
      rows.some((r) => /;signedOut(;|$)/.test(r.context)),
      'signed-out rows exist',
    );
    assert.deepEqual(await runChecks(rows, 'view'), []);
  });

  it('signed in, with a filter set: each menu entry on a row does something for that row', async () => {
    // Rows whose signature the first test already signed in through are skipped by the token check.
    for (const row of walked) {
      if (
        !/;signedOut(;|$)/.test(row.context) ||
        !servedBySim(row.node) ||
        a.auth.token(originOf(simOf(row).clusterUrl))
      )
        continue;
      await CHECKS['cockroachdb.signIn']!.run(a, row, () =>
        vscode.commands.executeCommand('cockroachdb.signIn', row.node),
      );
    }
    // A filtered list, so the menus that need `filtered` have a row to show on.
    const n1 = await child(a, await child(a, await child(a, undefined, 'Menus insecure'), 'Nodes'), /^n1 /);
    const ranges = await child(a, n1, 'Ranges');
    const first = (await children(a, ranges)).map((r) => labelOf(a, r)).find((l) => /^r\d+$/.test(l));
    assert.ok(first, 'n1 has ranges');
    a.ui.use(new ScriptedPrompter([first.slice(1)]));
    await vscode.commands.executeCommand('cockroachdb.filter', ranges);
    const rows = await walk();
    assert.ok(
      rows.some((r) => /;signedIn(;|$)/.test(r.context)),
      'signed-in rows exist',
    );
    assert.ok(
      rows.some((r) => /;filtered(;|$)/.test(r.context)),
      'a filtered row exists',
    );
    assert.deepEqual(await runChecks(rows, 'view'), []);
  });

  it('actions that change the tree (cancel, sign out, remove) do so for the row they are run on', async () => {
    const failures: string[] = [];
    for (const phase of ['cancel', 'blockers', 'signOut', 'remove'] as const)
      failures.push(...(await runChecks(walked, phase)));
    assert.deepEqual(failures, []);
  });

  it('each menu flag a row sets is one a menu entry shown on that row depends on', () => {
    const mentioned = new Set(menus.flatMap((m) => viewItemPatterns(m.when).flatMap((re) => [...mentionedWords(re)])));
    const problems = new Set<string>();
    for (const row of walked) {
      const shown = menusOn(menus, row.context);
      for (const flag of parseContextValue(row.context).flags) {
        // Flags no pattern mentions (plan-…, liveness-…, message kinds) only describe the row.
        if (!mentioned.has(flag)) continue;
        if (!shown.some((m) => flagsRequired(m.when, row.context, { view: VIEW }).includes(flag))) {
          problems.add(`"${row.path}" (${row.context}) sets ${flag}, which no menu shown on it depends on`);
        }
      }
    }
    assert.ok(walked.length > 20, `the walk saw the tree (${walked.length} rows)`);
    assert.deepEqual([...problems], []);
  });

  it('each viewItem pattern in the manifest matches a row the tree produced', () => {
    const contexts = new Set(walked.map((r) => r.context));
    const unmatched = [...new Set(menus.map((m) => m.when))].filter(
      (when) => ![...contexts].some((c) => evaluateWhen(when, { view: VIEW, viewItem: c })),
    );
    assert.deepEqual(unmatched, [], `rows seen: ${[...contexts].sort().join(' | ')}`);
  });
});
