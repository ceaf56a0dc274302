// The Cluster overview's figures now: cards and the node table, built from one
// read of nodes/ (plus a recent QPS sample) and the health rules' answers, so
// that a card and the rule about it never disagree on its state. Store figures
// are added over the up nodes only: a down node's are from before it stopped.
import * as l10n from '@vscode/l10n';
import type { NodeStatus } from '../../api/cluster/models';
import type { FigureSource, FigureState, OverviewCard, OverviewPayload } from './types';
import { formatBytes } from '../format';
import { countMetric, maxNodeMetric, members, noStoreMetrics, storesOf, upNodes, validNodes } from '../health/inputs';
import { saneThresholds, toRuleView } from '../health/rules';
import { count, formatMs, formatPercent, nodeRuns } from '../health/text';
import { DEFAULT_THRESHOLDS, type HealthThresholds, type RuleId, type RuleResult } from '../health/types';
import { LIVENESS_LABEL, livenessSeverity } from '../liveness';
import { UNKNOWN, parseLocality } from '../locality';
import { nodeCapacity, nodeRows, nodeStoreSum } from './nodeRows';

export interface OverviewInput {
  nodes?: NodeStatus[];
  nodesUnavailable?: { reason: string; whatToDo: string };
  /** Who answered and when; its route is replaced per card. */
  gateway: FigureSource;
  qpsNow?: { value: number; source: FigureSource };
  rules: RuleResult[];
  /** For the node rows' capacity state; the defaults when absent. */
  thresholds?: HealthThresholds;
}

type CardBase = Pick<OverviewCard, 'id' | 'label' | 'source'> & { chart?: OverviewCard['chart'] };

function card(base: CardBase, value: string, state: FigureState, detail?: string): OverviewCard {
  return { ...base, value, state, ...(detail ? { detail } : {}) };
}

function missing(base: CardBase, why: string): OverviewCard {
  return { ...base, value: '—', state: 'unknown', unavailable: why };
}

function ruleState(rules: readonly RuleResult[], id: RuleId, otherwise: FigureState = 'ok'): FigureState {
  return rules.find((r) => r.id === id)?.state ?? otherwise;
}

/** "312 /s", "4.5 /s". */
function rate(v: number): string {
  return `${Math.abs(v) < 10 ? v.toFixed(1) : count(v)} /s`;
}

function nodesCard(b: CardBase, nodes: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const all = members(nodes);
  const down = all.filter((n) => livenessSeverity(n.liveness) === 'down');
  const by = (l: NodeStatus['liveness']) => all.filter((n) => n.liveness === l).length;
  const parts = [l10n.t('{0} dead', by('dead')), l10n.t('{0} suspect', by('unavailable'))];
  for (const l of ['unknown', 'draining', 'decommissioning', 'starting'] as const)
    if (by(l) > 0) parts.push(`${by(l)} ${LIVENESS_LABEL[l]}`);
  const live = l10n.t('{0} / {1} live', all.length - down.length, all.length);
  return card(b, live, ruleState(rules, 'nodes'), parts.join(' · '));
}

function regionsCard(b: CardBase, nodes: readonly NodeStatus[]): OverviewCard {
  const byRegion = new Map<string, { up: number; total: number }>();
  for (const n of members(nodes)) {
    const { region } = parseLocality(Array.isArray(n.locality) ? n.locality : []);
    const r = byRegion.get(region) ?? { up: 0, total: 0 };
    r.total++;
    if (livenessSeverity(n.liveness) !== 'down') r.up++;
    byRegion.set(region, r);
  }
  const regions = [...byRegion].sort(([a], [b]) => a.localeCompare(b));
  if (regions.length === 1 && regions[0]![0] === UNKNOWN)
    return card(b, l10n.t('no region set'), 'ok', l10n.t('the nodes were started without --locality region=…'));
  const detail = regions.map(([name, r]) => `${name} ${r.up}/${r.total}`).join(' · ');
  // A region with a down node is named even though the nodes card already warns: it is the region that users lose.
  const state = regions.some(([, r]) => r.up < r.total) ? 'warning' : 'ok';
  const n = regions.length;
  return card(b, n === 1 ? l10n.t('{0} region', count(n)) : l10n.t('{0} regions', count(n)), state, detail);
}

function versionsCard(b: CardBase, nodes: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const byVersion = new Map<string, number[]>();
  for (const n of upNodes(nodes))
    if (n.version) byVersion.set(n.version, [...(byVersion.get(n.version) ?? []), n.nodeId]);
  if (byVersion.size === 0) return missing(b, l10n.t('no live node reported its version'));
  const skew = rules.find((r) => r.id === 'versionSkew');
  const versions = [...byVersion.keys()];
  const value = versions.length === 1 ? versions[0]! : l10n.t('{0} versions', versions.length);
  const detail =
    skew?.state === 'warning' ? skew.details.join(' · ') : l10n.t('on {0}', nodeRuns(byVersion.get(versions[0]!)!));
  return card(b, value, skew?.state ?? 'ok', detail);
}

function capacityCard(b: CardBase, up: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const caps = up.map(nodeCapacity).filter((c) => c !== undefined);
  if (caps.length === 0)
    return missing(b, storesOf(up).length ? l10n.t('no store reported its capacity') : noStoreMetrics());
  const used = caps.reduce((s, c) => s + c.used, 0);
  const usable = caps.reduce((s, c) => s + c.usable, 0);
  const available = caps.reduce((s, c) => s + c.available, 0);
  const detail = l10n.t('{0} used · {1} available', formatPercent((used / usable) * 100), formatBytes(available));
  const value = l10n.t('{0} of {1}', formatBytes(used), formatBytes(usable));
  return card(b, value, ruleState(rules, 'storeCapacity'), detail);
}

function rangesCard(b: CardBase, up: readonly NodeStatus[]): OverviewCard {
  const stores = storesOf(up);
  if (stores.length === 0) return missing(b, noStoreMetrics());
  const sum = (name: string): number | undefined => {
    const vs = stores.map((s) => countMetric(s.metrics, name)).filter((v) => v !== undefined);
    return vs.length ? Math.round(vs.reduce((a, v) => a + v, 0)) : undefined;
  };
  const total = sum('ranges');
  const under = sum('ranges.underreplicated');
  const unavailable = sum('ranges.unavailable');
  const over = sum('ranges.overreplicated');
  const parts: string[] = [];
  if (under !== undefined) parts.push(l10n.t('{0} under-replicated', count(under)));
  if (unavailable !== undefined) parts.push(l10n.t('{0} unavailable', count(unavailable)));
  if (over !== undefined) parts.push(l10n.t('{0} over-replicated', count(over)));
  if (total === undefined && parts.length === 0) return missing(b, l10n.t('no store reported its range counts'));
  let state: FigureState = 'ok';
  if ((under ?? 0) > 0 || (over ?? 0) > 0) state = 'warning';
  if ((unavailable ?? 0) > 0) state = 'critical';
  const value =
    total === undefined ? '—' : total === 1 ? l10n.t('{0} range', count(total)) : l10n.t('{0} ranges', count(total));
  return card(b, value, state, parts.join(' · '));
}

/** Leaseholders per up node: an uneven spread means the busiest node serves most reads and writes. */
function leaseholdersCard(b: CardBase, up: readonly NodeStatus[]): OverviewCard {
  const per = up
    .map((n) => ({ id: n.nodeId, v: nodeStoreSum(n, 'replicas.leaseholders') }))
    .filter((x): x is { id: number; v: number } => x.v !== undefined)
    .map((x) => ({ id: x.id, v: Math.round(x.v) }));
  if (per.length === 0)
    return missing(b, storesOf(up).length ? l10n.t('no store reported replicas.leaseholders') : noStoreMetrics());
  const min = Math.min(...per.map((x) => x.v));
  const max = Math.max(...per.map((x) => x.v));
  const total = per.reduce((s, x) => s + x.v, 0);
  const value = min === max ? l10n.t('{0} per node', count(min)) : l10n.t('{0}–{1} per node', count(min), count(max));
  const detail =
    per.length === 1
      ? l10n.t('spread {0} · {1} on {2} node', count(max - min), count(total), count(per.length))
      : l10n.t('spread {0} · {1} on {2} nodes', count(max - min), count(total), count(per.length));
  return card(b, value, 'ok', detail);
}

function connectionsCard(b: CardBase, up: readonly NodeStatus[]): OverviewCard {
  const per = up.map((n) => countMetric(n.metrics, 'sql.conns')).filter((v) => v !== undefined);
  if (per.length === 0) return missing(b, l10n.t('no live node reported sql.conns'));
  const detail =
    per.length === 1 ? l10n.t('on {0} node', count(per.length)) : l10n.t('on {0} nodes', count(per.length));
  return card(b, count(per.reduce((s, v) => s + v, 0)), 'ok', detail);
}

function p99Card(b: CardBase, up: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const max = maxNodeMetric(up, 'sql.service.latency-p99');
  if (!max || max.value < 0) return missing(b, l10n.t('no live node reported sql.service.latency-p99'));
  return card(b, formatMs(max.value / 1e6), ruleState(rules, 'p99Latency'), l10n.t('slowest: n{0}', max.nodeId));
}

function qpsCard(input: OverviewInput): OverviewCard {
  const q = input.qpsNow;
  const b: CardBase = {
    id: 'qps',
    label: l10n.t('QPS now'),
    source: q?.source ?? { ...input.gateway, route: '/ts/query' },
    chart: 'qps',
  };
  if (!q || !Number.isFinite(q.value)) return missing(b, l10n.t('no recent sample of cr.node.sql.query.count'));
  return card(b, rate(q.value), 'ok', l10n.t('SQL statements per second'));
}

/** The whole panel payload. Without nodes/ every node-derived card says why it is empty. */
export function overviewPayload(input: OverviewInput): OverviewPayload {
  const t = saneThresholds(input.thresholds ?? DEFAULT_THRESHOLDS);
  const rules = Array.isArray(input.rules) ? input.rules : [];
  const src: FigureSource = { ...input.gateway, route: 'nodes/' };
  const b = (id: string, label: string, chart?: OverviewCard['chart']): CardBase => ({
    id,
    label,
    source: src,
    ...(chart ? { chart } : {}),
  });
  // Regions, versions and leaseholders have no chart: none of the eight series shows them.
  const bases = [
    b('nodes', l10n.t('Nodes'), 'replication'),
    b('regions', l10n.t('Regions')),
    b('versions', l10n.t('Versions')),
    b('capacity', l10n.t('Capacity'), 'capacity'),
    b('ranges', l10n.t('Ranges'), 'replication'),
    b('leaseholders', l10n.t('Leaseholders')),
    b('connections', l10n.t('SQL connections'), 'connections'),
  ] as const;
  const p99Base = b('p99', l10n.t('p99 now'), 'latency');
  const nodes = Array.isArray(input.nodes) ? validNodes(input.nodes) : undefined;
  let cards: OverviewCard[];
  if (!nodes) {
    const why = input.nodesUnavailable?.reason ?? l10n.t('nodes/ was not read');
    cards = [...bases.map((x) => missing(x, why)), qpsCard(input), missing(p99Base, why)];
  } else {
    const up = upNodes(nodes);
    const [nb, rb, vb, cb, rgb, lb, sb] = bases;
    cards = [
      nodesCard(nb, nodes, rules),
      regionsCard(rb, nodes),
      versionsCard(vb, nodes, rules),
      capacityCard(cb, up, rules),
      rangesCard(rgb, up),
      leaseholdersCard(lb, up),
      connectionsCard(sb, up),
      qpsCard(input),
      p99Card(p99Base, up, rules),
    ];
  }
  return {
    fetchedAt: input.gateway.at,
    source: input.gateway,
    cards,
    nodes: nodes ? nodeRows(nodes, t) : [],
    ...(input.nodesUnavailable ? { nodesUnavailable: input.nodesUnavailable } : {}),
    rules: rules.map(toRuleView),
  };
}
