// The Cluster overview's figures now: cards and the node table, built from one
// read of nodes/ (plus a recent QPS sample) and the health rules' answers, so
// that a card and the rule about it never disagree on its state. Store figures
// are added over the up nodes only: a down node's are from before it stopped.
import type { NodeStatus } from '../../api/cluster/models';
import type { FigureSource, FigureState, OverviewCard, OverviewPayload } from './types';
import { formatBytes } from '../format';
import { NO_STORE_METRICS, countMetric, maxNodeMetric, members, storesOf, upNodes, validNodes } from '../health/inputs';
import { saneThresholds, toRuleView } from '../health/rules';
import { count, formatMs, formatPercent, nodeRuns, plural } from '../health/text';
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
  const parts = [`${by('dead')} dead`, `${by('unavailable')} suspect`];
  for (const l of ['unknown', 'draining', 'decommissioning', 'starting'] as const)
    if (by(l) > 0) parts.push(`${by(l)} ${LIVENESS_LABEL[l]}`);
  return card(b, `${all.length - down.length} / ${all.length} live`, ruleState(rules, 'nodes'), parts.join(' · '));
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
    return card(b, 'no region set', 'ok', 'the nodes were started without --locality region=…');
  const detail = regions.map(([name, r]) => `${name} ${r.up}/${r.total}`).join(' · ');
  // A region with a down node is named even though the nodes card already warns: it is the region that users lose.
  const state = regions.some(([, r]) => r.up < r.total) ? 'warning' : 'ok';
  return card(b, plural(regions.length, 'region'), state, detail);
}

function versionsCard(b: CardBase, nodes: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const byVersion = new Map<string, number[]>();
  for (const n of upNodes(nodes))
    if (n.version) byVersion.set(n.version, [...(byVersion.get(n.version) ?? []), n.nodeId]);
  if (byVersion.size === 0) return missing(b, 'no live node reported its version');
  const skew = rules.find((r) => r.id === 'versionSkew');
  const versions = [...byVersion.keys()];
  const value = versions.length === 1 ? versions[0]! : `${versions.length} versions`;
  const detail = skew?.state === 'warning' ? skew.details.join(' · ') : `on ${nodeRuns(byVersion.get(versions[0]!)!)}`;
  return card(b, value, skew?.state ?? 'ok', detail);
}

function capacityCard(b: CardBase, up: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const caps = up.map(nodeCapacity).filter((c) => c !== undefined);
  if (caps.length === 0) return missing(b, storesOf(up).length ? 'no store reported its capacity' : NO_STORE_METRICS);
  const used = caps.reduce((s, c) => s + c.used, 0);
  const usable = caps.reduce((s, c) => s + c.usable, 0);
  const available = caps.reduce((s, c) => s + c.available, 0);
  const detail = `${formatPercent((used / usable) * 100)} used · ${formatBytes(available)} available`;
  return card(b, `${formatBytes(used)} of ${formatBytes(usable)}`, ruleState(rules, 'storeCapacity'), detail);
}

function rangesCard(b: CardBase, up: readonly NodeStatus[]): OverviewCard {
  const stores = storesOf(up);
  if (stores.length === 0) return missing(b, NO_STORE_METRICS);
  const sum = (name: string): number | undefined => {
    const vs = stores.map((s) => countMetric(s.metrics, name)).filter((v) => v !== undefined);
    return vs.length ? Math.round(vs.reduce((a, v) => a + v, 0)) : undefined;
  };
  const total = sum('ranges');
  const under = sum('ranges.underreplicated');
  const unavailable = sum('ranges.unavailable');
  const over = sum('ranges.overreplicated');
  const parts: string[] = [];
  if (under !== undefined) parts.push(`${count(under)} under-replicated`);
  if (unavailable !== undefined) parts.push(`${count(unavailable)} unavailable`);
  if (over !== undefined) parts.push(`${count(over)} over-replicated`);
  if (total === undefined && parts.length === 0) return missing(b, 'no store reported its range counts');
  let state: FigureState = 'ok';
  if ((under ?? 0) > 0 || (over ?? 0) > 0) state = 'warning';
  if ((unavailable ?? 0) > 0) state = 'critical';
  return card(b, total === undefined ? '—' : plural(total, 'range'), state, parts.join(' · '));
}

/** Leaseholders per up node: an uneven spread means the busiest node serves most reads and writes. */
function leaseholdersCard(b: CardBase, up: readonly NodeStatus[]): OverviewCard {
  const per = up
    .map((n) => ({ id: n.nodeId, v: nodeStoreSum(n, 'replicas.leaseholders') }))
    .filter((x): x is { id: number; v: number } => x.v !== undefined)
    .map((x) => ({ id: x.id, v: Math.round(x.v) }));
  if (per.length === 0)
    return missing(b, storesOf(up).length ? 'no store reported replicas.leaseholders' : NO_STORE_METRICS);
  const min = Math.min(...per.map((x) => x.v));
  const max = Math.max(...per.map((x) => x.v));
  const total = per.reduce((s, x) => s + x.v, 0);
  const value = min === max ? `${count(min)} per node` : `${count(min)}–${count(max)} per node`;
  return card(b, value, 'ok', `spread ${count(max - min)} · ${count(total)} on ${plural(per.length, 'node')}`);
}

function connectionsCard(b: CardBase, up: readonly NodeStatus[]): OverviewCard {
  const per = up.map((n) => countMetric(n.metrics, 'sql.conns')).filter((v) => v !== undefined);
  if (per.length === 0) return missing(b, 'no live node reported sql.conns');
  return card(b, count(per.reduce((s, v) => s + v, 0)), 'ok', `on ${plural(per.length, 'node')}`);
}

function p99Card(b: CardBase, up: readonly NodeStatus[], rules: readonly RuleResult[]): OverviewCard {
  const max = maxNodeMetric(up, 'sql.service.latency-p99');
  if (!max || max.value < 0) return missing(b, 'no live node reported sql.service.latency-p99');
  return card(b, formatMs(max.value / 1e6), ruleState(rules, 'p99Latency'), `slowest: n${max.nodeId}`);
}

function qpsCard(input: OverviewInput): OverviewCard {
  const q = input.qpsNow;
  const b: CardBase = {
    id: 'qps',
    label: 'QPS now',
    source: q?.source ?? { ...input.gateway, route: '/ts/query' },
    chart: 'qps',
  };
  if (!q || !Number.isFinite(q.value)) return missing(b, 'no recent sample of cr.node.sql.query.count');
  return card(b, rate(q.value), 'ok', 'SQL statements per second');
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
    b('nodes', 'Nodes', 'replication'),
    b('regions', 'Regions'),
    b('versions', 'Versions'),
    b('capacity', 'Capacity', 'capacity'),
    b('ranges', 'Ranges', 'replication'),
    b('leaseholders', 'Leaseholders'),
    b('connections', 'SQL connections', 'connections'),
  ] as const;
  const p99Base = b('p99', 'p99 now', 'latency');
  const nodes = Array.isArray(input.nodes) ? validNodes(input.nodes) : undefined;
  let cards: OverviewCard[];
  if (!nodes) {
    const why = input.nodesUnavailable?.reason ?? 'nodes/ was not read';
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
