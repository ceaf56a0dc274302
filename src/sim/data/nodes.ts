// nodeStatus wire objects (pkg/server/api_v2_ranges.go), flat for real
// versions and nested `desc`/`build_info` for the seed-spec profile.

import { K, rngFor } from '../prng';
import type { Topology } from './topology';
import { localityOf, rangeCountOfNode } from './topology';

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

export function nodeAddress(nodeId: number): string {
  return `crdb-node-${nodeId}.sim.internal:26257`;
}

export function nodeStatusWire(t: Topology, nodeId: number, down: ReadonlySet<number>): Record<string, unknown> {
  const rng = rngFor(t.seed, K.node, nodeId);
  const loc = localityOf(nodeId);
  const v = versionOf(t);
  const startedAt =
    t.baseNanos - BigInt(rng.int(3_600, 30 * 86_400)) * 1_000_000_000n - BigInt(rng.int(0, 999_999_999));
  const isDown = down.has(nodeId);
  // A dead node stops heartbeating: its status is ~10 minutes stale.
  const updatedAt = t.baseNanos - (isDown ? 600_000_000_000n : BigInt(rng.int(0, 9_999_999_999)));
  const cpus = rng.pick([4, 8, 16, 32]);
  const mem = cpus * 4 * 1024 ** 3;
  const ranges = rangeCountOfNode(t);
  const capacity = 500 * 1024 ** 3;
  const used = Math.round(capacity * (0.05 + rng.float() * 0.6));
  const metrics: Record<string, number> = {
    'sql.conns': isDown ? 0 : rng.int(0, 200),
    'sql.select.count': rng.int(1_000, 50_000_000),
    'sql.insert.count': rng.int(100, 5_000_000),
    'sql.query.count': rng.int(10_000, 90_000_000),
    'sys.cpu.combined.percent-normalized': rng.round2(rng.float() * 0.9),
    'sys.rss': Math.round(mem * (0.2 + rng.float() * 0.5)),
    'sys.uptime': Number((t.baseNanos - startedAt) / 1_000_000_000n),
    'liveness.livenodes': t.nodeCount - down.size,
    replicas: ranges,
    'replicas.leaseholders': Math.round(ranges / 3),
    'ranges.underreplicated': rng.int(0, 3),
    'ranges.unavailable': 0,
    capacity: capacity,
    'capacity.used': used,
    'capacity.available': capacity - used,
    'sql.service.latency-p99': rng.int(1_000_000, 90_000_000),
  };
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
        go_version: 'go1.23.7',
        tag: v.tag,
        time: '2025/06/01 12:00:00',
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
          metrics: { capacity, 'capacity.used': used, 'capacity.available': capacity - used, replicas: ranges },
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
    wire.store_metrics = {
      [String(nodeId)]: {
        capacity,
        'capacity.used': used,
        'capacity.available': capacity - used,
        ranges,
        replicas: ranges,
        'replicas.leaseholders': Math.round(ranges / 3),
      },
    };
  }
  wire.total_system_memory = mem;
  wire.num_cpus = cpus;
  wire.updated_at = updatedAt;
  wire.liveness_status = livenessOf(t, nodeId, down);
  return wire;
}
