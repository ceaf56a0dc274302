// nodes/ → NodeStatus. Real servers send a flat `nodeStatus` (with the oddly
// capitalised `ServerVersion`); the seed OpenAPI text describes the older nested
// `desc` / `build_info` / `store_statuses` shape, which we accept as well.
import type { Liveness, LocalityTier, NodeStatus } from '../models';
import { arr, isObj, nanos, num, numberMap, obj, str } from './values';
import type { Obj } from './values';

/** livenesspb.NodeLivenessStatus, by integer value. */
const LIVENESS_BY_CODE: readonly Liveness[] = [
  'unknown',
  'dead',
  'unavailable',
  'live',
  'decommissioning',
  'decommissioned',
  'draining',
  'starting',
];

/** Integer enum (or its proto name, e.g. `NODE_STATUS_LIVE`, from JSON-pb encoders) → name. */
export function livenessName(v: unknown): Liveness {
  if (typeof v === 'number' || typeof v === 'bigint') return LIVENESS_BY_CODE[Number(v)] ?? 'unknown';
  if (typeof v === 'string') {
    const name = v.toLowerCase().replace(/^node_status_/, '') as Liveness;
    if (LIVENESS_BY_CODE.includes(name)) return name;
    if (/^\d+$/.test(v)) return LIVENESS_BY_CODE[Number(v)] ?? 'unknown';
  }
  return 'unknown';
}

function addressOf(v: unknown): string {
  const a = obj(v);
  return str(a.address_field ?? a.addressField);
}

function localityOf(v: unknown): LocalityTier[] {
  return arr(obj(v).tiers)
    .filter(isObj)
    .map((t) => ({ key: str(t.key), value: str(t.value) }));
}

/**
 * `ServerVersion` → "v24.3" / "v24.3.1". Recent servers name the fields `major`/`minor`
 * (jsontag in metadata.proto), older ones `major_val`/`minor_val`; zeros may be omitted.
 */
export function versionString(buildTag: unknown, serverVersion: unknown): string {
  const tag = str(buildTag);
  if (tag !== '') return tag;
  const v = obj(serverVersion);
  const major = v.major ?? v.major_val;
  const minor = v.minor ?? v.minor_val;
  if (major === undefined && minor === undefined) return '';
  const patch = num(v.patch);
  return `v${num(major)}.${num(minor)}${patch ? `.${patch}` : ''}`;
}

/** Seed shape: `store_statuses: [{desc: {store_id}, metrics}]` → storeID → metrics. */
function storeStatusesToMetrics(v: unknown): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const s of arr(v).filter(isObj)) {
    const id = str(obj(s.desc).store_id ?? s.store_id);
    if (id !== '') out[id] = numberMap(s.metrics);
  }
  return out;
}

function storeMetricsOf(raw: Obj): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [id, m] of Object.entries(obj(raw.store_metrics))) out[id] = numberMap(m);
  return Object.keys(out).length > 0 ? out : storeStatusesToMetrics(raw.store_statuses);
}

export function normalizeNode(v: unknown): NodeStatus {
  const raw = obj(v);
  // Seed shape nests identity under `desc`; flat fields win when both exist.
  const desc = obj(raw.desc);
  const pick = (k: string): unknown => (raw[k] !== undefined ? raw[k] : desc[k]);
  const buildInfo = obj(raw.build_info);
  return {
    nodeId: num(pick('node_id')),
    address: addressOf(pick('address')),
    sqlAddress: addressOf(pick('sql_address')),
    locality: localityOf(pick('locality')),
    version: versionString(
      pick('build_tag') ?? buildInfo.tag,
      raw.ServerVersion ?? desc.server_version ?? desc.ServerVersion,
    ),
    clusterName: str(pick('cluster_name')),
    startedAt: nanos(pick('started_at')),
    updatedAt: nanos(raw.updated_at),
    liveness: livenessName(raw.liveness_status),
    numCpus: num(raw.num_cpus),
    totalMemoryBytes: num(raw.total_system_memory),
    metrics: numberMap(raw.metrics),
    storeMetrics: storeMetricsOf(raw),
  };
}

export function normalizeNodes(body: unknown): NodeStatus[] {
  return arr(obj(body).nodes).map(normalizeNode);
}
