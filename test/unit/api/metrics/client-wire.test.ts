// What the metrics client puts on the wire and how it reads refusals, against a tiny real
// HTTP server that records every request (the simulator's own routes are tested in metrics-sim).
import assert from 'node:assert/strict';
import type { SessionProvider } from '../../../../src/api/cluster/api';
import { ClusterClient } from '../../../../src/api/cluster/client';
import { cookieRefusal, cookieSessionHeaders } from '../../../../src/api/cluster/requester';
import { ApiError } from '../../../../src/api/http/errors';
import { send, startLocalServer, type LocalServer } from '../http/localServer';

const TOKEN = 'CAESEHNlY3JldC10b2tlbi12YWx1ZQ==';
const T0 = 1_760_000_000_000;

class CountingSession implements SessionProvider {
  renewCalls = 0;
  constructor(public token: string | undefined) {}
  getToken(): string | undefined {
    return this.token;
  }
  renew(): Promise<string | undefined> {
    this.renewCalls++;
    return Promise.resolve('renewed-token');
  }
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ApiError, `not an ApiError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

const ONE_QUERY = { startMs: T0, endMs: T0 + 60_000, queries: [{ name: 'cr.node.sql.conns' }] };

describe('metrics client on the wire', () => {
  let server: LocalServer;
  let reply: (url: string) => [number, string, Record<string, string>?];
  before(async () => {
    server = await startLocalServer((req, res) => {
      const [status, body, headers] = reply(req.url ?? '');
      send(res, status, body, headers);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    server.hits.length = 0;
  });

  it('sends the session as the `session` cookie to /ts/query and /_admin/v1/, not as the API header', async () => {
    reply = (url) =>
      url.startsWith('/ts/query')
        ? [200, JSON.stringify({ results: [{ datapoints: [{ timestamp_nanos: `${T0}000000`, value: 4 }] }] })]
        : [200, JSON.stringify({ metadata: { 'sql.conns': { help: 'h', measurement: 'm', unit: 3 } } })];
    const session = new CountingSession(TOKEN);
    const client = new ClusterClient({ baseUrl: `${server.url}/api/v2/`, session, retries: 0 });
    const [series] = await client.tsQuery(ONE_QUERY);
    assert.deepEqual(series!.values, [4]);
    assert.deepEqual(Object.keys(await client.metricMetadata()), ['sql.conns']);
    const [ts, meta] = server.hits;
    assert.equal(ts!.method, 'POST');
    assert.equal(ts!.url, '/ts/query');
    assert.match(String(ts!.headers['content-type']), /^application\/json/);
    assert.equal(JSON.parse(ts!.body).start_nanos, `${T0}000000`);
    assert.equal(meta!.method, 'GET');
    assert.equal(meta!.url, '/_admin/v1/metricmetadata');
    for (const hit of [ts!, meta!]) {
      assert.equal(hit.headers.cookie, `session=${TOKEN}`);
      assert.equal(hit.headers['x-cockroach-api-session'], undefined);
      assert.equal(hit.headers['x-cockroach-tenant'], undefined);
    }
  });

  it('turns a 401 into `forbidden` without renewing, retrying or showing the token', async () => {
    reply = () => [401, 'a valid authentication cookie is required'];
    const session = new CountingSession(TOKEN);
    const client = new ClusterClient({ baseUrl: server.url, session, retries: 2 });
    const err = await rejection(client.tsQuery(ONE_QUERY));
    assert.equal(err.kind, 'forbidden');
    assert.equal(err.status, 401);
    assert.equal(
      err.message,
      "The metrics routes (/ts/query) did not accept the session (HTTP 401: a valid authentication cookie is required). Sign in again, or ask for the VIEWCLUSTERMETADATA privilege (or the admin role) to read the cluster's metrics.",
    );
    const meta = await rejection(client.metricMetadata());
    assert.equal(meta.kind, 'forbidden');
    assert.match(meta.message, /^The metrics routes \(\/_admin\/v1\/metricmetadata\)/);
    assert.equal(session.renewCalls, 0);
    assert.equal(server.hits.length, 2);
    for (const e of [err, meta]) {
      assert.ok(!JSON.stringify({ m: e.message, d: e.details, s: e.stack }).includes(TOKEN));
      assert.ok(!String((e.details.cause as Error | undefined)?.message).includes(TOKEN));
    }
  });

  it('does not repeat a /ts/query POST on a 503, while the GET routes are retried', async () => {
    reply = () => [503, 'draining'];
    const client = new ClusterClient({ baseUrl: server.url, session: new CountingSession(TOKEN), retries: 2 });
    assert.equal((await rejection(client.tsQuery(ONE_QUERY))).kind, 'server');
    assert.equal(server.hits.length, 1);
    assert.equal((await rejection(client.metricMetadata())).kind, 'server');
    assert.equal(server.hits.length, 4);
  });

  it('asks /_status/vars for Prometheus text without a session, remote nodes by remote_node_id', async () => {
    reply = (url) => [200, `node_id{advertise_addr="x"} ${url.includes('remote_node_id=4') ? 4 : 1}\nsql_conns 2\n`];
    const client = new ClusterClient({ baseUrl: server.url, session: new CountingSession(TOKEN), retries: 0 });
    assert.equal((await client.statusVars()).nodeId, 1);
    assert.equal((await client.statusVars(4)).nodeId, 4);
    const [local, remote] = server.hits;
    assert.equal(local!.url, '/_status/vars');
    assert.equal(remote!.url, '/_status/vars?remote_node_id=4');
    for (const hit of [local!, remote!]) {
      assert.equal(hit.headers.cookie, undefined);
      assert.equal(hit.headers['x-cockroach-api-session'], undefined);
      assert.match(String(hit.headers.accept), /^text\/plain; version=0\.0\.4/);
    }
    // A server that ignored the parameter answers for itself: not node 7's metrics.
    assert.equal((await rejection(client.statusVars(7))).kind, 'malformed');
    assert.equal((await rejection(client.statusVars(0))).kind, 'badRequest');
  });

  it('sends the system cluster name on a virtualized cluster, and an aggregated session as the quoted cookie', async () => {
    reply = () => [200, JSON.stringify({ results: [{}] })];
    const aggregated = `${TOKEN},app,${TOKEN.replace('C', 'D')},system`;
    const client = new ClusterClient({
      baseUrl: server.url,
      session: new CountingSession(aggregated),
      virtualized: true,
      retries: 0,
    });
    await client.tsQuery(ONE_QUERY);
    await client.tsQuery(ONE_QUERY, { scope: 'sql' });
    const [system, sql] = server.hits;
    assert.equal(system!.headers['x-cockroach-tenant'], 'system');
    assert.equal(system!.headers.cookie, `session="${aggregated}"; tenant=system`);
    assert.equal(sql!.headers['x-cockroach-tenant'], undefined);
    assert.equal(sql!.headers.cookie, `session="${aggregated}"`);
  });

  it('makes no request for no queries', async () => {
    const client = new ClusterClient({ baseUrl: server.url, retries: 0 });
    assert.deepEqual(await client.tsQuery({ startMs: T0, endMs: T0 + 1, queries: [] }), []);
    assert.equal(server.hits.length, 0);
  });
});

describe('metrics: cookie headers', () => {
  it('mirror sessionHeaders for the virtual cluster and send nothing without a token', () => {
    assert.deepEqual(cookieSessionHeaders(undefined, undefined), {});
    assert.deepEqual(cookieSessionHeaders(undefined, 'system'), { 'X-Cockroach-Tenant': 'system' });
    assert.deepEqual(cookieSessionHeaders('abc=', undefined), { Cookie: 'session=abc=' });
    assert.deepEqual(cookieSessionHeaders('abc=', 'app'), {
      'X-Cockroach-Tenant': 'app',
      Cookie: 'session=abc=; tenant=app',
    });
    assert.deepEqual(cookieSessionHeaders('s1,app,s2,system', 'system'), {
      'X-Cockroach-Tenant': 'system',
      Cookie: 'session="s1,app,s2,system"; tenant=system',
    });
  });

  it('word a refusal without the server text when there is none', () => {
    assert.deepEqual(cookieRefusal('/ts/query', ''), {
      kind: 'forbidden',
      message:
        "The metrics routes (/ts/query) did not accept the session (HTTP 401). Sign in again, or ask for the VIEWCLUSTERMETADATA privilege (or the admin role) to read the cluster's metrics.",
    });
  });
});
