// The one reader and writer of `cockroachdb.*` settings: typed values with the manifest's
// defaults and bounds, the workspace-trust rule, and per-key change events. The rules
// live in ./schema (vscode-free); this file only connects them to VS Code.
import * as vscode from 'vscode';
import {
  resolveSetting,
  SECTION,
  SPECS,
  type ClusterSetting,
  type DurationKey,
  type SettingKey,
  type SettingValues,
} from './schema';

export type { ClusterSetting, SettingKey, SettingValues } from './schema';

/** A settings layer that can be read and written on its own. */
export type ConfigScope = 'global' | 'workspace' | 'workspaceFolder';

const TARGET: Record<ConfigScope, vscode.ConfigurationTarget> = {
  global: vscode.ConfigurationTarget.Global,
  workspace: vscode.ConfigurationTarget.Workspace,
  workspaceFolder: vscode.ConfigurationTarget.WorkspaceFolder,
};

const section = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SECTION);

export const config = {
  get<K extends SettingKey>(key: K): SettingValues[K] {
    return resolveSetting(SPECS[key], section().inspect(key), vscode.workspace.isTrusted);
  },

  /** Writes a user setting (the workload rows' window and ranking, chosen in a quick pick). */
  async set<K extends Exclude<SettingKey, 'clusters'>>(key: K, value: SettingValues[K]): Promise<void> {
    await section().update(key, value, vscode.ConfigurationTarget.Global);
  },

  /** A duration setting in milliseconds. */
  ms(key: DurationKey): number {
    return config.get(key) * 1000;
  },

  /**
   * Calls `listener` when any of `keys` changes. Granting workspace trust changes what the
   * restricted keys read as, so that counts as a change of them too.
   */
  onDidChange(keys: SettingKey | readonly SettingKey[], listener: () => void): vscode.Disposable {
    const list: readonly SettingKey[] = typeof keys === 'string' ? [keys] : keys;
    const subs = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (list.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) listener();
      }),
    ];
    if (list.some((k) => SPECS[k].restricted)) subs.push(vscode.workspace.onDidGrantWorkspaceTrust(listener));
    return vscode.Disposable.from(...subs);
  },
};

const LAYER: Record<ConfigScope, 'globalValue' | 'workspaceValue' | 'workspaceFolderValue'> = {
  global: 'globalValue',
  workspace: 'workspaceValue',
  workspaceFolder: 'workspaceFolderValue',
};

/**
 * The cluster list exactly as one layer holds it (empty when that layer does not set it),
 * whatever the trust: it is read to be edited and written back, so hand-written entries
 * are passed through untouched rather than cleaned up.
 */
export function readClusterEntries(scope: ConfigScope): ClusterSetting[] {
  const raw = section().inspect<unknown>('clusters')?.[LAYER[scope]];
  return Array.isArray(raw) ? (raw as ClusterSetting[]) : [];
}

/** Each layer's cluster list as written, absent where the layer does not set the key (a set layer hides the ones below it). */
export type ClusterLayers = { readonly [S in ConfigScope]?: ClusterSetting[] };

export function clusterLayers(): ClusterLayers {
  const inspected = section().inspect<unknown>('clusters');
  const out: { [S in ConfigScope]?: ClusterSetting[] } = {};
  for (const scope of Object.keys(LAYER) as ConfigScope[]) {
    const raw = inspected?.[LAYER[scope]];
    if (raw !== undefined) out[scope] = Array.isArray(raw) ? (raw as ClusterSetting[]) : [];
  }
  return out;
}

/** `undefined` takes the key out of that layer, so the layer below shows through again. */
export async function writeClusterEntries(
  list: ClusterSetting[] | undefined,
  scope: ConfigScope = 'global',
): Promise<void> {
  await section().update('clusters', list, TARGET[scope]);
}

/**
 * The file a workspace layer is kept in, as a person would open it: the workspace file
 * when there is one (a multi-root or saved workspace), else the folder's .vscode/settings.json.
 */
export function workspaceSettingsFile(scope: Exclude<ConfigScope, 'global'>): string {
  const shown = (uri: vscode.Uri): string => (uri.scheme === 'file' ? uri.fsPath : uri.toString(true));
  const file = vscode.workspace.workspaceFile;
  if (scope === 'workspace' && file)
    return file.scheme === 'untitled' ? vscode.l10n.t("the untitled workspace's settings") : shown(file);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? shown(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json')) : '.vscode/settings.json';
}
