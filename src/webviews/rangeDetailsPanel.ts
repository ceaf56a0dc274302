// Range details: one panel per cluster and range.
import * as vscode from 'vscode';
import type { NodeStatus, RangeDetail } from '../api/cluster/models';
import { gatewayOf } from '../clusters/gateway';
import type { ClusterHandle } from '../clusters/handle';
import { originOf, rangeDetailsPayload } from './convert';
import { webviewOptions } from './html';
import { PanelBase, type Handlers, type PanelEnv } from './panelBase';
import type { RangeDetailsPayload } from './protocol/data';
import { PanelTypes } from '../constants';

export class RangeDetailsPanel extends PanelBase {
  static readonly viewType = PanelTypes.rangeDetails;
  /** Open panels by `clusterId#rangeId`. */
  static readonly open = new Map<string, RangeDetailsPanel>();

  static key(clusterId: string, rangeId: number): string {
    return `${clusterId}#${rangeId}`;
  }

  static show(env: PanelEnv, cluster: ClusterHandle, rangeId: number): RangeDetailsPanel {
    const existing = RangeDetailsPanel.open.get(RangeDetailsPanel.key(cluster.id, rangeId));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      RangeDetailsPanel.viewType,
      RangeDetailsPanel.title(cluster, rangeId),
      vscode.ViewColumn.Active,
      webviewOptions(env.extensionUri),
    );
    return new RangeDetailsPanel(panel, env, cluster, rangeId);
  }

  static title(cluster: ClusterHandle, rangeId: number): string {
    return vscode.l10n.t('Range r{0} — {1}', rangeId, cluster.name);
  }

  constructor(
    panel: vscode.WebviewPanel,
    env: PanelEnv,
    cluster: ClusterHandle,
    readonly rangeId: number,
  ) {
    super(panel, env, cluster, 'rangeDetails');
    panel.title = RangeDetailsPanel.title(cluster, rangeId);
    const key = RangeDetailsPanel.key(cluster.id, rangeId);
    RangeDetailsPanel.open.get(key)?.dispose();
    RangeDetailsPanel.open.set(key, this);
    this._register({ dispose: () => RangeDetailsPanel.open.get(key) === this && RangeDetailsPanel.open.delete(key) });
  }

  protected override initExtras(): { rangeId: number } {
    return { rangeId: this.rangeId };
  }

  protected handlers(): Handlers {
    return {
      loadRangeDetails: () => this.load(),
      saveExport: (p) => this.save(p),
    };
  }

  async load(): Promise<RangeDetailsPayload> {
    const client = this.cluster.client;
    const nodes: NodeStatus[] = [];
    const nodesDone = (async () => {
      try {
        for await (const n of client.allNodes()) nodes.push(n);
      } catch (e) {
        // Localities are a nicety: without them the placement drawing says "unknown".
        this.log.warn(
          `node list unavailable for range r${this.rangeId}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    })();
    const [detail, gateway] = await Promise.all([client.rangeDetail(this.rangeId), gatewayOf(client), nodesDone]);
    return {
      ...rangeDetailsPayload(detail, nodes, new Date(), await this.hotLeaseholder(detail)),
      ...originOf(gateway),
    };
  }

  /**
   * The leaseholder as the hot-range report names it, asked only when the lease
   * history cannot say (it is in memory and empty after a restart). Each replica
   * node reports its own hot list, so only those nodes are asked; a range that is
   * in no list stays "unknown".
   */
  private async hotLeaseholder(detail: RangeDetail): Promise<number | undefined> {
    if (detail.leaseholderNodeId !== undefined || detail.byNode.some((b) => b.rangeInfo?.leaseHistory.length))
      return undefined;
    const holders = detail.byNode.filter((b) => b.rangeInfo && b.error === undefined).map((b) => b.nodeId);
    const answers = await Promise.all(
      holders.map((nodeId) =>
        this.cluster.client.hotRanges({ nodeId }).catch((e: unknown) => {
          this.log.warn(
            `hot ranges of n${nodeId} unavailable for range r${this.rangeId}: ${e instanceof Error ? e.message : String(e)}`,
          );
          return undefined;
        }),
      ),
    );
    for (const a of answers) {
      const hit = a?.ranges.find((h) => h.rangeId === this.rangeId && h.leaseholderNodeId !== undefined);
      if (hit) return hit.leaseholderNodeId;
    }
    return undefined;
  }
}
