// Nodes, localities and replica placement. Placement is arithmetic so that
// "the i-th range of node n" and "the replicas of range r" are both O(1).

import type { SimProfile } from '../types';

export const REGIONS = [
  { region: 'us-east1', zones: ['us-east1-b', 'us-east1-c', 'us-east1-d'] },
  { region: 'us-west1', zones: ['us-west1-a', 'us-west1-b', 'us-west1-c'] },
  { region: 'europe-west1', zones: ['europe-west1-b', 'europe-west1-c', 'europe-west1-d'] },
] as const;

export interface Topology {
  seed: number;
  profile: SimProfile;
  nodeCount: number;
  /** Ranges per residue class; each node holds `replicationFactor * perClass` replicas. */
  perClass: number;
  rangeCount: number;
  replicationFactor: number;
  /** Node-index offsets of the replicas of range 0 (spread over regions when possible). */
  offsets: number[];
  sessionsPerNode: number;
  hotRangesPerNode: number;
  /** Simulator start, Unix ns: every timestamp is derived from it. */
  baseNanos: bigint;
}

export function makeTopology(o: {
  seed: number;
  profile: SimProfile;
  nodes: number;
  rangesPerNode: number;
  sessionsPerNode: number;
  hotRangesPerNode: number;
}): Topology {
  const n = o.nodes;
  const rf = Math.min(3, n);
  const offsets = n >= 9 ? [0, 3, 6] : [0, 1, 2].slice(0, rf);
  const perClass = Math.max(1, Math.ceil(o.rangesPerNode / rf));
  return {
    seed: o.seed,
    profile: o.profile,
    nodeCount: n,
    perClass,
    rangeCount: n * perClass,
    replicationFactor: rf,
    offsets,
    sessionsPerNode: o.sessionsPerNode,
    hotRangesPerNode: o.hotRangesPerNode,
    baseNanos: BigInt(Date.now()) * 1_000_000n,
  };
}

export function nodeIds(t: Topology): number[] {
  return Array.from({ length: t.nodeCount }, (_, i) => i + 1);
}

export function nodeExists(t: Topology, id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= t.nodeCount;
}

export function localityOf(nodeId: number): { region: string; zone: string } {
  const z = (nodeId - 1) % 9;
  const r = REGIONS[Math.floor(z / 3)] as (typeof REGIONS)[number];
  return { region: r.region, zone: r.zones[z % 3] as string };
}

/** Range ids are 1-based; replicas are nodes `(r0 + offset) mod N`. */
export function replicasOf(t: Topology, rangeId: number): number[] {
  const r0 = rangeId - 1;
  return t.offsets.map((off) => ((r0 + off) % t.nodeCount) + 1);
}

export function rangeExists(t: Topology, rangeId: number): boolean {
  return Number.isInteger(rangeId) && rangeId >= 1 && rangeId <= t.rangeCount;
}

export function rangeCountOfNode(t: Topology): number {
  return t.replicationFactor * t.perClass;
}

/** Residues `r0 mod N` of the ranges that node holds, ascending. */
function residuesOf(t: Topology, nodeId: number): number[] {
  const n0 = nodeId - 1;
  return t.offsets.map((off) => (((n0 - off) % t.nodeCount) + t.nodeCount) % t.nodeCount).sort((a, b) => a - b);
}

/** The i-th (0-based) range id held by the node, in ascending range-id order. */
export function rangeOfNodeAt(t: Topology, nodeId: number, i: number): number {
  const res = residuesOf(t, nodeId);
  const block = Math.floor(i / res.length);
  return block * t.nodeCount + (res[i % res.length] as number) + 1;
}

export function nodeHoldsRange(t: Topology, nodeId: number, rangeId: number): boolean {
  return rangeExists(t, rangeId) && replicasOf(t, rangeId).includes(nodeId);
}
