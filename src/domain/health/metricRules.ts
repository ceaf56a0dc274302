// The rules read from the nodes' metrics: ranges, clock offset, capacity and
// latency. Only up nodes are read (see inputs.upNodes), and a rule with nothing
// to read says `unknown` with what is missing instead of a reassuring "0".
import * as l10n from '@vscode/l10n';
import type { NodeStatus } from '../../api/cluster/models';
import { formatBytes } from '../format';
import { countMetric, maxNodeMetric, noStoreMetrics, nodesWithoutStores, storesOf, sumStores, upNodes } from './inputs';
import { count, formatMs, formatPercent, nodeRuns } from './text';
import {
  CAPACITY_CRITICAL_PERCENT,
  MAX_OFFSET_FATAL_SHARE,
  ruleBase,
  type FallbackMetric,
  type HealthThresholds,
  type RuleResult,
} from './types';

type RangeRuleId = 'unavailableRanges' | 'underReplicatedRanges';

interface RangeRuleText {
  unknown(): string;
  none(): string;
  some(n: number): string;
}

const RANGE_RULES: Record<RangeRuleId, { metric: FallbackMetric; text: RangeRuleText }> = {
  unavailableRanges: {
    metric: 'ranges.unavailable',
    text: {
      unknown: () => l10n.t('unavailable ranges unknown'),
      none: () => l10n.t('no unavailable ranges'),
      some: (n) => (n === 1 ? l10n.t('{0} unavailable range', count(n)) : l10n.t('{0} unavailable ranges', count(n))),
    },
  },
  underReplicatedRanges: {
    metric: 'ranges.underreplicated',
    text: {
      unknown: () => l10n.t('under-replicated ranges unknown'),
      none: () => l10n.t('no under-replicated ranges'),
      some: (n) =>
        n === 1 ? l10n.t('{0} under-replicated range', count(n)) : l10n.t('{0} under-replicated ranges', count(n)),
    },
  },
};

function noLiveNode(metricName: string): string {
  return l10n.t('no live node to read {0} from', metricName);
}

/** "max 3 ms (limit 250 ms)": the rule's value when it has one. */
function maxOfLimit(max: string, limit: string): string {
  return l10n.t('max {0} (limit {1})', max, limit);
}

/**
 * A cluster-wide range count: each range is counted by one replica only (its
 * leaseholder, or the replica that reports it), so the store figures add up to the
 * cluster's. Unavailable ranges are critical (their data cannot be read or written);
 * under-replicated ones a warning (one more failure away from that).
 */
export function rangesRule(
  id: RangeRuleId,
  nodes: readonly NodeStatus[],
  fallback: Partial<Record<FallbackMetric, number>> | undefined,
): RuleResult {
  const { metric, text } = RANGE_RULES[id];
  const base = ruleBase(id);
  const bad = id === 'unavailableRanges' ? 'critical' : 'warning';
  const unknown = (value: string, details: string[] = []): RuleResult => ({
    ...base,
    state: 'unknown',
    summary: text.unknown(),
    value,
    count: 0,
    details,
  });
  const counted = (n: number, details: string[]): RuleResult => ({
    ...base,
    state: n > 0 ? bad : 'ok',
    summary: n > 0 ? text.some(n) : text.none(),
    value: count(n),
    count: n,
    details,
  });
  const up = upNodes(nodes);
  if (up.length === 0) return unknown(noLiveNode(metric));
  const without = nodesWithoutStores(up);
  const sum = sumStores(up, metric);
  if (sum.reported === 0) {
    if (without.length < up.length) return unknown(l10n.t('no store reported {0}', metric));
    const fb = fallback ? countMetric(fallback, metric) : undefined;
    if (fb === undefined) return unknown(noStoreMetrics());
    return counted(Math.round(fb), [l10n.t('From the time series: {0}.', noStoreMetrics())]);
  }
  const details = [...sum.lines];
  if (without.length) details.push(l10n.t('{0}: no store metrics, not counted', nodeRuns(without)));
  if (sum.missing.length) details.push(l10n.t('{0} not reported by {1}', metric, sum.missing.join(', ')));
  return counted(sum.total, details);
}

/**
 * The largest |mean offset| of an up node from the others. At `clockOffsetMs` a
 * warning; at 80% of `--max-offset` critical, because there a node stops itself
 * rather than risk serving stale reads.
 */
export function clockOffsetRule(nodes: readonly NodeStatus[], t: HealthThresholds): RuleResult {
  const base = ruleBase('clockOffset');
  const name = 'clock-offset.meannanos';
  const up = upNodes(nodes);
  const max = maxNodeMetric(up, name, true);
  if (!max)
    return {
      ...base,
      state: 'unknown',
      summary: l10n.t('clock offset unknown'),
      value: up.length ? l10n.t('no live node reported {0}', name) : noLiveNode(name),
      count: 0,
      details: [],
    };
  const fatalMs = MAX_OFFSET_FATAL_SHARE * t.maxOffsetMs;
  const ms = max.value / 1e6;
  const over = max.all.filter((x) => x.value / 1e6 >= Math.min(t.clockOffsetMs, fatalMs));
  const state = ms >= fatalMs ? 'critical' : ms >= t.clockOffsetMs ? 'warning' : 'ok';
  const value = maxOfLimit(formatMs(ms), formatMs(t.clockOffsetMs));
  if (state === 'ok')
    return {
      ...base,
      state,
      summary: l10n.t('clock offset max {0}', formatMs(ms)),
      value,
      count: 0,
      details: [l10n.t('Largest: n{0} {1}', max.nodeId, formatMs(ms))],
    };
  const details = over.map((x) => `n${x.nodeId}: ${formatMs(x.value / 1e6)}`);
  details.push(
    l10n.t('Nodes stop themselves at {0} (80% of --max-offset {1}).', formatMs(fatalMs), formatMs(t.maxOffsetMs)),
  );
  const summary = l10n.t('n{0} clock offset {1}', max.nodeId, formatMs(ms));
  return { ...base, state, summary, value, count: over.length, details };
}

/**
 * Used share of each store's usable capacity, used / (used + available) as the DB
 * Console counts it (the disk's own total includes space CockroachDB cannot use).
 * At `capacityPercent` a warning; at 95% critical whatever the setting.
 */
export function storeCapacityRule(nodes: readonly NodeStatus[], t: HealthThresholds): RuleResult {
  const base = ruleBase('storeCapacity');
  const unknown = (value: string): RuleResult => ({
    ...base,
    state: 'unknown',
    summary: l10n.t('capacity unknown'),
    value,
    count: 0,
    details: [],
  });
  const up = upNodes(nodes);
  if (up.length === 0) return unknown(noLiveNode('capacity.used'));
  const stores = storesOf(up);
  if (stores.length === 0) return unknown(noStoreMetrics());
  const readable = stores
    .map((s) => {
      const used = countMetric(s.metrics, 'capacity.used');
      const available = countMetric(s.metrics, 'capacity.available');
      const usable = (used ?? NaN) + (available ?? NaN);
      return { ...s, used: used ?? 0, usable, percent: ((used ?? NaN) / usable) * 100 };
    })
    .filter((s) => Number.isFinite(s.percent) && s.usable > 0)
    .sort((a, b) => b.percent - a.percent);
  const top = readable[0];
  if (!top) return unknown(l10n.t('no store reported capacity.used and capacity.available'));
  const warnAt = Math.min(t.capacityPercent, CAPACITY_CRITICAL_PERCENT);
  const flagged = readable.filter((s) => s.percent >= warnAt);
  const critical = readable.filter((s) => s.percent >= CAPACITY_CRITICAL_PERCENT);
  const state = critical.length ? 'critical' : top.percent >= t.capacityPercent ? 'warning' : 'ok';
  const line = (s: (typeof readable)[number]) =>
    l10n.t(
      's{0} on n{1}: {2} ({3} of {4})',
      s.storeId,
      s.nodeId,
      formatPercent(s.percent),
      formatBytes(s.used),
      formatBytes(s.usable),
    );
  const value = maxOfLimit(formatPercent(top.percent), formatPercent(t.capacityPercent));
  if (state === 'ok')
    return {
      ...base,
      state,
      summary: l10n.t('stores at most {0} full', formatPercent(top.percent)),
      value,
      count: 0,
      details: [l10n.t('Fullest: {0}', line(top))],
    };
  const [n, limit] =
    state === 'critical'
      ? [critical.length, `${CAPACITY_CRITICAL_PERCENT}%`]
      : [flagged.length, formatPercent(t.capacityPercent)];
  const summary =
    n === 1 ? l10n.t('{0} store ≥ {1} full', count(n), limit) : l10n.t('{0} stores ≥ {1} full', count(n), limit);
  return { ...base, state, summary, value, count: flagged.length, details: flagged.map(line) };
}

/** The slowest up node's SQL service p99, against `p99LatencyMs`. A warning only: slow is not down. */
export function p99LatencyRule(nodes: readonly NodeStatus[], t: HealthThresholds): RuleResult {
  const base = ruleBase('p99Latency');
  const name = 'sql.service.latency-p99';
  const up = upNodes(nodes);
  const max = maxNodeMetric(up, name);
  if (!max || max.value < 0)
    return {
      ...base,
      state: 'unknown',
      summary: l10n.t('p99 unknown'),
      value: up.length ? l10n.t('no live node reported {0}', name) : noLiveNode(name),
      count: 0,
      details: [],
    };
  const ms = max.value / 1e6;
  const value = maxOfLimit(formatMs(ms), formatMs(t.p99LatencyMs));
  const over = max.all.filter((x) => x.value / 1e6 >= t.p99LatencyMs);
  if (over.length === 0)
    return {
      ...base,
      state: 'ok',
      summary: l10n.t('p99 max {0}', formatMs(ms)),
      value,
      count: 0,
      details: [l10n.t('Slowest: n{0} {1}', max.nodeId, formatMs(ms))],
    };
  return {
    ...base,
    state: 'warning',
    summary: l10n.t('p99 {0} on n{1}', formatMs(ms), max.nodeId),
    value,
    count: over.length,
    details: over.map((x) => `n${x.nodeId}: ${formatMs(x.value / 1e6)}`),
  };
}
