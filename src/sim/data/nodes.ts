// nodeStatus wire objects (pkg/server/api_v2_ranges.go), flat for real
// versions and nested `desc`/`build_info` for the seed-spec profile.

import { NANOS_PER_SECOND, outageLogOf } from '../metrics/outages';
import type { PlacementCounts } from '../metrics/placement';
import { placementCounts } from '../metrics/placement';
import { HISTOGRAM_QUANTILES, metricByName } from './metricsCatalog';
import { nodeFacts, nowNanos, processStart, sampleValue } from './series';
import type { Topology } from './topology';
import { localityOf } from './topology';

export const LIVENESS = {
  unknown: 0,
  dead: 1,
  unavailable: 2,
  live: 3,
  decommissioning: 4,
  decommissioned: 5,
  draining: 6,
} as const;

export function versionOf(t: Topology): { tag: string; major: number; minor: number; patch: number } {
  switch (t.profile) {
    case 'v21':
      return { tag: 'v21.2.17', major: 21, minor: 2, patch: 17 };
    case 'v23':
      return { tag: 'v23.2.9', major: 23, minor: 2, patch: 9 };
    case 'v26':
      return { tag: 'v26.1.0', major: 26, minor: 1, patch: 0 };
    default:
      return { tag: 'v25.2.4', major: 25, minor: 2, patch: 4 };
  }
}

/** Some nodes are leaving or restarting, so the liveness column is not all LIVE. */
export function livenessOf(t: Topology, nodeId: number, down: ReadonlySet<number>): number {
  if (down.has(nodeId)) return LIVENESS.dead;
  if (t.nodeCount >= 5 && (nodeId === t.nodeCount || nodeId % 50 === 0)) return LIVENESS.decommissioning;
  if (t.nodeCount >= 6 && (nodeId === t.nodeCount - 1 || nodeId % 70 === 0)) return LIVENESS.draining;
  return LIVENESS.live;
}

/** build.Info of every simulated binary; `/_status/vars` exports it as `build_timestamp`. */
export const BUILD_GO_VERSION = 'go1.23.7';
export const BUILD_TIME = '2025/06/01 12:00:00';

export function nodeAddress(nodeId: number): string {
  return `crdb-node-${nodeId}.sim.internal:26257`;
}

const NODE_METRICS = [
  'sql.conns',
  'sql.query.count',
  'sql.select.count',
  'sql.insert.count',
  'sql.update.count',
  'sql.delete.count',
  'sys.cpu.combined.percent-normalized',
  'sys.rss',
  'sys.uptime',
  'liveness.livenodes',
  'clock-offset.meannanos',
];
const STORE_METRICS = [
  'capacity',
  'capacity.used',
  'capacity.available',
  'ranges',
  'replicas',
  'replicas.leaseholders',
  'ranges.underreplicated',
  'ranges.unavailable',
  'ranges.overreplicated',
];
const PLACEMENT_METRICS = new Set(['ranges', 'replicas.leaseholders', 'ranges.underreplicated', 'ranges.unavailable']);

/**
 * The node's and its store's current values, from the same functions as `/ts/query` and
 * `/_status/vars` (series.ts). A down node's status is the last one it wrote: its values from
 * just before it went down. A live store's range counts follow `down`.
 */
function currentMetrics(
  t: Topology,
  nodeId: number,
  down: ReadonlySet<number>,
): { at: bigint; node: Record<string, number>; store: Record<string, number> } {
  const since = outageLogOf(t).downSince(nodeId);
  const isDown = down.has(nodeId);
  // Live values, as /_status/vars shows them; a down node's from the moment before it went down.
  const at = isDown ? (since ?? nowNanos() - 600n * NANOS_PER_SECOND) - 1n : nowNanos();
  const value = (name: string, quantile?: string): number => {
    const def = metricByName(name);
    return def ? (sampleValue(t, def, nodeId, at, quantile) ?? 0) : 0;
  };
  const node: Record<string, number> = {};
  for (const name of NODE_METRICS) node[name] = value(name);
  for (const q of HISTOGRAM_QUANTILES) node[`sql.service.latency${q}`] = value('sql.service.latency', q);
  const store: Record<string, number> = {};
  const counts = isDown
    ? undefined
    : placementCounts(
        t,
        [...down].sort((a, b) => a - b),
      );
  for (const name of STORE_METRICS) {
    store[name] = counts && PLACEMENT_METRICS.has(name) ? placementOf(counts, name, nodeId) : value(name);
  }
  return { at, node, store };
}

function placementOf(c: PlacementCounts, name: string, nodeId: number): number {
  if (name === 'ranges') return c.ranges[nodeId] ?? 0;
  if (name === 'replicas.leaseholders') return c.leaseholders[nodeId] ?? 0;
  if (name === 'ranges.underreplicated') return c.underreplicated[nodeId] ?? 0;
  return c.unavailable[nodeId] ?? 0;
}

export function nodeStatusWire(t: Topology, nodeId: number, down: ReadonlySet<number>): Record<string, unknown> {
  const facts = nodeFacts(t, nodeId);
  const loc = localityOf(nodeId);
  const v = versionOf(t);
  const isDown = down.has(nodeId);
  const current = currentMetrics(t, nodeId, down);
  // After an outage the process restarted: that is when it says it started.
  const startedAt = processStart(t, nodeId, current.at);
  // A dead node stops heartbeating: its status is ~10 minutes stale.
  const updatedAt = t.baseNanos - (isDown ? 600_000_000_000n : facts.heartbeatLagNanos);
  const cpus = facts.cpus;
  const mem = facts.memBytes;
  // Node-level metrics carry no store metrics: those are in store_metrics / store_statuses.
  const metrics = current.node;
  const address = { network_field: 'tcp', address_field: nodeAddress(nodeId) };
  const locality = {
    tiers: [
      { key: 'region', value: loc.region },
      { key: 'zone', value: loc.zone },
    ],
  };
  // roachpb.Version's JSON names: `major`/`minor` on recent servers, `major_val`/`minor_val`
  // before; all four fields are always there (the cluster version has no patch of its own).
  const serverVersion =
    t.profile === 'v25' || t.profile === 'v26'
      ? { major: v.major, minor: v.minor, patch: 0, internal: 0 }
      : { major_val: v.major, minor_val: v.minor, patch: 0, internal: 0 };
  if (t.profile === 'seed-spec') {
    return {
      desc: {
        node_id: nodeId,
        address,
        attrs: {},
        locality,
        server_version: serverVersion,
        build_tag: v.tag,
        started_at: startedAt,
        cluster_name: 'sim-cluster',
        sql_address: address,
      },
      build_info: {
        go_version: BUILD_GO_VERSION,
        tag: v.tag,
        time: BUILD_TIME,
        revision: 'abc123def456',
        platform: 'linux amd64',
        distribution: 'CCL',
        type: 'release',
        channel: 'official-binary',
      },
      started_at: startedAt,
      updated_at: updatedAt,
      metrics,
      store_statuses: [
        {
          desc: { store_id: nodeId, node: { node_id: nodeId } },
          metrics: current.store,
        },
      ],
      args: ['cockroach', 'start', `--locality=region=${loc.region},zone=${loc.zone}`],
      env: [],
      activity: {},
    };
  }
  const wire: Record<string, unknown> = {
    node_id: nodeId,
    address,
    attrs: {},
    locality,
    ServerVersion: serverVersion,
    build_tag: v.tag,
    started_at: startedAt,
    cluster_name: 'sim-cluster',
    sql_address: address,
    metrics,
  };
  if (t.profile !== 'v21') {
    wire.store_metrics = { [String(nodeId)]: current.store };
  }
  wire.total_system_memory = mem;
  wire.num_cpus = cpus;
  wire.updated_at = updatedAt;
  wire.liveness_status = livenessOf(t, nodeId, down);
  return wire;
}
