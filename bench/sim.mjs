// The simulated cluster, in this process, for the benchmarks. startClusterSimulator()
// caps clusters at 500 nodes, and the brief measures 1,000, so larger clusters are
// composed here from the simulator's own parts (topology, state, handler) — the same
// code path, only without the cap. Bundled by bench/build.mjs (it imports TypeScript).
import http from 'node:http';
import { startClusterSimulator } from '../src/sim/index.ts';
import { makeTopology } from '../src/sim/data/topology.ts';
import { makeHandler } from '../src/sim/server.ts';
import { SimState } from '../src/sim/state.ts';

export async function startSim({ nodes = 9, latencyMs = 0, hotRangesPerNode = 128 } = {}) {
  if (nodes <= 500) {
    const sim = await startClusterSimulator({
      port: 0,
      nodes,
      latencyMs,
      insecure: true,
      hotRangesPerNode,
      rangesPerNode: 200,
    });
    return { url: sim.clusterUrl, close: () => sim.close() };
  }
  const topo = makeTopology({
    seed: 42,
    profile: 'v25',
    nodes,
    rangesPerNode: 200,
    sessionsPerNode: 20,
    hotRangesPerNode,
  });
  const state = new SimState(topo, 'v25', true, 7 * 24 * 3600);
  state.control().setLatency(latencyMs);
  const server = http.createServer(makeHandler(state));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
