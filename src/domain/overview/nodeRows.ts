// The overview's node table and the per-node store sums the cards share. Store
// figures are added over a node's stores (a node may have several); a node that
// sent no store metrics (servers before v23.2) leaves those cells blank.
import type { NodeStatus } from '../../api/cluster/models';
import type { FigureState, OverviewNodeRow } from './types';
import { CAPACITY_CRITICAL_PERCENT, type HealthThresholds } from '../health/types';
import { countMetric, storesOf } from '../health/inputs';
import { LIVENESS_LABEL, livenessSeverity } from '../liveness';
import { UNKNOWN, parseLocality } from '../locality';

/** The sum of a store count over one node's stores; undefined when no store reported it. */
export function nodeStoreSum(n: NodeStatus, name: string): number | undefined {
  let total: number | undefined;
  for (const s of storesOf([n])) {
    const v = countMetric(s.metrics, name);
    if (v !== undefined) total = (total ?? 0) + v;
  }
  return total;
}

export interface NodeCapacity {
  used: number;
  /** used + available: what CockroachDB can still fill, as the DB Console counts capacity. */
  usable: number;
  available: number;
  /** The fullest store's share, 0–100. */
  maxStorePercent: number;
}

/** A node's capacity over the stores that reported both used and available. */
export function nodeCapacity(n: NodeStatus): NodeCapacity | undefined {
  let c: NodeCapacity | undefined;
  for (const s of storesOf([n])) {
    const used = countMetric(s.metrics, 'capacity.used');
    const available = countMetric(s.metrics, 'capacity.available');
    if (used === undefined || available === undefined || used + available <= 0) continue;
    c ??= { used: 0, usable: 0, available: 0, maxStorePercent: 0 };
    c.used += used;
    c.available += available;
    c.usable += used + available;
    c.maxStorePercent = Math.max(c.maxStorePercent, (used / (used + available)) * 100);
  }
  return c;
}

const RANK: Record<FigureState, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

export function worse(a: FigureState, b: FigureState): FigureState {
  return RANK[b] > RANK[a] ? b : a;
}

/**
 * A row's state: a down node is a warning (as the nodes rule says), a full store
 * a warning or critical (as the capacity rule says). A decommissioned node's
 * figures are from before it left, so its row is `unknown`.
 */
function rowState(n: NodeStatus, cap: NodeCapacity | undefined, t: HealthThresholds): FigureState {
  if (n.liveness === 'decommissioned') return 'unknown';
  let s: FigureState = livenessSeverity(n.liveness) === 'down' ? 'warning' : 'ok';
  if (cap && cap.maxStorePercent >= CAPACITY_CRITICAL_PERCENT) s = worse(s, 'critical');
  else if (cap && cap.maxStorePercent >= t.capacityPercent) s = worse(s, 'warning');
  return s;
}

/** One row per node, by node id. */
export function nodeRows(nodes: readonly NodeStatus[], t: HealthThresholds): OverviewNodeRow[] {
  return [...nodes]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((n) => {
      const { region, zone } = parseLocality(Array.isArray(n.locality) ? n.locality : []);
      const cap = nodeCapacity(n);
      const replicas = nodeStoreSum(n, 'replicas');
      const leaseholders = nodeStoreSum(n, 'replicas.leaseholders');
      const conns = countMetric(n.metrics, 'sql.conns');
      const row: OverviewNodeRow = {
        nodeId: n.nodeId,
        address: n.address,
        region,
        liveness: LIVENESS_LABEL[n.liveness] ?? String(n.liveness),
        state: rowState(n, cap, t),
        version: n.version,
      };
      if (zone !== UNKNOWN) row.zone = zone;
      if (cap) {
        row.usedBytes = cap.used;
        row.capacityBytes = cap.usable;
        row.usedPercent = Math.round((cap.used / cap.usable) * 1000) / 10;
      }
      if (replicas !== undefined) row.replicas = Math.round(replicas);
      if (leaseholders !== undefined) row.leaseholders = Math.round(leaseholders);
      if (conns !== undefined) row.sqlConnections = Math.round(conns);
      return row;
    });
}
