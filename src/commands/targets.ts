// Commands are run from tree rows (with the row as argument), from webviews and
// the status bar (with a cluster id), and from the palette (no argument: ask).
import * as l10n from '@vscode/l10n';
import type { ClusterConnection, ConnectionManager } from '../clusters/connections';
import { TreeNode } from '../tree/treeNode';
import type { Ui } from '../ui/ui';

export interface PickDeps {
  connections: ConnectionManager;
  ui: Ui;
}

export async function pickCluster(
  deps: PickDeps,
  arg: unknown,
  placeHolder = l10n.t('Select a cluster'),
): Promise<ClusterConnection | undefined> {
  const { connections, ui } = deps;
  if (arg instanceof TreeNode) {
    const entry = arg.clusterEntry;
    if (entry) return entry;
    const id = arg.clusterId;
    if (id) return connections.get(id);
  }
  if (typeof arg === 'string') {
    const entry = connections.get(arg);
    if (entry) return entry;
  }
  const all = connections.all();
  if (all.length === 0) {
    void ui.info(l10n.t('No clusters yet. Add one with "CockroachDB: Add Cluster…".'));
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await ui.pick(
    all.map((e) => ({ label: e.name, description: e.id, entry: e })),
    { placeHolder },
  );
  return picked?.entry;
}
