// Which failures the transport retries: only those a second attempt can fix.
// Counted on real sockets — each case says how many requests the server saw.
import assert from 'node:assert/strict';
import { isAxiosError } from 'axios';
import type { AxiosError } from 'axios';
import { ClusterClient } from '../../../../src/api/cluster/client';
import { toApiError } from '../../../../src/api/http/mapError';
import { createTransport, isRetryable } from '../../../../src/api/http/transport';
import { closedPort, send, startLocalServer } from './localServer';
import type { LocalServer } from './localServer';

async function settle(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return toApiError(err, 'x/').kind;
  }
}

async function axiosFailure(p: Promise<unknown>): Promise<AxiosError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isAxiosError(err));
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('retry rules (real sockets)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const transport = () => createTransport({ baseURL: server!.url, retries: 2, retryBaseDelayMs: 5, timeoutMs: 300 });

  /** Attempts the server saw for one GET that always gets `status` (with optional headers). */
  async function attemptsFor(status: number, headers: Record<string, string> = {}): Promise<number> {
    server = await startLocalServer((_q, res) => send(res, status, 'no', headers));
    await settle(transport().get('/'));
    const n = server.hits.length;
    await server.close();
    server = undefined;
    return n;
  }

  it('retries 502, 503 and 504 (a proxy, or a node restarting)', async () => {
    for (const status of [502, 503, 504]) assert.equal(await attemptsFor(status), 3, `HTTP ${status}`);
  });

  it('does not retry 500 (the handler fails the same way again), 501, 505 or 4xx', async () => {
    for (const status of [500, 501, 505, 400, 401, 403, 404])
      assert.equal(await attemptsFor(status), 1, `HTTP ${status}`);
  });

  it('retries 429 only when the server says when (Retry-After)', async () => {
    assert.equal(await attemptsFor(429), 1, 'no Retry-After');
    assert.equal(await attemptsFor(429, { 'Retry-After': '0' }), 3, 'Retry-After: 0');
  });

  it('does not retry a timeout: the budget is spent', async () => {
    server = await startLocalServer(() => undefined);
    assert.equal(await settle(transport().get('/')), 'timeout');
    assert.equal(server.hits.length, 1);
  });

  it('retries a connection reset mid-flight', async () => {
    server = await startLocalServer((req, res, _b, hit) => (hit < 3 ? req.socket.destroy() : send(res, 200, 'ok')));
    assert.equal(await settle(transport().get('/')), 'ok');
    assert.equal(server.hits.length, 3);
  });

  it('judges a real refused connection retryable and a real DNS failure not', async () => {
    // A refused connection never reaches a server that could count it, so ask the rule directly.
    const port = await closedPort();
    const refused = await axiosFailure(createTransport({ baseURL: `http://127.0.0.1:${port}`, retries: 0 }).get('/'));
    assert.equal(refused.code, 'ECONNREFUSED');
    assert.equal(isRetryable(refused, 30_000), true);
    const dns = await axiosFailure(
      createTransport({ baseURL: 'http://no-such-node.invalid:8080', retries: 0 }).get('/'),
    );
    assert.equal(isRetryable(dns, 30_000), false);
  });

  it('a request marked retry: false is tried once even on 503', async () => {
    server = await startLocalServer((_q, res) => send(res, 503, 'busy'));
    const client = new ClusterClient({ baseUrl: server.url, retries: 2 });
    await assert.rejects(client.nodesPage({ limit: 1 }, { retry: false }));
    assert.equal(server.hits.length, 1);
    await assert.rejects(client.nodesPage({ limit: 1 }));
    assert.equal(server.hits.length, 4, 'without the flag the same request is retried twice');
  });
});
