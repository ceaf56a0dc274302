// One statement fingerprint hour by hour over a window: the Statement details
// chart, its plan gists and sampled plan, its index recommendations. Read from
// crdb_internal.statement_statistics (persisted and in-memory, so the current
// hour too), not from the hourly top-500 activity cache: a fingerprint can be
// in the cache for some hours and not others, and DB Console reads the cache
// for details only when it holds everything (getStatementDetailsPerAggregatedTs,
// pkg/server/combined_statement_stats.go). v26.1+ read the stable view, which
// has no plans. Placeholders: $1 window start, $2 window end, $3 fingerprint
// id (hex), $4 app name ('' = every app).
import * as l10n from '@vscode/l10n';
import type { StatementHour, WorkloadResult, WorkloadWindow } from '../models';
import { json, number, optNumber, text, timestamp } from '../rows';
import type { SqlExecutor, SqlRow } from '../types';
import type { SqlFeatures } from '../version';
import { runPlans, windowStart, type QueryPlan, type RunOptions } from './common';

const WHERE = [
  'WHERE aggregated_ts >= $1::TIMESTAMPTZ AND aggregated_ts <= $2::TIMESTAMPTZ',
  "AND fingerprint_id = decode($3::STRING, 'hex')",
  "AND ($4::STRING = '' OR app_name = $4::STRING)",
].join(' ');

/** Per hour: counts add up, the mean is count-weighted, p99 is the largest bucket's (an upper bound). */
function fromStatistics(indexRecs: string): string {
  return [
    'SELECT aggregated_ts,',
    "sum((statistics->'statistics'->>'cnt')::FLOAT8) AS execution_count,",
    "sum((statistics->'statistics'->>'cnt')::FLOAT8 * (statistics->'statistics'->'svcLat'->>'mean')::FLOAT8) AS total_time,",
    "max((statistics->'statistics'->'latencyInfo'->>'p99')::FLOAT8) AS p99_latency,",
    "array_to_string(array_agg(DISTINCT (statistics->'statistics'->'planGists'->>0)), chr(10)) AS plan_gists,",
    'max(sampled_plan::STRING) AS sampled_plan,',
    indexRecs,
    'FROM crdb_internal.statement_statistics ' + WHERE,
    'GROUP BY aggregated_ts ORDER BY aggregated_ts',
  ].join(' ');
}

const INDEX_RECS = 'max(array_to_string(index_recommendations, chr(10))) AS index_recommendations';

export const STATEMENT_HISTORY_SQL = {
  statistics: fromStatistics(INDEX_RECS),
  statisticsV22_1: fromStatistics("'' AS index_recommendations"),
  stableView: [
    'SELECT aggregated_ts, sum(execution_count)::FLOAT8 AS execution_count, sum(svc_lat_sum)::FLOAT8 AS total_time,',
    "max(p99_latency)::FLOAT8 AS p99_latency, '' AS plan_gists, NULL::STRING AS sampled_plan, '' AS index_recommendations",
    'FROM information_schema.crdb_statement_statistics',
    WHERE,
    'GROUP BY aggregated_ts ORDER BY aggregated_ts',
  ].join(' '),
} as const;

export interface StatementHistoryQuery {
  window: WorkloadWindow;
  fingerprintId: string;
  app?: string;
}

export function statementHistoryPlans(f: SqlFeatures, q: StatementHistoryQuery, now = new Date()): QueryPlan[] {
  if (!f.sqlApi) return [];
  const args = [
    windowStart(q.window.start),
    (q.window.end ?? now).toISOString(),
    q.fingerprintId.replace(/^\\x/i, '').toLowerCase(),
    q.app ?? '',
  ];
  if (f.internalsLocked)
    return [
      {
        source: 'information_schema.crdb_statement_statistics',
        sql: STATEMENT_HISTORY_SQL.stableView,
        arguments: args,
      },
    ];
  // index_recommendations is a column from v22.2 (the release that brought insights).
  return [
    {
      source: 'crdb_internal.statement_statistics',
      sql: f.statementInsights ? STATEMENT_HISTORY_SQL.statistics : STATEMENT_HISTORY_SQL.statisticsV22_1,
      arguments: args,
    },
  ];
}

/** CockroachDB's sampled plan JSON (`{Name, Attrs: [{Key, Value}], Children}`) as an indented operator tree. */
export function planTree(plan: unknown): string {
  const lines: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    const n = json(node);
    const name = text(n.Name);
    if (!name) return;
    const attrs = Array.isArray(n.Attrs)
      ? n.Attrs.map((a) => json(a))
          .map((a) => `${text(a.Key)}: ${text(a.Value)}`)
          .filter((a) => a !== ': ')
      : [];
    lines.push(`${'  '.repeat(depth)}• ${name}${attrs.length ? ` (${attrs.join(', ')})` : ''}`);
    if (Array.isArray(n.Children)) for (const c of n.Children) walk(c, depth + 1);
  };
  walk(plan, 0);
  return lines.join('\n');
}

export function statementHourFromRow(row: SqlRow): StatementHour {
  const count = number(row.execution_count);
  const h: StatementHour = {
    at: timestamp(row.aggregated_ts) ?? new Date(0),
    executionCount: count,
    meanLatency: count > 0 ? number(row.total_time) / count : 0,
    planGists: text(row.plan_gists)
      .split('\n')
      .filter((g) => g.trim() !== ''),
    sampledPlan: planTree(row.sampled_plan),
    indexRecommendations: text(row.index_recommendations)
      .split('\n')
      .filter((r) => r.trim() !== ''),
  };
  const p99 = optNumber(row.p99_latency);
  if (p99 !== undefined) h.p99Latency = p99;
  return h;
}

export function statementHistory(
  executor: SqlExecutor,
  features: SqlFeatures,
  q: StatementHistoryQuery,
  opts: RunOptions = {},
): Promise<WorkloadResult<StatementHour>> {
  return runPlans(
    executor,
    statementHistoryPlans(features, q),
    statementHourFromRow,
    l10n.t('statement statistics'),
    opts,
  );
}
