// ClusterClient against small in-test HTTP servers: behaviours that need exact
// control over the answers (login fallbacks, 401 waves, error bodies, paging edges).
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ClusterClient } from '../../../../src/api/cluster/client';
import type { SessionProvider } from '../../../../src/api/cluster/api';
import { encodeCursor } from '../../../../src/api/cluster/normalize/paging';
import { isApiError } from '../../../../src/api/http/errors';
import { closedPort, send, startLocalServer } from '../http/localServer';
import { rejection } from './simClient';
import type { Handler, LocalServer } from '../http/localServer';

function json(res: Parameters<Handler>[1], status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', ...headers });
}

class TestSession implements SessionProvider {
  renewCalls = 0;
  constructor(
    public token: string | undefined,
    private readonly next: Array<string | undefined>,
    private readonly delayMs = 30,
  ) {}
  getToken(): string | undefined {
    return this.token;
  }
  async renew(): Promise<string | undefined> {
    this.renewCalls++;
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.token = this.next.shift();
    return this.token;
  }
}

describe('ClusterClient (in-test servers)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function client(extra: Partial<ConstructorParameters<typeof ClusterClient>[0]> = {}): ClusterClient {
    return new ClusterClient({ baseUrl: `${server!.url}/api/v2/`, retries: 0, ...extra });
  }

  it('normalises the base URL and always sends the trailing slash', async () => {
    server = await startLocalServer((_q, res) => json(res, 200, { nodes: [] }));
    const c = client();
    assert.equal(c.baseUrl, server.url);
    await c.nodesPage({ limit: 5 });
    assert.equal(server.hits[0]!.url, '/api/v2/nodes/?limit=5');
    assert.throws(
      () => new ClusterClient({ baseUrl: 'ftp://x' }),
      (e: unknown) => isApiError(e, 'badRequest'),
    );
  });

  it('logs in with a form body and reads the token from the body', async () => {
    server = await startLocalServer((_q, res) => json(res, 200, { session: 'tok-body' }));
    assert.equal(await client().login('ann', 'p&ss=word'), 'tok-body');
    const hit = server.hits[0]!;
    assert.equal(hit.method, 'POST');
    assert.equal(hit.url, '/api/v2/login/');
    assert.equal(hit.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(hit.body)), { username: 'ann', password: 'p&ss=word' });
    assert.equal(hit.headers['x-cockroach-api-session'], undefined);
  });

  it('retries login once with JSON when the server says "username not specified", and reads a header token', async () => {
    server = await startLocalServer((req, res) =>
      req.headers['content-type'] === 'application/json'
        ? send(res, 200, '', { 'X-Cockroach-API-Session': 'tok-header' })
        : send(res, 400, 'username not specified\n'),
    );
    assert.equal(await client().login('ann', 'pw'), 'tok-header');
    assert.equal(server.hits.length, 2);
    assert.deepEqual(JSON.parse(server.hits[1]!.body), { username: 'ann', password: 'pw' });
  });

  it('fails login clearly on 401 and on a 200 without any token', async () => {
    server = await startLocalServer((_q, res, _b, hit) =>
      hit === 1
        ? send(res, 401, 'the provided credentials did not match any account on the server\n')
        : json(res, 200, {}),
    );
    const bad = await rejection(client().login('ann', 'nope'));
    assert.equal(bad.kind, 'unauthorized');
    assert.match(bad.message, /wrong username or password/);
    assert.equal((await rejection(client().login('ann', 'pw'))).kind, 'malformed');
  });

  it('sends the session header, and none when there is no token', async () => {
    server = await startLocalServer((_q, res) => json(res, 200, { users: [{ username: 'root' }] }));
    await client({ session: { getToken: () => 'abc' } }).usersPage({ limit: 1 });
    await client({ session: { getToken: () => undefined } }).usersPage({ limit: 1 });
    assert.equal(server.hits[0]!.headers['x-cockroach-api-session'], 'abc');
    assert.equal(server.hits[1]!.headers['x-cockroach-api-session'], undefined);
  });

  it('renews once for a wave of concurrent 401s and retries each request once with the new token', async () => {
    server = await startLocalServer((req, res) =>
      req.headers['x-cockroach-api-session'] === 'fresh'
        ? json(res, 200, { databases: ['d'] })
        : send(res, 401, 'the provided authentication session could not be validated\n'),
    );
    const session = new TestSession('stale', ['fresh']);
    const c = client({ session });
    const pages = await Promise.all(Array.from({ length: 6 }, () => c.databasesPage({ limit: 10 })));
    assert.equal(session.renewCalls, 1);
    assert.ok(pages.every((p) => p.items[0] === 'd'));
    assert.equal(server.hits.length, 12);
    // A later wave renews again.
    session.token = 'stale';
    const again = new TestSession('stale', ['fresh']);
    await client({ session: again }).databasesPage({ limit: 1 });
    assert.equal(again.renewCalls, 1);
  });

  it('a request sent before a renewal settled reuses that renewal instead of starting another', async () => {
    let slowSeen = false;
    server = await startLocalServer((req, res) => {
      const token = req.headers['x-cockroach-api-session'];
      if (req.url?.startsWith('/api/v2/events/') && !slowSeen) {
        slowSeen = true;
        // Answer 401 only after the other request's renewal is done.
        setTimeout(() => send(res, 401, 'expired'), 150);
        return;
      }
      if (token === 'fresh') json(res, 200, { events: [], users: [] });
      else send(res, 401, 'expired');
    });
    const session = new TestSession('stale', ['fresh', 'second'], 10);
    const c = client({ session });
    await Promise.all([c.eventsPage({ limit: 1 }), c.usersPage({ limit: 1 })]);
    assert.equal(session.renewCalls, 1);
  });

  it('throws unauthorized when renewal gives up, when there is no renew, or when the retry is 401 again', async () => {
    server = await startLocalServer((_q, res) => send(res, 401, 'invalid session header\n'));
    const givesUp = new TestSession('stale', [undefined]);
    const e1 = await rejection(client({ session: givesUp }).nodesPage({ limit: 1 }));
    assert.equal(e1.kind, 'unauthorized');
    assert.equal(e1.message, 'Signed out or session expired – sign in again.');
    assert.equal(
      (await rejection(client({ session: { getToken: () => 't' } }).nodesPage({ limit: 1 }))).kind,
      'unauthorized',
    );
    assert.equal((await rejection(client().nodesPage({ limit: 1 }))).kind, 'unauthorized');
    const stillBad = new TestSession('stale', ['also-stale']);
    assert.equal((await rejection(client({ session: stillBad }).nodesPage({ limit: 1 }))).kind, 'unauthorized');
    assert.equal(stillBad.renewCalls, 1);
    const throwing: SessionProvider = { getToken: () => 't', renew: () => Promise.reject(new Error('prompt closed')) };
    assert.equal((await rejection(client({ session: throwing }).nodesPage({ limit: 1 }))).kind, 'unauthorized');
  });

  it('logs out with the session header, never renews on logout, and treats "invalid session" as done', async () => {
    server = await startLocalServer((req, res) =>
      req.headers['x-cockroach-api-session'] === 'good'
        ? json(res, 200, { logged_out: true })
        : send(res, 400, 'invalid session\n'),
    );
    await client({ session: { getToken: () => 'good' } }).logout();
    await client({ session: { getToken: () => 'gone' } }).logout();
    assert.equal(server.hits[0]!.method, 'POST');
    assert.equal(server.hits[0]!.url, '/api/v2/logout/');
    assert.equal(server.hits.length, 2);
  });

  it('reads health as {} or {node_id, ready}; 500 and ready:false mean not ready', async () => {
    let mode = 'empty';
    server = await startLocalServer((_q, res) => {
      if (mode === 'empty') json(res, 200, {});
      else if (mode === 'seed-ready') json(res, 200, { node_id: 1, ready: true });
      else if (mode === 'seed-not-ready') json(res, 200, { node_id: 1, ready: false });
      else
        send(res, 500, 'An internal server error has occurred. Please check your CockroachDB logs for more details.\n');
    });
    const c = client();
    await c.health(true);
    mode = 'seed-ready';
    await c.health(true);
    mode = 'seed-not-ready';
    await c.health(false);
    const e1 = await rejection(c.health(true));
    assert.equal(e1.kind, 'server');
    assert.match(e1.message, /not ready/);
    mode = '500';
    const e2 = await rejection(c.health(true));
    assert.equal(e2.kind, 'server');
    assert.match(e2.message, /not ready/);
    assert.equal((await rejection(c.health(false))).kind, 'server');
    assert.equal(server.hits[0]!.url, '/api/v2/health/?ready=true');
    assert.equal(server.hits[2]!.url, '/api/v2/health/');
  });

  it('words HTTP errors for the Cluster API and reads plain-text and JSON bodies', async () => {
    server = await startLocalServer((req, res) => {
      const u = req.url ?? '';
      if (u.startsWith('/api/v2/nodes/?')) send(res, 403, 'user not allowed to access this endpoint\n');
      else if (u.startsWith('/api/v2/databases/no_db/')) send(res, 404, 'database not found\n');
      else if (u.startsWith('/api/v2/databases/movr/tables/nope/'))
        json(res, 404, { error: 'database or table not found' });
      else if (u.startsWith('/api/v2/databases/')) json(res, 404, { code: 5, message: 'not here' });
      else if (u.startsWith('/api/v2/sessions/')) send(res, 501, 'Not Available on Tenants\n');
      else if (u.startsWith('/api/v2/events/')) json(res, 500, { message: 'boom inside' });
      else if (u.startsWith('/api/v2/ranges/hot/')) send(res, 400, 'invalid node ID\n');
      else if (u.startsWith('/api/v2/users/'))
        send(res, 200, 'json: unsupported value: NaN', { 'Content-Type': 'application/json' });
      else if (u.startsWith('/api/v2/rules/')) send(res, 200, 'a: [unclosed');
      else send(res, 404, '404 page not found\n');
    });
    const c = client();
    const forbidden = await rejection(c.nodesPage({ limit: 1 }));
    assert.equal(forbidden.kind, 'forbidden');
    assert.match(forbidden.message, /admin role or the VIEWCLUSTERMETADATA privilege/);
    const noDb = await rejection(c.tablesPage('no_db', { limit: 1 }));
    assert.equal(noDb.kind, 'notFound');
    assert.equal(noDb.message, 'Database "no_db" was not found.');
    const noTable = await rejection(c.tableDetails('movr', 'nope'));
    assert.equal(noTable.message, 'Table "nope" was not found in database "movr".');
    assert.equal(noTable.details.serverMessage, 'database or table not found');
    const odd = await rejection(c.databaseGrantsPage('my-db', { limit: 1 }));
    assert.match(odd.message, /Database "my-db" was not found \(names with characters other than/);
    assert.equal(odd.details.serverMessage, 'not here');
    assert.equal(server.hits.at(-1)!.url, '/api/v2/databases/my-db/grants/?limit=1');
    // sessions/ refused as on an application virtual cluster: the sessions are asked for through sql/.
    const tenant = await rejection(c.sessionsPage({ limit: 1 }));
    assert.equal(server.hits.at(-1)!.url, '/api/v2/sql/');
    assert.equal(tenant.details.route, 'sql/');
    const internal = await rejection(c.eventsPage({ limit: 1 }));
    assert.equal(internal.kind, 'server');
    assert.match(internal.message, /boom inside/);
    const bad = await rejection(c.hotRangesPage({ limit: 1, nodeId: 'local' }));
    assert.equal(bad.kind, 'badRequest');
    assert.match(bad.message, /invalid node ID/);
    const garbage = await rejection(c.usersPage({ limit: 1 }));
    assert.equal(garbage.kind, 'malformed');
    assert.match(garbage.message, /not JSON: json: unsupported value: NaN/);
    assert.equal((await rejection(c.alertingRules())).kind, 'malformed');
    const missing = await rejection(c.rangeDetail(5));
    assert.equal(missing.message, 'Range r5 does not exist');
    assert.equal((await rejection(c.rangeDetail(-1))).kind, 'badRequest');
    const oldServer = await rejection(c.nodeRangesPage(3, { limit: 1 }));
    assert.equal(oldServer.message, 'Node 3 was not found in the cluster.');
  });

  it('walks offset pages to the end, including an extra empty page', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ node_id: i + 1 }));
    server = await startLocalServer((req, res) => {
      const q = new URL(req.url ?? '', 'http://x').searchParams;
      const offset = Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit'));
      const items = all.slice(offset, offset + limit);
      // Like users/events: `next` whenever the page is full.
      json(res, 200, items.length === limit ? { nodes: items, next: offset + limit } : { nodes: items });
    });
    const ids: number[] = [];
    for await (const n of client().allNodes()) ids.push(n.nodeId);
    assert.equal(ids.length, 250);
    assert.equal(ids[249], 250);
    assert.equal(server.hits.length, 3);
  });

  it('walks cursor pages until a short page or a finished cursor, and stops on a repeated cursor', async () => {
    const finished = encodeCursor({ doneNodeIds: [1, 2], inProgressNodeId: 0, index: 0, pendingNodeIds: [] });
    const mid = (i: number): string =>
      encodeCursor({ doneNodeIds: [1], inProgressNodeId: 2, index: i, pendingNodeIds: [] });
    let mode = 'finished';
    server = await startLocalServer((req, res) => {
      const q = new URL(req.url ?? '', 'http://x').searchParams;
      const start = q.get('start');
      const s = (n: number): unknown => ({ node_id: 1, id: Buffer.alloc(16, n).toString('base64'), username: `u${n}` });
      if (mode === 'finished')
        json(res, 200, start ? { sessions: [s(3), s(4)], next: finished } : { sessions: [s(1), s(2)], next: mid(2) });
      else json(res, 200, { sessions: [s(1), s(2)], next: 'opaque-same' }); // never ends on its own
    });
    const c = client();
    const pages = [];
    for await (const p of c.allSessions({ limit: 2, username: 'u', excludeClosed: true })) pages.push(p);
    assert.deepEqual(
      pages.map((p) => p.items.map((s) => s.username)),
      [
        ['u1', 'u2'],
        ['u3', 'u4'],
      ],
    );
    assert.equal(pages[1]!.next, undefined);
    assert.match(server.hits[0]!.url, /username=u&exclude_closed_sessions=true&limit=2$/);
    mode = 'loop';
    const before = server.hits.length;
    let n = 0;
    for await (const _p of c.allSessions({ limit: 2 })) n++;
    assert.equal(n, 2);
    assert.equal(server.hits.length - before, 2);
  });

  it('walks hot ranges across pages, merging replicas that straddle pages', async () => {
    const c2 = encodeCursor({ doneNodeIds: [1], inProgressNodeId: 2, index: 0, pendingNodeIds: [3] });
    const c3 = encodeCursor({ doneNodeIds: [1, 2, 3], inProgressNodeId: 0, index: 0, pendingNodeIds: [] });
    server = await startLocalServer((req, res) => {
      const start = new URL(req.url ?? '', 'http://x').searchParams.get('start');
      if (!start)
        json(res, 200, {
          ranges: [
            { range_id: 1, node_id: 1, qps: 5, leaseholder_node_id: 2 },
            { range_id: 2, node_id: 1, qps: 50 },
          ],
          next: c2,
        });
      else
        json(res, 200, {
          ranges: [{ range_id: 1, node_id: 2, qps: 4, leaseholder_node_id: 2, replica_node_ids: [1, 2] }],
          response_error: [{ node_id: 3, error_message: 'timeout' }],
          next: c3,
        });
    });
    const result = await client().hotRanges({ pageSize: 2 });
    assert.deepEqual(
      result.ranges.map((r) => [r.rangeId, r.nodeId, r.qps, r.replicaNodeIds]),
      [
        [2, 1, 50, [1]],
        [1, 2, 4, [1, 2]],
      ],
    );
    assert.deepEqual(result.errors, [{ nodeId: 3, message: 'timeout' }]);
    assert.equal(server.hits.length, 2);
    const first = await client().hotRangesPage({ limit: 2, nodeId: 1 });
    assert.equal(first.next, c2);
    assert.match(server.hits.at(-1)!.url, /node_id=1&limit=2$/);
  });

  it('fans out over nodes with bounded concurrency; a failed node is reported beside the rest', async () => {
    let inFlight = 0;
    let peak = 0;
    server = await startLocalServer((req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const node = Number(/nodes\/(\d+)\//.exec(req.url ?? '')?.[1]);
      setTimeout(() => {
        inFlight--;
        if (node === 4) send(res, 500, 'An internal server error has occurred.');
        else
          json(res, 200, {
            ranges: [{ desc: { range_id: node * 10 }, source_node_id: node }],
            next: node === 2 ? 1 : undefined,
          });
      }, 40);
    });
    const results = await client({ concurrency: 3 }).fanOutNodeRanges([1, 2, 3, 4, 5, 6, 7], { limit: 1 });
    assert.ok(peak <= 3, `peak concurrency ${peak}`);
    assert.equal(results.length, 7);
    const failed = results.find((r) => r.nodeId === 4)!;
    assert.deepEqual(failed.ranges, []);
    assert.ok(isApiError(failed.error, 'server'));
    assert.equal(results.find((r) => r.nodeId === 2)!.next, 1);
    assert.deepEqual(
      results.filter((r) => !r.error).map((r) => r.ranges[0]!.rangeId),
      [10, 20, 30, 50, 60, 70],
    );
  });

  it('runs SQL with a JSON body and throws on top-level or statement errors', async () => {
    server = await startLocalServer((_q, res, body) => {
      const sql = (JSON.parse(body) as { statements: Array<{ sql: string }> }).statements[0]!.sql;
      if (sql.startsWith('CANCEL QUERY'))
        json(res, 200, {
          num_statements: 1,
          execution: { txn_results: [{ statement: 1, error: { message: 'query ID 1 not found', code: 'XXUUU' } }] },
        });
      else if (sql.startsWith('CANCEL SESSION'))
        json(res, 200, { num_statements: 1, error: { message: 'permission denied', code: '42501' } });
      else if (sql === 'SELECT bad')
        json(res, 400, { error: { message: 'at or near "bad": syntax error', code: '42601' } });
      else
        json(res, 200, {
          num_statements: 1,
          execution: {
            txn_results: [
              { statement: 1, tag: 'SELECT', rows_affected: 1, columns: [{ name: 'n' }], rows: [{ n: 1 }] },
            ],
          },
        });
    });
    const c = client({ session: { getToken: () => 't' } });
    const r = await c.sql(['SELECT 1 AS n'], { database: 'movr', applicationName: 'test' });
    assert.deepEqual(r.statements[0]!.rows, [{ n: 1 }]);
    assert.deepEqual(JSON.parse(server.hits[0]!.body), {
      database: 'movr',
      execute: true,
      application_name: 'test',
      statements: [{ sql: 'SELECT 1 AS n' }],
    });
    assert.equal(server.hits[0]!.headers['content-type'], 'application/json');
    const notFound = await rejection(c.cancelQuery('1'));
    assert.equal(notFound.kind, 'badRequest');
    assert.match(notFound.message, /query ID 1 not found/);
    assert.deepEqual(JSON.parse(server.hits[1]!.body).statements[0], { sql: 'CANCEL QUERY $1', arguments: ['1'] });
    assert.equal((await rejection(c.cancelSession('ab'.repeat(16)))).kind, 'forbidden');
    const syntax = await rejection(c.sql(['SELECT bad']));
    assert.equal(syntax.kind, 'badRequest');
    assert.match(syntax.message, /syntax error/);
    const before = server.hits.length;
    assert.equal((await rejection(c.cancelSession("x' OR 1=1"))).kind, 'badRequest');
    assert.equal(server.hits.length, before, 'an invalid id must not reach the server');
  });

  it('never carries the session token inside an error (errors end up in logs)', async () => {
    server = await startLocalServer((_q, res) => send(res, 500, 'An internal server error has occurred.'));
    const secret = 'SECRET-TOKEN-abc123';
    const e1 = await rejection(client({ session: { getToken: () => secret } }).nodesPage({ limit: 1 }));
    const port = await closedPort();
    const e2 = await rejection(
      new ClusterClient({
        baseUrl: `http://127.0.0.1:${port}`,
        retries: 0,
        session: { getToken: () => secret },
      }).nodesPage({ limit: 1 }),
    );
    for (const e of [e1, e2])
      assert.ok(!inspect(e, { depth: 20 }).includes(secret), `token leaked into ${e.kind} error`);
    assert.equal(server.hits[0]!.headers['x-cockroach-api-session'], secret);
  });

  it('reports transport failures as ApiErrors from every route', async () => {
    const port = await closedPort();
    const c = new ClusterClient({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
    const err = await rejection(c.health(false));
    assert.equal(err.kind, 'connectionRefused');
    assert.equal(err.details.route, 'health/');
  });

  it('applies a per-request timeout and cancellation', async () => {
    server = await startLocalServer(() => undefined);
    const c = client({ timeoutMs: 5000 });
    const t = await rejection(c.usersPage({ limit: 1 }, { timeoutMs: 150 }));
    assert.equal(t.kind, 'timeout');
    assert.match(t.message, /150 ms/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    assert.equal((await rejection(c.usersPage({ limit: 1 }, { signal: ac.signal }))).kind, 'cancelled');
  });
});
