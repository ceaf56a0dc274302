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

export async function writeClusterEntries(list: ClusterSetting[], scope: ConfigScope = 'global'): Promise<void> {
  await section().update('clusters', list, TARGET[scope]);
}
