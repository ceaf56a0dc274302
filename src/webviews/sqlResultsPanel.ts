// SQL results: ONE panel for the window, reused by every Run SQL / Explain SQL
// whatever the cluster. It holds the latest run only (a run names its cluster in
// its payload); the webview asks for it with `loadSqlResults` after each
// `refresh`. It opens beside the editor without taking focus, so typing goes on
// in the SQL file. A panel restored after a reload has no run to show: results
// are never written to the webview state.
import * as vscode from 'vscode';
import type { ClusterHandle } from '../clusters/handle';
import { webviewOptions } from './html';
import { PanelBase, type Handlers, type PanelEnv } from './panelBase';
import type { SqlResultsPayload } from './protocol/sqlResults';
import { PanelTypes } from '../constants';

export class SqlResultsPanel extends PanelBase {
  static readonly viewType = PanelTypes.sqlResults;
  private static instance: SqlResultsPanel | undefined;

  private run: SqlResultsPayload | undefined;
  /** The cancel hook of the shown run while it runs; dropped once it asked or the run ended. */
  private cancelRun: (() => void) | undefined;
  private cancelRequested = false;
  /** The cluster of the latest run (the constructor's until the first run). */
  private runCluster: ClusterHandle;

  /**
   * Shows a run: opens the panel beside the active editor the first time, otherwise
   * reveals it where it is — in both cases without taking focus from the editor. The
   * webview is asked to load it (immediately, or once it is ready). `cancel` is called
   * at most once, when the webview asks to cancel this run while it is still running.
   */
  static showRun(env: PanelEnv, cluster: ClusterHandle, run: SqlResultsPayload, cancel: () => void): SqlResultsPanel {
    let p = SqlResultsPanel.current();
    if (p) p.panel.reveal(undefined, true);
    else {
      const panel = vscode.window.createWebviewPanel(
        SqlResultsPanel.viewType,
        SqlResultsPanel.title(cluster),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewOptions(env.extensionUri),
      );
      p = new SqlResultsPanel(panel, env, cluster);
    }
    p.show(cluster, run, cancel);
    return p;
  }

  /** The open panel, if any. */
  static current(): SqlResultsPanel | undefined {
    const p = SqlResultsPanel.instance;
    return p && !p.isDisposed ? p : undefined;
  }

  /** Tab titles are plain text rendered by VS Code, so the cluster name is safe there. */
  static title(cluster: ClusterHandle): string {
    return vscode.l10n.t('SQL results — {0}', cluster.name);
  }

  /** Also used by the serializer to adopt a restored panel, which then shows that nothing ran yet. */
  constructor(panel: vscode.WebviewPanel, env: PanelEnv, cluster: ClusterHandle) {
    super(panel, env, cluster, 'sqlResults');
    this.runCluster = cluster;
    panel.title = SqlResultsPanel.title(cluster);
    // One panel for the window: a second one (a restore racing a run) replaces the first.
    const previous = SqlResultsPanel.instance;
    SqlResultsPanel.instance = this;
    if (previous && !previous.isDisposed) previous.dispose();
    this._register({
      dispose: () => {
        // Closing the panel does not cancel a run: a write the user started goes on.
        this.cancelRun = undefined;
        if (SqlResultsPanel.instance === this) SqlResultsPanel.instance = undefined;
      },
    });
  }

  /**
   * The new state of the shown run (running → done, failed or cancelled; or more
   * statements answered). A payload of another run is ignored: a newer run replaced it.
   * Returns whether it was shown.
   */
  update(run: SqlResultsPayload): boolean {
    if (this.isDisposed || !this.run || run.runId !== this.run.runId) return false;
    this.run = run;
    if (run.status !== 'running') this.cancelRun = undefined;
    this.refresh();
    return true;
  }

  /** The run shown (tests and the Run SQL command); undefined before the first. */
  get shownRun(): SqlResultsPayload | undefined {
    return this.run;
  }

  /** The cluster of the shown run. */
  get shownCluster(): ClusterHandle {
    return this.runCluster;
  }

  private show(cluster: ClusterHandle, run: SqlResultsPayload, cancel: () => void): void {
    this.runCluster = cluster;
    this.run = run;
    this.cancelRun = run.status === 'running' ? cancel : undefined;
    this.cancelRequested = false;
    this.panel.title = SqlResultsPanel.title(cluster);
    this.refresh();
  }

  protected override activeCluster(): ClusterHandle {
    return this.runCluster;
  }

  protected handlers(): Handlers {
    return {
      loadSqlResults: async () => this.load(),
      cancelSqlRun: async (p) => ({ cancelled: this.cancel(p.runId) }),
      saveExport: (p) => this.save(p),
    };
  }

  /** What `loadSqlResults` answers: the latest run, or null before the first (and after a restore). */
  load(): SqlResultsPayload | null {
    return this.run ?? null;
  }

  /**
   * `cancelSqlRun`: calls the run's cancel hook if `runId` is the shown run and it is still
   * running. Asking again while the cancel is under way answers true without calling it twice.
   */
  cancel(runId: number): boolean {
    if (!this.run || this.run.runId !== runId || this.run.status !== 'running') return false;
    if (this.cancelRequested) return true;
    const hook = this.cancelRun;
    if (!hook) return false;
    this.cancelRequested = true;
    this.cancelRun = undefined;
    try {
      hook();
    } catch (e) {
      this.log.warn(`cancelling run ${runId} failed: ${e instanceof Error ? e.message : String(e)}`);
      this.cancelRequested = false;
      this.cancelRun = hook;
      return false;
    }
    return true;
  }
}
