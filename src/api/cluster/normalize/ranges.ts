// nodes/{id}/ranges/ and ranges/{id}/ → RangeInfo / RangeDetail. The server has
// no leaseholder field (the seed's `lease_holder` / `raft_state` do not exist),
// so the leaseholder is derived from the newest lease in `lease_history`. That
// history lives in each replica's memory and is empty after a restart, so an
// empty history means "leaseholder unknown", not "no leaseholder".
import * as l10n from '@vscode/l10n';
import { ApiError } from '../../http/errors';
import type {
  Lease,
  RangeDetail,
  RangeDetailByNode,
  RangeInfo,
  RangeProblems,
  RangeStats,
  ReplicaRef,
} from '../models';
import { arr, bool, hlcNanos, isObj, num, obj, optNum, optStr, str } from './values';

/** roachpb.LeaseAcquisitionType by integer value. */
const ACQUISITION_TYPES = ['unspecified', 'transfer', 'request'];
/**
 * roachpb.ReplicaType (pkg/roachpb/metadata.proto) indexed by its protobuf value,
 * which is not the order the names are usually listed in: LEARNER is 1.
 */
const REPLICA_TYPES: readonly string[] = [
  'VOTER_FULL',
  'LEARNER',
  'VOTER_INCOMING',
  'VOTER_OUTGOING',
  'VOTER_DEMOTING_LEARNER',
  'NON_VOTER',
  'VOTER_DEMOTING_NON_VOTER',
];

/**
 * The wire `type` of a ReplicaDescriptor as a name: real servers send the integer
 * (omitted for VOTER_FULL), seed-style servers the enum name. A value this client
 * does not know (a newer server) keeps its number so nobody mistakes it for a voter.
 */
export function replicaTypeName(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'VOTER_FULL';
  if (typeof v === 'string' && !/^\d+$/.test(v.trim())) {
    const name = v.trim().toUpperCase();
    return REPLICA_TYPES.includes(name) ? name : v.trim();
  }
  const n = num(v, -1);
  return REPLICA_TYPES[n] ?? `type ${str(v)}`;
}

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
    else if (val === true || (Array.isArray(val) && val.length > 0) || (typeof val === 'string' && val !== ''))
      p.other.push(key);
  }
  return p;
}

function normalizeStats(v: unknown): RangeStats {
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
  ref.type = replicaTypeName(r.type);
  return ref;
}

/**
 * The descriptor's replica list, where a server sends one: seed-style servers put
 * `internal_replicas` in `desc`, the full status RangeInfo under `state.state.desc`.
 * The api/v2 rangeInfo of real servers has none (only the lease history names replicas).
 */
function descriptorReplicas(r: Record<string, unknown>): ReplicaRef[] | undefined {
  const candidates = [
    obj(r.desc).internal_replicas,
    obj(obj(obj(r.state).state).desc).internal_replicas,
    obj(obj(r.state).desc).internal_replicas,
  ];
  const list = candidates.find((c) => Array.isArray(c));
  return list === undefined ? undefined : arr(list).filter(isObj).map(normalizeReplica);
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
  const replicas = descriptorReplicas(r);
  if (replicas) info.replicas = replicas;
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
  const responses = obj(b.responses_by_node_id);
  // Every node answered and none holds a replica: the server says so with an empty
  // map and a 200, not a 404.
  if (Object.keys(responses).length === 0) {
    throw new ApiError('notFound', l10n.t('Range r{0} does not exist', requestedRangeId), {
      status: 200,
      route: `ranges/${requestedRangeId}/`,
    });
  }
  const byNode: RangeDetailByNode[] = [];
  const leases: Lease[] = [];
  for (const [key, value] of Object.entries(responses)) {
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
    rangeId:
      optNum(b.range_id) ??
      byNode.find((n) => n.rangeInfo && n.rangeInfo.rangeId > 0)?.rangeInfo?.rangeId ??
      requestedRangeId,
    byNode,
  };
  const lease = latestLease(leases);
  if (lease) detail.leaseholderNodeId = lease.replica.nodeId;
  return detail;
}
