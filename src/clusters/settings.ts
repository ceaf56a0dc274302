// Reads the extension's settings. In an untrusted workspace the workspace's
// cluster list (URLs, CA files, TLS options) is ignored: only the user's own
// settings are read, so opening a repository cannot point the explorer at a host.
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { normaliseOrigin } from './origin';
import { pickTrusted } from './trust';

export interface ClusterSetting {
  name: string;
  url: string;
  caFile?: string;
  skipTlsVerify?: boolean;
  /** Where SQL, sessions and databases come from on a cluster with virtual clusters; unset = the server's default. */
  virtualCluster?: string;
}

export interface ConfiguredCluster extends ClusterSetting {
  /** Normalised origin: the cluster's id and secret key. */
  id: string;
}

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(Settings.section);
}

function trustedValue<T>(key: string, fallback: T): T {
  return pickTrusted(section().inspect<T>(key), vscode.workspace.isTrusted, fallback);
}

export function readClusters(): ConfiguredCluster[] {
  const raw = trustedValue<unknown>(Settings.clusters, []);
  const list = Array.isArray(raw) ? raw : [];
  const seen = new Set<string>();
  const out: ConfiguredCluster[] = [];
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    const { name, url, caFile, skipTlsVerify, virtualCluster } = entry as Partial<ClusterSetting>;
    if (typeof url !== 'string') continue;
    let id: string;
    try {
      id = normaliseOrigin(url);
    } catch {
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      name: typeof name === 'string' && name.trim() ? name.trim() : id,
      url,
      ...(typeof caFile === 'string' && caFile ? { caFile } : {}),
      ...(skipTlsVerify === true ? { skipTlsVerify: true } : {}),
      ...(typeof virtualCluster === 'string' && virtualCluster.trim() ? { virtualCluster: virtualCluster.trim() } : {}),
    });
  }
  return out;
}

export async function writeClusters(clusters: ClusterSetting[]): Promise<void> {
  await section().update(Settings.clusters, clusters, vscode.ConfigurationTarget.Global);
}

export const settings = {
  cloudApiUrl: (): string => trustedValue(Settings.cloudApiUrl, 'https://cockroachlabs.cloud'),
  refreshIntervalMs: (): number => Math.max(0, section().get<number>(Settings.refreshInterval, 30)) * 1000,
  pageSize: (): number => Math.min(1000, Math.max(1, Math.floor(section().get<number>(Settings.pageSize, 100)))),
  requestTimeoutMs: (): number => Math.max(1, section().get<number>(Settings.requestTimeout, 10)) * 1000,
  statusBarEnabled: (): boolean => section().get<boolean>(Settings.statusBarEnabled, true),
  statusBarIntervalMs: (): number => Math.max(5, section().get<number>(Settings.statusBarInterval, 15)) * 1000,
};

export function affectsExplorer(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(Settings.section);
}
