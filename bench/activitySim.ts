// A simulated cluster with many statement fingerprints, in its own process, for
// bench/activityQuery.mjs: `tsx bench/activitySim.ts [fingerprints]`. Composed from the
// simulator's parts (as bench/sim.mjs does) because startClusterSimulator() has no
// fingerprint count; its SQL engine (PGlite) cannot be bundled, hence tsx and a process.
// Prints one JSON line `{"clusterUrl": …}` when listening; stops on SIGTERM/SIGINT.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTopology } from '../src/sim/data/topology';
import { makeHandler } from '../src/sim/server';
import { closeEngine } from '../src/sim/sql/engine';
import { setFingerprintCount } from '../src/sim/sql/genStatements';
import { SimState } from '../src/sim/state';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_100);
  const topo = makeTopology({
    seed: 42,
    profile: 'v25',
    nodes: 3,
    rangesPerNode: 20,
    sessionsPerNode: 2,
    hotRangesPerNode: 4,
  });
  setFingerprintCount(topo, count);
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
