// Removing a self-hosted cluster from the explorer: the Remove capability of its
// row, and what Remove from the palette does once a cluster is picked. The entry is
// taken out of the settings layer the explorer read it from, user or workspace.
import * as vscode from 'vscode';
import type { ClusterConnection } from '../clusters/connections';
import { clusterLayers, workspaceSettingsFile, writeClusterEntries } from '../config/config';
import type { Ui } from '../ui/ui';
import type { ExplorerContext } from './context';
import { removalTarget } from './removalTarget';

const SECRETS_GO = 'Its stored session and password are deleted too.';

export async function removeCluster(ctx: ExplorerContext, entry: ClusterConnection, ui: Ui): Promise<void> {
  const target = removalTarget(clusterLayers(), vscode.workspace.isTrusted, entry.id);
  if (target.kind === 'untrusted') {
    void ui.warn(
      `${entry.name} is listed in ${workspaceSettingsFile(target.scope)}, which is ignored while this workspace is not trusted. Trust the workspace to remove it from there, or edit the file.`,
    );
    return;
  }
  if (target.kind === 'notListed') {
    void ui.info(`${entry.name} is no longer in the cockroachdb.clusters setting.`);
  } else {
    const ok =
      target.scope === 'global'
        ? await ui.confirm(`Remove ${entry.name} from the explorer?`, `${entry.id}\n${SECRETS_GO}`, 'Remove')
        : await ui.confirm(
            `Remove "${entry.name}" from ${workspaceSettingsFile(target.scope)}?`,
            [
              entry.id,
              target.kept
                ? "The file's other settings and clusters stay."
                : "It is the workspace's only cluster: the setting is taken out, so your own clusters show here again.",
              SECRETS_GO,
            ].join('\n'),
            'Remove',
          );
    if (!ok) return;
    await writeClusterEntries(target.kept, target.scope);
    await ctx.auth.signOut(entry);
  }
  ctx.connections.reload();
  ctx.refresh();
}
