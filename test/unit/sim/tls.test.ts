import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTlsFaultServer } from '../../../src/sim/index';
import { ADMIN, startSim } from './simHttp';

function request(
  url: string,
  ca: string | undefined,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method ?? 'GET', ca, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('cluster sim: TLS', () => {
  it('serves HTTPS with a generated CA; login and nodes work when the CA is trusted', async () => {
    const sim = await startSim({ nodes: 3, tls: true });
    try {
      assert.match(sim.clusterUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(sim.caFile);
      const ca = readFileSync(sim.caFile, 'utf8');
      assert.match(ca, /BEGIN CERTIFICATE/);
      const login = await request(sim.api('login/'), ca, {
        method: 'POST',
        body: new URLSearchParams(ADMIN).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(login.status, 200);
      const token = (JSON.parse(login.body) as { session: string }).session;
      const nodes = await request(sim.api('nodes/'), ca, { headers: { 'X-Cockroach-API-Session': token } });
      assert.equal(nodes.status, 200);
      await assert.rejects(
        request(sim.api('health/'), undefined),
        (e: NodeJS.ErrnoException) => e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      );
    } finally {
      await sim.close();
    }
  });

  it('reuses the CA kept in tls.dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-tls-test-'));
    try {
      const a = await startSim({ nodes: 1, tls: { dir } });
      const caA = readFileSync(a.caFile!, 'utf8');
      await a.close();
      const b = await startSim({ nodes: 1, tls: { dir } });
      assert.equal(b.caFile, join(dir, 'ca.crt'));
      assert.equal(readFileSync(b.caFile!, 'utf8'), caA);
      assert.equal((await request(b.api('health/'), caA)).status, 200);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const cases = [
    ['wrongHost', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['expired', 'CERT_HAS_EXPIRED'],
    ['unknownCa', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ] as const;
  for (const [kind, code] of cases) {
    it(`a ${kind} server is rejected by default verification with ${code}`, async () => {
      const bad = await startTlsFaultServer(kind);
      try {
        const ca = readFileSync(bad.caFile, 'utf8');
        await assert.rejects(request(`${bad.url}/api/v2/health/`, ca), (e: NodeJS.ErrnoException) => {
          assert.equal(e.code, code);
          return true;
        });
      } finally {
        await bad.close();
      }
    });
  }
});
