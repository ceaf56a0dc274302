// CLI: `npm run sim -- --port 0 --profile v25 --nodes 9 [--insecure | --tls DIR]
// [--seed N] [--latency MS] [--down-node K]… [--fail-rate P] [--session-ttl S]
// [--ranges-per-node N] [--sessions-per-node N] [--cloud] [--control] [--virtualized] [--tls-fault KIND]…`.
// --insecure-needs-session: with --insecure, still demand a session (v22.1.0–.10).
// --dead-node-delay MS: how long nodes/{id}/ranges/ of a down node takes to fail (default 3000).
// --virtualized: the port serves the application virtual cluster `app` by default (see tenants.ts).
// --control adds a control port (see control.ts) whose URL the ready line gives as controlUrl
// (with --cloud it also drives the Cloud simulator: /cloud/fail-next and friends).
// --tls-fault wrongHost|expired|unknownCa also starts a deliberately broken HTTPS server
// (tls.ts) in this process; the ready line gives `tlsFaults: {KIND: {url, caFile}}`.
// Prints one JSON line when ready (clusterUrl, caFile, users, and with --cloud
// cloudUrl/cloudApiKey) and stops cleanly on SIGTERM/SIGINT.

import { parseArgs } from 'node:util';
import { startControlServer, type CloudControlPort } from './control';
import { startClusterSimulator, startTlsFaultServer, type TlsFaultKind, type TlsFaultServer } from './index';
import type { SimOptions, SimProfile } from './types';

interface CloudSim {
  cloudUrl: string;
  cloudApiKey: string;
  control?: CloudControlPort;
  close(): Promise<void>;
}
type StartCloud = (opts: {
  port?: number;
  seed?: number;
  advancedClusterUiDns: string;
  advancedClusterCaFile?: string;
}) => Promise<CloudSim>;

const PROFILES: SimProfile[] = ['v21', 'v23', 'v25', 'v26', 'seed-spec'];

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got ${JSON.stringify(v)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      profile: { type: 'string', default: 'v25' },
      nodes: { type: 'string' },
      insecure: { type: 'boolean' },
      'insecure-needs-session': { type: 'boolean' },
      'dead-node-delay': { type: 'string' },
      tls: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'down-node': { type: 'string', multiple: true },
      'fail-rate': { type: 'string' },
      'session-ttl': { type: 'string' },
      'ranges-per-node': { type: 'string' },
      'sessions-per-node': { type: 'string' },
      cloud: { type: 'boolean' },
      control: { type: 'boolean' },
      virtualized: { type: 'boolean' },
      'tls-fault': { type: 'string', multiple: true },
    },
    strict: true,
  });
  const profile = values.profile as SimProfile;
  if (!PROFILES.includes(profile)) throw new Error(`--profile must be one of ${PROFILES.join(', ')}`);
  if (values.insecure && (values.tls !== undefined || values.cloud))
    throw new Error('--insecure cannot be combined with --tls or --cloud');
  if (values['insecure-needs-session'] && !values.insecure)
    throw new Error('--insecure-needs-session needs --insecure');
  const opts: SimOptions = {
    port: num(values.port, 'port'),
    profile,
    nodes: num(values.nodes, 'nodes'),
    insecure: values.insecure === true,
    insecureNeedsSession: values['insecure-needs-session'] === true,
    deadNodeDelayMs: num(values['dead-node-delay'], 'dead-node-delay'),
    // Cloud (Advanced) clusters are only reachable over HTTPS.
    tls: values.tls !== undefined ? { dir: values.tls } : values.cloud === true,
    seed: num(values.seed, 'seed'),
    latencyMs: num(values.latency, 'latency'),
    downNodes: (values['down-node'] ?? []).map((v) => num(v, 'down-node') as number),
    failRate: num(values['fail-rate'], 'fail-rate'),
    sessionTtlSeconds: num(values['session-ttl'], 'session-ttl'),
    rangesPerNode: num(values['ranges-per-node'], 'ranges-per-node'),
    sessionsPerNode: num(values['sessions-per-node'], 'sessions-per-node'),
    virtualized: values.virtualized === true,
  };
  const sim = await startClusterSimulator(opts);
  let cloud: CloudSim | undefined;
  if (values.cloud) {
    // Loaded lazily: the Cloud simulator is optional and owned elsewhere.
    const modPath = './cloud/index';
    const mod = (await import(modPath)) as { startCloudSimulator?: StartCloud };
    if (typeof mod.startCloudSimulator !== 'function')
      throw new Error('src/sim/cloud/index.ts does not export startCloudSimulator');
    cloud = await mod.startCloudSimulator({
      seed: opts.seed,
      advancedClusterUiDns: new URL(sim.clusterUrl).host,
      advancedClusterCaFile: sim.caFile,
    });
  }
  const faultKinds: TlsFaultKind[] = ['wrongHost', 'expired', 'unknownCa'];
  const tlsFaults: Partial<Record<TlsFaultKind, TlsFaultServer>> = {};
  for (const k of values['tls-fault'] ?? []) {
    if (!faultKinds.includes(k as TlsFaultKind)) throw new Error(`--tls-fault must be one of ${faultKinds.join(', ')}`);
    tlsFaults[k as TlsFaultKind] ??= await startTlsFaultServer(k as TlsFaultKind);
  }
  const tlsFaultInfo = Object.fromEntries(
    Object.entries(tlsFaults).map(([k, f]) => [k, { url: f.url, caFile: f.caFile }]),
  );
  const control = values.control
    ? await startControlServer(sim.control, cloud?.control, { tlsFaults: tlsFaultInfo })
    : undefined;
  process.stdout.write(
    `${JSON.stringify({
      clusterUrl: sim.clusterUrl,
      caFile: sim.caFile,
      users: sim.users,
      profile,
      nodes: opts.nodes ?? 9,
      insecure: opts.insecure,
      ...(opts.virtualized ? { virtualized: true, virtualClusters: ['app', 'system'] } : {}),
      ...(cloud ? { cloudUrl: cloud.cloudUrl, cloudApiKey: cloud.cloudApiKey } : {}),
      ...(control ? { controlUrl: control.url } : {}),
      ...(Object.keys(tlsFaultInfo).length ? { tlsFaults: tlsFaultInfo } : {}),
    })}\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    Promise.all([sim.close(), cloud?.close(), control?.close(), ...Object.values(tlsFaults).map((f) => f.close())])
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`crdb simulator: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
