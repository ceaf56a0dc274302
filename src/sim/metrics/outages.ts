// When each node was down: the scripted outage of the story (see ../data/series.ts) plus
// every SimControl.setDownNodes since the simulator started. The series read it to leave a
// down node's samples out, to reset its counters when it comes back, and to count the ranges
// that lost a replica from the moment a node went down. One log per topology, so that the
// nodes/ handler (which only gets the topology and the current down set) reads the same one.

import type { Topology } from '../data/topology';

export const NANOS_PER_SECOND = 1_000_000_000n;
const MINUTE = 60n * NANOS_PER_SECOND;

export interface Outage {
  nodeId: number;
  from: bigint;
  /** Absent while the node is still down. */
  to?: bigint;
}

const STORIES = new WeakMap<Topology, Readonly<Outage> | null>();

/** The story's outage: the highest node of a cluster of ≥ 3 died 2 h before start, back 90 min before. */
export function storyOutage(t: Topology): Readonly<Outage> | undefined {
  let story = STORIES.get(t);
  if (story === undefined) {
    story =
      t.nodeCount < 3
        ? null
        : { nodeId: t.nodeCount, from: t.baseNanos - 120n * MINUTE, to: t.baseNanos - 90n * MINUTE };
    STORIES.set(t, story);
  }
  return story ?? undefined;
}

export class OutageLog {
  private readonly outages: Outage[] = [];

  constructor(story: Readonly<Outage> | undefined) {
    if (story) this.outages.push({ ...story });
  }

  /**
   * Makes `down` the set of down nodes as of `at`: a node newly down starts an outage at
   * `since` (default `at`), a node no longer down ends its outage at `at`.
   */
  apply(down: ReadonlySet<number>, at: bigint, since = at): void {
    for (const o of this.outages) {
      if (o.to === undefined && !down.has(o.nodeId)) o.to = at;
    }
    for (const id of down) {
      const open = this.open(id);
      if (!open) this.outages.push({ nodeId: id, from: since < at ? since : at });
      else if (since !== at) open.from = since;
    }
  }

  private open(nodeId: number): Outage | undefined {
    return this.outages.find((o) => o.nodeId === nodeId && o.to === undefined);
  }

  /** When the node's current outage began; undefined if it is up. */
  downSince(nodeId: number): bigint | undefined {
    return this.open(nodeId)?.from;
  }

  isDown(nodeId: number, t: bigint): boolean {
    return this.outages.some((o) => o.nodeId === nodeId && o.from <= t && (o.to === undefined || t < o.to));
  }

  /** The nodes down at `t`, ascending. */
  downAt(t: bigint): number[] {
    const ids = new Set<number>();
    for (const o of this.outages) if (o.from <= t && (o.to === undefined || t < o.to)) ids.add(o.nodeId);
    return [...ids].sort((a, b) => a - b);
  }

  /** The end of the node's last outage at or before `t` (its process restarted then). */
  restartedBefore(nodeId: number, t: bigint): bigint | undefined {
    let best: bigint | undefined;
    for (const o of this.outages) {
      if (o.nodeId !== nodeId || o.to === undefined || o.to > t) continue;
      if (best === undefined || o.to > best) best = o.to;
    }
    return best;
  }
}

const LOGS = new WeakMap<Topology, OutageLog>();

export function outageLogOf(t: Topology): OutageLog {
  let log = LOGS.get(t);
  if (!log) {
    log = new OutageLog(storyOutage(t));
    LOGS.set(t, log);
  }
  return log;
}
