// The client's tsQuery (request building, the POST, tolerant parsing into TsSeries) against a
// bare fetch + JSON.parse of the very same body, on the simulator in this process over real
// sockets: 8 metrics × one series per node of 9 = 72 series, an hour at 10 s (360 points each).
// Bundled by bench/build.mjs (it imports the TypeScript sources, as the extension bundle does).
import { ClusterClient } from '../src/api/cluster/client.ts';
import { buildTsQueryBody } from '../src/api/metrics/tsQuery.ts';
import { startSim } from './sim.mjs';
import { median, timeMs } from './stats.mjs';

const NODES = 9;
const HOUR_MS = 3_600_000;
const STEP_MS = 10_000;
/** What an overview panel charts per node: rates, latency, CPU, memory and storage. */
const METRICS = [
  ['cr.node.sql.query.count', 'NON_NEGATIVE_DERIVATIVE'],
  ['cr.node.sql.service.latency-p99', 'NONE'],
  ['cr.node.sys.cpu.combined.percent-normalized', 'NONE'],
  ['cr.node.sql.conns', 'NONE'],
  ['cr.node.sys.rss', 'NONE'],
  ['cr.store.capacity.used', 'NONE'],
  ['cr.store.ranges.underreplicated', 'NONE'],
  ['cr.store.replicas.leaseholders', 'NONE'],
];

function request() {
  // Whole 10 s steps, so every series has the same 360 sample times.
  const endMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const queries = [];
  for (const [name, derivative] of METRICS) {
    for (let id = 1; id <= NODES; id++) queries.push({ name, derivative, sources: [String(id)] });
  }
  return { startMs: endMs - HOUR_MS, endMs, sampleMs: STEP_MS, queries };
}

export async function benchTsQuery({ runs = 7 } = {}) {
  const sim = await startSim({ nodes: NODES });
  try {
    const req = request();
    const body = buildTsQueryBody(req);
    const client = new ClusterClient({ baseUrl: sim.url });
    let clientPoints = 0;
    let fetchPoints = 0;
    const viaClient = async () => {
      const series = await client.tsQuery(req);
      clientPoints = series.reduce((n, s) => n + s.timestamps.length, 0);
    };
    const viaFetch = async () => {
      const res = await fetch(`${sim.url}/ts/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const parsed = JSON.parse(await res.text());
      fetchPoints = parsed.results.reduce((n, r) => n + (r.datapoints?.length ?? 0), 0);
    };
    // One warm-up each, then interleaved runs so both see the same machine noise.
    await viaClient();
    await viaFetch();
    const times = { client: [], fetch: [] };
    for (let i = 0; i < runs; i++) {
      times.client.push(await timeMs(viaClient));
      times.fetch.push(await timeMs(viaFetch));
    }
    if (clientPoints !== fetchPoints || clientPoints < req.queries.length * 350)
      throw new Error(`expected ~${req.queries.length * 360} points both ways, got ${clientPoints} and ${fetchPoints}`);
    const stats = (xs) => ({ medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) });
    const c = stats(times.client);
    const f = stats(times.fetch);
    return {
      client: c,
      fetch: f,
      ratio: c.medianMs / f.medianMs,
      runs,
      series: req.queries.length,
      points: clientPoints,
      bodyBytes: body.length,
    };
  } finally {
    await sim.close();
  }
}
