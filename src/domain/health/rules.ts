// The cluster health rules, evaluated on every status-bar check and shown in the
// overview panel. Plain functions of what was read (nodes/, the readiness probe,
// optional time-series fallbacks): no vscode, no I/O, so each threshold is tested.
// Each rule's title and chart are in RULE_META (types.ts).
import * as l10n from '@vscode/l10n';
import type { RuleView } from '../overview/types';
import { clockOffsetRule, p99LatencyRule, rangesRule, storeCapacityRule } from './metricRules';
import { gatewayRule, nodesRule, versionSkewRule } from './nodeRules';
import {
  DEFAULT_THRESHOLDS,
  RULE_ORDER,
  ruleBase,
  type HealthThresholds,
  type RuleInputs,
  type RuleResult,
} from './types';

export {
  CAPACITY_CRITICAL_PERCENT,
  DEFAULT_THRESHOLDS,
  MAX_OFFSET_FATAL_SHARE,
  RULE_META,
  RULE_ORDER,
  type HealthThresholds,
  type RuleId,
  type RuleInputs,
  type RuleResult,
} from './types';

/** A setting that is not a positive number (hand-edited settings.json) falls back to the default. */
export function saneThresholds(t: Partial<HealthThresholds> | undefined): HealthThresholds {
  const pick = (k: keyof HealthThresholds) => {
    const v = t?.[k];
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : DEFAULT_THRESHOLDS[k];
  };
  return {
    capacityPercent: pick('capacityPercent'),
    clockOffsetMs: pick('clockOffsetMs'),
    maxOffsetMs: pick('maxOffsetMs'),
    p99LatencyMs: pick('p99LatencyMs'),
  };
}

/** Every rule but the gateway's, as `unknown`, saying that nodes/ is what is missing. */
function withoutNodes(why: string | undefined): RuleResult[] {
  const value = why ? l10n.t('nodes/ could not be read: {0}', why) : l10n.t('nodes/ was not read');
  return RULE_ORDER.filter((id) => id !== 'gateway').map((id) => ({
    ...ruleBase(id),
    state: 'unknown',
    summary: l10n.t('node list unavailable'),
    value,
    count: 0,
    details: [],
  }));
}

/** Every rule, in RULE_ORDER. */
export function evaluateHealthRules(inputs: RuleInputs, thresholds: HealthThresholds): RuleResult[] {
  const t = saneThresholds(thresholds);
  const gateway = gatewayRule(inputs.ready === true);
  const nodes = Array.isArray(inputs.nodes) ? inputs.nodes : undefined;
  if (!nodes) return [gateway, ...withoutNodes(inputs.nodesUnavailable)];
  return [
    gateway,
    nodesRule(nodes),
    rangesRule('unavailableRanges', nodes, inputs.fallback),
    rangesRule('underReplicatedRanges', nodes, inputs.fallback),
    versionSkewRule(nodes),
    clockOffsetRule(nodes, t),
    storeCapacityRule(nodes, t),
    p99LatencyRule(nodes, t),
  ];
}

const SEVERITY = { critical: 2, warning: 1, ok: 0, unknown: 0 } as const;

/**
 * The rule the status bar names: critical before warning, then by RULE_ORDER.
 * Undefined when nothing is wrong; `unknown` is not wrong, only unread.
 */
export function worstRule(results: readonly RuleResult[]): RuleResult | undefined {
  const rank = (r: RuleResult) => RULE_ORDER.indexOf(r.id);
  return results
    .filter((r) => SEVERITY[r.state] > 0)
    .sort((a, b) => SEVERITY[b.state] - SEVERITY[a.state] || rank(a) - rank(b))[0];
}

/** The panel's row: the status-bar text when something is wrong, else the plain value. */
export function toRuleView(r: RuleResult): RuleView {
  const wrong = r.state === 'warning' || r.state === 'critical';
  return {
    id: r.id,
    title: r.title,
    state: r.state,
    value: wrong ? r.summary : r.value,
    ...(r.chart ? { chart: r.chart } : {}),
  };
}
