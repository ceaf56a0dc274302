// TLS trust: the cluster CA file, unknown CAs, wrong host names, expired
// certificates and the explicit skip-verify opt-in — over real TLS sockets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startClusterSimulator, startTlsFaultServer } from '../../../../src/sim';
import type { RunningClusterSim } from '../../../../src/sim';
import { ClusterClient } from '../../../../src/api/cluster/client';
import { rejection, signedInClient } from './simClient';

describe('ClusterClient over TLS', () => {
  let sim: RunningClusterSim;
  let caPem: string;
  before(async () => {
    sim = await startClusterSimulator({ profile: 'v25', nodes: 2, rangesPerNode: 5, sessionsPerNode: 2, tls: true });
    caPem = readFileSync(sim.caFile!, 'utf8');
  });
  after(() => sim.close());

  it('trusts the cluster when given its CA file', async () => {
    assert.match(sim.clusterUrl, /^https:/);
    const { client } = await signedInClient(sim, 'admin', { caPem });
    assert.equal((await client.nodesPage({ limit: 5 })).items.length, 2);
  });

  it('refuses a self-signed cluster without its CA and says to set the CA file', async () => {
    const e = await rejection(new ClusterClient({ baseUrl: sim.clusterUrl, retries: 2 }).health(false));
    assert.equal(e.kind, 'tls');
    assert.match(e.message, /unknown CA/);
    assert.match(e.message, /CA file/);
  });

  it('connects with skipTlsVerify only when explicitly true', async () => {
    await new ClusterClient({ baseUrl: sim.clusterUrl, skipTlsVerify: true }).health(false);
    assert.equal(
      (await rejection(new ClusterClient({ baseUrl: sim.clusterUrl, skipTlsVerify: false }).health(false))).kind,
      'tls',
    );
  });

  for (const [kind, pattern] of [
    ['wrongHost', /does not cover host "127\.0\.0\.1".*wrong-host\.sim\.invalid/],
    ['expired', /has expired/],
    ['unknownCa', /unknown CA.*CA file/],
  ] as const) {
    it(`explains a ${kind} certificate`, async () => {
      const fault = await startTlsFaultServer(kind);
      try {
        const client = new ClusterClient({ baseUrl: fault.url, caPem: readFileSync(fault.caFile, 'utf8'), retries: 2 });
        const e = await rejection(client.health(false));
        assert.equal(e.kind, 'tls');
        assert.match(e.message, pattern);
      } finally {
        await fault.close();
      }
    });
  }
});
