// nodes/{id}/ranges/ and ranges/{id}/ → RangeInfo / RangeDetail. The server has
// no leaseholder field (the seed's `lease_holder` / `raft_state` do not exist),
// so the leaseholder is derived from the newest lease in `lease_history`.
import type { Lease, RangeDetail, RangeDetailByNode, RangeInfo, RangeProblems, RangeStats, ReplicaRef } from '../models';
import { arr, bool, hlcNanos, isObj, num, obj, optNum, optStr, str } from './values';

/** roachpb.LeaseAcquisitionType by integer value. */
const ACQUISITION_TYPES = ['unspecified', 'transfer', 'request'];
/** roachpb.ReplicaType by integer value (sent only when set). */
const REPLICA_TYPES = [
  'VOTER_FULL',
  'VOTER_INCOMING',
  'VOTER_OUTGOING',
  'VOTER_DEMOTING_LEARNER',
  'LEARNER',
  'NON_VOTER',
  'VOTER_DEMOTING_NON_VOTER',
];

const KNOWN_PROBLEMS: Record<string, keyof Omit<RangeProblems, 'other'>> = {
  unavailable: 'unavailable',
  leader_not_lease_holder: 'leaderNotLeaseHolder',
  no_raft_leader: 'noRaftLeader',
  underreplicated: 'underreplicated',
  overreplicated: 'overreplicated',
  no_lease: 'noLease',
  quiescent_equals_ticking: 'quiescentEqualsTicking',
  raft_log_too_large: 'raftLogTooLarge',
};

function enumName(names: readonly string[], v: unknown, fallback: string): string {
  if (typeof v === 'string' && v !== '' && !/^\d+$/.test(v)) return v;
  return names[num(v, -1)] ?? fallback;
}

export function normalizeProblems(v: unknown): RangeProblems {
  const p: RangeProblems = {
    unavailable: false,
    leaderNotLeaseHolder: false,
    noRaftLeader: false,
    underreplicated: false,
    overreplicated: false,
    noLease: false,
    quiescentEqualsTicking: false,
    raftLogTooLarge: false,
    other: [],
  };
  // Only true flags are sent; unknown ones (newer servers) are kept by name.
  for (const [key, val] of Object.entries(obj(v))) {
    const known = KNOWN_PROBLEMS[key];
    if (known) p[known] = bool(val);
    else if (val === true || (Array.isArray(val) && val.length > 0) || (typeof val === 'string' && val !== '')) p.other.push(key);
  }
  return p;
}

export function normalizeStats(v: unknown): RangeStats {
  const s = obj(v);
  const stats: RangeStats = { queriesPerSecond: num(s.queries_per_second), writesPerSecond: num(s.writes_per_second) };
  const optional: Array<[keyof RangeStats, string]> = [
    ['requestsPerSecond', 'requests_per_second'],
    ['readsPerSecond', 'reads_per_second'],
    ['writeBytesPerSecond', 'write_bytes_per_second'],
    ['readBytesPerSecond', 'read_bytes_per_second'],
    ['cpuTimePerSecond', 'cpu_time_per_second'],
  ];
  for (const [k, wire] of optional) if (s[wire] !== undefined) stats[k] = num(s[wire]);
  return stats;
}

function normalizeReplica(v: unknown): ReplicaRef {
  const r = obj(v);
  const ref: ReplicaRef = { nodeId: num(r.node_id), storeId: num(r.store_id), replicaId: num(r.replica_id) };
  if (r.type !== undefined && r.type !== null) ref.type = enumName(REPLICA_TYPES, r.type, 'UNKNOWN');
  return ref;
}

export function normalizeLease(v: unknown): Lease {
  const l = obj(v);
  const lease: Lease = {
    start: hlcNanos(l.start),
    replica: normalizeReplica(l.replica),
    sequence: num(l.sequence),
    acquisitionType: enumName(ACQUISITION_TYPES, l.acquisition_type ?? 0, 'unknown'),
  };
  if (l.expiration !== undefined && l.expiration !== null) lease.expiration = hlcNanos(l.expiration);
  if (l.proposed_ts !== undefined && l.proposed_ts !== null) lease.proposedTs = hlcNanos(l.proposed_ts);
  if (l.epoch !== undefined) lease.epoch = num(l.epoch);
  return lease;
}

/** The current lease: highest `sequence`, ties broken by the latest `start`. */
export function latestLease(leases: readonly Lease[]): Lease | undefined {
  let best: Lease | undefined;
  for (const l of leases) {
    if (!best || l.sequence > best.sequence || (l.sequence === best.sequence && l.start > best.start)) best = l;
  }
  return best;
}

export function normalizeRangeInfo(v: unknown): RangeInfo {
  const r = obj(v);
  const desc = obj(r.desc);
  const span = obj(r.span);
  const leaseHistory = arr(r.lease_history).filter(isObj).map(normalizeLease);
  const info: RangeInfo = {
    rangeId: num(desc.range_id ?? r.range_id),
    startKeyRaw: str(desc.start_key),
    endKeyRaw: str(desc.end_key),
    startKeyPretty: str(span.start_key),
    endKeyPretty: str(span.end_key),
    sourceNodeId: num(r.source_node_id),
    sourceStoreId: num(r.source_store_id),
    leaseHistory,
    problems: normalizeProblems(r.problems),
    stats: normalizeStats(r.stats),
    quiescent: bool(r.quiescent),
    ticking: bool(r.ticking),
  };
  const errorMessage = optStr(r.error_message);
  if (errorMessage) info.errorMessage = errorMessage;
  const lease = latestLease(leaseHistory);
  if (lease) info.leaseholderNodeId = lease.replica.nodeId;
  return info;
}

export function normalizeNodeRanges(body: unknown): RangeInfo[] {
  return arr(obj(body).ranges).map(normalizeRangeInfo);
}

/**
 * ranges/{id}/: `{responses_by_node_id: {"<node>": {range_info, error?}}}`. The seed
 * text puts RangeInfo directly under the node key; both are read. A node that failed
 * to answer keeps its `error` and gets no rangeInfo (the server sends a zero one).
 */
export function normalizeRangeDetail(body: unknown, requestedRangeId: number): RangeDetail {
  const b = obj(body);
  const byNode: RangeDetailByNode[] = [];
  const leases: Lease[] = [];
  for (const [key, value] of Object.entries(obj(b.responses_by_node_id))) {
    const entry = obj(value);
    const wrapped = 'range_info' in entry || 'error' in entry;
    const rawInfo = wrapped ? entry.range_info : entry;
    const info = isObj(rawInfo) ? normalizeRangeInfo(rawInfo) : undefined;
    // Seed shape: a failed node is a zero RangeInfo carrying `error_message`.
    const error = wrapped ? optStr(entry.error) : info && info.rangeId === 0 ? info.errorMessage : undefined;
    const item: RangeDetailByNode = { nodeId: num(key) };
    if (info && !(error && info.rangeId === 0)) {
      item.rangeInfo = info;
      leases.push(...info.leaseHistory);
    }
    if (error) item.error = error;
    byNode.push(item);
  }
  byNode.sort((a, b2) => a.nodeId - b2.nodeId);
  const detail: RangeDetail = {
    rangeId: optNum(b.range_id) ?? byNode.find((n) => n.rangeInfo && n.rangeInfo.rangeId > 0)?.rangeInfo?.rangeId ?? requestedRangeId,
    byNode,
  };
  const lease = latestLease(leases);
  if (lease) detail.leaseholderNodeId = lease.replica.nodeId;
  return detail;
}
