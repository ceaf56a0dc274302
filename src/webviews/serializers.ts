// Restores both panels after a window reload from their cluster (and range) id.
import * as vscode from 'vscode';
import type { ClusterResolver } from '../clusters/handle';
import { HotRangesPanel } from './hotRangesPanel';
import { RangeDetailsPanel } from './rangeDetailsPanel';

interface PanelState {
  clusterId?: string;
  rangeId?: number;
}

export function registerWebviewSerializers(extensionUri: vscode.Uri, resolver: ClusterResolver, log: (m: string) => void = () => {}): vscode.Disposable[] {
  const gone = (panel: vscode.WebviewPanel) => {
    panel.dispose();
    log('a restored panel named a cluster that is no longer configured; closed it');
  };
  return [
    vscode.window.registerWebviewPanelSerializer(HotRangesPanel.viewType, {
      async deserializeWebviewPanel(panel, state: PanelState | undefined) {
        const cluster = state?.clusterId ? resolver.resolve(state.clusterId) : undefined;
        if (!cluster) return gone(panel);
        panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
        new HotRangesPanel(panel, extensionUri, cluster, log);
      },
    }),
    vscode.window.registerWebviewPanelSerializer(RangeDetailsPanel.viewType, {
      async deserializeWebviewPanel(panel, state: PanelState | undefined) {
        const cluster = state?.clusterId ? resolver.resolve(state.clusterId) : undefined;
        if (!cluster || typeof state?.rangeId !== 'number') return gone(panel);
        panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
        new RangeDetailsPanel(panel, extensionUri, cluster, state.rangeId, log);
      },
    }),
  ];
}
