// Simulator modes for two real-server behaviours: insecure clusters before v22.1.11 that
// still demand a session, and the dial timeout before a dead node's ranges fail.
import assert from 'node:assert/strict';
import { startControlServer } from '../../../src/sim/control';
import { login, startSim } from './simHttp';

describe('cluster sim: insecure with sessions, dead-node delay', () => {
  it('insecure serves anonymously; insecureNeedsSession answers 401 over plain http until signed in', async () => {
    const open = await startSim({ profile: 'v23', nodes: 2, insecure: true });
    const old = await startSim({ profile: 'v23', nodes: 2, insecure: true, insecureNeedsSession: true });
    try {
      assert.equal((await fetch(open.api('nodes/'))).status, 200);
      assert.match(old.clusterUrl, /^http:\/\//);
      const denied = await fetch(old.api('nodes/'));
      assert.equal(denied.status, 401);
      assert.equal(await denied.text(), 'invalid session header\n');
      assert.equal((await fetch(old.api('health/'))).status, 200, 'health/ needs no session');
      const token = await login(old);
      assert.equal((await fetch(old.api('nodes/'), { headers: { 'X-Cockroach-API-Session': token } })).status, 200);
    } finally {
      await open.close();
      await old.close();
    }
  });

  it('the dead-node delay is set through the control port; a hang-up during it is harmless', async () => {
    const sim = await startSim({ profile: 'v25', nodes: 3, insecure: true, downNodes: [2] });
    const control = await startControlServer(sim.control);
    try {
      assert.equal((await fetch(new URL('/dead-node-delay?ms=10', control.url), { method: 'POST' })).status, 200);
      assert.equal((await fetch(sim.api('nodes/2/ranges/'))).status, 500);
      // A client that gives up while the server is still dialling leaves the server serving.
      assert.equal((await fetch(new URL('/dead-node-delay?ms=60000', control.url), { method: 'POST' })).status, 200);
      await assert.rejects(fetch(sim.api('nodes/2/ranges/'), { signal: AbortSignal.timeout(50) }));
      assert.equal((await fetch(sim.api('nodes/1/ranges/?limit=1'))).status, 200);
      assert.equal(sim.control.requestCount('nodes/2/ranges/'), 2);
    } finally {
      await control.close();
      await sim.close();
    }
  });
});
