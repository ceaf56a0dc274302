// Colours node rows by liveness. Rows carry a `cockroachdb-node:` resourceUri
// whose query names the liveness; this provider turns it into a colour and badge.
import * as vscode from 'vscode';
import type { Liveness } from '../api/cluster/models';
import { LIVENESS_LABEL, livenessSeverity } from '../domain/liveness';

export const NODE_SCHEME = 'cockroachdb-node';

export function nodeUri(clusterId: string, nodeId: number, liveness: Liveness): vscode.Uri {
  return vscode.Uri.from({
    scheme: NODE_SCHEME,
    authority: 'n',
    path: `/${encodeURIComponent(clusterId)}/${nodeId}`,
    query: liveness,
  });
}

const BADGE: Partial<Record<Liveness, string>> = {
  dead: '✕',
  unavailable: '?',
  draining: 'D',
  decommissioning: 'DC',
  decommissioned: 'DC',
  starting: 'S',
  unknown: '?',
};

export class LivenessDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== NODE_SCHEME) return undefined;
    const liveness = uri.query as Liveness;
    const severity = livenessSeverity(liveness);
    if (severity === 'ok') return undefined;
    const badge = BADGE[liveness];
    return new vscode.FileDecoration(
      badge,
      vscode.l10n.t('Liveness: {0}', LIVENESS_LABEL[liveness] ?? liveness),
      new vscode.ThemeColor(severity === 'down' ? 'list.errorForeground' : 'list.warningForeground'),
    );
  }
}
