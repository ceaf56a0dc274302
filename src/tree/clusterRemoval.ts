// Removing a self-hosted cluster from the explorer: the Remove capability of its
// row, and what Remove from the palette does once a cluster is picked. The entry is
// taken out of the settings layer the explorer read it from, user or workspace.
import * as vscode from 'vscode';
import type { ClusterConnection } from '../clusters/connections';
import { clusterLayers, workspaceSettingsFile, writeClusterEntries } from '../config/config';
import type { Ui } from '../ui/ui';
import type { ExplorerContext } from './context';
import { removalTarget } from './removalTarget';

const secretsGo = (): string => vscode.l10n.t('Its stored session and password are deleted too.');

export async function removeCluster(ctx: ExplorerContext, entry: ClusterConnection, ui: Ui): Promise<void> {
  const target = removalTarget(clusterLayers(), vscode.workspace.isTrusted, entry.id);
  if (target.kind === 'untrusted') {
    void ui.warn(
      vscode.l10n.t(
        '{0} is listed in {1}, which is ignored while this workspace is not trusted. Trust the workspace to remove it from there, or edit the file.',
        entry.name,
        workspaceSettingsFile(target.scope),
      ),
    );
    return;
  }
  if (target.kind === 'notListed') {
    void ui.info(vscode.l10n.t('{0} is no longer in the cockroachdb.clusters setting.', entry.name));
  } else {
    const ok =
      target.scope === 'global'
        ? await ui.confirm(
            vscode.l10n.t('Remove {0} from the explorer?', entry.name),
            `${entry.id}\n${secretsGo()}`,
            vscode.l10n.t('Remove'),
          )
        : await ui.confirm(
            vscode.l10n.t('Remove "{0}" from {1}?', entry.name, workspaceSettingsFile(target.scope)),
            [
              entry.id,
              target.kept
                ? vscode.l10n.t("The file's other settings and clusters stay.")
                : vscode.l10n.t(
                    "It is the workspace's only cluster: the setting is taken out, so your own clusters show here again.",
                  ),
              secretsGo(),
            ].join('\n'),
            vscode.l10n.t('Remove'),
          );
    if (!ok) return;
    await writeClusterEntries(target.kept, target.scope);
    await ctx.auth.signOut(entry);
  }
  ctx.connections.reload();
  ctx.refresh();
}
