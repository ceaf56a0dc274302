// Gathers a diagnostics snapshot of one cluster at this moment: every section is
// read side by side, and a section that cannot be read says why instead of
// failing the snapshot. No vscode; the command asks where to save it.
import type { ClusterApi } from '../api/cluster/api';
import type { ClusterEvent, HotRange } from '../api/cluster/models';
import type { WorkloadAnswer, WorkloadKind } from '../api/sql/workload';
import type { SnapshotInput } from '../domain/diagnostics/snapshot';
import type { HealthThresholds } from '../domain/health/rules';
import { insightHeadline } from '../domain/workload';
import { readCharts, readOverview, sourceOf } from './overviewData';

const TOP = 20;
const HOUR_MS = 3_600_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function items<K extends WorkloadKind>(a: WorkloadAnswer<K>, what: string, missing: Record<string, string>) {
  if (a.status === 'ok') return a.items;
  missing[what] = `${a.reason} ${a.whatToDo}`.trim();
  return undefined;
}

export async function gatherSnapshot(
  clusterName: string,
  client: ClusterApi,
  thresholds: HealthThresholds,
  signal?: AbortSignal,
): Promise<SnapshotInput> {
  const opts = signal ? { signal } : {};
  const unavailable: Record<string, string> = {};
  const takenAt = new Date();
  const soft = <T>(what: string, p: Promise<T>): Promise<T | undefined> =>
    p.catch((e: unknown) => {
      if (signal?.aborted) throw e;
      unavailable[what] = message(e);
      return undefined;
    });
  const window = { start: new Date(takenAt.getTime() - HOUR_MS), end: takenAt };
  const overview = await readOverview(client, thresholds, signal);
  const [charts, hot, statements, insights, jobs, events] = await Promise.all([
    soft(
      'series',
      readCharts(client, { window: { preset: '1h' }, perNode: false }, overview.nodes, thresholds, signal, takenAt),
    ),
    // l10n-ignore: a key of the snapshot's `unavailable` map, which missingReason matches to its section
    soft('hot ranges', client.hotRanges({}, opts)),
    soft(
      'statements',
      client.workload('statements', { window, metric: 'totalTime', includeInternal: false, limit: TOP }, opts),
    ),
    soft('insights', client.workload('statementInsights', { window, limit: TOP }, opts)),
    soft('jobs', client.workload('jobs', { limit: 200 }, opts)),
    soft('events', client.eventsPage({ limit: 50 }, opts)),
  ]);
  if (hot?.errors.length)
    unavailable['hot ranges (some nodes)'] = hot.errors.map((e) => `n${e.nodeId}: ${e.message}`).join('; ');
  const stmtItems = statements ? items(statements, 'statements', unavailable) : undefined;
  const insightItems = insights ? items(insights, 'insights', unavailable) : undefined;
  const jobItems = jobs ? items(jobs, 'jobs', unavailable) : undefined;
  return {
    clusterName,
    takenAt,
    source: sourceOf(overview.gateway, 'nodes/', takenAt),
    overview: overview.payload,
    ...(overview.nodes ? { nodes: overview.nodes } : {}),
    rules: overview.rules,
    ...(hot ? { hotRanges: topHot(hot.ranges) } : {}),
    ...(stmtItems
      ? {
          statements: stmtItems.map((s) => ({
            query: s.query,
            appName: s.appName,
            executionCount: s.executionCount,
            meanLatencySeconds: s.meanLatency,
            ...(s.p99Latency !== undefined ? { p99LatencySeconds: s.p99Latency } : {}),
          })),
        }
      : {}),
    ...(insightItems
      ? {
          insights: insightItems.map((i) => ({
            headline: insightHeadline([i.problem], i.causes),
            query: i.query,
            ...(i.start ? { at: i.start.toISOString() } : {}),
            cause: i.causes.join(', '),
          })),
        }
      : {}),
    ...(jobItems
      ? {
          jobs: jobItems
            .filter(
              (j) =>
                j.status === 'running' || j.status === 'failed' || j.status === 'paused' || j.status === 'reverting',
            )
            .map((j) => ({
              id: j.id,
              type: j.type,
              status: j.status,
              description: j.description,
              ...(j.error ? { error: j.error } : {}),
              ...(j.fractionCompleted !== undefined ? { fractionCompleted: j.fractionCompleted } : {}),
            })),
        }
      : {}),
    ...(events ? { events: events.items.map(eventRow) } : {}),
    ...(charts ? { series: charts.charts } : {}),
    unavailable,
  };
}

function topHot(ranges: readonly HotRange[]): NonNullable<SnapshotInput['hotRanges']> {
  return [...ranges]
    .sort((a, b) => b.qps - a.qps)
    .slice(0, TOP)
    .map((r) => ({
      rangeId: r.rangeId,
      nodeId: r.nodeId,
      qps: r.qps,
      ...(r.tables[0] ? { table: r.tables[0] } : {}),
      ...(r.databases[0] ? { database: r.databases[0] } : {}),
      ...(r.indexes[0] ? { index: r.indexes[0] } : {}),
    }));
}

function eventRow(e: ClusterEvent): { timestamp: string; eventType: string; info?: string } {
  return {
    timestamp: e.timestamp ? e.timestamp.toISOString() : '',
    eventType: e.eventType,
    ...(e.info ? { info: e.info } : {}),
  };
}
