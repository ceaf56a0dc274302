// The snapshot's sections as plain data, before any text is written: the top
// lists ordered and cut, hot ranges grouped into hot tables, jobs split into
// running and failed, the key series cut to the last hour and summarised.
import * as l10n from '@vscode/l10n';
import type { ChartData, ChartUnit } from '../overview/types';
import { formatBytes } from '../format';
import { count, formatMs } from '../health/text';
import type { SectionId, SnapshotInput } from './types';

export const TOP_HOT_RANGES = 20;
export const TOP_HOT_TABLES = 10;
export const TOP_STATEMENTS = 20;
export const TOP_INSIGHTS = 20;
export const TOP_EVENTS = 50;
export const SERIES_WINDOW_S = 3600;

type HotRange = NonNullable<SnapshotInput['hotRanges']>[number];
type Statement = NonNullable<SnapshotInput['statements']>[number];
type Job = NonNullable<SnapshotInput['jobs']>[number];
type Insight = NonNullable<SnapshotInput['insights']>[number];
type Event = NonNullable<SnapshotInput['events']>[number];

const finite = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

export function topHotRanges(ranges: readonly HotRange[]): HotRange[] {
  return [...ranges].sort((a, b) => finite(b.qps) - finite(a.qps)).slice(0, TOP_HOT_RANGES);
}

export interface HotTable {
  database?: string;
  table: string;
  qps: number;
  ranges: number;
  nodeIds: number[];
}

/** Hot ranges by table, QPS summed: the table is what an operator can act on (split, index, schema). */
export function hotTables(ranges: readonly HotRange[]): HotTable[] {
  const by = new Map<string, HotTable>();
  for (const r of ranges) {
    const table = r.table || l10n.t('(no table)');
    const k = JSON.stringify([r.database ?? '', table]);
    const t = by.get(k) ?? { ...(r.database ? { database: r.database } : {}), table, qps: 0, ranges: 0, nodeIds: [] };
    t.qps += finite(r.qps);
    t.ranges++;
    if (!t.nodeIds.includes(r.nodeId)) t.nodeIds.push(r.nodeId);
    by.set(k, t);
  }
  return [...by.values()]
    .map((t) => ({ ...t, nodeIds: [...t.nodeIds].sort((a, b) => a - b) }))
    .sort((a, b) => b.qps - a.qps || a.table.localeCompare(b.table))
    .slice(0, TOP_HOT_TABLES);
}

/** By total time (executions × mean latency), then executions: what the cluster spent its time on. */
export function topStatements(statements: readonly Statement[]): Statement[] {
  const total = (s: Statement) => finite(s.executionCount) * finite(s.meanLatencySeconds);
  return [...statements]
    .sort((a, b) => total(b) - total(a) || finite(b.executionCount) - finite(a.executionCount))
    .slice(0, TOP_STATEMENTS);
}

/** Newest first; entries without a time keep their order after the dated ones. */
function newestFirst<T>(items: readonly T[], at: (t: T) => string | undefined): T[] {
  const ms = (t: T) => {
    const v = Date.parse(at(t) ?? '');
    return Number.isFinite(v) ? v : -Infinity;
  };
  return [...items].sort((a, b) => ms(b) - ms(a));
}

export function topInsights(insights: readonly Insight[]): Insight[] {
  return newestFirst(insights, (i) => i.at).slice(0, TOP_INSIGHTS);
}

export function recentEvents(events: readonly Event[]): Event[] {
  return newestFirst(events, (e) => e.timestamp).slice(0, TOP_EVENTS);
}

const FAILED = new Set(['failed', 'revert-failed']);
const FINISHED = new Set(['succeeded', 'canceled']);

export function splitJobs(jobs: readonly Job[]): { running: Job[]; failed: Job[] } {
  const status = (j: Job) => String(j.status ?? '').toLowerCase();
  return {
    running: jobs.filter((j) => !FAILED.has(status(j)) && !FINISHED.has(status(j))),
    failed: jobs.filter((j) => FAILED.has(status(j))),
  };
}

/** A chart cut to the hour before `takenAt` (Unix seconds), series kept aligned. */
export function lastHour(chart: ChartData, takenAtS: number): ChartData {
  const keep = chart.timestamps.map((t) => t >= takenAtS - SERIES_WINDOW_S && t <= takenAtS);
  return {
    ...chart,
    timestamps: chart.timestamps.filter((_, i) => keep[i]),
    series: chart.series.map((s) => ({ ...s, values: s.values.filter((_, i) => keep[i]) })),
  };
}

export interface SeriesSummary {
  min: number;
  max: number;
  last: number;
  samples: number;
}

export function summarise(values: ReadonlyArray<number | null>): SeriesSummary | undefined {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return undefined;
  return { min: Math.min(...v), max: Math.max(...v), last: v[v.length - 1]!, samples: v.length };
}

/** A chart value as the panel would print it. */
export function formatValue(v: number, unit: ChartUnit): string {
  switch (unit) {
    case 'ms':
      return formatMs(v);
    case 'percent':
      return `${v.toFixed(1)}%`;
    case 'bytes':
      return formatBytes(v);
    case 'perSecond':
      return `${Math.abs(v) < 10 ? v.toFixed(1) : count(v)} /s`;
    default:
      return Number.isInteger(v) ? count(v) : v.toFixed(1);
  }
}

/** The section's reason from `unavailable`, whether keyed `hotRanges` or `hot ranges`. */
export function missingReason(unavailable: Record<string, string>, section: SectionId): string {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const hit = Object.entries(unavailable).find(([k]) => squash(k) === squash(section));
  return hit ? hit[1] : l10n.t('not read');
}
