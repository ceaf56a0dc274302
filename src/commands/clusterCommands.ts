// Adding, removing, signing in and out of self-hosted clusters.
import * as l10n from '@vscode/l10n';
import type { AuthService } from '../auth/authService';
import type { ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import { removeCluster } from '../tree/clusterRemoval';
import type { ExplorerProvider } from '../tree/provider';
import { capability } from '../tree/treeNode';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';
import { addClusterFlow } from './addClusterFlow';
import { pickCluster } from './targets';

/** Only a `{ username }` object counts: a menu may pass other arguments after the row. */
function signInDefaults(arg: unknown): { username?: string } {
  const username = (arg as { username?: unknown } | null | undefined)?.username;
  return typeof username === 'string' && username.trim() ? { username: username.trim() } : {};
}

export function clusterCommands(deps: {
  connections: ConnectionManager;
  auth: AuthService;
  tree: ExplorerProvider;
  ui: Ui;
}) {
  const { connections, auth, tree, ui } = deps;
  return {
    // Probes as it goes and signs in to a secure cluster once it is saved (./addClusterFlow).
    [Commands.addCluster]: () =>
      addClusterFlow({
        ui,
        saved: () => {
          connections.reload();
          tree.refresh();
        },
      }),

    // The row knows what Remove means for it (a cluster, a Cloud account); from the palette it is a cluster.
    [Commands.remove]: async (arg: unknown) => {
      const remove = capability(arg, 'remove');
      if (remove) return remove(ui);
      const entry = await pickCluster(deps, arg, l10n.t('Select the cluster to remove'));
      if (entry) await removeCluster(tree, entry, ui);
    },

    // Add Cluster passes the user of a pasted connection string as the second argument.
    [Commands.signIn]: async (arg: unknown, defaults?: unknown) => {
      const entry = await pickCluster(deps, arg, l10n.t('Select the cluster to sign in to'));
      if (!entry) return false;
      return auth.signIn(entry, signInDefaults(defaults));
    },

    [Commands.signOut]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, l10n.t('Select the cluster to sign out of'));
      if (!entry) return;
      await auth.signOut(entry);
    },
  } satisfies CommandTable;
}
