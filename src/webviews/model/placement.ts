// Replica placement across regions and zones, and what is wrong with it: a
// leaseholder far from most voters, several replicas sharing one zone (a zone
// outage takes them together), or every replica in one region of a
// multi-region cluster.
import * as l10n from '@vscode/l10n';
import { parseLocality, UNKNOWN } from '../../domain/locality';
import { isVoter } from '../../domain/rangeProblems';
import type { ReplicaView } from '../protocol/data';
import type { Finding } from './problems';

export interface PlacedReplica {
  nodeId: number;
  storeId?: number;
  type?: string;
  leaseholder: boolean;
  voter: boolean;
  error: boolean;
}

export interface PlacementZone {
  zone: string;
  replicas: PlacedReplica[];
}

export interface PlacementRegion {
  region: string;
  zones: PlacementZone[];
  replicaCount: number;
  voterCount: number;
}

export interface Placement {
  regions: PlacementRegion[];
  leaseholderRegion?: string;
  findings: Finding[];
}

/** `leaseholderNodeId` undefined means the leaseholder is unknown, not that there is none. */
export function groupPlacement(
  replicas: readonly ReplicaView[],
  clusterRegions: readonly string[] = [],
  leaseholderNodeId?: number,
): Placement {
  const regions = new Map<string, Map<string, PlacedReplica[]>>();
  let leaseholderRegion: string | undefined;
  for (const r of replicas) {
    const { region, zone } = parseLocality(r.locality);
    if (r.leaseholder) leaseholderRegion = region;
    let zones = regions.get(region);
    if (!zones) regions.set(region, (zones = new Map()));
    let list = zones.get(zone);
    if (!list) zones.set(zone, (list = []));
    list.push({
      nodeId: r.nodeId,
      ...(r.storeId !== undefined ? { storeId: r.storeId } : {}),
      ...(r.type !== undefined ? { type: r.type } : {}),
      leaseholder: r.leaseholder,
      voter: isVoter(r.type),
      error: r.error !== undefined,
    });
  }
  const c = new Intl.Collator(undefined, { numeric: true });
  const grouped: PlacementRegion[] = [...regions.entries()]
    .map(([region, zones]) => {
      const zs = [...zones.entries()]
        .map(([zone, reps]) => ({ zone, replicas: reps.sort((a, b) => a.nodeId - b.nodeId) }))
        .sort((a, b) => c.compare(a.zone, b.zone));
      const all = zs.flatMap((z) => z.replicas);
      return { region, zones: zs, replicaCount: all.length, voterCount: all.filter((x) => x.voter).length };
    })
    .sort((a, b) => c.compare(a.region, b.region));
  return {
    regions: grouped,
    ...(leaseholderRegion !== undefined ? { leaseholderRegion } : {}),
    findings: placementFindings(grouped, leaseholderRegion, clusterRegions, leaseholderNodeId !== undefined),
  };
}

function placementFindings(
  regions: readonly PlacementRegion[],
  lhRegion: string | undefined,
  clusterRegions: readonly string[],
  lhKnown: boolean,
): Finding[] {
  const out: Finding[] = [];
  const total = regions.reduce((s, r) => s + r.replicaCount, 0);
  if (!total) return out;
  // A known leaseholder outside the reported replicas is a range problem (problems.ts says so).
  if (lhRegion === undefined && !lhKnown)
    out.push({
      severity: 'info',
      message: l10n.t('the leaseholder is unknown, so its distance from the voters cannot be judged'),
    });
  const known = regions.filter((r) => r.region !== UNKNOWN);
  if (!known.length) {
    out.push({ severity: 'info', message: l10n.t('nodes report no region locality; placement cannot be judged') });
    return out;
  }
  if (lhRegion !== undefined && lhRegion !== UNKNOWN) {
    const lh = regions.find((r) => r.region === lhRegion)!;
    const most = known.reduce((a, b) => (b.voterCount > a.voterCount ? b : a));
    if (most.region !== lhRegion && most.voterCount > lh.voterCount) {
      out.push({
        severity: 'warning',
        message:
          lh.voterCount === 1
            ? l10n.t(
                'distant leaseholder: the lease is in {0} ({1} voter) while {2} holds {3}',
                lhRegion,
                lh.voterCount,
                most.region,
                most.voterCount,
              )
            : l10n.t(
                'distant leaseholder: the lease is in {0} ({1} voters) while {2} holds {3}',
                lhRegion,
                lh.voterCount,
                most.region,
                most.voterCount,
              ),
      });
    }
  }
  for (const r of known) {
    for (const z of r.zones) {
      const voters = z.replicas.filter((x) => x.voter).length;
      if (z.zone !== UNKNOWN && voters > 1) {
        out.push({
          severity: 'warning',
          message: l10n.t(
            '{0} voters share zone {1} in {2}: an outage of that zone takes them together',
            voters,
            z.zone,
            r.region,
          ),
        });
      }
    }
  }
  const multi = new Set(clusterRegions.filter((x) => x && x !== UNKNOWN));
  if (known.length === 1 && multi.size > 1 && total > 1) {
    out.push({
      severity: 'info',
      message: l10n.t(
        'every replica is in {0}; the cluster also has {1}',
        known[0]!.region,
        [...multi].filter((x) => x !== known[0]!.region).join(', '),
      ),
    });
  }
  return out;
}
