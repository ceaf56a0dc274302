// The rules read from the nodes' metrics: ranges, clock offset, capacity and
// latency. Only up nodes are read (see inputs.upNodes), and a rule with nothing
// to read says `unknown` with what is missing instead of a reassuring "0".
import type { NodeStatus } from '../../api/cluster/models';
import { formatBytes } from '../format';
import {
  NO_STORE_METRICS,
  countMetric,
  maxNodeMetric,
  nodesWithoutStores,
  storesOf,
  sumStores,
  upNodes,
} from './inputs';
import { count, formatMs, formatPercent, nodeRuns, plural } from './text';
import {
  CAPACITY_CRITICAL_PERCENT,
  MAX_OFFSET_FATAL_SHARE,
  ruleBase,
  type FallbackMetric,
  type HealthThresholds,
  type RuleResult,
} from './types';

type RangeRuleId = 'unavailableRanges' | 'underReplicatedRanges';

const RANGE_RULES: Record<RangeRuleId, { metric: FallbackMetric; noun: string }> = {
  unavailableRanges: { metric: 'ranges.unavailable', noun: 'unavailable' },
  underReplicatedRanges: { metric: 'ranges.underreplicated', noun: 'under-replicated' },
};

function noLiveNode(metricName: string): string {
  return `no live node to read ${metricName} from`;
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
  const { metric, noun } = RANGE_RULES[id];
  const base = ruleBase(id);
  const bad = id === 'unavailableRanges' ? 'critical' : 'warning';
  const unknown = (value: string, details: string[] = []): RuleResult => ({
    ...base,
    state: 'unknown',
    summary: `${noun} ranges unknown`,
    value,
    count: 0,
    details,
  });
  const counted = (n: number, details: string[]): RuleResult => ({
    ...base,
    state: n > 0 ? bad : 'ok',
    summary: n > 0 ? plural(n, `${noun} range`) : `no ${noun} ranges`,
    value: count(n),
    count: n,
    details,
  });
  const up = upNodes(nodes);
  if (up.length === 0) return unknown(noLiveNode(metric));
  const without = nodesWithoutStores(up);
  const sum = sumStores(up, metric);
  if (sum.reported === 0) {
    if (without.length < up.length) return unknown(`no store reported ${metric}`);
    const fb = fallback ? countMetric(fallback, metric) : undefined;
    if (fb === undefined) return unknown(NO_STORE_METRICS);
    return counted(Math.round(fb), [`From the time series: ${NO_STORE_METRICS}.`]);
  }
  const details = [...sum.lines];
  if (without.length) details.push(`${nodeRuns(without)}: no store metrics, not counted`);
  if (sum.missing.length) details.push(`${metric} not reported by ${sum.missing.join(', ')}`);
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
      summary: 'clock offset unknown',
      value: up.length ? `no live node reported ${name}` : noLiveNode(name),
      count: 0,
      details: [],
    };
  const fatalMs = MAX_OFFSET_FATAL_SHARE * t.maxOffsetMs;
  const ms = max.value / 1e6;
  const over = max.all.filter((x) => x.value / 1e6 >= Math.min(t.clockOffsetMs, fatalMs));
  const state = ms >= fatalMs ? 'critical' : ms >= t.clockOffsetMs ? 'warning' : 'ok';
  const value = `max ${formatMs(ms)} (limit ${formatMs(t.clockOffsetMs)})`;
  if (state === 'ok')
    return {
      ...base,
      state,
      summary: `clock offset max ${formatMs(ms)}`,
      value,
      count: 0,
      details: [`Largest: n${max.nodeId} ${formatMs(ms)}`],
    };
  const details = over.map((x) => `n${x.nodeId}: ${formatMs(x.value / 1e6)}`);
  details.push(`Nodes stop themselves at ${formatMs(fatalMs)} (80% of --max-offset ${formatMs(t.maxOffsetMs)}).`);
  return { ...base, state, summary: `n${max.nodeId} clock offset ${formatMs(ms)}`, value, count: over.length, details };
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
    summary: 'capacity unknown',
    value,
    count: 0,
    details: [],
  });
  const up = upNodes(nodes);
  if (up.length === 0) return unknown(noLiveNode('capacity.used'));
  const stores = storesOf(up);
  if (stores.length === 0) return unknown(NO_STORE_METRICS);
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
  if (!top) return unknown('no store reported capacity.used and capacity.available');
  const warnAt = Math.min(t.capacityPercent, CAPACITY_CRITICAL_PERCENT);
  const flagged = readable.filter((s) => s.percent >= warnAt);
  const critical = readable.filter((s) => s.percent >= CAPACITY_CRITICAL_PERCENT);
  const state = critical.length ? 'critical' : top.percent >= t.capacityPercent ? 'warning' : 'ok';
  const line = (s: (typeof readable)[number]) =>
    `s${s.storeId} on n${s.nodeId}: ${formatPercent(s.percent)} (${formatBytes(s.used)} of ${formatBytes(s.usable)})`;
  const value = `max ${formatPercent(top.percent)} (limit ${formatPercent(t.capacityPercent)})`;
  if (state === 'ok')
    return {
      ...base,
      state,
      summary: `stores at most ${formatPercent(top.percent)} full`,
      value,
      count: 0,
      details: [`Fullest: ${line(top)}`],
    };
  const summary =
    state === 'critical'
      ? `${plural(critical.length, 'store')} ≥ ${CAPACITY_CRITICAL_PERCENT}% full`
      : `${plural(flagged.length, 'store')} ≥ ${formatPercent(t.capacityPercent)} full`;
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
      summary: 'p99 unknown',
      value: up.length ? `no live node reported ${name}` : noLiveNode(name),
      count: 0,
      details: [],
    };
  const ms = max.value / 1e6;
  const value = `max ${formatMs(ms)} (limit ${formatMs(t.p99LatencyMs)})`;
  const over = max.all.filter((x) => x.value / 1e6 >= t.p99LatencyMs);
  if (over.length === 0)
    return {
      ...base,
      state: 'ok',
      summary: `p99 max ${formatMs(ms)}`,
      value,
      count: 0,
      details: [`Slowest: n${max.nodeId} ${formatMs(ms)}`],
    };
  return {
    ...base,
    state: 'warning',
    summary: `p99 ${formatMs(ms)} on n${max.nodeId}`,
    value,
    count: over.length,
    details: over.map((x) => `n${x.nodeId}: ${formatMs(x.value / 1e6)}`),
  };
}
