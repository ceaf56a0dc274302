// A simulated cluster of a given size, in its own process, for the growth curves of
// bench/growth.mjs: `tsx bench/growthSim.ts '{"nodes":100,"sessionsPerNode":1000}'`.
// Composed from the simulator's parts (as bench/activitySim.ts does) because the CLI
// (src/sim/main.ts) has no hot-range or fingerprint count and caps clusters at 500 nodes
// and 2,000 sessions per node; the route code is the same, only the sizes differ.
// Prints one JSON line `{"clusterUrl": …}` when listening; stops on SIGTERM/SIGINT.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTopology } from '../src/sim/data/topology';
import { makeHandler } from '../src/sim/server';
import { closeEngine } from '../src/sim/sql/engine';
import { setFingerprintCount } from '../src/sim/sql/genStatements';
import { SimState } from '../src/sim/state';

interface Size {
  nodes?: number;
  rangesPerNode?: number;
  sessionsPerNode?: number;
  hotRangesPerNode?: number;
  fingerprints?: number;
}

async function main(): Promise<void> {
  const size = JSON.parse(process.argv[2] ?? '{}') as Size;
  const topo = makeTopology({
    seed: 42,
    profile: 'v25',
    nodes: size.nodes ?? 3,
    rangesPerNode: size.rangesPerNode ?? 20,
    sessionsPerNode: size.sessionsPerNode ?? 2,
    hotRangesPerNode: size.hotRangesPerNode ?? 4,
  });
  if (size.fingerprints !== undefined) setFingerprintCount(topo, size.fingerprints);
  const state = new SimState(topo, 'v25', true, 7 * 24 * 3600);
  const server = http.createServer(makeHandler(state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => void closeEngine(state).finally(() => process.exit(0)));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(JSON.stringify({ clusterUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
