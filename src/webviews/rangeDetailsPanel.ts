// Range details: one panel per cluster and range.
import * as vscode from 'vscode';
import type { ClusterHandle } from '../clusters/handle';
import { problemNames } from '../tree/rangesSection';
import { webviewOptions } from './html';
import { PanelBase } from './panelBase';
import type { HostToWebview, ReplicaRow } from './protocol/messages';

export class RangeDetailsPanel extends PanelBase {
  static readonly viewType = 'cockroachdb.rangeDetails';
  static readonly open = new Map<string, RangeDetailsPanel>();

  static show(extensionUri: vscode.Uri, cluster: ClusterHandle, rangeId: number, log: (m: string) => void = () => {}): RangeDetailsPanel {
    const key = `${cluster.id}#${rangeId}`;
    const existing = RangeDetailsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(RangeDetailsPanel.viewType, `Range r${rangeId} — ${cluster.name}`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return new RangeDetailsPanel(panel, extensionUri, cluster, rangeId, log);
  }

  constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    cluster: ClusterHandle,
    readonly rangeId: number,
    log: (m: string) => void,
  ) {
    super(panel, extensionUri, cluster, 'rangeDetails', log);
    const key = `${cluster.id}#${rangeId}`;
    RangeDetailsPanel.open.set(key, this);
    this._register({ dispose: () => RangeDetailsPanel.open.delete(key) });
  }

  protected async load(): Promise<HostToWebview> {
    const d = await this.cluster.client.rangeDetail(this.rangeId);
    const localities = new Map<number, string>();
    try {
      for await (const n of this.cluster.client.allNodes()) localities.set(n.nodeId, n.locality.map((t) => `${t.key}=${t.value}`).join(','));
    } catch {
      // Localities are a nicety; the range itself still shows.
    }
    const replicas: ReplicaRow[] = d.byNode.map((b) => {
      const r = b.rangeInfo;
      return {
        nodeId: b.nodeId,
        storeId: r?.sourceStoreId ?? 0,
        replicaId: r?.leaseHistory.at(-1)?.replica.replicaId ?? 0,
        type: r?.leaseHistory.find((l) => l.replica.nodeId === b.nodeId)?.replica.type ?? 'VOTER_FULL',
        locality: localities.get(b.nodeId) ?? '',
        leaseholder: d.leaseholderNodeId === b.nodeId,
        quiescent: r?.quiescent ?? false,
        ticking: r?.ticking ?? false,
        qps: r?.stats.queriesPerSecond ?? 0,
        writesPerSecond: r?.stats.writesPerSecond ?? 0,
        problems: r ? problemNames(r) : [],
        ...(b.error ? { error: b.error } : {}),
      };
    });
    const first = d.byNode.find((b) => b.rangeInfo)?.rangeInfo;
    return {
      type: 'rangeDetails',
      clusterId: this.cluster.id,
      clusterName: this.cluster.name,
      updatedAt: new Date().toISOString(),
      data: {
        rangeId: this.rangeId,
        startKeyPretty: first?.startKeyPretty ?? '',
        endKeyPretty: first?.endKeyPretty ?? '',
        startKeyRaw: first?.startKeyRaw ?? '',
        endKeyRaw: first?.endKeyRaw ?? '',
        ...(d.leaseholderNodeId !== undefined ? { leaseholderNodeId: d.leaseholderNodeId } : {}),
        replicas,
        leaseHistory: (first?.leaseHistory ?? []).map((l) => ({ nodeId: l.replica.nodeId, storeId: l.replica.storeId, sequence: l.sequence, start: l.start.toString(), acquisitionType: l.acquisitionType })),
      },
    };
  }
}
