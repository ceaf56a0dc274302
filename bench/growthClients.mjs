// The client-side work of each growth curve (bench/growth.mjs): what the extension does
// with a cluster of that size, fetch and model, against a simulator in another process.
// Bundled by bench/build.mjs (it imports the TypeScript sources, as the extension bundle does).
import { ClusterClient } from '../src/api/cluster/client.ts';
import { outcomeOf } from '../src/editor/outcome.ts';
import { hotRangeRow, nodeSummaries } from '../src/webviews/convert.ts';
import { ACTIVITY_LIMIT, ACTIVITY_MAX_RESULT_BYTES } from '../src/webviews/model/activityColumns.ts';
import { statementRow } from '../src/webviews/workloadConvert.ts';

const TIMEOUT_MS = 300_000;
/** Generous enough for 100,000 rows of SQL results; the setting's default would cut them short on purpose. */
const RESULT_BYTES = 256 * 1024 * 1024;

/** 12 columns of the types a SELECT returns (INT8 past 2^53, DECIMAL, JSONB, arrays, NULLs), as bench/webview/sqlResults.html shows. */
export function resultsSql(n) {
  return `SELECT i AS id, 9007199254740993 + i AS account, 'user ' || i AS name,
  (i * 7919 % 1000000)::DECIMAL / 100 AS balance, (i % 997)::FLOAT8 / 7 AS ratio,
  TIMESTAMPTZ '2026-01-01 00:00:00+00' + i * INTERVAL '1 second' AS created_at, i % 2 = 0 AS active,
  ARRAY['tag' || (i % 13), 'city' || (i % 7)] AS tags,
  ('{"n": ' || i || ', "ok": ' || (i % 2 = 0) || ', "list": [1, 2, 3]}')::JSONB AS attrs,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || i END AS note,
  md5(i::STRING) AS digest, 'city ' || (i * 3 % 7) AS city
FROM generate_series(1, ${Math.trunc(n)}) AS g(i)`;
}

/**
 * The series: for each, how the simulator is sized for `n` (bench/growthSim.ts options),
 * and `prepare(url, n)` → `{work}`, where `work()` is one timed fetch + model returning
 * the number of rows it produced. What `prepare` does is set-up the panel has cached
 * (the node list for localities, the cluster's version), outside the timings.
 */
export const SERIES = [
  {
    id: 'hot_ranges',
    label: 'Hot ranges (rows)',
    // Every replica hot, so each of the n ranges comes from its 3 replicas: 3n entries, n rows.
    sim: (n) => {
      const nodes = n <= 1000 ? 10 : 100;
      return { nodes, rangesPerNode: (3 * n) / nodes, hotRangesPerNode: (3 * n) / nodes };
    },
    async prepare(url) {
      const client = new ClusterClient({ baseUrl: url, timeoutMs: TIMEOUT_MS });
      const nodes = [];
      for await (const node of client.allNodes()) nodes.push(node);
      const localities = new Map(nodeSummaries(nodes).map((s) => [s.nodeId, s.locality]));
      // What HotRangesPanel.load does: every page, de-duplicated, then one row per range.
      return { work: async () => (await client.hotRanges()).ranges.map((h) => hotRangeRow(h, localities)).length };
    },
  },
  {
    id: 'nodes',
    label: 'Nodes',
    sim: (n) => ({ nodes: n, rangesPerNode: 20, sessionsPerNode: 2, hotRangesPerNode: 4 }),
    async prepare(url) {
      const client = new ClusterClient({ baseUrl: url, timeoutMs: TIMEOUT_MS });
      // The panels' node list: every page of nodes/, then the summaries they show.
      return {
        work: async () => {
          const nodes = [];
          for await (const node of client.allNodes()) nodes.push(node);
          return nodeSummaries(nodes).length;
        },
      };
    },
  },
  {
    id: 'sessions',
    label: 'Sessions',
    sim: (n) => {
      const nodes = n <= 1000 ? 10 : 100;
      return { nodes, sessionsPerNode: n / nodes };
    },
    async prepare(url) {
      const client = new ClusterClient({ baseUrl: url, timeoutMs: TIMEOUT_MS });
      return {
        work: async () => {
          let rows = 0;
          for await (const page of client.allSessions()) rows += page.items.length;
          return rows;
        },
      };
    },
  },
  {
    id: 'sql_activity',
    label: 'SQL activity (fingerprints)',
    // A few more than n: a fingerprint that ran in none of the simulated hours has no row.
    sim: (n) => ({ fingerprints: Math.round(n * 1.01) }),
    async prepare(url) {
      const client = new ClusterClient({ baseUrl: url, timeoutMs: TIMEOUT_MS });
      // The panel's query (src/webviews/sqlActivityPanel.ts): the top ACTIVITY_LIMIT by total time.
      const query = {
        window: { start: new Date(Date.now() - 7 * 24 * 3_600_000), end: new Date() },
        metric: 'totalTime',
        includeInternal: true,
        limit: ACTIVITY_LIMIT,
      };
      const opts = { maxResultBytes: ACTIVITY_MAX_RESULT_BYTES, timeoutMs: TIMEOUT_MS };
      const work = async () => {
        const r = await client.workload('statements', query, opts);
        if (r.status !== 'ok') throw new Error(`the simulator answered ${r.status}: ${r.reason}`);
        return r.items.map(statementRow).length;
      };
      // Learns the version and starts the simulator's SQL engine (seconds) outside the timings.
      await work();
      return { work };
    },
  },
  {
    id: 'sql_results',
    label: 'SQL results (rows)',
    sim: () => ({}),
    async prepare(url, n) {
      const client = new ClusterClient({ baseUrl: url, timeoutMs: TIMEOUT_MS });
      const batch = { statements: [{ sql: resultsSql(n) }], maxResultBytes: RESULT_BYTES };
      // Run SQL's path (src/editor/runSql.ts): one statement over sql/, then the cells as exact text.
      const work = async () => {
        const res = await client.executeSql(batch, { timeoutMs: TIMEOUT_MS });
        const r = res.statements[0];
        if (!r || r.truncated) throw new Error(`the results were ${r ? 'truncated' : 'missing'}`);
        return outcomeOf(r, batch.statements[0].sql).rows.length;
      };
      return { work };
    },
  },
];
