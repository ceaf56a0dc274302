// Choosing the virtual cluster of a cluster with cluster virtualization: asked in
// Add Cluster when the probe finds one, and on the cluster row afterwards. The
// choice is the `virtualCluster` field of the cluster's cockroachdb.clusters entry.
import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';
import { normaliseOrigin } from '../clusters/origin';
import { readClusterEntries, writeClusterEntries, type ConfigScope } from '../config/config';
import { Commands } from '../constants';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';
import { pickCluster, type PickDeps } from './targets';

interface Choice extends vscode.QuickPickItem {
  value: string | undefined | null;
}

/**
 * Asks which virtual cluster SQL, sessions and databases come from. Resolves to a name,
 * '' for the server's default, or undefined when cancelled.
 */
export async function askVirtualCluster(
  prompter: Ui,
  title: string,
  known: string[],
  current: string | undefined,
): Promise<string | undefined> {
  const names = [...new Set([...known, 'system'])];
  const items: Choice[] = [
    {
      label: l10n.t("The server's default"),
      description: current ? '' : l10n.t('current'),
      detail: l10n.t('Whatever the cluster serves on its DB Console port (usually the application virtual cluster).'),
      value: '',
    },
    ...names.map((n) => ({
      label: n,
      description: n === current ? l10n.t('current') : '',
      detail:
        n === 'system'
          ? l10n.t('The system cluster: its own SQL, sessions and databases.')
          : l10n.t('SQL, sessions and databases of virtual cluster "{0}".', n),
      value: n,
    })),
    { label: l10n.t('Another virtual cluster…'), detail: l10n.t('Type the name of a virtual cluster.'), value: null },
  ];
  const picked = await prompter.pick(items, {
    title,
    placeHolder: l10n.t('Nodes, ranges, hot ranges and events always come from the system cluster'),
  });
  if (!picked) return undefined;
  if (picked.value !== null) return picked.value;
  const typed = await prompter.input({
    title,
    prompt: l10n.t('Name of the virtual cluster (SHOW VIRTUAL CLUSTERS lists them)'),
    value: current ?? '',
    validateInput: (v) => (/^[a-z0-9][a-z0-9-]*$/i.test(v.trim()) ? undefined : l10n.t('Letters, digits and dashes')),
  });
  return typed === undefined ? undefined : typed.trim();
}

/** Writes `virtualCluster` into the entry of `origin`, in whichever settings scope holds it. */
export async function writeVirtualCluster(origin: string, value: string): Promise<boolean> {
  for (const scope of ['workspaceFolder', 'workspace', 'global'] satisfies ConfigScope[]) {
    const list = readClusterEntries(scope);
    const index = list.findIndex((c) => {
      try {
        return normaliseOrigin(c.url) === origin;
      } catch {
        return false;
      }
    });
    if (index < 0) continue;
    const next = list.map((c, i) => {
      if (i !== index) return c;
      const { virtualCluster: _old, ...rest } = c;
      return value ? { ...rest, virtualCluster: value } : rest;
    });
    await writeClusterEntries(next, scope);
    return true;
  }
  return false;
}

export function virtualClusterCommands(deps: PickDeps) {
  const { ui } = deps;
  return {
    [Commands.selectVirtualCluster]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, l10n.t('Select the cluster whose virtual cluster to choose'));
      if (!entry) return undefined;
      const known = await entry.client.virtualClusters().catch(() => []);
      const value = await askVirtualCluster(
        ui,
        l10n.t('Virtual cluster of {0}', entry.name),
        known,
        entry.config.virtualCluster,
      );
      if (value === undefined) return undefined;
      if (!(await writeVirtualCluster(entry.id, value))) {
        void ui.warn(
          l10n.t('{0} is not in cockroachdb.clusters; add "virtualCluster" to its entry by hand.', entry.name),
        );
        return undefined;
      }
      return value;
    },
  } satisfies CommandTable;
}
