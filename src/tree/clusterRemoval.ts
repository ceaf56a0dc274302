// Removing a self-hosted cluster from the explorer: the Remove capability of its
// row, and what Remove from the palette does once a cluster is picked.
import type { ClusterConnection } from '../clusters/connections';
import { normaliseOrigin } from '../clusters/origin';
import { readClusterEntries, writeClusterEntries } from '../config/config';
import type { Ui } from '../ui/ui';
import type { ExplorerContext } from './context';

export async function removeCluster(ctx: ExplorerContext, entry: ClusterConnection, ui: Ui): Promise<void> {
  const ok = await ui.confirm(
    `Remove ${entry.name} from the explorer?`,
    `${entry.id}\nIts stored session and password are deleted too.`,
    'Remove',
  );
  if (!ok) return;
  // Only the user settings are written; an entry in the workspace's settings is the workspace's to change.
  const current = readClusterEntries('global');
  const kept = current.filter((c) => {
    try {
      return normaliseOrigin(c.url) !== entry.id;
    } catch {
      return true;
    }
  });
  if (kept.length === current.length) {
    void ui.warn(`${entry.name} comes from the workspace settings; remove it from .vscode/settings.json.`);
  } else {
    await writeClusterEntries(kept, 'global');
  }
  await ctx.auth.signOut(entry);
  ctx.connections.reload();
  ctx.refresh();
}
