// Cluster overview: one panel per cluster, the figures now and the charts over a
// window. The health rules behind the status bar are listed too, and a rule's
// chart can be brought into view (from the status bar's click).
import * as vscode from 'vscode';
import type { NodeStatus } from '../api/cluster/models';
import type { ClusterHandle } from '../clusters/handle';
import { readCharts, readOverview } from '../clusters/overviewData';
import { healthThresholds } from '../status/thresholds';
import { webviewOptions } from './html';
import { PanelBase, type Handlers, type PanelEnv } from './panelBase';
import type { ChartId, OverviewChartsPayload, OverviewChartsQuery, OverviewPayload } from './protocol/overview';
import { PanelTypes } from '../constants';

/** The node list the charts choose their sources from: refreshed with the figures, reused for a minute. */
const NODES_TTL_MS = 60_000;

export class OverviewPanel extends PanelBase {
  static readonly viewType = PanelTypes.overview;
  static readonly open = new Map<string, OverviewPanel>();

  private nodes: { at: number; list: NodeStatus[] | undefined } | undefined;
  private figuresInFlight: AbortController | undefined;
  private chartsInFlight: AbortController | undefined;
  /** The chart to show first (a health rule's), sent with init. */
  private focus: ChartId | undefined;
  /** Reads asked for so far, by the webview or a caller (tests wait for the webview's first two). */
  readsStarted = 0;

  static show(env: PanelEnv, cluster: ClusterHandle, chart?: ChartId): OverviewPanel {
    const existing = OverviewPanel.open.get(cluster.id);
    if (existing) {
      existing.panel.reveal();
      if (chart) existing.focusChart(chart);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      OverviewPanel.viewType,
      OverviewPanel.title(cluster),
      vscode.ViewColumn.Active,
      webviewOptions(env.extensionUri),
    );
    const created = new OverviewPanel(panel, env, cluster);
    created.focus = chart;
    return created;
  }

  /** Tab titles are plain text rendered by VS Code, so the cluster name is safe there. */
  static title(cluster: ClusterHandle): string {
    return vscode.l10n.t('Overview — {0}', cluster.name);
  }

  constructor(panel: vscode.WebviewPanel, env: PanelEnv, cluster: ClusterHandle) {
    super(panel, env, cluster, 'overview');
    panel.title = OverviewPanel.title(cluster);
    OverviewPanel.open.get(cluster.id)?.dispose();
    OverviewPanel.open.set(cluster.id, this);
    this._register({
      dispose: () => {
        this.figuresInFlight?.abort();
        this.chartsInFlight?.abort();
        if (OverviewPanel.open.get(cluster.id) === this) OverviewPanel.open.delete(cluster.id);
      },
    });
  }

  protected handlers(): Handlers {
    return {
      loadOverview: () => this.loadFigures(),
      loadOverviewCharts: (q) => this.loadCharts(q),
      saveExport: (p) => this.save(p),
    };
  }

  protected override initExtras(): { chart?: ChartId } {
    return this.focus ? { chart: this.focus } : {};
  }

  /** The chart the panel was last asked to show (tests). */
  get focusedChart(): ChartId | undefined {
    return this.focus;
  }

  focusChart(chart: ChartId): void {
    this.focus = chart;
    this.post({ type: 'focusChart', chart });
  }

  /** A new load aborts the one still running: one read of each kind in flight. */
  async loadFigures(): Promise<OverviewPayload> {
    this.readsStarted++;
    this.figuresInFlight?.abort();
    const ctl = (this.figuresInFlight = new AbortController());
    try {
      const read = await readOverview(this.cluster.client, healthThresholds(), ctl.signal);
      this.nodes = { at: Date.now(), list: read.nodes };
      return read.payload;
    } finally {
      if (this.figuresInFlight === ctl) this.figuresInFlight = undefined;
    }
  }

  async loadCharts(q: OverviewChartsQuery): Promise<OverviewChartsPayload> {
    this.readsStarted++;
    this.chartsInFlight?.abort();
    const ctl = (this.chartsInFlight = new AbortController());
    try {
      const nodes = await this.nodeList(ctl.signal);
      return await readCharts(this.cluster.client, q, nodes, healthThresholds(), ctl.signal);
    } finally {
      if (this.chartsInFlight === ctl) this.chartsInFlight = undefined;
    }
  }

  /** Whether a read is running (tests). */
  get loading(): boolean {
    return this.figuresInFlight !== undefined || this.chartsInFlight !== undefined;
  }

  private async nodeList(signal: AbortSignal): Promise<NodeStatus[] | undefined> {
    if (this.nodes && Date.now() - this.nodes.at < NODES_TTL_MS) return this.nodes.list;
    const list: NodeStatus[] = [];
    try {
      for await (const n of this.cluster.client.allNodes({ signal })) list.push(n);
    } catch (e) {
      if (signal.aborted) throw e;
      // Without the node list the charts ask every node the server knows (slower with dead nodes, but they draw).
      this.nodes = { at: Date.now(), list: undefined };
      return undefined;
    }
    this.nodes = { at: Date.now(), list };
    return list;
  }
}
