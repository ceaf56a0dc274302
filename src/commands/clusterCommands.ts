// Adding, removing, signing in and out of self-hosted clusters.
import * as vscode from 'vscode';
import type { AuthService } from '../auth/authService';
import type { ConnectionManager } from '../clusters/connections';
import { normaliseOrigin, validateClusterUrl } from '../clusters/origin';
import { readClusters, writeClusters, type ClusterSetting } from '../clusters/settings';
import { Commands, Settings } from '../constants';
import type { ExplorerProvider } from '../tree/provider';
import type { Handler } from './register';
import { pickCluster } from './targets';
import { askVirtualCluster, probeVirtualized } from './virtualClusterCommands';

export function clusterCommands(deps: { connections: ConnectionManager; auth: AuthService; tree: ExplorerProvider }): Partial<Record<string, Handler>> {
  const { connections, auth, tree } = deps;
  return {
    [Commands.addCluster]: async () => {
      const prompter = auth.prompter;
      const url = await prompter.input({
        title: 'Add Cluster (1/3): address',
        prompt: "Address of any node's HTTP port (DB Console), e.g. https://db1.example.com:8080",
        placeHolder: 'https://db1.example.com:8080',
        validateInput: validateClusterUrl,
      });
      if (url === undefined) return;
      const origin = normaliseOrigin(url);
      if (readClusters().some((c) => c.id === origin)) {
        void vscode.window.showInformationMessage(`${origin} is already in the explorer.`);
        return;
      }
      const name = await prompter.input({
        title: 'Add Cluster (2/3): name',
        prompt: 'A name to show in the explorer',
        value: new URL(origin).hostname,
        validateInput: (v) => (v.trim() ? undefined : 'Enter a name'),
      });
      if (name === undefined) return;
      let caFile: string | undefined;
      if (origin.startsWith('https://')) {
        const choice = await prompter.pick(
          [
            { label: 'No CA file', description: 'the certificate is signed by a public CA' },
            { label: 'CA file…', description: 'path to the PEM of the CA that signed the cluster certificate (self-signed clusters)' },
          ],
          { title: 'Add Cluster (3/3): certificate authority' },
        );
        if (choice === undefined) return;
        if (choice.label === 'CA file…') {
          caFile = await prompter.input({ title: 'CA file', prompt: 'Absolute path of the CA certificate (PEM), e.g. certs/ca.crt', validateInput: (v) => (v.trim() ? undefined : 'Enter a path') });
          if (caFile === undefined) return;
          caFile = caFile.trim();
        }
      }
      // A cluster with virtual clusters serves an application one on this port: ask which one SQL comes from.
      let virtualCluster: string | undefined;
      if (await probeVirtualized(origin, caFile)) {
        virtualCluster = await askVirtualCluster(prompter, 'Add Cluster: this cluster serves virtual clusters', [], undefined);
        if (virtualCluster === undefined) return;
      }
      const entry: ClusterSetting = { name: name.trim(), url: origin, ...(caFile ? { caFile } : {}), ...(virtualCluster ? { virtualCluster } : {}) };
      const current = vscode.workspace.getConfiguration(Settings.section).inspect<ClusterSetting[]>(Settings.clusters)?.globalValue ?? [];
      await writeClusters([...current, entry]);
      connections.reload();
      tree.refresh();
      return origin;
    },

    [Commands.remove]: async (arg: unknown) => {
      const entry = await pickCluster(connections, arg, 'Select the cluster to remove');
      if (!entry) return;
      const ok = await auth.prompter.confirm(`Remove ${entry.name} from the explorer?`, `${entry.id}\nIts stored session and password are deleted too.`, 'Remove');
      if (!ok) return;
      const current = vscode.workspace.getConfiguration(Settings.section).inspect<ClusterSetting[]>(Settings.clusters)?.globalValue ?? [];
      const kept = current.filter((c) => {
        try {
          return normaliseOrigin(c.url) !== entry.id;
        } catch {
          return true;
        }
      });
      if (kept.length === current.length) {
        void vscode.window.showWarningMessage(`${entry.name} comes from the workspace settings; remove it from .vscode/settings.json.`);
      } else {
        await writeClusters(kept);
      }
      await auth.signOut(entry);
      connections.reload();
      tree.refresh();
    },

    [Commands.signIn]: async (arg: unknown) => {
      const entry = await pickCluster(connections, arg, 'Select the cluster to sign in to');
      if (!entry) return false;
      return auth.signIn(entry);
    },

    [Commands.signOut]: async (arg: unknown) => {
      const entry = await pickCluster(connections, arg, 'Select the cluster to sign out of');
      if (!entry) return;
      await auth.signOut(entry);
    },
  };
}
