// Commands are run from tree rows (with the row as argument), from webviews and
// the status bar (with a cluster id), and from the palette (no argument: ask).
import * as vscode from 'vscode';
import type { ClusterEntry, ConnectionManager } from '../clusters/connections';
import { clusterOf } from '../tree/clusterNode';
import { TreeNode } from '../tree/treeNode';

export async function pickCluster(connections: ConnectionManager, arg: unknown, placeHolder = 'Select a cluster'): Promise<ClusterEntry | undefined> {
  if (arg instanceof TreeNode) {
    const row = clusterOf(arg);
    if (row) return row.entry;
    const id = arg.clusterId;
    if (id) return connections.get(id);
  }
  if (typeof arg === 'string') {
    const entry = connections.get(arg);
    if (entry) return entry;
  }
  const all = connections.all();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No clusters yet. Add one with "CockroachDB: Add Cluster…".');
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((e) => ({ label: e.name, description: e.id, entry: e })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.entry;
}
