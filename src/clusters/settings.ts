// The configured self-hosted clusters, each named by its normalised origin. The list
// itself (and which workspace layers count) comes from the config module.
import { config } from '../config/config';
import type { ClusterConfig } from './handle';
import { normaliseOrigin } from './origin';

/** One entry per origin (the first wins); entries whose URL is not an http(s) address are skipped. */
export function readClusters(): ClusterConfig[] {
  const seen = new Set<string>();
  const out: ClusterConfig[] = [];
  for (const entry of config.get('clusters')) {
    let id: string;
    try {
      id = normaliseOrigin(entry.url);
    } catch {
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      name: entry.name || id,
      // Requests and the DB Console link go to the normalised origin.
      url: id,
      consoleUrl: id,
      source: 'settings',
      ...(entry.caFile ? { caFile: entry.caFile } : {}),
      ...(entry.skipTlsVerify ? { skipTlsVerify: true } : {}),
      ...(entry.virtualCluster ? { virtualCluster: entry.virtualCluster } : {}),
      ...(entry.readOnly ? { readOnly: true } : {}),
    });
  }
  return out;
}
