// Node localities (`--locality=region=us-east1,zone=us-east1-b`): their text form
// and the region and zone they name, the same everywhere the explorer shows them.
import * as l10n from '@vscode/l10n';

export interface LocalityTier {
  readonly key: string;
  readonly value: string;
}

/** Shown where a node reports no region or zone. */
export const UNKNOWN = l10n.t('(unknown)');

const REGION_KEYS = ['region', 'cloud-region', 'cloud_region'];
const ZONE_KEYS = ['zone', 'az', 'availability-zone', 'availability_zone', 'datacenter', 'dc'];

/** `key=value,key=value`, the form `cockroach start --locality` takes. */
export function localityText(tiers: readonly LocalityTier[]): string {
  return tiers.map((t) => `${t.key}=${t.value}`).join(',');
}

/**
 * Region and zone from locality tiers: by well-known key first; otherwise the
 * first tier is taken as the region and the second as the zone, the order
 * CockroachDB recommends (broadest first).
 */
export function parseLocality(tiers: readonly LocalityTier[]): { region: string; zone: string } {
  const byKey = (keys: string[]) => tiers.find((t) => keys.includes(t.key.toLowerCase()))?.value;
  const named = byKey(REGION_KEYS) !== undefined || byKey(ZONE_KEYS) !== undefined;
  const region = byKey(REGION_KEYS) ?? (named ? undefined : tiers[0]?.value);
  const zone = byKey(ZONE_KEYS) ?? (named ? undefined : tiers[1]?.value);
  return { region: region || UNKNOWN, zone: zone || UNKNOWN };
}

/** Every region the given localities name, sorted; nodes without one add nothing. */
export function regionsOf(localities: Iterable<readonly LocalityTier[]>): string[] {
  const regions = new Set<string>();
  for (const tiers of localities) {
    const { region } = parseLocality(tiers);
    if (region !== UNKNOWN) regions.add(region);
  }
  return [...regions].sort();
}
