// Turns a health probe and node liveness into what the status bar shows.
// No vscode import, so the rules are unit-tested on Node.
import * as l10n from '@vscode/l10n';
import type { NodeStatus } from '../api/cluster/models';
import { isApiError } from '../api/http/errors';
import type { RuleId, RuleResult } from '../domain/health/rules';
import { LIVENESS_LABEL, livenessSeverity } from '../domain/liveness';
import type { ChartId } from '../webviews/protocol/overview';

/** `limited`: the cluster answers but this user may not read its node list, so most rules cannot be told. */
export type HealthState = 'healthy' | 'degraded' | 'critical' | 'limited' | 'unreachable' | 'signedOut' | 'unknown';

export interface Health {
  state: HealthState;
  /** Short text after the cluster name. */
  summary: string;
  /** Lines for the tooltip. */
  details: string[];
  live: number;
  total: number;
  /** Every health rule with its value (tooltip), when the cluster answered. */
  rules?: RuleResult[];
  /** The chart a click opens: the worst rule's. */
  chart?: ChartId;
}

/**
 * Draining, decommissioning and starting nodes are up (an operator is working on them):
 * they count as live and are listed, but only down nodes or a node that is not ready
 * make the cluster degraded. Decommissioned nodes have left and are not counted.
 */
export function healthFromNodes(ready: boolean, nodes: NodeStatus[]): Health {
  const members = nodes.filter((n) => n.liveness !== 'decommissioned');
  const total = members.length;
  const live = members.filter((n) => livenessSeverity(n.liveness) !== 'down').length;
  const line = (n: NodeStatus) => l10n.t('n{0} {1} ({2})', n.nodeId, LIVENESS_LABEL[n.liveness], String(n.address));
  const down = members.filter((n) => livenessSeverity(n.liveness) === 'down').map(line);
  const busy = members.filter((n) => livenessSeverity(n.liveness) === 'warn').map(line);
  if (!ready) down.unshift(l10n.t('the node answering is not ready (health/?ready=true failed)'));
  const state: HealthState = down.length ? 'degraded' : 'healthy';
  return { state, summary: l10n.t('{0}/{1} live', live, total), details: [...down, ...busy], live, total };
}

export function healthFromError(error: unknown): Health {
  if (isApiError(error, 'unauthorized'))
    return {
      state: 'signedOut',
      summary: l10n.t('signed out'),
      details: [l10n.t('Sign in to see the cluster health.')],
      live: 0,
      total: 0,
    };
  const message = error instanceof Error ? error.message : String(error);
  return { state: 'unreachable', summary: l10n.t('unreachable'), details: [message], live: 0, total: 0 };
}

/** Next poll delay: slower while failing (doubling up to 8×) and while the window is unfocused. */
export function nextDelay(baseMs: number, consecutiveFailures: number, focused: boolean): number {
  const backoff = Math.min(8, 2 ** Math.max(0, consecutiveFailures));
  return baseMs * (consecutiveFailures > 0 ? backoff : 1) * (focused ? 1 : 4);
}

/**
 * Which firing rule the status text names. Critical before warning; among equals, the
 * ranges first (data at risk), then the nodes behind them, then the rest.
 */
const PRIORITY: readonly RuleId[] = [
  'unavailableRanges',
  'gateway',
  'underReplicatedRanges',
  'nodes',
  'storeCapacity',
  'clockOffset',
  'versionSkew',
  'p99Latency',
];

export function firing(rules: readonly RuleResult[]): RuleResult[] {
  const rank = (r: RuleResult) => (r.state === 'critical' ? 0 : 1) * 100 + PRIORITY.indexOf(r.id);
  return rules.filter((r) => r.state === 'critical' || r.state === 'warning').sort((a, b) => rank(a) - rank(b));
}

/**
 * The status item from the health rules: the worst firing rule and how many more fire
 * ("27 under-replicated ranges +1"), else live/total. Without the node list (a user who
 * may not read it) the rules that need it are unknown and the state says so.
 */
export function healthFromRules(ready: boolean, nodes: NodeStatus[] | undefined, rules: RuleResult[]): Health {
  const base = nodes
    ? healthFromNodes(ready, nodes)
    : { state: 'limited' as HealthState, summary: l10n.t('no node access'), details: [], live: 0, total: 0 };
  const fire = firing(rules);
  const worst = fire[0];
  if (!worst) return { ...base, state: nodes ? 'healthy' : 'limited', rules };
  const more = fire.length > 1 ? ` +${fire.length - 1}` : '';
  return {
    ...base,
    state: worst.state === 'critical' ? 'critical' : 'degraded',
    summary: `${worst.summary}${more}`,
    rules,
    ...(worst.chart ? { chart: worst.chart } : {}),
  };
}
