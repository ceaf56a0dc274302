// Reads what the Cluster overview and the diagnostics snapshot show: the figures
// now (nodes/, the gateway's /_status/vars, a two-minute /ts/query for QPS) and
// the charts over a window (/ts/query, one request per chart so that one failing
// chart does not blank the others). No vscode: the panel and the snapshot share it.
import * as l10n from '@vscode/l10n';
import type { ClusterApi } from '../api/cluster/api';
import type { NodeStatus } from '../api/cluster/models';
import { isApiError } from '../api/http/errors';
import type { TsSeries } from '../api/metrics/types';
import { evaluateHealthRules, type HealthThresholds, type RuleResult } from '../domain/health/rules';
import { chartQueries, chartsFromSeries, windowRange } from '../domain/overview/charts';
import { overviewPayload } from '../domain/overview/figures';
import type {
  ChartData,
  FigureSource,
  OverviewChartsPayload,
  OverviewChartsQuery,
  OverviewPayload,
} from '../webviews/protocol/overview';
import { gatewayOf, type GatewayInfo } from './gateway';

/** Charts asked at once: eight charts, a few requests in flight, the rest queued. */
const CHART_CONCURRENCY = 3;

export interface OverviewRead {
  payload: OverviewPayload;
  nodes?: NodeStatus[];
  rules: RuleResult[];
  gateway: GatewayInfo;
}

export function sourceOf(g: GatewayInfo, route: string, at = new Date()): FigureSource {
  return {
    at: at.toISOString(),
    from: g.nodeId !== undefined ? `n${g.nodeId}` : g.address,
    ...(g.version ? { version: g.version } : {}),
    route,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What to tell a user who may not read nodes/. */
function nodesUnavailable(e: unknown): { reason: string; whatToDo: string } {
  if (isApiError(e, 'forbidden'))
    return {
      reason: l10n.t('This user may not read the node list (nodes/).'),
      whatToDo: l10n.t(
        'Ask for the admin role or GRANT SYSTEM VIEWCLUSTERMETADATA TO <user>; the charts below still work.',
      ),
    };
  if (isApiError(e, 'notAvailable'))
    return {
      reason: l10n.t('This virtual cluster does not serve the node list.'),
      whatToDo: l10n.t('Choose Virtual Cluster… → system to see nodes, ranges and capacity.'),
    };
  return {
    reason: l10n.t('The node list could not be read: {0}', message(e)),
    whatToDo: l10n.t('Refresh to try again.'),
  };
}

async function allNodes(client: ClusterApi, signal?: AbortSignal): Promise<NodeStatus[]> {
  const nodes: NodeStatus[] = [];
  for await (const n of client.allNodes(signal ? { signal } : {})) nodes.push(n);
  return nodes;
}

export function liveNodeIds(nodes: readonly NodeStatus[] | undefined): number[] {
  return (nodes ?? [])
    .filter((n) => n.liveness === 'live' || n.liveness === 'draining' || n.liveness === 'decommissioning')
    .map((n) => n.nodeId)
    .sort((a, b) => a - b);
}

export function storeIdsByNode(nodes: readonly NodeStatus[] | undefined): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const n of nodes ?? []) {
    const ids = Object.keys(n.storeMetrics ?? {});
    if (ids.length) m.set(n.nodeId, ids);
  }
  return m;
}

async function qpsNow(
  client: ClusterApi,
  live: number[],
  g: GatewayInfo,
  signal?: AbortSignal,
): Promise<{ value: number; source: FigureSource } | undefined> {
  const end = Date.now();
  try {
    const [s] = await client.tsQuery(
      {
        startMs: end - 120_000,
        endMs: end,
        sampleMs: 10_000,
        queries: [
          {
            name: 'cr.node.sql.query.count',
            derivative: 'NON_NEGATIVE_DERIVATIVE',
            sourceAggregator: 'SUM',
            downsampler: 'AVG',
            ...(live.length ? { sources: live.map(String) } : {}),
          },
        ],
      },
      signal ? { signal } : {},
    );
    const last = s?.values.at(-1);
    return last === undefined ? undefined : { value: last, source: sourceOf(g, '/ts/query') };
  } catch (e) {
    if (signal?.aborted) throw e;
    return undefined;
  }
}

export async function readOverview(
  client: ClusterApi,
  thresholds: HealthThresholds,
  signal?: AbortSignal,
): Promise<OverviewRead> {
  const opts = signal ? { signal } : {};
  const [gateway, ready, nodesAnswer] = await Promise.all([
    gatewayOf(client),
    client.health(true, opts).then(
      () => true,
      () => false,
    ),
    allNodes(client, signal).then(
      (list) => ({ list }),
      (e: unknown) => {
        if (signal?.aborted) throw e;
        return { error: e };
      },
    ),
  ]);
  const nodes = 'list' in nodesAnswer ? nodesAnswer.list : undefined;
  const unavailable = 'error' in nodesAnswer ? nodesUnavailable(nodesAnswer.error) : undefined;
  const rules = evaluateHealthRules(
    { ready, ...(nodes ? { nodes } : {}), ...(unavailable ? { nodesUnavailable: unavailable.reason } : {}) },
    thresholds,
  );
  const qps = await qpsNow(client, liveNodeIds(nodes), gateway, signal);
  const payload = overviewPayload({
    ...(nodes ? { nodes } : {}),
    ...(unavailable ? { nodesUnavailable: unavailable } : {}),
    gateway: sourceOf(gateway, 'nodes/'),
    ...(qps ? { qpsNow: qps } : {}),
    rules,
    thresholds,
  });
  return { payload, ...(nodes ? { nodes } : {}), rules, gateway };
}

/** Runs `work` over items with at most `limit` in flight, keeping order. */
async function bounded<T, R>(items: readonly T[], limit: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function readCharts(
  client: ClusterApi,
  q: OverviewChartsQuery,
  nodes: readonly NodeStatus[] | undefined,
  thresholds: HealthThresholds,
  signal?: AbortSignal,
  now = new Date(),
): Promise<OverviewChartsPayload> {
  const gateway = await gatewayOf(client);
  const range = windowRange(q.window, now);
  // Dead nodes are left out of `sources`: asking them makes the whole query wait (cockroachdb#129409).
  const defs = chartQueries(q.perNode, liveNodeIds(nodes), storeIdsByNode(nodes));
  const failures: string[] = [];
  const charts = await bounded(defs, CHART_CONCURRENCY, async (def): Promise<ChartData[]> => {
    let series: TsSeries[];
    try {
      series = await client.tsQuery(
        { startMs: range.startMs, endMs: range.endMs, sampleMs: range.sampleMs, queries: def.queries },
        signal ? { signal } : {},
      );
    } catch (e) {
      if (signal?.aborted) throw e;
      failures.push(message(e));
      return chartsFromSeries([def], [], thresholds).map((c) => ({ ...c, unavailable: message(e) }));
    }
    return chartsFromSeries([def], series, thresholds);
  });
  const flat = charts.flat();
  const allFailed = failures.length === defs.length && defs.length > 0;
  return {
    fetchedAt: now.toISOString(),
    source: sourceOf(gateway, '/ts/query', now),
    start: new Date(range.startMs).toISOString(),
    end: new Date(range.endMs).toISOString(),
    sampleSeconds: Math.round(range.sampleMs / 1000),
    charts: flat,
    ...(allFailed
      ? {
          unavailable: {
            reason: l10n.t('The metrics routes could not be read: {0}', String(failures[0])),
            whatToDo: l10n.t('Sign in again, or check that this user may read the DB Console metrics.'),
          },
        }
      : {}),
  };
}
