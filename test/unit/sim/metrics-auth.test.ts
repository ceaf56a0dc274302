// Authentication of the metrics routes (the DB Console's cookie mux, not the API header) and
// what an application virtual cluster serves of them.
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { MINUTE_MS, nanos, postTs, vars } from './metricsHttp';
import type { Sim } from './simHttp';
import { ADMIN, VIEWER, login, startSim } from './simHttp';

const NOW_QUERY = (names: string[]): Record<string, unknown> => {
  const now = Date.now();
  return { start_nanos: nanos(now - 5 * MINUTE_MS), end_nanos: nanos(now), queries: names.map((name) => ({ name })) };
};

function metadata(sim: Sim, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sim.clusterUrl}/_admin/v1/metricmetadata`, { headers });
}

describe('cluster sim: metrics routes, authentication', () => {
  describe('secure v25', () => {
    let sim: Sim;
    before(async () => {
      sim = await startSim({ nodes: 3 });
    });
    after(() => sim.close());

    it('refuses /ts/query and metricmetadata without a valid session cookie, with the mux’s one message', async () => {
      const token = await login(sim);
      const refusals: Record<string, string>[] = [
        {},
        { 'X-Cockroach-API-Session': token },
        { Cookie: 'session=not-base64!' },
        { Cookie: 'session=CAESEAAAAAAAAAAAAAAAAAAAAAA=' },
      ];
      for (const headers of refusals) {
        const ts = await postTs(sim, NOW_QUERY(['cr.node.sql.conns']), headers);
        assert.equal(ts.status, 401, JSON.stringify(headers));
        assert.equal(ts.text, 'a valid authentication cookie or JWT is required\n');
        const md = await metadata(sim, headers);
        assert.equal(md.status, 401);
        assert.equal(md.headers.get('content-type'), 'text/plain; charset=utf-8');
      }
      assert.ok(sim.control.requestCount('/ts/query') >= refusals.length);
    });

    it('serves any signed-in user with `Cookie: session=<the login/ token>`', async () => {
      for (const user of [ADMIN, VIEWER]) {
        const cookie = `session=${await login(sim, user)}`;
        const ts = await postTs(sim, NOW_QUERY(['cr.node.sql.conns']), { Cookie: cookie });
        assert.equal(ts.status, 200, ts.text);
        assert.ok(ts.json.results[0].datapoints.length > 0);
        assert.equal((await metadata(sim, { Cookie: cookie })).status, 200);
      }
    });

    it('refuses a revoked or expired session', async () => {
      const token = await login(sim);
      const out = await fetch(sim.api('logout/'), { method: 'POST', headers: { 'X-Cockroach-API-Session': token } });
      assert.equal(out.status, 200);
      assert.equal((await postTs(sim, NOW_QUERY(['cr.node.sql.conns']), { Cookie: `session=${token}` })).status, 401);
      const other = await login(sim);
      sim.control.expireAllSessions();
      assert.equal((await metadata(sim, { Cookie: `session=${other}` })).status, 401);
    });

    it('serves /_status/vars with no authentication at all', async () => {
      const res = await vars(sim);
      assert.equal(res.status, 200);
    });
  });

  it('says the pre-JWT message on v23', async () => {
    const sim = await startSim({ nodes: 3, profile: 'v23' });
    try {
      const ts = await postTs(sim, NOW_QUERY(['cr.node.sql.conns']));
      assert.equal(ts.status, 401);
      assert.equal(ts.text, 'a valid authentication cookie is required\n');
    } finally {
      await sim.close();
    }
  });

  it('needs nothing on an insecure cluster', async () => {
    const sim = await startSim({ nodes: 3, insecure: true });
    try {
      assert.equal((await postTs(sim, NOW_QUERY(['cr.node.sql.conns']))).status, 200);
      assert.equal((await metadata(sim)).status, 200);
    } finally {
      await sim.close();
    }
  });

  describe('virtualized', () => {
    let sim: Sim;
    let aggregated: string;
    before(async () => {
      sim = await startSim({ nodes: 3, virtualized: true });
      const res = await fetch(`${sim.clusterUrl}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      const line = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
      aggregated = line.split(';')[0]!;
    });
    after(() => sim.close());

    it('serves an application cluster only its own sql.* series; the system cluster everything', async () => {
      const names = ['cr.node.sql.query.count', 'cr.store.capacity', 'cr.node.sys.rss'];
      const app = await postTs(sim, NOW_QUERY(names), { Cookie: `${aggregated}; tenant=app` });
      assert.equal(app.status, 200, app.text);
      assert.deepEqual(
        app.json.results.map((r: { datapoints: unknown[] }) => r.datapoints.length > 0),
        [true, false, false],
      );
      assert.equal(sim.control.tenantRequestCount('app', 'ts/query'), 1);
      const system = await postTs(sim, NOW_QUERY(names), {
        Cookie: `${aggregated}; tenant=system`,
        'X-Cockroach-Tenant': 'system',
      });
      assert.equal(system.status, 200, system.text);
      assert.ok(system.json.results.every((r: { datapoints: unknown[] }) => r.datapoints.length > 0));
    });

    it('checks the session of the cluster the tenant cookie names', async () => {
      const res = await postTs(sim, NOW_QUERY(['cr.node.sql.conns']), {
        Cookie: `${aggregated}; tenant=app`,
        'X-Cockroach-Tenant': 'system',
      });
      assert.equal(res.status, 401);
    });

    it('exports only SQL metrics, labelled with the tenant, from an application cluster’s vars', async () => {
      const families = parsePrometheusTextFormat(`${await (await vars(sim)).text()}\n`);
      const names = families.map((f) => f.name);
      assert.ok(names.includes('sql_conns') && names.includes('node_id') && names.includes('build_timestamp'));
      assert.ok(
        names.every((n) => n.startsWith('sql_') || n === 'node_id' || n === 'build_timestamp'),
        names.join(),
      );
      const conns = families.find((f) => f.name === 'sql_conns')!;
      assert.deepEqual(conns.metrics[0]!.labels, { node_id: '1', tenant: 'app' });
      const system = parsePrometheusTextFormat(
        `${await (await vars(sim, '', { 'X-Cockroach-Tenant': 'system' })).text()}\n`,
      );
      assert.ok(system.some((f) => f.name === 'capacity'));
      const md = (await (await metadata(sim, { Cookie: `${aggregated}; tenant=app` })).json()) as {
        metadata: Record<string, unknown>;
      };
      assert.ok(
        Object.keys(md.metadata).every((k) => k.startsWith('sql.') || k === 'node-id' || k === 'build.timestamp'),
      );
    });
  });
});
