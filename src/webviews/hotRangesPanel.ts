// Hot ranges: one panel per cluster, every hot range the cluster reports.
import * as vscode from 'vscode';
import type { ClusterHandle } from '../clusters/handle';
import { webviewOptions } from './html';
import { PanelBase } from './panelBase';
import type { HostToWebview } from './protocol/messages';
import { RangeDetailsPanel } from './rangeDetailsPanel';

export class HotRangesPanel extends PanelBase {
  static readonly viewType = 'cockroachdb.hotRanges';
  static readonly open = new Map<string, HotRangesPanel>();

  static show(extensionUri: vscode.Uri, cluster: ClusterHandle, log: (m: string) => void = () => {}): HotRangesPanel {
    const existing = HotRangesPanel.open.get(cluster.id);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(HotRangesPanel.viewType, `Hot ranges — ${cluster.name}`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return new HotRangesPanel(panel, extensionUri, cluster, log);
  }

  constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, cluster: ClusterHandle, log: (m: string) => void) {
    super(panel, extensionUri, cluster, 'hotRanges', log);
    HotRangesPanel.open.set(cluster.id, this);
    this._register({ dispose: () => HotRangesPanel.open.delete(cluster.id) });
  }

  protected async load(): Promise<HostToWebview> {
    const { ranges, errors } = await this.cluster.client.hotRanges({});
    return {
      type: 'hotRanges',
      clusterId: this.cluster.id,
      clusterName: this.cluster.name,
      updatedAt: new Date().toISOString(),
      errors,
      rows: ranges.map((h) => ({
        rangeId: h.rangeId,
        nodeId: h.nodeId,
        qps: h.qps,
        ...(h.cpuTimePerSecond !== undefined ? { cpuTimePerSecond: h.cpuTimePerSecond } : {}),
        ...(h.writesPerSecond !== undefined ? { writesPerSecond: h.writesPerSecond } : {}),
        ...(h.readsPerSecond !== undefined ? { readsPerSecond: h.readsPerSecond } : {}),
        ...(h.leaseholderNodeId !== undefined ? { leaseholderNodeId: h.leaseholderNodeId } : {}),
        replicaNodeIds: h.replicaNodeIds,
        ...(h.storeId !== undefined ? { storeId: h.storeId } : {}),
        database: h.databases.join(', '),
        table: h.tables.join(', '),
        index: h.indexes.join(', '),
      })),
    };
  }

  protected override async openRange(rangeId: number): Promise<void> {
    RangeDetailsPanel.show(this.extensionUri, this.cluster, rangeId, this.log);
  }
}
