import assert from 'node:assert/strict';
import { isAxiosError } from 'axios';
import { createTransport, backoffMs, retryAfterMs } from '../../../../src/api/http/transport';
import { toApiError } from '../../../../src/api/http/mapError';
import { isApiError } from '../../../../src/api/http/errors';
import type { ApiError } from '../../../../src/api/http/errors';
import { closedPort, send, startLocalServer } from './localServer';
import type { LocalServer } from './localServer';

async function failure(p: Promise<unknown>, route = 'x/'): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    return toApiError(err, route, { timeoutMs: 300 });
  }
  assert.fail('expected the request to fail');
}

describe('http transport (real sockets)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns bodies as text so big integers can be parsed losslessly', async () => {
    server = await startLocalServer((_q, res) =>
      send(res, 200, '{"started_at":1736942400123456789}', { 'Content-Type': 'application/json' }),
    );
    const res = await createTransport({ baseURL: server.url, headers: { 'X-Test': 'yes' } }).get<string>('/a');
    assert.equal(res.data, '{"started_at":1736942400123456789}');
    assert.equal(server.hits[0]!.headers['x-test'], 'yes');
  });

  it('retries a GET on 5xx until it succeeds, within the retry budget', async () => {
    server = await startLocalServer((_q, res, _b, hit) => (hit < 3 ? send(res, 503, 'busy') : send(res, 200, 'ok')));
    const res = await createTransport({ baseURL: server.url, retries: 2, retryBaseDelayMs: 5 }).get<string>('/');
    assert.equal(res.data, 'ok');
    assert.equal(server.hits.length, 3);
  });

  it('gives up after `retries` extra attempts and reports the server text', async () => {
    server = await startLocalServer((_q, res) => send(res, 503, 'node is draining\n'));
    const err = await failure(createTransport({ baseURL: server.url, retries: 2, retryBaseDelayMs: 5 }).get('/'));
    assert.equal(server.hits.length, 3);
    assert.equal(err.kind, 'server');
    assert.equal(err.status, 503);
    assert.match(err.message, /node is draining/);
  });

  it('does not retry 501, 4xx or POST', async () => {
    server = await startLocalServer((req, res) =>
      send(res, req.url === '/tenant' ? 501 : req.url === '/bad' ? 400 : 503, 'no'),
    );
    const t = createTransport({ baseURL: server.url, retries: 3, retryBaseDelayMs: 5 });
    assert.equal((await failure(t.get('/tenant'))).kind, 'notAvailable');
    assert.equal((await failure(t.get('/bad'))).kind, 'badRequest');
    assert.equal((await failure(t.post('/post', 'x'))).kind, 'server');
    assert.deepEqual(
      server.hits.map((h) => h.url),
      ['/tenant', '/bad', '/post'],
    );
  });

  it('retries 429 and network resets on GET', async () => {
    server = await startLocalServer((req, res, _b, hit) => {
      if (hit === 1) send(res, 429, 'slow down', { 'Retry-After': '0' });
      else if (hit === 2) req.socket.destroy();
      else send(res, 200, 'ok');
    });
    const res = await createTransport({ baseURL: server.url, retries: 2, retryBaseDelayMs: 5 }).get<string>('/');
    assert.equal(res.data, 'ok');
    assert.equal(server.hits.length, 3);
  });

  it('honours Retry-After between attempts', async () => {
    server = await startLocalServer((_q, res, _b, hit) =>
      hit === 1 ? send(res, 503, 'later', { 'Retry-After': '1' }) : send(res, 200, 'ok'),
    );
    await createTransport({ baseURL: server.url, retries: 1, retryBaseDelayMs: 5 }).get('/');
    assert.equal(server.hits.length, 2);
    const waited = server.hits[1]!.at - server.hits[0]!.at;
    assert.ok(waited >= 950, `waited only ${waited} ms`);
  });

  it('does not wait for a Retry-After beyond the cap; the error carries it', async () => {
    server = await startLocalServer((_q, res) => send(res, 429, 'rate limit exceeded', { 'Retry-After': '120' }));
    const err = await failure(createTransport({ baseURL: server.url, retries: 2, maxRetryWaitMs: 1000 }).get('/'));
    assert.equal(server.hits.length, 1);
    assert.equal(err.kind, 'rateLimited');
    assert.equal(err.details.retryAfterSeconds, 120);
    assert.match(err.message, /retry in 120 s/);
  });

  it('never waits out a backoff after an abort', async () => {
    server = await startLocalServer((_q, res) => send(res, 503, 'later', { 'Retry-After': '5' }));
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 150);
    const err = await failure(createTransport({ baseURL: server.url, retries: 2 }).get('/', { signal: ac.signal }));
    assert.equal(err.kind, 'cancelled');
    assert.ok(Date.now() - started < 2000, 'abort did not cut the wait short');
    assert.equal(server.hits.length, 1);
  });

  it('cancels an in-flight request', async () => {
    server = await startLocalServer(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = await failure(createTransport({ baseURL: server.url }).get('/', { signal: ac.signal }));
    assert.equal(err.kind, 'cancelled');
  });

  it('times out per request, says the limit, and does not retry a timeout', async () => {
    server = await startLocalServer(() => undefined);
    const err = await failure(createTransport({ baseURL: server.url, timeoutMs: 300, retries: 2 }).get('/'));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /300 ms/);
    assert.equal(server.hits.length, 1);
  });

  it('reports connection refused with host:port, retrying only within budget', async () => {
    const port = await closedPort();
    const started = Date.now();
    const err = await failure(
      createTransport({ baseURL: `http://127.0.0.1:${port}`, retries: 1, retryBaseDelayMs: 5 }).get('/'),
    );
    assert.equal(err.kind, 'connectionRefused');
    assert.equal(err.message, `Connection refused at 127.0.0.1:${port} – is the node running?`);
    assert.ok(Date.now() - started < 3000);
  });

  it('reports DNS failures for names that cannot resolve', async () => {
    const err = await failure(createTransport({ baseURL: 'http://no-such-node.invalid:8080', retries: 2 }).get('/'));
    assert.equal(err.kind, 'dns');
    assert.match(err.message, /no-such-node\.invalid/);
  });

  it('does not follow redirects (they would carry the session header elsewhere)', async () => {
    server = await startLocalServer((_q, res) => send(res, 302, '', { Location: 'http://elsewhere.example/' }));
    const err = await failure(createTransport({ baseURL: server.url }).get('/'));
    assert.equal(err.kind, 'server');
    assert.match(err.message, /redirect.*elsewhere\.example/);
  });

  it('computes jittered exponential backoff bounded by the cap and Retry-After', () => {
    for (let i = 0; i < 20; i++) {
      const d1 = backoffMs(1, undefined, 100, 10_000);
      const d3 = backoffMs(3, undefined, 100, 10_000);
      assert.ok(d1 >= 50 && d1 <= 100, `d1=${d1}`);
      assert.ok(d3 >= 200 && d3 <= 400, `d3=${d3}`);
    }
    assert.equal(backoffMs(30, undefined, 100, 5000), 5000);
    assert.equal(retryAfterMs(undefined), 0);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 60_000).toUTCString();
    server = await startLocalServer((_q, res) => send(res, 503, 'later', { 'Retry-After': when }));
    try {
      await createTransport({ baseURL: server.url, retries: 0 }).get('/');
      assert.fail('expected failure');
    } catch (err) {
      assert.ok(isAxiosError(err));
      const ms = retryAfterMs(err);
      assert.ok(ms > 50_000 && ms <= 60_000, `ms=${ms}`);
    }
  });

  it('maps non-axios errors too', () => {
    const abort = new Error('aborted');
    abort.name = 'AbortError';
    assert.ok(isApiError(toApiError(abort, 'r/'), 'cancelled'));
    assert.ok(isApiError(toApiError('weird', 'r/'), 'network'));
    const same = toApiError(new Error('x'), 'r/');
    assert.equal(toApiError(same, 'other/'), same);
  });
});
