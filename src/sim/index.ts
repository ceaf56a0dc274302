// Public entry point of the simulated CockroachDB cluster (Cluster API v2).
// See types.ts for the options and control surface, tls.ts for the faulty
// TLS servers, data/hostile.ts for HOSTILE_STRINGS.

import { closeEngine } from './sql/engine';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SIM_USERS } from './auth';
import { makeTopology } from './data/topology';
import { makeHandler } from './server';
import { SimState } from './state';
import type { ServerTls } from './tls';
import { serverTls } from './tls';
import type { RunningClusterSim, SimOptions } from './types';

export type { RunningClusterSim, SimControl, SimOptions, SimProfile, SimUser } from './types';
export { HOSTILE_STRINGS } from './data/hostile';
export { startTlsFaultServer } from './tls';
export type { TlsFaultKind, TlsFaultServer } from './tls';
export { SIM_USERS } from './auth';

const clamp = (v: number | undefined, def: number, min: number, max: number): number =>
  v === undefined || !Number.isFinite(v) ? def : Math.min(max, Math.max(min, Math.floor(v)));

export async function startClusterSimulator(options: SimOptions = {}): Promise<RunningClusterSim> {
  const profile = options.profile ?? 'v25';
  const topo = makeTopology({
    seed: clamp(options.seed, 42, 0, 2 ** 32 - 1),
    profile,
    nodes: clamp(options.nodes, 9, 1, 500),
    rangesPerNode: clamp(options.rangesPerNode, 200, 1, 10_000),
    sessionsPerNode: clamp(options.sessionsPerNode, 20, 0, 2_000),
    hotRangesPerNode: clamp(options.hotRangesPerNode, 128, 0, 10_000),
  });
  // For the auth check, an insecure cluster that still demands a session is a secure one.
  const anonymous = options.insecure === true && options.insecureNeedsSession !== true;
  const sim = new SimState(topo, profile, anonymous, options.sessionTtlSeconds ?? 7 * 24 * 3600);
  const control = sim.control();
  control.setDownNodes(options.downNodes ?? []);
  control.setFailRate(options.failRate ?? 0);
  control.setLatency(options.latencyMs ?? 0);
  if (options.deadNodeDelayMs !== undefined) control.setDeadNodeDelay(options.deadNodeDelayMs);
  control.setVirtualCluster(options.virtualized === true);

  const handler = makeHandler(sim);
  let tls: ServerTls | undefined;
  let server: http.Server;
  if (options.tls) {
    tls = serverTls(typeof options.tls === 'object' ? options.tls.dir : undefined);
    server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler);
  } else {
    server = http.createServer(handler);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    clusterUrl: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    caFile: tls?.caFile,
    users: SIM_USERS.map((u) => ({ ...u })),
    control,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        // Stalled requests must not keep the server open.
        server.closeAllConnections();
        server.close(() => {
          tls?.cleanup();
          void closeEngine(sim).finally(resolve);
        });
      })),
  };
}
