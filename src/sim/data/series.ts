// The simulated cluster's metric values, computed on the fly from (metric, node, time) —
// nothing is stored, so ten days of 10-second samples cost nothing until asked for.
//
// The story, relative to the simulator start (topology.baseNanos):
// - a daily traffic cycle peaking 3 hours before start;
// - in clusters of ≥ 3 nodes the highest node died 2 h before start and came back 90 min
//   before (../metrics/outages.ts): no samples from it meanwhile, its counters restart from
//   zero, the others carry its load and report the ranges that lost a replica;
// - store 2 fills up steadily, to ~74 % of its capacity at start (under an 80 % alert);
// - everything else quiet. Nodes set down at run time leave the same marks from that moment.

import { K, mix, rngFor } from '../prng';
import type { MetricDef } from './metricsCatalog';
import type { Topology } from './topology';
import { rangeCountOfNode } from './topology';
import { NANOS_PER_SECOND, outageLogOf, storyOutage } from '../metrics/outages';
import { placementCounts } from '../metrics/placement';

export const SAMPLE_NANOS = 10n * NANOS_PER_SECOND;
export const RETENTION_NANOS = 10n * 86_400n * NANOS_PER_SECOND;
const FILLING_STORE = 2;
const STORE_CAPACITY = 500 * 1024 ** 3;

const DAY = 86_400;
const PEAK_S = -3 * 3600;
/** Per-node statements per second at full load. */
const QPS = 180;
/** Item kind for the series' generators (beside prng.ts K). */
const K_SERIES = 101;
const STATEMENT_SHARE: Record<string, number> = {
  'sql.query.count': 1,
  'sql.select.count': 0.62,
  'sql.insert.count': 0.14,
  'sql.update.count': 0.1,
  'sql.delete.count': 0.04,
};

export interface NodeFacts {
  /** When the node's process first started (before any outage the log knows of). */
  startedAt: bigint;
  cpus: number;
  memBytes: number;
  /** How stale a live node's status is: up to 10 s. */
  heartbeatLagNanos: bigint;
}

const FACTS = new WeakMap<Topology, Map<number, NodeFacts>>();

export function nodeFacts(t: Topology, nodeId: number): NodeFacts {
  let byNode = FACTS.get(t);
  if (!byNode) {
    byNode = new Map();
    FACTS.set(t, byNode);
  }
  let facts = byNode.get(nodeId);
  if (!facts) {
    facts = makeFacts(t, nodeId);
    byNode.set(nodeId, facts);
  }
  return facts;
}

function makeFacts(t: Topology, nodeId: number): NodeFacts {
  const rng = rngFor(t.seed, K.node, nodeId);
  // Long enough ago that ten days of history are all there.
  const startedAt =
    t.baseNanos - BigInt(rng.int(11 * DAY, 30 * DAY)) * NANOS_PER_SECOND - BigInt(rng.int(0, 999_999_999));
  const heartbeatLagNanos = BigInt(rng.int(0, 9_999_999_999));
  const cpus = rng.pick([4, 8, 16, 32]);
  return { startedAt, cpus, memBytes: cpus * 4 * 1024 ** 3, heartbeatLagNanos };
}

export function nowNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** When the process running at `at` started: the first start, or the end of the last outage. */
export function processStart(t: Topology, nodeId: number, at: bigint): bigint {
  const first = nodeFacts(t, nodeId).startedAt;
  const restarted = outageLogOf(t).restartedBefore(nodeId, at);
  return restarted !== undefined && restarted > first ? restarted : first;
}

const secondsOf = (t: Topology, at: bigint): number => Number(at - t.baseNanos) / 1e9;

/** Traffic, 0.15–0.95 of the peak. */
function load(s: number): number {
  return 0.55 + 0.4 * Math.cos((2 * Math.PI * (s - PEAK_S)) / DAY);
}

function loadIntegral(a: number, b: number): number {
  const w = (2 * Math.PI) / DAY;
  return 0.55 * (b - a) + ((0.4 * DAY) / (2 * Math.PI)) * (Math.sin(w * (b - PEAK_S)) - Math.sin(w * (a - PEAK_S)));
}

/** 0 ≤ u < 1 for one (series, node, sample). */
function unit(t: Topology, tag: number, nodeId: number, k = 0): number {
  return mix(t.seed, K_SERIES, tag, nodeId, k) / 4294967296;
}

const weight = (t: Topology, nodeId: number): number => 0.8 + 0.4 * unit(t, 1, nodeId);

interface StoryWindow {
  nodeId: number;
  fromS: number;
  toS: number;
}
const WINDOWS = new WeakMap<Topology, StoryWindow | null>();

/** The story's outage in seconds from start, worked out once: the series ask for it per sample. */
function storyWindow(t: Topology): StoryWindow | undefined {
  let w = WINDOWS.get(t);
  if (w === undefined) {
    const o = storyOutage(t);
    w = o ? { nodeId: o.nodeId, fromS: secondsOf(t, o.from), toS: secondsOf(t, o.to as bigint) } : null;
    WINDOWS.set(t, w);
  }
  return w ?? undefined;
}

/** How much more load a live node carries while the story's node is down. */
function storyShare(t: Topology, nodeId: number, s: number): number {
  const o = storyWindow(t);
  if (!o || o.nodeId === nodeId) return 1;
  return s >= o.fromS && s < o.toS ? t.nodeCount / (t.nodeCount - 1) : 1;
}

/** Statements since `start`, noise included; never decreasing between samples of one process. */
function statements(t: Topology, nodeId: number, start: number, s: number, k: number): number {
  let area = loadIntegral(start, s);
  const o = storyWindow(t);
  if (o && o.nodeId !== nodeId) {
    const a = Math.max(start, o.fromS);
    const b = Math.min(s, o.toS);
    if (b > a) area += (t.nodeCount / (t.nodeCount - 1) - 1) * loadIntegral(a, b);
  }
  const rate = QPS * weight(t, nodeId);
  // Below the least a 10 s step adds (0.15 of the rate), so the counter never goes back.
  return rate * area + rate * 10 * 0.05 * unit(t, 2, nodeId, k);
}

/** Median statement latency in ns; the other quantiles are multiples of it. */
function latencyP50(t: Topology, nodeId: number, s: number, k: number): number {
  const base = 1_100_000 + 700_000 * unit(t, 3, nodeId);
  const stress = storyShare(t, nodeId, s) > 1 ? 1.25 : 1;
  return base * (0.7 + 0.6 * load(s)) * stress * (0.92 + 0.16 * unit(t, 4, nodeId, k));
}

const QUANTILE_FACTOR: Record<string, number> = { '-p50': 1, '-p90': 2.8, '-p99': 7.5 };

export function latencyQuantile(t: Topology, nodeId: number, at: bigint, quantile: string): number {
  const s = secondsOf(t, at);
  const k = Number(at / SAMPLE_NANOS);
  const spread = quantile === '-p50' ? 1 : 0.95 + 0.1 * unit(t, 5, nodeId, k);
  return Math.round(latencyP50(t, nodeId, s, k) * (QUANTILE_FACTOR[quantile] ?? 1) * spread);
}

function usedFraction(t: Topology, nodeId: number, s: number, k: number): number {
  if (nodeId === FILLING_STORE && t.nodeCount >= 2) {
    // 40 % ten days before start, 74 % at start, and still rising.
    return Math.min(0.95, Math.max(0.05, 0.74 + (0.034 * s) / DAY));
  }
  return 0.22 + 0.25 * unit(t, 6, nodeId) + (0.0015 * s) / DAY + 0.0004 * (unit(t, 7, nodeId, k) - 0.5);
}

/**
 * The value node (or store) `nodeId` recorded for `def` at sample time `at`; undefined when
 * it recorded none (down, or not started). `quantile` picks a histogram's quantile.
 */
export function sampleValue(
  t: Topology,
  def: MetricDef,
  nodeId: number,
  at: bigint,
  quantile?: string,
): number | undefined {
  const log = outageLogOf(t);
  if (nodeId < 1 || nodeId > t.nodeCount || log.isDown(nodeId, at)) return undefined;
  const start = processStart(t, nodeId, at);
  if (at < start) return undefined;
  const s = secondsOf(t, at);
  const k = Number(at / SAMPLE_NANOS);
  const share = STATEMENT_SHARE[def.name];
  if (share !== undefined) return Math.floor(share * statements(t, nodeId, secondsOf(t, start), s, k));
  const mult = storyShare(t, nodeId, s);
  const w = weight(t, nodeId);
  switch (def.name) {
    case 'sql.service.latency':
      return latencyQuantile(t, nodeId, at, quantile ?? '-p50');
    case 'sql.conns':
      return Math.max(0, Math.round((12 + 100 * load(s) * mult) * w + 4 * (unit(t, 8, nodeId, k) - 0.5)));
    case 'sys.cpu.combined.percent-normalized': {
      const cpu = 0.05 + 0.5 * load(s) * w * mult + 0.04 * (unit(t, 9, nodeId, k) - 0.5);
      return Math.round(Math.min(0.99, Math.max(0.01, cpu)) * 10_000) / 10_000;
    }
    case 'sys.rss': {
      // A fresh process grows into its caches over its first hour.
      const warm = Math.min(1, 0.5 + Number(at - start) / 1e9 / 7200);
      const mem = nodeFacts(t, nodeId).memBytes;
      return Math.round(mem * warm * (0.3 + 0.12 * load(s) + 0.02 * unit(t, 10, nodeId, k)));
    }
    case 'sys.uptime':
      return Number((at - start) / NANOS_PER_SECOND);
    case 'clock-offset.meannanos':
      return Math.round((unit(t, 11, nodeId) - 0.5) * 1_600_000 + (unit(t, 12, nodeId, k) - 0.5) * 400_000);
    case 'liveness.livenodes':
      return t.nodeCount - log.downAt(at).length;
    case 'capacity':
      return STORE_CAPACITY;
    case 'capacity.used':
      return Math.round(STORE_CAPACITY * usedFraction(t, nodeId, s, k));
    case 'capacity.available':
      return STORE_CAPACITY - Math.round(STORE_CAPACITY * usedFraction(t, nodeId, s, k));
    case 'replicas':
      return rangeCountOfNode(t);
    case 'ranges.overreplicated':
      return 0;
    default:
      return placementValue(t, def.name, nodeId, log.downAt(at));
  }
}

function placementValue(t: Topology, name: string, nodeId: number, down: number[]): number | undefined {
  const counts = placementCounts(t, down);
  switch (name) {
    case 'ranges':
      return counts.ranges[nodeId];
    case 'replicas.leaseholders':
      return counts.leaseholders[nodeId];
    case 'ranges.underreplicated':
      return counts.underreplicated[nodeId];
    case 'ranges.unavailable':
      return counts.unavailable[nodeId];
    default:
      return undefined;
  }
}
