// Hot ranges: one panel per cluster, every hot range the cluster reports.
import * as vscode from 'vscode';
import type { NodeStatus } from '../api/cluster/models';
import { gatewayOf } from '../clusters/gateway';
import type { ClusterHandle } from '../clusters/handle';
import { hotRangeRow, nodeSummaries, originOf } from './convert';
import { webviewOptions } from './html';
import { PanelBase, type Handlers, type PanelEnv } from './panelBase';
import type { HotRangesPayload } from './protocol/data';
import { RangeDetailsPanel } from './rangeDetailsPanel';
import { PanelTypes } from '../constants';

/** Node statuses change rarely; refetching them on every auto-refresh would double the traffic. */
const NODES_TTL_MS = 60_000;

export class HotRangesPanel extends PanelBase {
  static readonly viewType = PanelTypes.hotRanges;
  /** Open panels by cluster id. */
  static readonly open = new Map<string, HotRangesPanel>();

  private nodes: { at: number; list: NodeStatus[] } | undefined;
  private inFlight: AbortController | undefined;

  static show(env: PanelEnv, cluster: ClusterHandle): HotRangesPanel {
    const existing = HotRangesPanel.open.get(cluster.id);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      HotRangesPanel.viewType,
      HotRangesPanel.title(cluster),
      vscode.ViewColumn.Active,
      webviewOptions(env.extensionUri),
    );
    return new HotRangesPanel(panel, env, cluster);
  }

  /** Tab titles are plain text rendered by VS Code, so the cluster name is safe there. */
  static title(cluster: ClusterHandle): string {
    return vscode.l10n.t('Hot ranges — {0}', cluster.name);
  }

  /** Also used by the serializer to adopt a restored panel. */
  constructor(panel: vscode.WebviewPanel, env: PanelEnv, cluster: ClusterHandle) {
    super(panel, env, cluster, 'hotRanges');
    panel.title = HotRangesPanel.title(cluster);
    HotRangesPanel.open.get(cluster.id)?.dispose();
    HotRangesPanel.open.set(cluster.id, this);
    this._register({
      dispose: () => {
        this.inFlight?.abort();
        if (HotRangesPanel.open.get(cluster.id) === this) HotRangesPanel.open.delete(cluster.id);
      },
    });
  }

  protected handlers(): Handlers {
    return {
      loadHotRanges: (p) => this.load(p.nodeId),
      saveExport: (p) => this.save(p),
    };
  }

  private async loadNodes(signal: AbortSignal): Promise<NodeStatus[]> {
    if (this.nodes && Date.now() - this.nodes.at < NODES_TTL_MS) return this.nodes.list;
    const list: NodeStatus[] = [];
    try {
      for await (const n of this.cluster.client.allNodes({ signal })) list.push(n);
      this.nodes = { at: Date.now(), list };
    } catch (e) {
      // Localities and the node picker are a nicety; the hot ranges still show.
      this.log.warn(`node list unavailable for hot ranges: ${e instanceof Error ? e.message : String(e)}`);
      return this.nodes?.list ?? [];
    }
    return list;
  }

  async load(nodeId?: number): Promise<HotRangesPayload> {
    // A new request (auto-refresh, a different node) supersedes the one still running.
    this.inFlight?.abort();
    const ctl = new AbortController();
    this.inFlight = ctl;
    const [hot, nodes, gateway] = await Promise.all([
      this.cluster.client.hotRanges(nodeId !== undefined ? { nodeId } : {}, { signal: ctl.signal }),
      this.loadNodes(ctl.signal),
      gatewayOf(this.cluster.client),
    ]);
    const summaries = nodeSummaries(nodes);
    const localities = new Map(summaries.map((n) => [n.nodeId, n.locality] as const));
    return {
      rows: hot.ranges.map((h) => hotRangeRow(h, localities)),
      errors: hot.errors.map((e) => ({ nodeId: e.nodeId, message: e.message })),
      nodes: summaries,
      ...(nodeId !== undefined ? { nodeId } : {}),
      updatedAt: new Date().toISOString(),
      ...originOf(gateway),
    };
  }

  protected override openRange(rangeId: number): void {
    RangeDetailsPanel.show(this.env, this.cluster, rangeId);
  }
}
