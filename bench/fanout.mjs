// Fan-out against the real limit: the simulated cluster runs as its own process (the CLI,
// started as the extension-host tests start it: e2e/sim.mjs) with a fixed latency per
// request, so it shares no event loop with the clients. Each client's bounded fan-out is
// timed beside a bare fetch pool of the same concurrency over the same requests (the ratio
// with a target), and beside the ideal ceil(N / c) × latency (reported only). The client
// side is bench/fanoutClients.mjs.
import { startSim } from '../e2e/sim.mjs';
import { loadBenchModule } from './build.mjs';

const LATENCY_MS = 20;
/** ClusterClient's default. */
const RANGES_CONCURRENCY = 8;
const SQL_REQUESTS = 32;
const SQL_CONCURRENCY = 4;
/** CHART_CONCURRENCY in src/clusters/overviewData.ts: readCharts sets its own. */
const CHART_CONCURRENCY = 3;

async function withSim(args, logName, fn) {
  const sim = await startSim(['--insecure', '--latency', String(LATENCY_MS), '--control', ...args], { logName });
  try {
    return await fn({ url: sim.clusterUrl, controlUrl: sim.controlUrl });
  } finally {
    await sim.stop();
  }
}

export async function benchFanout({ runs = 15 } = {}) {
  const { rangesFanOut, sqlFanOut, tsFanOut } = await loadBenchModule('fanoutClients');
  const common = { latencyMs: LATENCY_MS, runs };
  const { ranges, sql } = await withSim(['--nodes', '100'], 'bench-fanout-sim.log', async (s) => ({
    ranges: await rangesFanOut({ ...s, ...common, nodes: 100, concurrency: RANGES_CONCURRENCY }),
    sql: await sqlFanOut({ ...s, ...common, requests: SQL_REQUESTS, concurrency: SQL_CONCURRENCY }),
  }));
  // The overview's per-node charts of a 9-node cluster, as bench/tsQuery.mjs sizes it.
  const ts = await withSim(['--nodes', '9'], 'bench-fanout-ts-sim.log', (s) =>
    tsFanOut({ ...s, ...common, concurrency: CHART_CONCURRENCY }),
  );
  return { ranges, sql, ts };
}
