// The configured self-hosted clusters, each named by its normalised origin. The list
// itself (and which workspace layers count) comes from the config module.
import { config, type ClusterSetting } from '../config/config';
import { normaliseOrigin } from './origin';

export interface ConfiguredCluster extends ClusterSetting {
  /** Normalised origin: the cluster's id and secret key. */
  id: string;
}

/** One entry per origin (the first wins); entries whose URL is not an http(s) address are skipped. */
export function readClusters(): ConfiguredCluster[] {
  const seen = new Set<string>();
  const out: ConfiguredCluster[] = [];
  for (const entry of config.get('clusters')) {
    let id: string;
    try {
      id = normaliseOrigin(entry.url);
    } catch {
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...entry, id, name: entry.name || id });
  }
  return out;
}
