// Add Cluster's probe against the simulator over real sockets: what answered (version,
// sign-in, virtual clusters), and every named reason a certificate check can fail for.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeFound,
  isCertificateProblem,
  needsSignIn,
  probeCluster,
  type ProbeFailed,
  type ProbeFound,
  type ProbeResult,
} from '../../../src/clusters/probe';
import { normaliseOrigin } from '../../../src/clusters/origin';
import { startClusterSimulator, startTlsFaultServer, type RunningClusterSim } from '../../../src/sim';
import { createCa } from '../../../src/sim/tls';

function found(r: ProbeResult): ProbeFound {
  assert.ok(r.ok, `the probe failed: ${r.ok ? '' : `${r.problem}: ${r.message}`}`);
  return r;
}

function failed(r: ProbeResult): ProbeFailed {
  assert.ok(!r.ok, 'the probe was expected to fail');
  return r;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('probeCluster (Add Cluster)', () => {
  const small = { nodes: 2, rangesPerNode: 2, sessionsPerNode: 1, hotRangesPerNode: 2 };
  let tls: RunningClusterSim;
  let insecure: RunningClusterSim;
  let dir: string;
  before(async () => {
    tls = await startClusterSimulator({ ...small, profile: 'v25', tls: true });
    insecure = await startClusterSimulator({ ...small, profile: 'v23', insecure: true });
    dir = mkdtempSync(join(tmpdir(), 'crdb-probe-'));
  });
  after(async () => {
    await Promise.all([tls.close(), insecure.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('an insecure cluster: its version from _status/vars, no sign-in needed', async () => {
    const r = found(await probeCluster({ origin: normaliseOrigin(insecure.clusterUrl) }));
    assert.equal(r.security, 'insecure');
    assert.match(r.version ?? '', /^v23\./);
    assert.equal(r.virtualized, false);
    assert.equal(needsSignIn(r), false);
    assert.match(describeFound(r), /^CockroachDB v23\.\S+ · insecure \(plain http\): no sign-in needed$/);
  });

  it('plain http that still wants a session (v22.1.0–.10) needs sign-in', async () => {
    const sim = await startClusterSimulator({ ...small, profile: 'v23', insecure: true, insecureNeedsSession: true });
    try {
      const r = found(await probeCluster({ origin: normaliseOrigin(sim.clusterUrl) }));
      assert.equal(r.security, 'sessionOnHttp');
      assert.ok(needsSignIn(r));
      assert.match(describeFound(r), /still wants a session: sign-in comes next/);
    } finally {
      await sim.close();
    }
  });

  it('a self-signed cluster without its CA: the unknown CA is named, and a CA file is the fix', async () => {
    const r = failed(await probeCluster({ origin: normaliseOrigin(tls.clusterUrl) }));
    assert.equal(r.problem, 'unknownCa');
    assert.equal(r.reason, 'the certificate is signed by an unknown CA');
    assert.equal(r.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(r.message, /ca\.crt/);
    assert.ok(isCertificateProblem(r.problem));
  });

  it('with its CA file: secure, sign-in needed (nodes/ answers 401), version v25', async () => {
    const r = found(await probeCluster({ origin: normaliseOrigin(tls.clusterUrl), caFile: tls.caFile! }));
    assert.equal(r.security, 'secure');
    assert.equal(r.version, 'v25.2.4');
    assert.ok(needsSignIn(r));
    assert.match(describeFound(r), /^CockroachDB v25\.2\.4 · secure: sign-in comes next$/);
  });

  it('with verification skipped: secure all the same', async () => {
    const r = found(await probeCluster({ origin: normaliseOrigin(tls.clusterUrl), skipTlsVerify: true }));
    assert.equal(r.security, 'secure');
  });

  it('a cluster whose DB Console port serves an application virtual cluster', async () => {
    const sim = await startClusterSimulator({ ...small, profile: 'v25', tls: true, virtualized: true });
    try {
      const r = found(await probeCluster({ origin: normaliseOrigin(sim.clusterUrl), caFile: sim.caFile! }));
      assert.equal(r.virtualized, true);
      assert.equal(r.security, 'secure');
      assert.equal(r.version, 'v25.2.4');
      assert.match(describeFound(r), / · serves virtual clusters$/);
    } finally {
      await sim.close();
    }
  });

  for (const [kind, problem, reason, code, text] of [
    [
      'wrongHost',
      'hostMismatch',
      'the certificate is for another host name',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      /wrong-host\.sim\.invalid/,
    ],
    ['expired', 'expired', 'the certificate has expired', 'CERT_HAS_EXPIRED', /has expired/],
    [
      'unknownCa',
      'unknownCa',
      'the certificate is signed by an unknown CA',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      /CA file/,
    ],
  ] as const) {
    it(`the ${kind} fault server: ${reason}`, async () => {
      const fault = await startTlsFaultServer(kind);
      try {
        const r = failed(await probeCluster({ origin: normaliseOrigin(fault.url), caFile: fault.caFile }));
        assert.equal(r.problem, problem);
        assert.equal(r.reason, reason);
        assert.equal(r.code, code);
        assert.match(r.message, text);
        assert.ok(isCertificateProblem(r.problem));
      } finally {
        await fault.close();
      }
    });
  }

  it('a self-signed leaf certificate (no CA at all) is an unknown CA too', async () => {
    const self = createCa('localhost');
    const server = https.createServer({ cert: self.certPem, key: self.keyPem }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const r = failed(await probeCluster({ origin: `https://127.0.0.1:${port}` }));
      assert.equal(r.problem, 'unknownCa');
      assert.equal(r.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.match(r.message, /self-signed certificate/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('https to an insecure node: it speaks plain http, and the http address is suggested', async () => {
    const origin = normaliseOrigin(insecure.clusterUrl.replace(/^http:/, 'https:'));
    const r = failed(await probeCluster({ origin }));
    assert.equal(r.problem, 'plainHttp');
    assert.equal(r.suggestedOrigin, origin.replace(/^https:/, 'http:'));
  });

  it('http to a secure node: the connection is closed, and the https address is suggested', async () => {
    const origin = normaliseOrigin(tls.clusterUrl.replace(/^https:/, 'http:'));
    const r = failed(await probeCluster({ origin }));
    assert.equal(r.problem, 'unreachable');
    assert.equal(r.suggestedOrigin, origin.replace(/^http:/, 'https:'));
  });

  it('nothing listening: unreachable, with the client’s reason', async () => {
    const r = failed(await probeCluster({ origin: `http://127.0.0.1:${await closedPort()}` }));
    assert.equal(r.problem, 'unreachable');
    assert.match(r.message, /Connection refused/);
    assert.equal(isCertificateProblem(r.problem), false);
  });

  it('a CA file that is missing, or is not a certificate, is named before any request', async () => {
    const origin = normaliseOrigin(tls.clusterUrl);
    const missing = failed(await probeCluster({ origin, caFile: join(dir, 'nope.crt') }));
    assert.equal(missing.problem, 'caFile');
    assert.equal(missing.reason, 'the CA file does not exist');
    const key = join(dir, 'node.key');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const notCert = failed(await probeCluster({ origin, caFile: key }));
    assert.equal(notCert.problem, 'caFile');
    assert.match(notCert.message, /no PEM certificate/);
  });

  it('something that is not a DB Console answers: the HTTP status is named', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(404);
      res.end('404 page not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const r = failed(await probeCluster({ origin: `http://127.0.0.1:${port}` }));
      assert.equal(r.problem, 'notCockroach');
      assert.equal(r.reason, 'health/ answered HTTP 404');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a cancelled probe says so', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = failed(await probeCluster({ origin: normaliseOrigin(insecure.clusterUrl), signal: ac.signal }));
    assert.equal(r.problem, 'cancelled');
  });
});
