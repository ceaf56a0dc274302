// Per-store range counts for a set of down nodes, from the simulator's replica placement
// (../data/topology.ts). Each range is counted by one store only, as kvserver's
// calcRangeCounter does: the leaseholder if it is live, else the first live replica; a range
// with no live replica is counted by nobody. That store reports it under-replicated when a
// replica is down, unavailable when a majority is. One pass over every range per down set,
// cached, so that nodes/ for 500 nodes stays cheap.

import { K, rngFor } from '../prng';
import type { Topology } from '../data/topology';
import { replicasOf } from '../data/topology';

export interface PlacementCounts {
  /** Indexed by node (= store) id; index 0 unused. */
  ranges: Uint32Array;
  leaseholders: Uint32Array;
  underreplicated: Uint32Array;
  unavailable: Uint32Array;
}

/**
 * The leaseholder exactly as ../data/ranges.ts rangeModel picks it (same generator, same
 * draws), without building the whole range: its lease moves to the first live replica.
 */
export function leaseholderOf(t: Topology, rangeId: number, replicas: number[], down: ReadonlySet<number>): number {
  const rng = rngFor(t.seed, K.range, rangeId);
  rng.float(); // rangeModel's problem draw
  const lh = replicas[rng.int(0, replicas.length - 1)] as number;
  return down.has(lh) ? (replicas.find((n) => !down.has(n)) ?? lh) : lh;
}

function compute(t: Topology, downIds: readonly number[]): PlacementCounts {
  const size = t.nodeCount + 1;
  const out: PlacementCounts = {
    ranges: new Uint32Array(size),
    leaseholders: new Uint32Array(size),
    underreplicated: new Uint32Array(size),
    unavailable: new Uint32Array(size),
  };
  const down = new Set(downIds);
  for (let r = 1; r <= t.rangeCount; r++) {
    const replicas = replicasOf(t, r);
    const lost = down.size === 0 ? 0 : replicas.filter((n) => down.has(n)).length;
    if (lost === replicas.length) continue;
    const counter = leaseholderOf(t, r, replicas, down);
    out.ranges[counter]++;
    // Same rule as rangeModel's problems: a majority down is unavailable.
    if (lost * 2 > replicas.length) out.unavailable[counter]++;
    else {
      out.leaseholders[counter]++;
      if (lost > 0) out.underreplicated[counter]++;
    }
  }
  return out;
}

const CACHE = new WeakMap<Topology, Map<string, PlacementCounts>>();
const MAX_CACHED = 32;

/** Counts for the nodes in `downIds` (ascending) being down. */
export function placementCounts(t: Topology, downIds: readonly number[]): PlacementCounts {
  let byKey = CACHE.get(t);
  if (!byKey) {
    byKey = new Map();
    CACHE.set(t, byKey);
  }
  const key = downIds.join(',');
  let counts = byKey.get(key);
  if (!counts) {
    counts = compute(t, downIds);
    // Oldest first out: tests flip between a handful of down sets.
    if (byKey.size >= MAX_CACHED) byKey.delete(byKey.keys().next().value as string);
    byKey.set(key, counts);
  }
  return counts;
}
