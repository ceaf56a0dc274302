// The health rules' vocabulary: which rules there are, their thresholds, what
// they read and what each one answers. Split from rules.ts so the rule files
// can share it without importing each other.
import * as l10n from '@vscode/l10n';
import type { NodeStatus } from '../../api/cluster/models';
import type { ChartId, FigureState } from '../overview/types';

export type RuleId =
  | 'gateway'
  | 'nodes'
  | 'unavailableRanges'
  | 'underReplicatedRanges'
  | 'versionSkew'
  | 'clockOffset'
  | 'storeCapacity'
  | 'p99Latency';

/** The fixed order of the results, and the tie-break of worstRule: the gateway first, latency last. */
export const RULE_ORDER: readonly RuleId[] = [
  'gateway',
  'nodes',
  'unavailableRanges',
  'underReplicatedRanges',
  'versionSkew',
  'clockOffset',
  'storeCapacity',
  'p99Latency',
];

export interface HealthThresholds {
  /** A store at or above this share of its usable capacity is a warning. */
  capacityPercent: number;
  /** A clock offset at or above this is a warning. */
  clockOffsetMs: number;
  /**
   * The cluster's `--max-offset`. A node whose offset from a majority passes 80% of it
   * stops itself (pkg/rpc/clock_offset.go), so that is where the rule turns critical.
   */
  maxOffsetMs: number;
  /** A node's SQL p99 at or above this is a warning. */
  p99LatencyMs: number;
}

export const DEFAULT_THRESHOLDS: Readonly<HealthThresholds> = Object.freeze({
  capacityPercent: 80,
  clockOffsetMs: 250,
  maxOffsetMs: 500,
  p99LatencyMs: 1000,
});

/** A store this full is critical whatever the setting: writes start failing soon after. */
export const CAPACITY_CRITICAL_PERCENT = 95;

/** `--max-offset` × this is where a node shuts itself down. */
export const MAX_OFFSET_FATAL_SHARE = 0.8;

export type FallbackMetric = 'ranges.underreplicated' | 'ranges.unavailable';

export interface RuleInputs {
  /** The gateway answered `health?ready=true`. */
  ready: boolean;
  nodes?: NodeStatus[];
  /** Why nodes/ could not be read (e.g. 403 needs VIEWCLUSTERMETADATA). */
  nodesUnavailable?: string;
  /** Latest values from /ts/query or /_status/vars when nodes/ has no store_metrics (servers before v23.2). */
  fallback?: Partial<Record<FallbackMetric, number>>;
}

/** Each rule's title and the chart that shows its figure over time. */
export const RULE_META: Readonly<Record<RuleId, { title: string; chart?: ChartId }>> = {
  gateway: { title: l10n.t('Gateway ready') },
  // A down node's ranges show on the replication chart as under-replicated.
  nodes: { title: l10n.t('Node liveness'), chart: 'replication' },
  unavailableRanges: { title: l10n.t('Unavailable ranges'), chart: 'replication' },
  underReplicatedRanges: { title: l10n.t('Under-replicated ranges'), chart: 'replication' },
  // No time series shows versions.
  versionSkew: { title: l10n.t('Version skew') },
  clockOffset: { title: l10n.t('Clock offset'), chart: 'clockOffset' },
  storeCapacity: { title: l10n.t('Store capacity'), chart: 'capacity' },
  p99Latency: { title: l10n.t('SQL p99 latency'), chart: 'latency' },
};

/** The fixed part of a rule's result. */
export function ruleBase<I extends RuleId>(id: I): { id: I; title: string; chart?: ChartId } {
  const { title, chart } = RULE_META[id];
  return chart ? { id, title, chart } : { id, title };
}

export interface RuleResult {
  id: RuleId;
  title: string;
  state: FigureState;
  /** Status-bar text: "2 under-replicated ranges", "n3 dead", "1 store ≥ 80% full". */
  summary: string;
  /** Tooltip value: "0", "max 3 ms (limit 250 ms)"; for `unknown`, exactly what is missing. */
  value: string;
  /** How many things the rule counted against it (nodes, ranges, stores, versions). */
  count: number;
  chart?: ChartId;
  details: string[];
}
