// SQL activity: one panel per cluster, the top statement or transaction
// fingerprints of a time window (up to ACTIVITY_LIMIT of them, by total time).
// Sorting, the application and database filters and the search are local to the
// webview; only the kind, the window and "show internal apps" come back here.
import * as vscode from 'vscode';
import type { StatementStats } from '../api/sql/models';
import type { WorkloadAnswer, WorkloadKind } from '../api/sql/workload';
import { gatewayOf, type GatewayInfo } from '../clusters/gateway';
import type { ClusterHandle } from '../clusters/handle';
import { webviewOptions } from './html';
import { ACTIVITY_LIMIT, ACTIVITY_MAX_RESULT_BYTES } from './model/activityColumns';
import { PanelBase, type Handlers, type PanelEnv } from './panelBase';
import type {
  ActivityKind,
  ActivityWindow,
  SqlActivityPayload,
  SqlActivityQuery,
  StatementRow,
  StatementTarget,
  TransactionRow,
} from './protocol/workload';
import { provenance, resolveWindow, statementRow, transactionRow } from './workloadConvert';
import { PanelTypes } from '../constants';

/** What `cockroachdb.showStatementDetails` is given when a row is opened. */
export interface StatementDetailsTarget extends StatementTarget {
  clusterId: string;
  window: ActivityWindow;
}

export class SqlActivityPanel extends PanelBase {
  static readonly viewType = PanelTypes.sqlActivity;
  /** Open panels by cluster id. */
  static readonly open = new Map<string, SqlActivityPanel>();

  private inFlight: AbortController | undefined;
  /** The window of the last load: a row opened from the table is shown over the same window. */
  private window: ActivityWindow = { preset: '1h' };
  /**
   * A kind asked for by show() and not yet answered. The next load answers with it
   * whatever kind the webview asked for, and the webview follows the payload's `kind`:
   * that is how an open panel is switched without a message of its own.
   */
  private pendingKind: ActivityKind | undefined;
  /** The kind of the last load; undefined before the first. */
  private shownKind: ActivityKind | undefined;

  static show(env: PanelEnv, cluster: ClusterHandle, kind?: ActivityKind): SqlActivityPanel {
    const existing = SqlActivityPanel.open.get(cluster.id);
    if (existing) {
      existing.panel.reveal();
      if (kind && kind !== (existing.pendingKind ?? existing.shownKind)) {
        existing.pendingKind = kind;
        // Before its first load the webview has not asked yet; that first request takes the kind.
        if (existing.shownKind !== undefined) existing.refresh();
      }
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      SqlActivityPanel.viewType,
      SqlActivityPanel.title(cluster),
      vscode.ViewColumn.Active,
      webviewOptions(env.extensionUri),
    );
    const created = new SqlActivityPanel(panel, env, cluster);
    if (kind) created.pendingKind = kind;
    return created;
  }

  /** Tab titles are plain text rendered by VS Code, so the cluster name is safe there. */
  static title(cluster: ClusterHandle): string {
    return vscode.l10n.t('SQL activity — {0}', cluster.name);
  }

  /** Also used by the serializer to adopt a restored panel. */
  constructor(panel: vscode.WebviewPanel, env: PanelEnv, cluster: ClusterHandle) {
    super(panel, env, cluster, 'sqlActivity');
    panel.title = SqlActivityPanel.title(cluster);
    SqlActivityPanel.open.get(cluster.id)?.dispose();
    SqlActivityPanel.open.set(cluster.id, this);
    this._register({
      dispose: () => {
        this.inFlight?.abort();
        if (SqlActivityPanel.open.get(cluster.id) === this) SqlActivityPanel.open.delete(cluster.id);
      },
    });
  }

  protected handlers(): Handlers {
    return {
      loadSqlActivity: (p) => this.load(p),
      saveExport: (p) => this.save(p),
    };
  }

  /** The fingerprints of the window. A new load aborts the one still running: one query in flight per panel. */
  async load(q: SqlActivityQuery): Promise<SqlActivityPayload> {
    const kind = this.pendingKind ?? q.kind;
    this.pendingKind = undefined;
    this.shownKind = kind;
    this.inFlight?.abort();
    const ctl = new AbortController();
    this.inFlight = ctl;
    this.window = q.window;
    const w = resolveWindow(q.window);
    const query = {
      window: w,
      metric: 'totalTime' as const,
      includeInternal: q.includeInternal,
      limit: ACTIVITY_LIMIT,
    };
    const opts = { signal: ctl.signal, maxResultBytes: ACTIVITY_MAX_RESULT_BYTES };
    const client = this.cluster.client;
    // Asked beside the query (it never fails, and is cached): which node answered.
    const gateway = gatewayOf(client);
    try {
      if (kind === 'statements') {
        const r = await client.workload('statements', query, opts);
        return this.payload(kind, w, r, await gateway, {
          statements: r.status === 'ok' ? r.items.map(statementRow) : [],
        });
      }
      // The statements of the same window name the transactions' statements (their summaries).
      const [txns, stmts] = await Promise.all([
        client.workload('transactions', query, opts),
        client.workload('statements', query, opts).catch((e: unknown) => {
          if (ctl.signal.aborted) throw e;
          this.log.warn(`statement summaries unavailable for transactions: ${e instanceof Error ? e.message : e}`);
          return undefined;
        }),
      ]);
      const summaries = summariesOf(stmts?.status === 'ok' ? stmts.items : []);
      return this.payload(kind, w, txns, await gateway, {
        transactions: txns.status === 'ok' ? txns.items.map((t) => transactionRow(t, summaries)) : [],
      });
    } catch (e) {
      // One query of a pair failed: the other is of no use any more.
      ctl.abort();
      throw e;
    } finally {
      if (this.inFlight === ctl) this.inFlight = undefined;
    }
  }

  /** Whether a load is running (tests). */
  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** The kind the last load answered with; undefined before the first (tests). */
  get activityKind(): ActivityKind | undefined {
    return this.shownKind;
  }

  private payload(
    kind: ActivityKind,
    w: { start: Date; end: Date },
    r: WorkloadAnswer<WorkloadKind>,
    gateway: GatewayInfo,
    rows: { statements?: StatementRow[]; transactions?: TransactionRow[] },
  ): SqlActivityPayload {
    const ok = r.status === 'ok';
    return {
      kind,
      statements: rows.statements ?? [],
      transactions: rows.transactions ?? [],
      truncated: ok && r.truncated,
      ...(ok ? {} : { unavailable: { reason: r.reason, whatToDo: r.whatToDo } }),
      window: { start: w.start.toISOString(), end: w.end.toISOString() },
      provenance: provenance(this.cluster.client.baseUrl, r.version, ok ? r.source : undefined, gateway),
    };
  }

  /** Statement details is its own panel, opened through its command (it knows the cluster by id). */
  protected override openStatement(target: StatementTarget): void {
    const arg: StatementDetailsTarget = {
      clusterId: this.cluster.id,
      fingerprintId: target.fingerprintId,
      appName: target.appName,
      window: this.window,
    };
    vscode.commands.executeCommand('cockroachdb.showStatementDetails', arg).then(undefined, (e: unknown) => {
      this.log.warn(`could not open statement ${target.fingerprintId}: ${e instanceof Error ? e.message : e}`);
    });
  }
}

/** Statement fingerprint id → its summary (or its text when the cluster gave no summary). */
export function summariesOf(statements: readonly StatementStats[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of statements) {
    const summary = s.querySummary || s.query;
    if (summary && !m.has(s.fingerprintId)) m.set(s.fingerprintId, summary);
  }
  return m;
}
