// The simulator's cluster virtualization against the server controller's rules:
// tenant selection, the 501 gate before authentication, per-cluster sessions,
// the fan-out /login with its aggregated cookie, /virtual_clusters and /logout.
import assert from 'node:assert/strict';
import { ADMIN, get, login, startSim, type Sim } from './simHttp';

function cookieOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    out[pair!.slice(0, eq)] = pair!.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return out;
}

async function loginAll(sim: Sim, user = ADMIN): Promise<Response> {
  return fetch(`${sim.clusterUrl}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(user),
  });
}

describe('cluster sim: --virtualized', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ nodes: 3, virtualized: true });
  });
  after(() => sim.close());

  it('refuses the application cluster’s login/ with 501; the system cluster’s works', async () => {
    const res = await fetch(sim.api('login/'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(ADMIN).toString(),
    });
    assert.equal(res.status, 501);
    assert.equal(await res.text(), 'Not Available on Tenants\n');
    const sys = await fetch(sim.api('login/'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Cockroach-Tenant': 'system' },
      body: new URLSearchParams(ADMIN).toString(),
    });
    assert.equal(sys.status, 200);
  });

  it('selects the cluster by ?cluster=, then the header, then the tenant cookie; unknown names fall back to the default', async () => {
    const before = (t: string): number => sim.control.tenantRequestCount(t, 'health/');
    const [s0, a0] = [before('system'), before('app')];
    assert.equal(
      (await fetch(sim.api('health/?cluster=system'), { headers: { 'X-Cockroach-Tenant': 'app' } })).status,
      200,
    );
    assert.equal(
      (await fetch(sim.api('health/'), { headers: { 'X-Cockroach-Tenant': 'system', Cookie: 'tenant=app' } })).status,
      200,
    );
    assert.equal((await fetch(sim.api('health/'), { headers: { Cookie: 'tenant=system' } })).status, 200);
    assert.equal((await fetch(sim.api('health/'), { headers: { 'X-Cockroach-Tenant': 'nope' } })).status, 501);
    assert.equal((await get(sim, 'health/')).status, 501);
    assert.equal(before('system') - s0, 3);
    assert.equal(before('app') - a0, 2);
  });

  it('/login signs in to every virtual cluster with one aggregated cookie that /virtual_clusters lists', async () => {
    const res = await loginAll(sim);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{}');
    const cookies = cookieOf(res);
    assert.equal(cookies.tenant, 'app');
    const parts = cookies.session!.split(',');
    assert.deepEqual([parts[1], parts[3]], ['app', 'system']);
    assert.match(
      res.headers.getSetCookie()[0]!,
      /^session="[^"]+,system"; Path=\//,
      'quoted, as Go writes a value with commas',
    );
    const list = await fetch(`${sim.clusterUrl}/virtual_clusters`, {
      headers: { Cookie: `session=${cookies.session}` },
    });
    assert.deepEqual(await list.json(), { virtual_clusters: ['app', 'system'] });
    assert.deepEqual(await (await fetch(`${sim.clusterUrl}/virtual_clusters`)).json(), { virtual_clusters: [] });
    assert.equal((await loginAll(sim, { username: 'admin', password: 'wrong' })).status, 401);
  });

  it('cookie mode takes the session of the cluster the tenant cookie names', async () => {
    const agg = cookieOf(await loginAll(sim)).session!;
    const sql = (headers: Record<string, string>): Promise<Response> =>
      fetch(sim.api('sql/'), {
        method: 'POST',
        headers: { 'X-Cockroach-API-Session': 'cookie', 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ statements: [{ sql: 'SELECT 1' }], execute: true }),
      });
    assert.equal((await sql({ Cookie: `session=${agg}` })).status, 200, 'default cluster, default session');
    assert.equal((await sql({ Cookie: `session=${agg}; tenant=system`, 'X-Cockroach-Tenant': 'system' })).status, 200);
    assert.equal(
      (await sql({ Cookie: `session=${agg}; tenant=app`, 'X-Cockroach-Tenant': 'system' })).status,
      401,
      "the app cluster's session is not valid on the system cluster",
    );
    const nodes = await fetch(sim.api('nodes/'), {
      headers: {
        'X-Cockroach-API-Session': 'cookie',
        Cookie: `session=${agg}; tenant=system`,
        'X-Cockroach-Tenant': 'system',
      },
    });
    assert.equal(nodes.status, 200);
  });

  it('/logout revokes every session of the cookie', async () => {
    const agg = cookieOf(await loginAll(sim)).session!;
    const revoked = sim.control.revokedSessions();
    const res = await fetch(`${sim.clusterUrl}/logout`, { method: 'POST', headers: { Cookie: `session=${agg}` } });
    assert.equal(res.status, 200);
    assert.equal(sim.control.revokedSessions() - revoked, 2);
    assert.match(res.headers.getSetCookie().join('\n'), /session=;/);
  });

  it('answers the sessions query through sql/ with its placeholders checked', async () => {
    const agg = cookieOf(await loginAll(sim)).session!;
    const post = (args: unknown[]): Promise<Response> =>
      fetch(sim.api('sql/'), {
        method: 'POST',
        headers: { 'X-Cockroach-API-Session': 'cookie', Cookie: `session=${agg}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          execute: true,
          statements: [
            {
              sql: 'SELECT s.node_id FROM [SHOW CLUSTER SESSIONS] AS s LEFT JOIN [SHOW CLUSTER QUERIES] AS q ON q.session_id = s.session_id LIMIT $3 OFFSET $4',
              arguments: args,
            },
          ],
        }),
      });
    const ok = (await (await post(['', true, 5, 0])).json()) as {
      execution: { txn_results: Array<{ rows: Array<{ status: string }> }> };
    };
    const rows = ok.execution.txn_results[0]!.rows;
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.status !== 'CLOSED'));
    const bad = (await (await post(['', true])).json()) as { error: { code: string } };
    assert.equal(bad.error.code, '08P01');
  });
});

describe('cluster sim: without virtualization', () => {
  it('serves the controller’s /login with a one-cluster cookie and no 501s', async () => {
    const sim = await startSim({ nodes: 1 });
    try {
      const res = await loginAll(sim);
      assert.equal(res.status, 200);
      assert.match(cookieOf(res).session!, /^[A-Za-z0-9+/=]+,system$/);
      assert.equal((await get(sim, 'nodes/', await login(sim))).status, 200);
    } finally {
      await sim.close();
    }
  });
});
