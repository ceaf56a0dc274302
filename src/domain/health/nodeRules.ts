// The rules about the nodes themselves: the gateway, liveness and versions.
import * as l10n from '@vscode/l10n';
import type { NodeStatus } from '../../api/cluster/models';
import { LIVENESS_LABEL, livenessSeverity } from '../liveness';
import { members, upNodes } from './inputs';
import { compareVersions, nodeRuns, shortNodeList } from './text';
import { ruleBase, type RuleResult } from './types';

export function gatewayRule(ready: boolean): RuleResult {
  const base = ruleBase('gateway');
  if (ready)
    return { ...base, state: 'ok', summary: l10n.t('gateway ready'), value: l10n.t('ready'), count: 0, details: [] };
  // It still answers (requests get through); the operator should know it is draining or starting.
  return {
    ...base,
    state: 'warning',
    summary: l10n.t('gateway not ready'),
    value: l10n.t('health?ready=true failed'),
    count: 1,
    details: [l10n.t('The node answering is not ready: it may be starting, draining or cut off from the cluster.')],
  };
}

/** "dead", "suspect", and "liveness unknown" rather than a bare "unknown". */
function downLabel(n: NodeStatus): string {
  return n.liveness === 'unknown' ? l10n.t('liveness unknown') : LIVENESS_LABEL[n.liveness];
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
      summary: l10n.t('no nodes listed'),
      value: l10n.t('nodes/ listed no nodes'),
      count: 0,
      details: [],
    };
  const down = all.filter((n) => livenessSeverity(n.liveness) === 'down');
  const busy = all.filter((n) => livenessSeverity(n.liveness) === 'warn');
  const value = l10n.t('{0} / {1} live', all.length - down.length, all.length);
  const line = (n: NodeStatus, label: string) => l10n.t('n{0} {1} ({2})', n.nodeId, label, String(n.address));
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
  const extra = unreported.length ? [l10n.t('{0}: version not reported', nodeRuns(unreported))] : [];
  if (byVersion.size === 0)
    return {
      ...base,
      state: 'unknown',
      summary: l10n.t('versions unknown'),
      value: l10n.t('no live node reported its version'),
      count: 0,
      details: extra,
    };
  const versions = [...byVersion.keys()].sort(compareVersions);
  const lines = versions.map((v) => l10n.t('{0} on {1}', v, nodeRuns(byVersion.get(v) ?? [])));
  if (versions.length === 1)
    return {
      ...base,
      state: 'ok',
      summary: l10n.t('all on {0}', versions[0]!),
      value: versions[0]!,
      count: 0,
      details: extra,
    };
  const summary =
    versions.length <= 3
      ? l10n.t('mixed versions: {0}', versions.join(', '))
      : l10n.t('{0} versions running', versions.length);
  return {
    ...base,
    state: 'warning',
    summary,
    value: lines.join(', '),
    count: versions.length,
    details: [...lines, ...extra],
  };
}
