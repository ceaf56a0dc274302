import assert from 'node:assert/strict';
import type { Sim } from './simHttp';
import { ADMIN, VIEWER, get, login, startSim } from './simHttp';

describe('cluster sim: authentication', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ nodes: 3 });
  });
  after(() => sim.close());

  it('exposes an admin and a non-admin user', () => {
    assert.deepEqual(
      sim.users.map((u) => [u.username, u.admin]),
      [
        ['admin', true],
        ['viewer', false],
      ],
    );
  });

  it('logs in with a form body; token only in the body, no header or cookie', async () => {
    const res = await fetch(sim.api('login/'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=ADMIN&password=cockroach-admin',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-cockroach-api-session'), null);
    assert.equal(res.headers.get('set-cookie'), null);
    const body = (await res.json()) as { session: string };
    assert.match(body.session, /^[A-Za-z0-9+/]+={0,2}$/);
  });

  it('rejects a JSON login body with 400 username not specified (plain text)', async () => {
    const res = await fetch(sim.api('login/'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), 'username not specified\n');
  });

  it('answers 401 plain text on a wrong password', async () => {
    const res = await fetch(sim.api('login/'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=admin&password=nope',
    });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /credentials did not match/);
  });

  it('distinguishes missing (401), undecodable (400) and unknown (401) session headers', async () => {
    let res = await get(sim, 'nodes/');
    assert.equal(res.status, 401);
    assert.equal(await res.text(), 'invalid session header\n');
    res = await get(sim, 'nodes/', 'not base64 !!');
    assert.equal(res.status, 400);
    assert.equal(await res.text(), 'invalid session header\n');
    res = await get(sim, 'nodes/', Buffer.from([0x08, 0x7f, 0x12, 0x02, 1, 2]).toString('base64'));
    assert.equal(res.status, 401);
    assert.equal(await res.text(), 'the provided authentication session could not be validated\n');
  });

  it('forbids admin routes to a non-admin but serves user routes', async () => {
    const token = await login(sim, VIEWER);
    for (const p of ['nodes/', 'ranges/hot/', 'sessions/', 'events/', 'nodes/1/ranges/', 'ranges/1/']) {
      const res = await get(sim, p, token);
      assert.equal(res.status, 403, p);
      assert.equal(await res.text(), 'user not allowed to access this endpoint\n');
    }
    for (const p of ['users/', 'databases/', 'databases/movr/tables/'])
      assert.equal((await get(sim, p, token)).status, 200, p);
  });

  it('logout revokes the session; a second logout is 400', async () => {
    const token = await login(sim);
    assert.equal((await get(sim, 'nodes/', token)).status, 200);
    const before = sim.control.revokedSessions();
    const out = await fetch(sim.api('logout/'), { method: 'POST', headers: { 'X-Cockroach-API-Session': token } });
    assert.equal(out.status, 200);
    assert.deepEqual(await out.json(), { logged_out: true });
    assert.equal(sim.control.revokedSessions(), before + 1);
    const res = await get(sim, 'nodes/', token);
    assert.equal(res.status, 401);
    const again = await fetch(sim.api('logout/'), { method: 'POST', headers: { 'X-Cockroach-API-Session': token } });
    assert.equal(again.status, 400);
    assert.equal(await again.text(), 'invalid session\n');
  });

  it('logout without a header is 400 invalid or unspecified session', async () => {
    const res = await fetch(sim.api('logout/'), { method: 'POST' });
    assert.equal(res.status, 400);
    assert.equal(await res.text(), 'invalid or unspecified session\n');
  });

  it('expireAllSessions makes existing tokens fail with 401', async () => {
    const token = await login(sim);
    const active = sim.control.activeSessionCount();
    assert.ok(active >= 1);
    sim.control.expireAllSessions();
    assert.equal(sim.control.activeSessionCount(), 0);
    assert.equal((await get(sim, 'nodes/', token)).status, 401);
  });

  it('requires the trailing slash', async () => {
    const token = await login(sim);
    const res = await get(sim, 'nodes', token);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '404 page not found\n');
    assert.equal((await get(sim, 'nodes/', token)).status, 200);
  });
});

describe('cluster sim: session TTL and insecure mode', () => {
  it('expires sessions after sessionTtlSeconds', async () => {
    const sim = await startSim({ nodes: 3, sessionTtlSeconds: 1 });
    try {
      const token = await login(sim);
      assert.equal((await get(sim, 'nodes/', token)).status, 200);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await get(sim, 'nodes/', token)).status, 401);
    } finally {
      await sim.close();
    }
  });

  it('serves every route as root without a session when insecure (v22.1.11+)', async () => {
    const sim = await startSim({ nodes: 3, insecure: true });
    try {
      assert.match(sim.clusterUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await get(sim, 'nodes/')).status, 200);
      assert.equal((await get(sim, 'sessions/', 'garbage!!')).status, 200);
    } finally {
      await sim.close();
    }
  });

  it('still demands a session on an insecure v21 cluster', async () => {
    const sim = await startSim({ nodes: 3, insecure: true, profile: 'v21' });
    try {
      assert.equal((await get(sim, 'nodes/')).status, 401);
    } finally {
      await sim.close();
    }
  });
});
