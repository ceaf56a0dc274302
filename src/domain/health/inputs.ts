// Reading rule inputs defensively. nodes/ is the server's word and differs by
// version: a map may be missing, a gauge may be NaN (proto3 JSON writes it as a
// string), a node may report no stores at all. Every reader here skips what it
// cannot use instead of letting one bad figure turn into "NaN ranges".
import * as l10n from '@vscode/l10n';
import type { NodeStatus } from '../../api/cluster/models';
import { livenessSeverity } from '../liveness';

/** The message for rules that need store metrics on servers that do not send them. */
export function noStoreMetrics(): string {
  return l10n.t("this version's nodes/ has no store metrics (v23.2+)");
}

function isNode(n: unknown): n is NodeStatus {
  return typeof n === 'object' && n !== null && Number.isFinite((n as NodeStatus).nodeId);
}

/** The entries of a node list that are nodes at all (a hostile or truncated answer may hold junk). */
export function validNodes(nodes: readonly unknown[]): NodeStatus[] {
  return nodes.filter(isNode);
}

/** The nodes that are members of the cluster: decommissioned nodes have left and count for nothing. */
export function members(nodes: readonly unknown[]): NodeStatus[] {
  return validNodes(nodes).filter((n) => n.liveness !== 'decommissioned');
}

/**
 * Members that are up (live, draining, decommissioning, starting). A down node's
 * figures are whatever it said before it stopped heartbeating, so rules read only these.
 */
export function upNodes(nodes: readonly unknown[]): NodeStatus[] {
  return members(nodes).filter((n) => livenessSeverity(n.liveness) !== 'down');
}

/** A finite number from a metric map, else undefined. */
export function metric(map: Record<string, number> | undefined, name: string): number | undefined {
  const v = map && typeof map === 'object' ? map[name] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A count (a gauge of things): finite and not negative, else undefined. */
export function countMetric(map: Record<string, number> | undefined, name: string): number | undefined {
  const v = metric(map, name);
  return v !== undefined && v >= 0 ? v : undefined;
}

export interface StoreRef {
  nodeId: number;
  storeId: string;
  metrics: Record<string, number>;
}

/** Every store of the given nodes, in node then store id order. */
export function storesOf(nodes: readonly NodeStatus[]): StoreRef[] {
  const out: StoreRef[] = [];
  for (const n of [...nodes].sort((a, b) => a.nodeId - b.nodeId)) {
    const sm = n.storeMetrics && typeof n.storeMetrics === 'object' ? n.storeMetrics : {};
    const ids = Object.keys(sm).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    for (const storeId of ids) {
      const m = sm[storeId];
      if (m && typeof m === 'object') out.push({ nodeId: n.nodeId, storeId, metrics: m });
    }
  }
  return out;
}

/** Nodes that sent no store metrics: servers before v23.2, or a node mid-restart. */
export function nodesWithoutStores(nodes: readonly NodeStatus[]): number[] {
  return nodes
    .filter((n) => !n.storeMetrics || typeof n.storeMetrics !== 'object' || Object.keys(n.storeMetrics).length === 0)
    .map((n) => n.nodeId);
}

export interface StoreSum {
  total: number;
  /** Stores that reported the metric. */
  reported: number;
  /** `n2 (s2): 3` for each store with a non-zero value. */
  lines: string[];
  /** Stores whose value was missing or unreadable. */
  missing: string[];
}

/** The sum of a store count over the stores of `nodes`. */
export function sumStores(nodes: readonly NodeStatus[], name: string): StoreSum {
  const sum: StoreSum = { total: 0, reported: 0, lines: [], missing: [] };
  for (const s of storesOf(nodes)) {
    const v = countMetric(s.metrics, name);
    if (v === undefined) {
      sum.missing.push(l10n.t('s{0} on n{1}', s.storeId, s.nodeId));
      continue;
    }
    sum.reported++;
    sum.total += v;
    if (v > 0) sum.lines.push(`n${s.nodeId} (s${s.storeId}): ${Math.round(v)}`);
  }
  sum.total = Math.round(sum.total);
  return sum;
}

/** The largest |value| of a node metric over `nodes`, and which node had it. */
export function maxNodeMetric(
  nodes: readonly NodeStatus[],
  name: string,
  abs = false,
): { value: number; nodeId: number; all: Array<{ nodeId: number; value: number }> } | undefined {
  const all = nodes
    .map((n) => ({ nodeId: n.nodeId, raw: metric(n.metrics, name) }))
    .filter((x): x is { nodeId: number; raw: number } => x.raw !== undefined)
    .map((x) => ({ nodeId: x.nodeId, value: abs ? Math.abs(x.raw) : x.raw }))
    .sort((a, b) => b.value - a.value || a.nodeId - b.nodeId);
  const top = all[0];
  return top ? { value: top.value, nodeId: top.nodeId, all } : undefined;
}
