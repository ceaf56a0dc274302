// The SQL activity panel in a real extension host, against the shared simulators:
// the webview's own loadSqlActivity request and reply, the statements and
// transactions payloads (fingerprint ids, statement summaries, provenance),
// internal apps, a user without VIEWACTIVITY, the v26.1 stable view, one query in
// flight per panel, Show SQL activity switching the kind, and export. These tests
// drive their own copy of the panel class (the test bundle has its own module
// instances) with cluster handles from the running extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isApiError } from '../../src/api/http/errors';
import type { ClusterHandle } from '../../src/clusters/handle';
import type { ExplorerApi } from '../../src/extension';
import { failureOf } from '../../src/webviews/convert';
import { ACTIVITY_LIMIT } from '../../src/webviews/model/activityColumns';
import type { PanelEnv } from '../../src/webviews/panelBase';
import type { Exchange } from '../../src/webviews/panelMonitor';
import type { SqlActivityPayload, SqlActivityQuery } from '../../src/webviews/protocol/workload';
import { SqlActivityPanel } from '../../src/webviews/sqlActivityPanel';
import { api, EXTENSION_ID, nonAdmin, ScriptedPrompter, setClusters, sims, waitFor } from './helpers';

const S = sims();
const V23 = 'SQL activity v23 sim';
const V26 = 'SQL activity v26 sim';
const SECURE = 'SQL activity secure sim';
const HEX16 = /^[0-9a-f]{16}$/;
const DAY: SqlActivityQuery['window'] = { preset: '1d' };

function panelEnv(a: ExplorerApi): PanelEnv {
  return {
    extensionUri: vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
    ui: a.ui,
    log: a.logger.scoped('webviews'),
    monitor: a.panels,
  };
}

const statements = (includeInternal = false): SqlActivityQuery => ({
  kind: 'statements',
  window: DAY,
  includeInternal,
});
const transactions = (includeInternal = false): SqlActivityQuery => ({
  kind: 'transactions',
  window: DAY,
  includeInternal,
});

/** What every payload promises, whatever the kind. */
function assertProvenance(p: SqlActivityPayload, clusterUrl: string, version: RegExp, source: string): void {
  assert.equal(p.provenance.via, new URL(clusterUrl).host, 'via is the host:port the SQL API answered on');
  assert.match(p.provenance.version ?? '', version);
  assert.equal(p.provenance.source, source);
  // The gateway's /_status/vars names the node behind `via` and its build, of the SQL level's release.
  assert.match(p.provenance.node ?? '', /^n\d+ \(v\d+\.\d+\.\d+/, `node ${p.provenance.node}`);
  assert.ok(
    p.provenance.node?.includes(`(${p.provenance.version}.`),
    `node ${p.provenance.node} is a ${version} build`,
  );
  const age = Date.now() - Date.parse(p.provenance.fetchedAt);
  assert.ok(age >= 0 && age < 60_000, `fetchedAt ${p.provenance.fetchedAt} is now`);
  const span = Date.parse(p.window.end) - Date.parse(p.window.start);
  assert.ok(Math.abs(span - 24 * 3_600_000) < 1000, `the 1d window resolved to ${span} ms`);
  assert.doesNotThrow(() => structuredClone(p), 'the payload survives postMessage');
}

describe('webviews: SQL activity panel', function () {
  this.timeout(120_000);
  let a: ExplorerApi;
  let env: PanelEnv;
  const byName = (name: string): ClusterHandle => {
    const c = a.connections.all().find((x) => x.name === name);
    assert.ok(c, `cluster ${name} is configured`);
    return c;
  };
  const seen = (pred: (e: Exchange) => boolean, since = 0) => a.panels.exchanges.slice(since).some(pred);
  const replied = (since: number, ok?: boolean) =>
    seen(
      (e) =>
        e.panel === 'sqlActivity' &&
        e.dir === 'out' &&
        e.method === 'loadSqlActivity' &&
        (ok === undefined || e.ok === ok),
      since,
    );
  /**
   * A panel whose webview has had its first answer: the loads the tests make then never
   * race the webview's own (a new load aborts the one in flight, by design).
   */
  const opened = async (c: ClusterHandle, kind?: SqlActivityQuery['kind']): Promise<SqlActivityPanel> => {
    const mark = a.panels.exchanges.length;
    const panel = SqlActivityPanel.show(env, c, kind);
    await panel.whenReady();
    await waitFor('the webview’s first loadSqlActivity reply', () => replied(mark), 60_000);
    return panel;
  };

  before(async () => {
    a = await api();
    env = panelEnv(a);
    await setClusters([
      { name: V23, url: S.insecure.clusterUrl },
      { name: V26, url: S.v26.clusterUrl },
      { name: SECURE, url: S.secure.clusterUrl, caFile: S.secure.caFile! },
    ]);
    await waitFor('clusters configured', () => a.connections.all().length === 3);
  });

  afterEach(() => {
    a.ui.reset();
    for (const p of [...SqlActivityPanel.open.values()]) p.dispose();
  });

  after(async () => {
    const secure = a.connections.all().find((c) => c.name === SECURE);
    if (secure && (await a.auth.isSignedIn(secure.id)))
      await vscode.commands.executeCommand('cockroachdb.signOut', secure.id);
    await setClusters([]);
    assert.equal(a.panels.cspViolations, 0, 'no webview reported a CSP violation');
  });

  it('the webview asks for SQL activity and gets a reply; one panel per cluster, titled with its name', async () => {
    const c = byName(V23);
    const mark = a.panels.exchanges.length;
    const panel = SqlActivityPanel.show(env, c);
    assert.equal(panel.panel.title, `SQL activity — ${V23}`);
    assert.equal(SqlActivityPanel.show(env, c), panel, 'reveals the open panel');
    assert.equal(SqlActivityPanel.open.size, 1);
    await panel.whenReady();
    await waitFor('the loadSqlActivity reply', () => replied(mark, true), 60_000);
    assert.ok(seen((e) => e.dir === 'in' && e.type === 'request' && e.method === 'loadSqlActivity', mark));
    panel.panel.dispose(); // the user closes the tab
    assert.equal(SqlActivityPanel.open.size, 0);
  });

  it('statements: 16-hex fingerprints with their figures, from the activity cache of a v23 cluster', async () => {
    const p = await (await opened(byName(V23))).load(statements());
    assert.equal(p.kind, 'statements');
    assert.equal(p.unavailable, undefined);
    assert.ok(p.statements.length > 0, 'the simulator has statement statistics');
    assert.ok(p.statements.length <= ACTIVITY_LIMIT);
    assert.deepEqual(p.transactions, []);
    assert.equal(p.truncated, false, 'a few hundred fingerprints fit the size limit');
    for (const s of p.statements) {
      assert.match(s.fingerprintId, HEX16);
      assert.ok(s.query.length > 0 && s.executionCount > 0 && s.totalTime > 0, JSON.stringify(s));
      assert.ok(Math.abs(s.meanLatency * s.executionCount - s.totalTime) < 1e-6 * s.totalTime + 1e-9);
      assert.ok(!s.appName.startsWith('$ internal'), `${s.appName} is internal`);
    }
    // By total time, the order the cluster was asked for.
    for (let i = 1; i < p.statements.length; i++)
      assert.ok(p.statements[i - 1]!.totalTime >= p.statements[i]!.totalTime);
    assert.ok(
      p.statements.some((s) => s.fullScan && s.indexRecommendations.length > 0),
      'a full scan with an index recommendation',
    );
    assertProvenance(p, S.insecure.clusterUrl, /^v23\.2$/, 'crdb_internal.statement_activity');
  });

  it('transactions: their statements are named by the summaries of the same window', async () => {
    const panel = await opened(byName(V23));
    const t = await panel.load(transactions());
    assert.equal(t.kind, 'transactions');
    assert.ok(t.transactions.length > 0);
    assert.deepEqual(t.statements, []);
    const s = await panel.load(statements());
    const summaryOf = new Map(s.statements.map((x) => [x.fingerprintId, x.querySummary]));
    let named = 0;
    for (const x of t.transactions) {
      assert.match(x.fingerprintId, HEX16);
      assert.ok(x.statementFingerprintIds.length > 0, 'the v23 statistics list the statements');
      assert.ok(x.statementFingerprintIds.every((id) => HEX16.test(id)));
      const expected = x.statementFingerprintIds.map((id) => summaryOf.get(id)).filter((v) => v !== undefined);
      assert.deepEqual(x.statementSummaries, expected);
      named += x.statementSummaries.length;
    }
    assert.ok(named > 0, 'some transactions are named by their statements');
    assertProvenance(t, S.insecure.clusterUrl, /^v23\.2$/, 'crdb_internal.transaction_activity');
  });

  it('Show internal apps adds CockroachDB’s own applications', async () => {
    const panel = await opened(byName(V23));
    const without = await panel.load(statements(false));
    const withInternal = await panel.load(statements(true));
    const internal = withInternal.statements.filter((s) => s.appName.startsWith('$ internal'));
    assert.ok(internal.length > 0, 'the simulator runs internal apps');
    assert.equal(withInternal.statements.length, without.statements.length + internal.length);
    const tWithout = await panel.load(transactions(false));
    const tWith = await panel.load(transactions(true));
    assert.ok(tWith.transactions.length > tWithout.transactions.length);
    assert.ok(!tWithout.transactions.some((x) => x.appName.startsWith('$ internal')));
  });

  it('a user without VIEWACTIVITY gets the privilege error, with the grant to ask for', async () => {
    const c = byName(SECURE);
    if (await a.auth.isSignedIn(c.id)) await vscode.commands.executeCommand('cockroachdb.signOut', c.id);
    const viewer = nonAdmin(S.secure);
    a.ui.use(new ScriptedPrompter([viewer.username, viewer.password], ["Don't remember the password"]));
    await vscode.commands.executeCommand('cockroachdb.signIn', c.id);
    assert.ok(await a.auth.isSignedIn(c.id), 'signed in as the non-admin user');
    // Through the webview: the reply it gets is a failure (its error state shows it).
    const mark = a.panels.exchanges.length;
    const panel = await opened(c);
    assert.ok(replied(mark, false) && !replied(mark, true), 'the webview’s load failed');
    for (const q of [statements(), transactions()]) {
      const e = await panel.load(q).then(
        () => assert.fail(`${q.kind} loaded for a user without VIEWACTIVITY`),
        (err: unknown) => err,
      );
      const f = failureOf(e);
      assert.equal(f.kind, 'forbidden', f.message);
      assert.match(f.message, /VIEWACTIVITY/);
    }
    await vscode.commands.executeCommand('cockroachdb.signOut', c.id);
  });

  it('v26.1: statements from information_schema.crdb_statement_statistics (crdb_internal is locked)', async () => {
    const panel = await opened(byName(V26));
    const p = await panel.load(statements());
    assert.equal(p.unavailable, undefined, JSON.stringify(p.unavailable));
    assert.ok(p.statements.length > 0);
    assert.ok(p.statements.every((s) => HEX16.test(s.fingerprintId) && s.query.length > 0));
    assertProvenance(p, S.v26.clusterUrl, /^v26\.1$/, 'information_schema.crdb_statement_statistics');
    const t = await panel.load(transactions());
    assert.equal(t.unavailable, undefined);
    assert.ok(t.transactions.length > 0);
    assertProvenance(t, S.v26.clusterUrl, /^v26\.1$/, 'information_schema.crdb_transaction_statistics');
  });

  it('one query in flight per panel: a new load aborts the one still running', async () => {
    const panel = await opened(byName(V23));
    const first = panel.load(transactions());
    assert.ok(panel.loading);
    const second = panel.load(statements(true));
    const e = await first.then(
      () => assert.fail('the superseded load completed'),
      (err: unknown) => err,
    );
    assert.ok(isApiError(e, 'cancelled'), `the first load was aborted: ${String(e)}`);
    const p = await second;
    assert.equal(p.kind, 'statements');
    assert.ok(p.statements.length > 0);
    assert.ok(!panel.loading, 'nothing left in flight');
    // A load in flight is aborted when the panel closes, too.
    const orphan = panel.load(statements());
    panel.dispose();
    assert.ok(isApiError(await orphan.catch((err: unknown) => err), 'cancelled'));
  });

  it('Show SQL activity with a kind: the next answer is of that kind, and an open panel is switched', async () => {
    const c = byName(V23);
    // A new panel: whatever its webview asks first (a restored state may say statements), the answer is transactions.
    const panel = await opened(c, 'transactions');
    assert.equal(panel.activityKind, 'transactions');
    // Open, showing transactions: asking for transactions again only reveals it.
    let mark = a.panels.exchanges.length;
    assert.equal(SqlActivityPanel.show(env, c, 'transactions'), panel);
    assert.ok(!seen((e) => e.type === 'refresh', mark), 'no refetch for the kind it shows');
    // Asking for statements: the webview is told to refresh, and its next load is answered with statements.
    mark = a.panels.exchanges.length;
    assert.equal(SqlActivityPanel.show(env, c, 'statements'), panel);
    assert.ok(seen((e) => e.type === 'refresh' && e.dir === 'out', mark));
    await waitFor('the webview’s new request and its reply', () => replied(mark, true), 60_000);
    assert.equal(panel.activityKind, 'statements');
    // Direct loads follow the same rule: a pending kind wins once.
    SqlActivityPanel.show(env, c, 'transactions');
    await waitFor('the switch to transactions', () => panel.activityKind === 'transactions' && !panel.loading, 60_000);
    const next = await panel.load(statements());
    assert.equal(next.kind, 'statements');
  });

  it('export writes what the webview prepared to the file the user picks', async () => {
    const panel = await opened(byName(V23));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-activity-export-'));
    a.ui.use({ saveDialog: async (o) => vscode.Uri.file(path.join(dir, path.basename(o.defaultUri?.path ?? ''))) });
    try {
      const save = (
        panel as unknown as { handlers(): { saveExport(p: unknown): Promise<{ saved: boolean; path?: string }> } }
      ).handlers().saveExport;
      const content = 'Statement,Executions\r\nSELECT 1,3\r\n';
      const r = await save({ format: 'csv', suggestedName: 'sql-statements-x.csv', content });
      assert.equal(r.saved, true);
      assert.equal(fs.readFileSync(path.join(dir, 'sql-statements-x.csv'), 'utf8'), content);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
