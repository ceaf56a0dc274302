// The Statement details panel in a real extension host, against the shared
// simulators (the v23 one with a down node, the v26.1 one with crdb_internal
// locked): a fingerprint's history, plans and recommendations; the insights,
// contention and live sessions that name it; sections that cannot be read on
// v26.1 next to the history from the stable view; and the confirmed cancel of a
// blocking session, accepted and declined, reaching the simulator's CANCEL
// SESSION. The cancels take the last blocking sessions found, so the first
// ones stay for the other suites.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Session } from '../../src/api/cluster/models';
import type { ContentionEvent, StatementStats } from '../../src/api/sql/models';
import type { ExplorerApi } from '../../src/extension';
import type { ClusterHandle } from '../../src/clusters/handle';
import { sameFingerprint } from '../../src/domain/fingerprint';
import { sessionsByOpenTxn } from '../../src/webviews/model/statementDetails';
import type { PanelEnv } from '../../src/webviews/panelBase';
import type { StatementTarget } from '../../src/webviews/protocol/workload';
import type { Exchange } from '../../src/webviews/panelMonitor';
import { StatementDetailsPanel } from '../../src/webviews/statementDetailsPanel';
import { api, EXTENSION_ID, setClusters, sims, simStats, waitFor } from './helpers';

const SIMS = sims();
const V23 = 'Statement details v23 sim';
const V26 = 'Statement details v26 sim';
const SIX_HOURS = 6 * 3_600_000;

function panelEnv(a: ExplorerApi): PanelEnv {
  return {
    extensionUri: vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
    ui: a.ui,
    log: a.logger.scoped('webviews'),
    monitor: a.panels,
  };
}

async function topStatements(c: ClusterHandle): Promise<StatementStats[]> {
  const r = await c.client.workload('statements', {
    window: { start: new Date(Date.now() - SIX_HOURS) },
    limit: 1000,
  });
  assert.equal(r.status, 'ok', JSON.stringify(r));
  return r.status === 'ok' ? r.items : [];
}

async function openSessions(c: ClusterHandle): Promise<Session[]> {
  const all: Session[] = [];
  for await (const page of c.client.allSessions({ excludeClosed: true })) all.push(...page.items);
  return all;
}

/** Contention events on statements the statistics know, whose blocking transaction is open in a live session now. */
async function blockedStatements(
  c: ClusterHandle,
): Promise<Array<{ statement: StatementStats; event: ContentionEvent; blocker: Session }>> {
  const [stmts, contention, sessions] = await Promise.all([
    topStatements(c),
    c.client.workload('contention', { window: { start: new Date(Date.now() - SIX_HOURS) }, limit: 5000 }),
    openSessions(c),
  ]);
  assert.equal(contention.status, 'ok');
  const byTxn = sessionsByOpenTxn(sessions);
  const found: Array<{ statement: StatementStats; event: ContentionEvent; blocker: Session }> = [];
  for (const event of contention.status === 'ok' ? contention.items : []) {
    const blocker = byTxn.get(event.blockingTxnId.toLowerCase());
    const statement = stmts.find((x) => x.fingerprintId === event.waitingStatementFingerprintId);
    if (blocker && statement && !found.some((f) => f.blocker.id === blocker.id))
      found.push({ statement, event, blocker });
  }
  return found;
}

const NO_PAIR =
  'the simulator has a contention event on a known statement whose blocking transaction is open in a live session (the live workload of src/sim)';

describe('webviews: Statement details panel', function () {
  this.timeout(120_000);
  let a: ExplorerApi;
  let env: PanelEnv;
  const byName = (name: string): ClusterHandle => {
    const e = a.connections.all().find((c) => c.name === name);
    assert.ok(e, `cluster ${name} is configured`);
    return e;
  };
  const seen = (pred: (e: Exchange) => boolean, since = 0) => a.panels.exchanges.slice(since).some(pred);
  /**
   * Opens the panel and waits for its webview's own first load: a load the test makes
   * while that one runs would be superseded by it (one load per panel at a time).
   */
  const open = async (c: ClusterHandle, target: StatementTarget): Promise<StatementDetailsPanel> => {
    const mark = a.panels.exchanges.length;
    const p = StatementDetailsPanel.show(env, c, target);
    await p.whenReady();
    await waitFor(
      'the webview’s first loadStatementDetails reply',
      () =>
        seen((e) => e.panel === 'statementDetails' && e.type === 'reply' && e.method === 'loadStatementDetails', mark),
      60_000,
    );
    return p;
  };

  before(async () => {
    a = await api();
    env = panelEnv(a);
    await setClusters([
      { name: V23, url: SIMS.insecure.clusterUrl },
      { name: V26, url: SIMS.v26.clusterUrl },
    ]);
    await waitFor('clusters configured', () => a.connections.all().length === 2);
  });

  afterEach(() => {
    a.ui.reset();
    for (const p of [...StatementDetailsPanel.open.values()]) p.dispose();
  });

  after(async () => {
    await setClusters([]);
    assert.equal(a.panels.cspViolations, 0, 'no webview reported a CSP violation');
  });

  it('one panel per cluster, fingerprint and application; the webview loads through the real handshake', async () => {
    const c = byName(V23);
    const [s] = await topStatements(c);
    assert.ok(s, 'the simulator has statements');
    const mark = a.panels.exchanges.length;
    const p = StatementDetailsPanel.show(env, c, { fingerprintId: s.fingerprintId, appName: s.appName });
    assert.equal(
      StatementDetailsPanel.show(env, c, { fingerprintId: s.fingerprintId.toUpperCase(), appName: s.appName }),
      p,
    );
    assert.equal(p.panel.title, `Statement ${s.fingerprintId} — ${V23}`);
    await p.whenReady();
    assert.ok(seen((e) => e.panel === 'statementDetails' && e.dir === 'out' && e.type === 'init', mark));
    await waitFor(
      'the loadStatementDetails reply',
      () =>
        seen(
          (e) =>
            e.panel === 'statementDetails' &&
            e.type === 'reply' &&
            e.method === 'loadStatementDetails' &&
            e.ok === true,
          mark,
        ),
      60_000,
    );
    assert.ok(
      seen((e) => e.dir === 'in' && e.type === 'request' && e.method === 'loadStatementDetails', mark),
      'the request came from the webview',
    );
    // After the reply: the title names the statement's summary.
    await waitFor('the summary in the title', () => p.panel.title === StatementDetailsPanel.title(c, s.querySummary));
    const other = StatementDetailsPanel.show(env, c, { fingerprintId: s.fingerprintId, appName: `${s.appName}-other` });
    assert.notEqual(other, p);
    assert.equal(StatementDetailsPanel.open.size, 2);
    other.panel.dispose();
    assert.ok(!StatementDetailsPanel.open.has(StatementDetailsPanel.key(c.id, s.fingerprintId, `${s.appName}-other`)));
  });

  it('a full-scan fingerprint: aggregate, hourly history, plan gists, sampled plan and index recommendations', async () => {
    const c = byName(V23);
    const stmts = await topStatements(c);
    const s = stmts.find((x) => x.fullScan && x.indexRecommendations.length > 0);
    assert.ok(s, 'the simulator has a full-scan statement with a recommendation');
    const panel = await open(c, { fingerprintId: s.fingerprintId, appName: s.appName });
    const d = await panel.load({ preset: '6h' });
    assert.doesNotThrow(() => structuredClone(d));
    assert.equal(d.fingerprintId, s.fingerprintId);
    assert.equal(d.appName, s.appName);
    assert.ok(d.statement, 'the aggregate row');
    assert.equal(d.statement.query, s.query);
    assert.equal(d.statement.fullScan, true);
    assert.ok(d.history.length > 0, 'history points');
    assert.ok(
      d.history.every((h, i) => i === 0 || Date.parse(h.at) > Date.parse(d.history[i - 1]!.at)),
      'in time order',
    );
    const histCount = d.history.reduce((n, h) => n + h.executionCount, 0);
    assert.equal(histCount, d.statement.executionCount, 'the history adds up to the aggregate');
    assert.ok(d.history.every((h) => h.meanLatency > 0 && h.p99Latency !== undefined));
    assert.ok(d.planGists.length > 0, 'plan gists');
    assert.match(d.sampledPlan, /scan/, 'the sampled plan tree');
    assert.ok(
      d.indexRecommendations.some((r) => /^creation : CREATE INDEX ON /.test(r)),
      JSON.stringify(d.indexRecommendations),
    );
    assert.deepEqual(
      d.errors.filter((e) => e.section !== 'sessions'),
      [],
    );
    assert.match(d.provenance.version ?? '', /^v23\.\d+$/);
    assert.equal(d.provenance.via, new URL(SIMS.insecure.clusterUrl).host);
    assert.match(d.provenance.node ?? '', /^n\d+ \(v23\.\d+\.\d+/, 'the gateway node and its build');
    assert.match(d.provenance.source ?? '', /^crdb_internal\.statement_(activity|statistics)$/);
    assert.ok(Date.parse(d.window.end) - Date.parse(d.window.start) === SIX_HOURS);
    assert.equal(panel.panel.title, StatementDetailsPanel.title(c, s.querySummary));
  });

  it('insights that name the fingerprint, and nothing for other fingerprints', async () => {
    const c = byName(V23);
    const insights = await c.client.workload('statementInsights', {
      window: { start: new Date(Date.now() - SIX_HOURS) },
      limit: 5000,
    });
    assert.equal(insights.status, 'ok');
    const stmts = await topStatements(c);
    const hit = (insights.status === 'ok' ? insights.items : []).find((i) =>
      stmts.some((s) => s.fingerprintId === i.statementFingerprintId && s.appName === i.appName),
    );
    assert.ok(hit, 'an insight on a statement of the window');
    const d = await (
      await open(c, {
        fingerprintId: hit.statementFingerprintId,
        appName: hit.appName,
      })
    ).load({ preset: '6h' });
    assert.ok(d.insights.length > 0);
    assert.ok(d.insights.some((i) => i.statementId === hit.statementId));
    assert.ok(d.insights.every((i) => typeof i.problem === 'string' && Array.isArray(i.causes)));
  });

  it('contention on the fingerprint names the blocking transaction, and the live session holding it', async () => {
    const c = byName(V23);
    const [found] = await blockedStatements(c);
    assert.ok(found, NO_PAIR);
    const d = await (
      await open(c, {
        fingerprintId: found.statement.fingerprintId,
        appName: found.statement.appName,
      })
    ).load({ preset: '6h' });
    assert.ok(d.contention.length > 0);
    const row = d.contention.find((r) => r.blockingTxnId === found.event.blockingTxnId);
    assert.ok(row, 'the event is listed');
    assert.equal(row.blockingSession?.sessionId, found.blocker.id);
    assert.equal(row.blockingSession?.nodeId, found.blocker.nodeId);
    assert.ok(row.table.includes('.'), `db.schema.table: ${row.table}`);
    // The waiting statement's own session runs it now.
    const running = (await openSessions(c)).filter((s) =>
      s.activeQueries.some(
        (q) =>
          sameFingerprint(q.sqlNoConstants ?? q.sql, found.statement.query) &&
          (!q.database || q.database === found.statement.database),
      ),
    );
    assert.deepEqual(
      d.sessions.map((x) => x.sessionId).sort(),
      running.map((x) => x.id).sort(),
      'sessions running it now',
    );
  });

  it('sessions running a fingerprint now are found by its text', async () => {
    const c = byName(V23);
    const [stmts, sessions] = await Promise.all([topStatements(c), openSessions(c)]);
    let pick: { s: StatementStats; session: Session } | undefined;
    for (const session of sessions) {
      const q = session.activeQueries[0];
      const s = q && stmts.find((x) => sameFingerprint(q.sqlNoConstants ?? q.sql, x.query));
      if (s) {
        pick = { s, session };
        break;
      }
    }
    assert.ok(pick, 'a live session runs a fingerprint of the statistics');
    const d = await (
      await open(c, {
        fingerprintId: pick.s.fingerprintId,
        appName: pick.s.appName,
      })
    ).load({ preset: '6h' });
    const live = d.sessions.find((x) => x.sessionId === pick.session.id);
    assert.ok(live, JSON.stringify(d.sessions));
    assert.equal(live.nodeId, pick.session.nodeId);
    assert.ok(live.query.length > 0);
  });

  it('v26.1: insights and contention are unavailable, the history comes from the stable view', async () => {
    const c = byName(V26);
    const [s] = await topStatements(c);
    assert.ok(s, 'the v26 simulator has statements');
    const d = await (
      await open(c, { fingerprintId: s.fingerprintId, appName: s.appName })
    ).load({
      preset: '6h',
    });
    assert.ok(d.statement);
    assert.ok(d.history.length > 0);
    assert.equal(d.provenance.source, 'information_schema.crdb_statement_statistics');
    assert.match(d.provenance.version ?? '', /^v26\./);
    assert.match(d.provenance.node ?? '', /^n\d+ \(v26\./);
    assert.equal(d.sampledPlan, '', 'the stable view has no plans');
    const sections = d.errors.map((e) => e.section);
    assert.ok(sections.includes('insights'), JSON.stringify(d.errors));
    assert.ok(sections.includes('contention'), JSON.stringify(d.errors));
    assert.ok(!sections.includes('history'), JSON.stringify(d.errors));
    for (const e of d.errors.filter((x) => x.section === 'insights' || x.section === 'contention'))
      assert.match(e.message, /crdb_internal/);
    assert.deepEqual(d.insights, []);
    assert.deepEqual(d.contention, []);
  });

  it('a load supersedes the one still running; closing the panel aborts its load', async () => {
    const c = byName(V23);
    const [s] = await topStatements(c);
    assert.ok(s);
    const panel = await open(c, { fingerprintId: s.fingerprintId, appName: s.appName });
    const first = panel.load({ preset: '7d' }).then(
      () => 'done',
      (e: unknown) => (e instanceof Error ? e.name : String(e)),
    );
    const second = await panel.load({ preset: '1h' });
    assert.equal(await first, 'AbortError', 'the first load was aborted');
    assert.equal(Date.parse(second.window.end) - Date.parse(second.window.start), 3_600_000);
  });

  it('cancel the blocking session: declined changes nothing, confirmed reaches CANCEL SESSION', async () => {
    const c = byName(V23);
    const found = (await blockedStatements(c)).at(-1);
    assert.ok(found, NO_PAIR);
    const panel = await open(c, {
      fingerprintId: found.statement.fingerprintId,
      appName: found.statement.appName,
    });
    const d = await panel.load({ preset: '6h' });
    // Only the blocking sessions the panel showed can be cancelled from it, not any session id a page sends.
    const shown = new Set(d.contention.flatMap((r) => (r.blockingSession ? [r.blockingSession.sessionId] : [])));
    const bystander = (await openSessions(c)).find((x) => !shown.has(x.id));
    assert.ok(bystander);
    await assert.rejects(panel.cancel({ sessionId: bystander.id, nodeId: bystander.nodeId }), /not a blocking session/);
    const blocker = d.contention.find((r) => r.blockingSession?.sessionId === found.blocker.id)?.blockingSession;
    assert.ok(blocker, JSON.stringify(d.contention));

    const asked: string[] = [];
    a.ui.use({
      confirm: async (message, detail) => {
        asked.push(`${message}\n${detail}`);
        return false;
      },
    });
    assert.deepEqual(await panel.cancel({ sessionId: blocker.sessionId, nodeId: blocker.nodeId }), {
      cancelled: false,
    });
    assert.equal(asked.length, 1);
    assert.match(
      asked[0]!,
      /^Cancel the blocking session\? Its open transaction is rolled back and its connection closed\./,
    );
    assert.ok(asked[0]!.includes(blocker.sessionId) && asked[0]!.includes(`n${blocker.nodeId}`), asked[0]);
    assert.ok(
      !(await simStats(SIMS.insecure)).cancelledSessions.includes(blocker.sessionId),
      'declined: nothing cancelled',
    );

    a.ui.use({ confirm: async () => true });
    assert.deepEqual(await panel.cancel({ sessionId: blocker.sessionId, nodeId: blocker.nodeId }), {
      cancelled: true,
    });
    assert.ok(
      (await simStats(SIMS.insecure)).cancelledSessions.includes(blocker.sessionId),
      'CANCEL SESSION reached the simulator',
    );

    // The blocker is gone: a reload no longer offers it, and an old button is refused.
    const after = await panel.load({ preset: '6h' });
    assert.ok(!after.contention.some((r) => r.blockingSession?.sessionId === blocker.sessionId));
    await assert.rejects(
      panel.cancel({ sessionId: blocker.sessionId, nodeId: blocker.nodeId }),
      /not a blocking session/,
    );
  });

  it('a blocking session that ended between the load and the click is refused, not cancelled blind', async () => {
    const c = byName(V23);
    const found = (await blockedStatements(c)).at(-1);
    assert.ok(found, `another ${NO_PAIR}`);
    const panel = await open(c, {
      fingerprintId: found.statement.fingerprintId,
      appName: found.statement.appName,
    });
    const d = await panel.load({ preset: '6h' });
    const blocker = d.contention.find((r) => r.blockingSession?.sessionId === found.blocker.id)?.blockingSession;
    assert.ok(blocker);
    // It ends elsewhere (another window, the tree).
    await c.client.cancelSession(blocker.sessionId);
    const before = (await simStats(SIMS.insecure)).cancelledSessions.length;
    let asked = 0;
    a.ui.use({
      confirm: async () => {
        asked++;
        return true;
      },
    });
    await assert.rejects(panel.cancel({ sessionId: blocker.sessionId, nodeId: blocker.nodeId }), /no longer open/);
    assert.equal(asked, 0, 'no confirmation for a session that is gone');
    assert.equal((await simStats(SIMS.insecure)).cancelledSessions.length, before);
  });
});
