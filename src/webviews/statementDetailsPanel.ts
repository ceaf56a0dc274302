// Statement details: one panel per cluster, statement fingerprint and
// application. One load reads the fingerprint's aggregate, its hourly history
// (chart, plans, index recommendations), the insights and contention events
// that name it and the live sessions, in parallel; a section that cannot be
// read says why in its place instead of failing the panel. Blocking sessions
// can be cancelled, after the same modal confirmation as in the tree.
import * as vscode from 'vscode';
import type { StatementHour, WorkloadResult } from '../api/sql/models';
import { BLOCKING_SESSION_HEADLINE, cancellable, confirmCancelSession } from '../clusters/cancel';
import { gatewayOf } from '../clusters/gateway';
import type { ClusterHandle } from '../clusters/handle';
import { openSessions, type OpenSessions } from '../clusters/liveTransactions';
import { nodeList, oneLine } from '../domain/format';
import { webviewOptions } from './html';
import {
  contentionRow,
  distinct,
  insightSummary,
  linkBlockingSessions,
  mergeStatementRows,
  sessionsRunning,
} from './model/statementDetails';
import { PanelBase, type Handlers, type PanelEnv } from './panelBase';
import type { ParamsOf, ResultOf } from './protocol/messages';
import type {
  ContentionRow,
  InsightSummary,
  LiveSession,
  SectionError,
  StatementDetailsPayload,
  StatementRow,
  StatementTarget,
} from './protocol/workload';
import { provenance, resolveWindow, statementRow } from './workloadConvert';
import { PanelTypes } from '../constants';

/** Fingerprints of one application in a window; a busier app's statement may be beyond it (then the history sums stand in). */
const STATEMENT_LIMIT = 1000;
/** Insights and contention events come newest first over every fingerprint; this fingerprint's are picked from them. */
const EVENT_LIMIT = 5000;
function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** An answer's items, or the words for its section when the cluster cannot serve it. */
function itemsOf<T>(answer: PromiseSettledResult<WorkloadResult<T>>): { items: T[]; error?: string } {
  if (answer.status === 'rejected') return { items: [], error: message(answer.reason) };
  const a = answer.value;
  if (a.status !== 'ok') return { items: [], error: `${a.reason} ${a.whatToDo}` };
  return { items: a.items };
}

/** Fingerprint ids as the server prints them: 16 lower-case hex digits. */
function fingerprintKey(id: string): string {
  const hex = id.trim().toLowerCase().replace(/^\\x/, '');
  return /^[0-9a-f]{1,16}$/.test(hex) ? hex.padStart(16, '0') : hex;
}

export class StatementDetailsPanel extends PanelBase {
  static readonly viewType = PanelTypes.statementDetails;
  /** Open panels by `clusterId#fingerprintId#appName` (cluster ids and fingerprints hold no `#`). */
  static readonly open = new Map<string, StatementDetailsPanel>();

  private inFlight: AbortController | undefined;
  /** Aborted when the panel closes: a cancel's session lookup still running then has no one to answer. */
  private readonly lifetime = new AbortController();
  /** Sessions (lower-case ids) the last load showed as blocking: the only ones this panel offers to cancel. */
  private offered = new Set<string>();

  static key(clusterId: string, fingerprintId: string, appName: string): string {
    return `${clusterId}#${fingerprintKey(fingerprintId)}#${appName}`;
  }

  static show(env: PanelEnv, cluster: ClusterHandle, target: StatementTarget): StatementDetailsPanel {
    const existing = StatementDetailsPanel.open.get(
      StatementDetailsPanel.key(cluster.id, target.fingerprintId, target.appName),
    );
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      StatementDetailsPanel.viewType,
      StatementDetailsPanel.title(cluster, target.fingerprintId),
      vscode.ViewColumn.Active,
      webviewOptions(env.extensionUri),
    );
    return new StatementDetailsPanel(panel, env, cluster, target);
  }

  /** Tab titles are plain text: the summary (or the fingerprint id until it is known) and the cluster. */
  static title(cluster: ClusterHandle, label: string): string {
    return vscode.l10n.t('Statement {0} — {1}', oneLine(label, 40), cluster.name);
  }

  readonly target: StatementTarget;

  /** Also used by the serializer to adopt a restored panel. */
  constructor(panel: vscode.WebviewPanel, env: PanelEnv, cluster: ClusterHandle, target: StatementTarget) {
    super(panel, env, cluster, 'statementDetails');
    this.target = { fingerprintId: fingerprintKey(target.fingerprintId), appName: target.appName };
    panel.title = StatementDetailsPanel.title(cluster, this.target.fingerprintId);
    const key = StatementDetailsPanel.key(cluster.id, this.target.fingerprintId, this.target.appName);
    StatementDetailsPanel.open.get(key)?.dispose();
    StatementDetailsPanel.open.set(key, this);
    this._register({
      dispose: () => {
        this.inFlight?.abort();
        this.lifetime.abort();
        if (StatementDetailsPanel.open.get(key) === this) StatementDetailsPanel.open.delete(key);
      },
    });
  }

  protected override initExtras(): { statement: StatementTarget } {
    return { statement: { ...this.target } };
  }

  protected handlers(): Handlers {
    return {
      loadStatementDetails: (p) => this.load(p.window),
      cancelSession: (p) => this.cancel(p),
      saveExport: (p) => this.save(p),
    };
  }

  /** Every session of the cluster that is not closed, and the nodes that did not answer. */
  private liveSessions(signal: AbortSignal): Promise<OpenSessions> {
    return openSessions(this.cluster.client, { signal });
  }

  async load(window: ParamsOf<'loadStatementDetails'>['window']): Promise<StatementDetailsPayload> {
    // A new load (auto-refresh, another window) supersedes the one still running.
    this.inFlight?.abort();
    const ctl = new AbortController();
    this.inFlight = ctl;
    const signal = ctl.signal;
    try {
      return await this.read(window, signal);
    } finally {
      if (this.inFlight === ctl) this.inFlight = undefined;
    }
  }

  private async read(
    window: ParamsOf<'loadStatementDetails'>['window'],
    signal: AbortSignal,
  ): Promise<StatementDetailsPayload> {
    const client = this.cluster.client;
    const { fingerprintId, appName } = this.target;
    const win = resolveWindow(window);
    const opts = { signal };
    const app = appName === '' ? {} : { app: appName };
    // Asked beside the reads (it never fails, and is cached): which node answered.
    const gateway = gatewayOf(client);
    const [stmts, history, insights, contention, live] = await Promise.allSettled([
      client.workload('statements', { window: win, ...app, includeInternal: true, limit: STATEMENT_LIMIT }, opts),
      client.workload('statementHistory', { window: win, fingerprintId, ...app }, opts),
      client.workload('statementInsights', { window: win, limit: EVENT_LIMIT }, opts),
      client.workload('contention', { window: win, limit: EVENT_LIMIT }, opts),
      this.liveSessions(signal),
    ]);
    signal.throwIfAborted();

    // The aggregate and the history are what the panel is: if either read fails, the panel does.
    if (stmts.status === 'rejected') throw stmts.reason;
    if (history.status === 'rejected') throw history.reason;
    const stmtAnswer = stmts.value;
    const histAnswer = history.value;
    if (stmtAnswer.status !== 'ok' && histAnswer.status !== 'ok')
      throw new Error(`${histAnswer.reason} ${histAnswer.whatToDo}`);

    const errors: SectionError[] = [];
    let statement: StatementRow | undefined;
    if (stmtAnswer.status === 'ok') {
      const rows = stmtAnswer.items
        .filter((s) => s.fingerprintId === fingerprintId && (appName === '' || s.appName === appName))
        .map(statementRow);
      statement = mergeStatementRows(rows, appName);
    } else {
      errors.push({
        section: 'history',
        message: vscode.l10n.t(
          'The figures of the window could not be read: {0} {1}',
          stmtAnswer.reason,
          stmtAnswer.whatToDo,
        ),
      });
    }

    let hours: StatementHour[] = [];
    if (histAnswer.status === 'ok') hours = [...histAnswer.items].sort((a, b) => a.at.getTime() - b.at.getTime());
    else errors.push({ section: 'history', message: `${histAnswer.reason} ${histAnswer.whatToDo}` });

    const insightRead = itemsOf(insights);
    if (insightRead.error) errors.push({ section: 'insights', message: insightRead.error });
    const mine = insightRead.items.filter(
      (i) => i.statementFingerprintId === fingerprintId && (appName === '' || i.appName === appName),
    );
    const insightRows: InsightSummary[] = mine.map(insightSummary);

    const contentionRead = itemsOf(contention);
    if (contentionRead.error) errors.push({ section: 'contention', message: contentionRead.error });
    else if (contentionRead.items.length && contentionRead.items.every((e) => !e.waitingStatementFingerprintId))
      errors.push({
        section: 'contention',
        message: vscode.l10n.t(
          'This CockroachDB version records contention per transaction, not per statement, so none can be tied to this statement.',
        ),
      });
    const contentionRows: ContentionRow[] = contentionRead.items
      .filter((e) => e.waitingStatementFingerprintId === fingerprintId)
      .map(contentionRow);

    // The fingerprint's text: from the aggregate, else from an insight that names it.
    const query = statement?.query || mine.find((i) => i.query)?.query || '';
    let sessions: LiveSession[] = [];
    if (live.status === 'rejected') {
      errors.push({
        section: 'sessions',
        message: vscode.l10n.t('The live sessions could not be read: {0}', message(live.reason)),
      });
    } else {
      const now = Date.now();
      linkBlockingSessions(contentionRows, live.value.sessions, now);
      if (query) sessions = sessionsRunning(live.value.sessions, query, statement?.database ?? '', now);
      else
        errors.push({
          section: 'sessions',
          message: vscode.l10n.t(
            'The statement text is not known for this window, so running sessions cannot be matched to it.',
          ),
        });
      if (live.value.missing.length)
        errors.push({
          section: 'sessions',
          message: vscode.l10n.t('{0} did not answer: their sessions are not listed.', nodeList(live.value.missing)),
        });
    }
    this.offered = new Set(
      contentionRows.flatMap((r) => (r.blockingSession ? [r.blockingSession.sessionId.toLowerCase()] : [])),
    );

    const latestFirst = [...hours].reverse();
    const source =
      histAnswer.status === 'ok' ? histAnswer.source : stmtAnswer.status === 'ok' ? stmtAnswer.source : undefined;
    const payload: StatementDetailsPayload = {
      fingerprintId,
      appName,
      history: hours.map((h) => ({
        at: h.at.toISOString(),
        executionCount: h.executionCount,
        meanLatency: h.meanLatency,
        ...(h.p99Latency !== undefined ? { p99Latency: h.p99Latency } : {}),
      })),
      planGists: distinct(latestFirst.flatMap((h) => h.planGists)),
      sampledPlan: latestFirst.find((h) => h.sampledPlan.trim() !== '')?.sampledPlan ?? '',
      indexRecommendations: distinct([
        ...(latestFirst.find((h) => h.indexRecommendations.length)?.indexRecommendations ?? []),
        ...(statement?.indexRecommendations ?? []),
      ]),
      insights: insightRows,
      contention: contentionRows,
      sessions,
      errors,
      window: { start: win.start.toISOString(), end: win.end.toISOString() },
      provenance: provenance(client.baseUrl, histAnswer.version ?? stmtAnswer.version, source, await gateway),
    };
    if (statement) payload.statement = statement;
    const label = statement?.querySummary || statement?.query;
    if (label) this.panel.title = StatementDetailsPanel.title(this.cluster, label);
    return payload;
  }

  /** The session is looked up again: it may have ended since the panel showed it. */
  async cancel(p: ParamsOf<'cancelSession'>): Promise<ResultOf<'cancelSession'>> {
    const id = p.sessionId.toLowerCase();
    if (!this.offered.has(id))
      throw new Error(
        vscode.l10n.t('Session {0} is not a blocking session this panel showed; reload the panel.', p.sessionId),
      );
    const { sessions } = await this.liveSessions(this.lifetime.signal);
    const s = sessions.find((x) => x.id.toLowerCase() === id && x.nodeId === p.nodeId);
    if (!s)
      throw new Error(
        vscode.l10n.t(
          'Session {0} on n{1} is no longer open: it ended or was cancelled. Nothing was cancelled.',
          p.sessionId,
          p.nodeId,
        ),
      );
    const cancelled = await confirmCancelSession(
      this.env.ui,
      this.cluster.client,
      cancellable(s),
      BLOCKING_SESSION_HEADLINE,
    );
    if (cancelled) {
      this.offered.delete(id);
      this.log.info(`cancelled session ${s.id} on n${s.nodeId} (blocking statement ${this.target.fingerprintId})`);
    }
    return { cancelled };
  }
}
