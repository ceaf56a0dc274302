// The rules about the nodes themselves: the gateway, liveness and versions.
import type { NodeStatus } from '../../api/cluster/models';
import { LIVENESS_LABEL, livenessSeverity } from '../liveness';
import { members, upNodes } from './inputs';
import { compareVersions, nodeRuns, shortNodeList } from './text';
import { ruleBase, type RuleResult } from './types';

export function gatewayRule(ready: boolean): RuleResult {
  const base = ruleBase('gateway');
  if (ready) return { ...base, state: 'ok', summary: 'gateway ready', value: 'ready', count: 0, details: [] };
  // It still answers (requests get through); the operator should know it is draining or starting.
  return {
    ...base,
    state: 'warning',
    summary: 'gateway not ready',
    value: 'health?ready=true failed',
    count: 1,
    details: ['The node answering is not ready: it may be starting, draining or cut off from the cluster.'],
  };
}

/** "dead", "suspect", and "liveness unknown" rather than a bare "unknown". */
function downLabel(n: NodeStatus): string {
  return n.liveness === 'unknown' ? 'liveness unknown' : LIVENESS_LABEL[n.liveness];
}

/**
 * Down nodes (dead, suspect, unknown) are a warning, named. Draining, decommissioning
 * and starting nodes are up (an operator is working on them): listed, not counted
 * against the cluster. Decommissioned nodes have left and are not mentioned at all.
 */
export function nodesRule(nodes: readonly NodeStatus[]): RuleResult {
  const base = ruleBase('nodes');
  const all = members(nodes);
  if (all.length === 0)
    return {
      ...base,
      state: 'unknown',
      summary: 'no nodes listed',
      value: 'nodes/ listed no nodes',
      count: 0,
      details: [],
    };
  const down = all.filter((n) => livenessSeverity(n.liveness) === 'down');
  const busy = all.filter((n) => livenessSeverity(n.liveness) === 'warn');
  const value = `${all.length - down.length} / ${all.length} live`;
  const line = (n: NodeStatus, label: string) => `n${n.nodeId} ${label} (${n.address})`;
  const details = [...down.map((n) => line(n, downLabel(n))), ...busy.map((n) => line(n, LIVENESS_LABEL[n.liveness]))];
  if (down.length === 0) return { ...base, state: 'ok', summary: value, value, count: 0, details };
  const groups = new Map<string, number[]>();
  for (const n of down) groups.set(downLabel(n), [...(groups.get(downLabel(n)) ?? []), n.nodeId]);
  const summary = [...groups].map(([label, ids]) => `${shortNodeList(ids)} ${label}`).join(' · ');
  return { ...base, state: 'warning', summary, value, count: down.length, details };
}

/**
 * More than one version among the up nodes: normal during a rolling upgrade, but
 * the upgrade cannot be finalised until it ends, so it is worth a warning.
 */
export function versionSkewRule(nodes: readonly NodeStatus[]): RuleResult {
  const base = ruleBase('versionSkew');
  const byVersion = new Map<string, number[]>();
  const unreported: number[] = [];
  for (const n of upNodes(nodes)) {
    const v = typeof n.version === 'string' ? n.version.trim() : '';
    if (v === '') unreported.push(n.nodeId);
    else byVersion.set(v, [...(byVersion.get(v) ?? []), n.nodeId]);
  }
  const extra = unreported.length ? [`${nodeRuns(unreported)}: version not reported`] : [];
  if (byVersion.size === 0)
    return {
      ...base,
      state: 'unknown',
      summary: 'versions unknown',
      value: 'no live node reported its version',
      count: 0,
      details: extra,
    };
  const versions = [...byVersion.keys()].sort(compareVersions);
  const lines = versions.map((v) => `${v} on ${nodeRuns(byVersion.get(v) ?? [])}`);
  if (versions.length === 1)
    return { ...base, state: 'ok', summary: `all on ${versions[0]}`, value: versions[0]!, count: 0, details: extra };
  const summary =
    versions.length <= 3 ? `mixed versions: ${versions.join(', ')}` : `${versions.length} versions running`;
  return {
    ...base,
    state: 'warning',
    summary,
    value: lines.join(', '),
    count: versions.length,
    details: [...lines, ...extra],
  };
}
