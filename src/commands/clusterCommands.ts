// Adding, removing, signing in and out of self-hosted clusters.
import type { AuthService } from '../auth/authService';
import type { ConnectionManager } from '../clusters/connections';
import { normaliseOrigin, validateClusterUrl } from '../clusters/origin';
import { readClusters } from '../clusters/settings';
import { readClusterEntries, writeClusterEntries, type ClusterSetting } from '../config/config';
import { Commands } from '../constants';
import { removeCluster } from '../tree/clusterRemoval';
import type { ExplorerProvider } from '../tree/provider';
import { capability } from '../tree/treeNode';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';
import { pickCluster } from './targets';
import { askVirtualCluster, probeVirtualized } from './virtualClusterCommands';

export function clusterCommands(deps: {
  connections: ConnectionManager;
  auth: AuthService;
  tree: ExplorerProvider;
  ui: Ui;
}) {
  const { connections, auth, tree, ui } = deps;
  return {
    [Commands.addCluster]: async () => {
      const url = await ui.input({
        title: 'Add Cluster (1/3): address',
        prompt: "Address of any node's HTTP port (DB Console), e.g. https://db1.example.com:8080",
        placeHolder: 'https://db1.example.com:8080',
        validateInput: validateClusterUrl,
      });
      if (url === undefined) return;
      const origin = normaliseOrigin(url);
      if (readClusters().some((c) => c.id === origin)) {
        void ui.info(`${origin} is already in the explorer.`);
        return;
      }
      const name = await ui.input({
        title: 'Add Cluster (2/3): name',
        prompt: 'A name to show in the explorer',
        value: new URL(origin).hostname,
        validateInput: (v) => (v.trim() ? undefined : 'Enter a name'),
      });
      if (name === undefined) return;
      let caFile: string | undefined;
      if (origin.startsWith('https://')) {
        const choice = await ui.pick(
          [
            { label: 'No CA file', description: 'the certificate is signed by a public CA' },
            {
              label: 'CA file…',
              description: 'path to the PEM of the CA that signed the cluster certificate (self-signed clusters)',
            },
          ],
          { title: 'Add Cluster (3/3): certificate authority' },
        );
        if (choice === undefined) return;
        if (choice.label === 'CA file…') {
          caFile = await ui.input({
            title: 'CA file',
            prompt: 'Absolute path of the CA certificate (PEM), e.g. certs/ca.crt',
            validateInput: (v) => (v.trim() ? undefined : 'Enter a path'),
          });
          if (caFile === undefined) return;
          caFile = caFile.trim();
        }
      }
      // A cluster with virtual clusters serves an application one on this port: ask which one SQL comes from.
      let virtualCluster: string | undefined;
      if (await probeVirtualized(origin, caFile)) {
        virtualCluster = await askVirtualCluster(
          ui,
          'Add Cluster: this cluster serves virtual clusters',
          [],
          undefined,
        );
        if (virtualCluster === undefined) return;
      }
      const entry: ClusterSetting = {
        name: name.trim(),
        url: origin,
        ...(caFile ? { caFile } : {}),
        ...(virtualCluster ? { virtualCluster } : {}),
      };
      const current = readClusterEntries('global');
      await writeClusterEntries([...current, entry], 'global');
      connections.reload();
      tree.refresh();
      return origin;
    },

    // The row knows what Remove means for it (a cluster, a Cloud account); from the palette it is a cluster.
    [Commands.remove]: async (arg: unknown) => {
      const remove = capability(arg, 'remove');
      if (remove) return remove(ui);
      const entry = await pickCluster(deps, arg, 'Select the cluster to remove');
      if (entry) await removeCluster(tree, entry, ui);
    },

    [Commands.signIn]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, 'Select the cluster to sign in to');
      if (!entry) return false;
      return auth.signIn(entry);
    },

    [Commands.signOut]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, 'Select the cluster to sign out of');
      if (!entry) return;
      await auth.signOut(entry);
    },
  } satisfies CommandTable;
}
