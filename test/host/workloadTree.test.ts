// The workload rows against simulated clusters: SQL activity → Statements,
// Transactions, Insights and Live lock waits, and Jobs — top-N by the chosen
// window and metric, plain-words problems, exact job ids, privilege gaps and
// the v26.1 lock-down as rows, job-control statements copied, never run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { admin, api, child, children, label, nonAdmin, ScriptedPrompter, setClusters, simStats, sims } from './helpers';

const s = sims();
const SECURE = 'Workload secure';
const V26 = 'Workload v26';
const V23 = 'Workload v23';

const describeOf = (a: ExplorerApi, n: TreeNode): string => String(a.tree.getTreeItem(n).description ?? '');
const contextOf = (a: ExplorerApi, n: TreeNode): string => String(a.tree.getTreeItem(n).contextValue ?? '');
/** The tooltip as a person reads it (Markdown escapes and non-breaking spaces undone). */
const tooltipOf = (a: ExplorerApi, n: TreeNode): string => {
  const t = a.tree.getTreeItem(n).tooltip;
  const raw = typeof t === 'string' ? t : (t?.value ?? '');
  return raw.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
};

/** "120 ms", "1.24 s", "54m 13s", "8h 13m", "2d 3h" → seconds. */
function seconds(text: string): number {
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  for (const m of text.matchAll(/([\d.]+)\s*(ms|s|m|h|d)\b/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}

/** "950", "7.8k", "1.2M" → a number. */
const compact = (text: string): number =>
  Number(text.replace(/[kMB]$/, '')) * ({ k: 1e3, M: 1e6, B: 1e9 }[text.slice(-1)] ?? 1);

async function signIn(a: ExplorerApi, name: string, user: { username: string; password: string }): Promise<void> {
  a.ui.use(new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]));
  const ok = await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', await child(a, undefined, name));
  assert.equal(ok, true);
}

async function activity(a: ExplorerApi, cluster: string, row: string | RegExp): Promise<TreeNode[]> {
  const c = await child(a, undefined, cluster);
  const act = await child(a, c, 'SQL activity');
  return children(a, await child(a, act, row));
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('cockroachdb').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('workload rows', function () {
  this.timeout(120_000);
  let a: ExplorerApi;

  before(async () => {
    a = await api();
    await setClusters([
      { name: SECURE, url: s.secure.clusterUrl, caFile: s.secure.caFile! },
      { name: V26, url: s.v26.clusterUrl },
      { name: V23, url: s.insecure.clusterUrl },
    ]);
    await signIn(a, SECURE, admin(s.secure));
  });

  after(async () => {
    a.ui.reset();
    await setting('workload.window', undefined);
    await setting('workload.metric', undefined);
    await setClusters([]);
  });

  it('a cluster has SQL activity (Statements, Transactions, Insights, Live lock waits) and Jobs rows', async () => {
    const c = await child(a, undefined, SECURE);
    const labels = (await children(a, c)).map((n) => label(a, n));
    assert.ok(labels.includes('SQL activity') && labels.includes('Jobs'), labels.join(', '));
    const act = await child(a, c, 'SQL activity');
    assert.deepEqual(
      (await children(a, act)).map((n) => label(a, n)),
      ['Statements', 'Transactions', 'Insights', 'Live lock waits'],
    );
    assert.match(contextOf(a, act), /;activity(;|$)/);
    assert.match(contextOf(a, act), /;workloadView(;|$)/);
  });

  it('Statements: the top 20 by total time, each with its figures, opening Statement details; then Show all', async () => {
    const rows = await activity(a, SECURE, 'Statements');
    assert.equal(rows.length, 21, rows.map((r) => label(a, r)).join(' | '));
    const stmts = rows.slice(0, 20);
    for (const r of stmts) {
      assert.match(describeOf(a, r), /(p99|mean) [\d.]+ m?s · [\d.]+k? exec · [\d.]+ m?s total|total$/);
      assert.match(contextOf(a, r), /^statement\b.*;statement(;|$)/);
      assert.match(contextOf(a, r), /;sqlText(;|$)/);
      assert.equal(a.tree.getTreeItem(r).command?.command, 'cockroachdb.showStatementDetails');
    }
    // Ranked by total time: the tooltip's total is non-increasing down the list.
    const totals = stmts.map((r) => {
      const m = /executions, total (.+)$/m.exec(tooltipOf(a, r));
      assert.ok(m, tooltipOf(a, r));
      return seconds(m[1]!);
    });
    // Rounded for display ("8h 13m"), so allow for the rounding.
    for (let i = 1; i < totals.length; i++)
      assert.ok(totals[i]! <= totals[i - 1]! * 1.02 + 60, `row ${i}: ${totals.join(', ')}`);
    const all = rows[20]!;
    assert.equal(label(a, all), 'Show all in SQL activity…');
    assert.equal(a.tree.getTreeItem(all).command?.command, 'cockroachdb.showSqlActivity');
  });

  it('Choose Window and Metric… re-ranks the rows and says so', async () => {
    const c = await child(a, undefined, SECURE);
    const act = await child(a, c, 'SQL activity');
    a.ui.use(new ScriptedPrompter([], ['last 6 hours', 'executions']));
    await vscode.commands.executeCommand('cockroachdb.chooseWorkloadView', act);
    assert.equal(vscode.workspace.getConfiguration('cockroachdb').get('workload.window'), '6h');
    assert.equal(vscode.workspace.getConfiguration('cockroachdb').get('workload.metric'), 'executionCount');
    const stmtRow = await child(a, act, 'Statements');
    assert.equal(describeOf(a, stmtRow), 'top 20 by executions · last 6 hours');
    const rows = (await children(a, stmtRow)).slice(0, 20);
    const counts = rows.map((r) => compact(/([\d.]+[kMB]?) executions/.exec(tooltipOf(a, r))?.[1] ?? 'NaN'));
    assert.ok(
      counts.every((n) => Number.isFinite(n)),
      tooltipOf(a, rows[0]!),
    );
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i]! <= counts[i - 1]! * 1.06, counts.join(', '));
    await setting('workload.window', undefined);
    await setting('workload.metric', undefined);
  });

  it('Transactions: the top 20 with their statement counts', async () => {
    const rows = await activity(a, SECURE, 'Transactions');
    assert.ok(rows.length > 1);
    assert.match(label(a, rows[0]!), / · \d+ statements?$/);
    assert.match(tooltipOf(a, rows[0]!), /[0-9a-f]{16}/);
  });

  it('Insights: each says the problem and the cause; a contended one expands to who blocked it', async () => {
    const rows = await activity(a, SECURE, 'Insights');
    assert.ok(rows.length > 3, `${rows.length} insights`);
    const headlines = new Set(rows.map((r) => label(a, r)));
    for (const h of headlines)
      assert.match(
        h,
        /^(Slow execution|Failed execution|High contention|Plan regression|Suboptimal plan|High retry count)$/,
      );
    assert.ok(headlines.has('High contention') && headlines.has('Failed execution'), [...headlines].join(', '));
    const contended = rows.find((r) => label(a, r) === 'High contention');
    assert.ok(contended);
    assert.equal(a.tree.getTreeItem(contended).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const blockers = await children(a, contended);
    assert.ok(blockers.length > 0);
    const first = blockers[0]!;
    if (contextOf(a, first).startsWith('contention')) {
      assert.match(label(a, first), /^Blocked [\d.]+ m?s by txn [0-9a-f]{8}$/);
      assert.match(tooltipOf(a, first), /Blocking transaction [0-9a-f-]{36}/);
    } else assert.match(label(a, first), /No contention event/);
  });

  it('Jobs: running first with progress, then failed and paused with the error; ids exact past 2^53', async () => {
    const c = await child(a, undefined, SECURE);
    const rows = await children(a, await child(a, c, 'Jobs'));
    assert.ok(rows.length > 10);
    const groups = rows.map((r) => /^job;(\w+)/.exec(contextOf(a, r))?.[1]);
    const order = ['running', 'needsAttention', 'recent'];
    for (let i = 1; i < groups.length; i++)
      assert.ok(order.indexOf(groups[i]!) >= order.indexOf(groups[i - 1]!), groups.join(','));
    const running = rows.find((r) => / · running \d+%/.test(describeOf(a, r)));
    assert.ok(running, rows.map((r) => describeOf(a, r)).join(' | '));
    assert.match(contextOf(a, running), /^job;running/);
    const failed = rows.find((r) => / failed · /.test(describeOf(a, r)));
    assert.ok(failed, 'a failed job shows its error');
    const ids = rows.map((r) => /\/(\d+)$/.exec(r.id)?.[1] ?? '');
    assert.ok(
      ids.some((id) => BigInt(id) > 2n ** 53n),
      ids.slice(0, 3).join(', '),
    );
    assert.ok(ids.every((id) => BigInt(id).toString() === id));
  });

  it('a running job copies PAUSE JOB and opens its details, naming that job-control runs in a SQL shell', async () => {
    const c = await child(a, undefined, SECURE);
    const running = (await children(a, await child(a, c, 'Jobs'))).find((r) =>
      contextOf(a, r).startsWith('job;running'),
    );
    assert.ok(running);
    const id = /\/(\d+)$/.exec(running.id)![1]!;
    assert.match(contextOf(a, running), /;pausable(;|$)/);
    assert.match(contextOf(a, running), /;cancelable(;|$)/);
    assert.doesNotMatch(contextOf(a, running), /;resumable(;|$)/);
    await vscode.commands.executeCommand('cockroachdb.copyPauseJob', running);
    assert.equal(await vscode.env.clipboard.readText(), `PAUSE JOB ${id};`);
    await vscode.commands.executeCommand('cockroachdb.showJobDetails', running);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.languageId, 'markdown');
    assert.match(doc.getText(), new RegExp(`job ${id}\\b`));
    assert.match(doc.getText(), /does not run job control statements/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('v26.1: statements from information_schema, insights say what is locked and what to do', async () => {
    const stmts = await activity(a, V26, 'Statements');
    assert.ok(stmts.length > 1 && contextOf(a, stmts[0]!).startsWith('statement'), label(a, stmts[0]!));
    const insights = await activity(a, V26, 'Insights');
    assert.equal(insights.length, 1, insights.map((r) => label(a, r)).join(' | '));
    assert.match(label(a, insights[0]!), /crdb_internal.*v26\.1/);
    assert.match(tooltipOf(a, insights[0]!), /allow_unsafe_internals|DB Console/);
    const locks = await activity(a, V26, 'Live lock waits');
    assert.match(label(a, locks[0]!), /restricts by default/);
    const c = await child(a, undefined, V26);
    const jobs = await children(a, await child(a, c, 'Jobs'));
    assert.ok(jobs.length > 5 && contextOf(a, jobs[0]!).startsWith('job;'), label(a, jobs[0]!));
  });

  it('v23 answers from crdb_internal; live lock waits name the holder', async () => {
    assert.ok((await activity(a, V23, 'Statements')).length > 1);
    assert.ok((await activity(a, V23, 'Insights')).length > 1);
    // Other suites cancel blockers on the shared v23 cluster; the secure one still has some.
    const locks = await activity(a, SECURE, 'Live lock waits');
    assert.ok(locks.length > 0);
    assert.match(contextOf(a, locks[0]!), /^lockWait\b/);
    assert.match(label(a, locks[0]!), /^txn [0-9a-f]{8} waits [\d.]+ m?s for txn [0-9a-f]{8}$/);
    assert.match(tooltipOf(a, locks[0]!), /Held by transaction [0-9a-f-]{36}/);
  });

  it('Cancel Blocking Session on a contended insight asks, naming the session, then cancels it', async () => {
    const insights = await activity(a, SECURE, 'Insights');
    let row: TreeNode | undefined;
    for (const i of insights.filter((r) => label(a, r) === 'High contention')) {
      row = (await children(a, i)).find((r) => /;blockerLive(;|$)/.test(contextOf(a, r)));
      if (row) break;
    }
    assert.ok(row, 'a contended insight whose blocker is still open');
    const blocker = /Blocking session ([0-9a-f]{32})/.exec(tooltipOf(a, row))?.[1];
    assert.ok(blocker);
    const declined = new ScriptedPrompter([], [], undefined, false);
    a.ui.use(declined);
    assert.equal(await vscode.commands.executeCommand('cockroachdb.cancelBlockingSession', row), false);
    assert.match(declined.asked[0] ?? '', /^confirm:Cancel the blocking session\?/);
    assert.ok(!(await simStats(s.secure)).cancelledSessions.includes(blocker), 'declined: nothing cancelled');
    a.ui.use(new ScriptedPrompter([], [], undefined, true));
    assert.equal(await vscode.commands.executeCommand('cockroachdb.cancelBlockingSession', row), true);
    assert.ok((await simStats(s.secure)).cancelledSessions.includes(blocker), 'the cluster cancelled the blocker');
  });

  it('a user without VIEWACTIVITY sees the missing privilege and the GRANT that fixes it, as a row', async () => {
    await vscode.commands.executeCommand('cockroachdb.signOut', await child(a, undefined, SECURE));
    await signIn(a, SECURE, nonAdmin(s.secure));
    try {
      const rows = await activity(a, SECURE, 'Statements');
      assert.equal(rows.length, 1);
      assert.match(label(a, rows[0]!), /VIEWACTIVITY/);
      assert.match(label(a, rows[0]!) + tooltipOf(a, rows[0]!), /GRANT SYSTEM VIEWACTIVITY/);
    } finally {
      await vscode.commands.executeCommand('cockroachdb.signOut', await child(a, undefined, SECURE));
      await signIn(a, SECURE, admin(s.secure));
    }
  });
});
