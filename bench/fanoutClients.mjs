// The clients' bounded fan-outs against a simulator in another process (bench/fanout.mjs
// starts it with a fixed latency per request), each beside a bare fetch pool of the same
// concurrency over the same requests, interleaved run by run. Also the ideal, ceil(N / c)
// waves of one latency each: what no client can beat. Bundled by bench/build.mjs (it
// imports the TypeScript sources, as the extension bundle does).
import { ClusterClient } from '../src/api/cluster/client.ts';
import { buildTsQueryBody } from '../src/api/metrics/tsQuery.ts';
import { sqlRequestBody } from '../src/api/sql/http.ts';
import { liveNodeIds, readCharts, storeIdsByNode } from '../src/clusters/overviewData.ts';
import { DEFAULT_THRESHOLDS } from '../src/domain/health/types.ts';
import { chartQueries, windowRange } from '../src/domain/overview/charts.ts';
import { pairedRatio, sideBySideRuns, summarize } from './stats.mjs';

/** Runs `fn` over `items` with at most `size` in flight. */
async function pool(items, size, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** Requests the simulator has seen so far (its control port's /stats). */
async function requestCount(controlUrl) {
  const res = await fetch(`${controlUrl}/stats`);
  return (await res.json()).requests;
}

/**
 * Times `client` and `bare` interleaved, after checking that one run of each sends the
 * simulator the same number of requests (the same fan-out, not a cheaper one).
 */
async function compare({ client, bare, requests, controlUrl, runs, latencyMs, concurrency }) {
  for (const [name, fn] of [
    ['client', client],
    ['bare fetch pool', bare],
  ]) {
    const before = await requestCount(controlUrl);
    await fn();
    const sent = (await requestCount(controlUrl)) - before;
    if (sent !== requests) throw new Error(`the ${name} sent ${sent} requests, expected ${requests}`);
  }
  const t = await sideBySideRuns({ client, bare }, runs);
  const idealMs = Math.ceil(requests / concurrency) * latencyMs;
  return {
    requests,
    concurrency,
    latencyMs,
    idealMs,
    client: summarize(t.client),
    pool: summarize(t.bare),
    poolRatio: pairedRatio(t.client, t.bare),
    idealRatio: summarize(t.client.map((ms) => ms / idealMs)),
    poolIdealRatio: summarize(t.bare.map((ms) => ms / idealMs)),
  };
}

/** The first page of ranges of every node: ClusterClient.fanOutNodeRanges at its concurrency. */
export async function rangesFanOut({ url, controlUrl, nodes, concurrency, latencyMs, runs }) {
  const client = new ClusterClient({ baseUrl: url, concurrency });
  const ids = Array.from({ length: nodes }, (_, i) => i + 1);
  // Small pages, so the figure is about scheduling the requests, not payload size.
  const urls = ids.map((id) => `${url}/api/v2/nodes/${id}/ranges/?limit=10`);
  return compare({
    client: async () => {
      const r = await client.fanOutNodeRanges(ids, { limit: 10 });
      const failed = r.filter((x) => x.error);
      if (failed.length) throw new Error(`the fan-out failed for ${failed.length} nodes: ${failed[0].error.message}`);
    },
    bare: () => pool(urls, concurrency, async (u) => JSON.parse(await (await fetch(u)).text())),
    requests: ids.length,
    controlUrl,
    runs,
    latencyMs,
    concurrency,
  });
}

/**
 * `requests` SQL statements over sql/ (ClusterClient.executeSql: typed columns, lossless
 * JSON), `concurrency` at a time, against the same bodies posted by bare fetch.
 */
export async function sqlFanOut({ url, controlUrl, requests, concurrency, latencyMs, runs }) {
  // Long enough for the first statement, which starts the simulator's SQL engine (seconds).
  const client = new ClusterClient({ baseUrl: url, timeoutMs: 120_000 });
  const batches = Array.from({ length: requests }, (_, i) => ({
    statements: [{ sql: 'SELECT id, city, name FROM movr.users ORDER BY id LIMIT 20 OFFSET $1', arguments: [i] }],
  }));
  // The very body the client sends (it sends no separate_txns before it knows the version).
  const bodies = batches.map((b) => JSON.stringify(sqlRequestBody(b, undefined)));
  // Starts the simulator's SQL engine outside the timings.
  await client.executeSql(batches[0]);
  const post = async (body) => {
    const res = await fetch(`${url}/api/v2/sql/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const parsed = JSON.parse(await res.text());
    if (parsed.error || !parsed.execution?.txn_results?.[0]?.rows?.length)
      throw new Error(`sql/ answered ${JSON.stringify(parsed).slice(0, 200)}`);
  };
  return compare({
    client: () =>
      pool(batches, concurrency, async (b) => {
        const r = await client.executeSql(b);
        if (!r.statements[0]?.rows.length) throw new Error('the client got no rows');
      }),
    bare: () => pool(bodies, concurrency, post),
    requests,
    controlUrl,
    runs,
    latencyMs,
    concurrency,
  });
}

/**
 * The Cluster overview's per-node charts as readCharts (src/clusters/overviewData.ts) reads
 * them: one /ts/query per chart, a few at a time, then the charts' model; against the same
 * bodies posted by bare fetch at the same concurrency (`concurrency` must be readCharts' own).
 */
export async function tsFanOut({ url, controlUrl, concurrency, latencyMs, runs }) {
  const client = new ClusterClient({ baseUrl: url });
  const nodes = [];
  for await (const n of client.allNodes()) nodes.push(n);
  // A fixed `now`, so that every run (and the bare pool) asks for the same window.
  const now = new Date(Math.floor(Date.now() / 10_000) * 10_000);
  const q = { window: { preset: '1h' }, perNode: true };
  const range = windowRange(q.window, now);
  const defs = chartQueries(true, liveNodeIds(nodes), storeIdsByNode(nodes));
  const bodies = defs.map((d) =>
    buildTsQueryBody({ startMs: range.startMs, endMs: range.endMs, sampleMs: range.sampleMs, queries: d.queries }),
  );
  // Reads the gateway (cached for minutes) outside the timings.
  await readCharts(client, q, nodes, DEFAULT_THRESHOLDS, undefined, now);
  const series = defs.reduce((n, d) => n + d.queries.length, 0);
  const result = await compare({
    client: async () => {
      const p = await readCharts(client, q, nodes, DEFAULT_THRESHOLDS, undefined, now);
      const missing = p.charts.filter((c) => c.unavailable);
      if (missing.length) throw new Error(`${missing.length} charts unavailable: ${missing[0].unavailable}`);
    },
    bare: () =>
      pool(bodies, concurrency, async (body) => {
        const res = await fetch(`${url}/ts/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        JSON.parse(await res.text());
      }),
    requests: defs.length,
    controlUrl,
    runs,
    latencyMs,
    concurrency,
  });
  return { ...result, charts: defs.length, series };
}
