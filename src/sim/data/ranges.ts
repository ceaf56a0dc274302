// Ranges, generated per range id on demand. A range's key span, replicas,
// lease and problems depend only on (seed, range id) and the current set of
// down nodes, so every node reports the same story about it.

import { omitZero } from '../json';
import { K, mix, rngFor } from '../prng';
import type { IndexSlot } from './schema';
import { INDEX_SLOTS } from './schema';
import type { Topology } from './topology';
import { rangeCountOfNode, rangeOfNodeAt, replicasOf } from './topology';

const KEYS_PER_RANGE = 1000;

export interface RangeModel {
  rangeId: number;
  replicas: number[];
  leaseholder: number;
  slots: IndexSlot[];
  startPretty: string;
  endPretty: string;
  startKey: string;
  endKey: string;
  qps: number;
  problems: Record<string, boolean>;
  quiescent: boolean;
  hasLeaseHistory: boolean;
  /**
   * The lease history after the replicas restarted: it lives in memory
   * (kvserver leasePostApplyLocked), so it comes back `null` or `[]` while the
   * range still has a leaseholder that only the hot-range report names.
   */
  restartedHistory?: null | [];
  /** roachpb.ReplicaType value per entry of `replicas`; 0 (VOTER_FULL) for most. */
  replicaTypes: number[];
  /** The current lease was taken by an incoming voter, mid joint configuration. */
  leaseByIncoming: boolean;
  leaseSeq: number;
}

/** roachpb.ReplicaType values (pkg/roachpb/metadata.proto). */
export const REPLICA_TYPE = {
  VOTER_FULL: 0,
  LEARNER: 1,
  VOTER_INCOMING: 2,
  VOTER_OUTGOING: 3,
  VOTER_DEMOTING_LEARNER: 4,
  NON_VOTER: 5,
  VOTER_DEMOTING_NON_VOTER: 6,
} as const;
const TYPE_NAMES = Object.keys(REPLICA_TYPE);

/**
 * Which ranges have unusual replicas, by range id alone so that tests can name
 * them: r ≡ 4 (mod 11) a non-voter (these also have a restarted lease history),
 * r ≡ 6 (mod 13) a learner, r ≡ 8 (mod 17) a voter being demoted to learner.
 * The odd replica is never the leaseholder: only voters hold leases.
 */
export function oddReplicaType(rangeId: number): number | undefined {
  if (rangeId % 11 === 4) return REPLICA_TYPE.NON_VOTER;
  if (rangeId % 13 === 6) return REPLICA_TYPE.LEARNER;
  if (rangeId % 17 === 8) return REPLICA_TYPE.VOTER_DEMOTING_LEARNER;
  return undefined;
}

/** r ≡ 4 (mod 11): odd ids answer `lease_history: null`, even ones `[]`. */
export function restartedHistoryOf(rangeId: number): null | [] | undefined {
  if (rangeId % 11 !== 4) return undefined;
  return rangeId % 2 === 1 ? null : [];
}

/** CockroachDB's order-preserving uvarint (pkg/util/encoding EncodeUvarintAscending). */
function uvarintAsc(v: number): number[] {
  if (v <= 109) return [0x88 + v];
  const bytes: number[] = [];
  let x = v;
  while (x > 0) {
    bytes.unshift(x & 0xff);
    x = Math.floor(x / 256);
  }
  return [0xf5 + bytes.length, ...bytes];
}

function keyOf(parts: number[]): string {
  return Buffer.from(parts.flatMap(uvarintAsc)).toString('base64');
}

/** Heavy-tailed load, so that a few ranges stand out as hot. */
export function qpsOf(t: Topology, rangeId: number): number {
  const u = mix(t.seed, K.range, rangeId, 7) / 4294967296;
  return Math.round((Math.exp(u * u * 9) - 1) * 100) / 100;
}

export function rangeModel(t: Topology, rangeId: number, down: ReadonlySet<number>): RangeModel {
  const rng = rngFor(t.seed, K.range, rangeId);
  const replicas = replicasOf(t, rangeId);
  const r0 = rangeId - 1;
  const slot = INDEX_SLOTS[r0 % INDEX_SLOTS.length] as IndexSlot;
  const chunk = Math.floor(r0 / INDEX_SLOTS.length);
  const slots = [slot];
  // Some ranges straddle two tables (v25 reports every table of a range).
  const straddles = rangeId % 37 === 5;
  const nextSlot = INDEX_SLOTS[(r0 + 1) % INDEX_SLOTS.length] as IndexSlot;
  if (straddles && nextSlot.table !== slot.table) slots.push(nextSlot);
  const base = [slot.table.id, slot.index.id];
  const startParts = chunk === 0 ? base : [...base, chunk * KEYS_PER_RANGE];
  const endParts = straddles
    ? [nextSlot.table.id, nextSlot.index.id, KEYS_PER_RANGE]
    : [...base, (chunk + 1) * KEYS_PER_RANGE];
  const pretty = (p: number[]): string => `/Table/${p.join('/')}`;

  const u = rng.float();
  const problems: Record<string, boolean> = {};
  if (u < 0.01) problems.unavailable = true;
  else if (u < 0.03) problems.underreplicated = true;
  else if (u < 0.04) problems.leader_not_lease_holder = true;
  else if (u < 0.045) problems.no_lease = true;
  else if (u < 0.05) problems.no_raft_leader = true;
  else if (u < 0.055) problems.raft_log_too_large = true;
  else if (u < 0.06) problems.overreplicated = true;
  else if (u < 0.062) problems.quiescent_equals_ticking = true;
  const downReplicas = replicas.filter((n) => down.has(n)).length;
  if (downReplicas > 0) problems.underreplicated = true;
  if (downReplicas * 2 > replicas.length) problems.unavailable = true;

  let leaseholder = replicas[rng.int(0, replicas.length - 1)] as number;
  if (down.has(leaseholder)) leaseholder = replicas.find((n) => !down.has(n)) ?? leaseholder;
  const qps = qpsOf(t, rangeId);
  const replicaTypes = replicas.map(() => 0);
  const odd = oddReplicaType(rangeId);
  if (odd !== undefined && replicas.length > 1) {
    const lhAt = replicas.indexOf(leaseholder);
    replicaTypes[(lhAt + 1) % replicas.length] = odd;
  }
  const restarted = restartedHistoryOf(rangeId);
  return {
    rangeId,
    replicas,
    leaseholder,
    slots,
    startPretty: pretty(startParts),
    endPretty: pretty(endParts),
    startKey: keyOf(startParts),
    endKey: keyOf(endParts),
    qps,
    problems,
    quiescent: qps < 1 && !problems.unavailable,
    hasLeaseHistory: !problems.no_lease,
    ...(restarted !== undefined && !problems.no_lease ? { restartedHistory: restarted } : {}),
    replicaTypes,
    leaseByIncoming: rangeId % 19 === 9,
    leaseSeq: rng.int(1, 40),
  };
}

function leaseHistory(t: Topology, m: RangeModel): unknown[] | null {
  if (!m.hasLeaseHistory) return null;
  if (m.restartedHistory !== undefined) return m.restartedHistory === null ? null : [];
  const entries: unknown[] = [];
  const count = 1 + (m.rangeId % 3);
  for (let i = 0; i < count; i++) {
    const holder = i === count - 1 ? m.leaseholder : (m.replicas[(m.rangeId + i) % m.replicas.length] as number);
    const start = t.baseNanos - BigInt((count - i) * 3_600 + (m.rangeId % 600)) * 1_000_000_000n;
    // A lease records the replica descriptor as it was then; VOTER_FULL (0) is omitted.
    const replica: Record<string, unknown> = {
      node_id: holder,
      store_id: holder,
      replica_id: m.replicas.indexOf(holder) + 1,
    };
    if (i === count - 1 && m.leaseByIncoming) replica.type = REPLICA_TYPE.VOTER_INCOMING;
    entries.push({
      start: { wall_time: start },
      replica,
      proposed_ts: { wall_time: start - 10_000_000n },
      epoch: 1 + (m.rangeId % 4),
      sequence: m.leaseSeq + i,
      acquisition_type: i === 0 ? 1 : 2,
    });
  }
  return entries;
}

/** `rangeInfo` as reported by the replica on `sourceNode`. */
export function rangeInfoWire(t: Topology, m: RangeModel, sourceNode: number): Record<string, unknown> {
  const isLh = sourceNode === m.leaseholder;
  const share = isLh ? 1 : 0.02;
  const stats = omitZero({
    queries_per_second: round2(m.qps * share),
    writes_per_second: round2(m.qps * 0.2 * share),
    requests_per_second: t.profile === 'v21' ? 0 : round2(m.qps * 1.05 * share),
    reads_per_second: t.profile === 'v21' ? 0 : round2(m.qps * 2.5 * share),
    write_bytes_per_second: t.profile === 'v21' ? 0 : round2(m.qps * 96 * share),
    read_bytes_per_second: t.profile === 'v21' ? 0 : round2(m.qps * 730 * share),
    cpu_time_per_second: t.profile === 'v21' ? 0 : round2(m.qps * 18_000 * share),
  });
  const wire: Record<string, unknown> = {
    desc: { range_id: m.rangeId, start_key: m.startKey, end_key: m.endKey, store_id: 0, queries_per_second: 0 },
    span: { start_key: m.startPretty, end_key: m.endPretty },
    source_node_id: sourceNode,
    source_store_id: sourceNode,
    lease_history: leaseHistory(t, m),
    problems: { ...m.problems },
    stats,
    quiescent: m.quiescent ? true : undefined,
    ticking: m.quiescent ? undefined : true,
  };
  if (t.profile === 'seed-spec') {
    // Seed-style servers list the descriptor's replicas, types by enum name. The
    // api/v2 rangeInfo of real servers has no replica list at all.
    (wire.desc as Record<string, unknown>).internal_replicas = m.replicas.map((n, i) => {
      const type = m.replicaTypes[i] ?? 0;
      return { node_id: n, store_id: n, replica_id: i + 1, ...(type !== 0 ? { type: TYPE_NAMES[type] } : {}) };
    });
    wire.lease_holder = m.leaseholder;
    wire.raft_state = isLh ? 'StateLeader' : 'StateFollower';
  }
  return wire;
}

/** What a node that failed to answer contributes to range detail. */
export const ZERO_RANGE_INFO = {
  desc: { range_id: 0, store_id: 0, queries_per_second: 0 },
  span: {},
  lease_history: null,
  problems: {},
  stats: {},
};

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Each node's hot list (top-K of its replicas by load), computed once per node. */
export class HotRangeIndex {
  private readonly cache = new Map<number, Int32Array>();
  constructor(private readonly t: Topology) {}

  listFor(nodeId: number): Int32Array {
    const hit = this.cache.get(nodeId);
    if (hit) return hit;
    const n = rangeCountOfNode(this.t);
    const ids = new Int32Array(n);
    const load = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = rangeOfNodeAt(this.t, nodeId, i);
      load[i] = qpsOf(this.t, ids[i] as number);
    }
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (load[b] as number) - (load[a] as number) || (ids[a] as number) - (ids[b] as number),
    );
    const top = Int32Array.from(order.slice(0, this.t.hotRangesPerNode).map((i) => ids[i] as number));
    this.cache.set(nodeId, top);
    return top;
  }
}
