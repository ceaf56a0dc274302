// A client built with a timeout function reads it at every request, so a changed
// `cockroachdb.requestTimeout` reaches Cluster API and Cloud API clients built before it.
import * as assert from 'node:assert/strict';
import { CloudClient } from '../../../../src/api/cloud';
import { ClusterClient } from '../../../../src/api/cluster/client';
import { ApiError } from '../../../../src/api/http/errors';
import { timeoutReader } from '../../../../src/api/http/transport';
import { startLocalServer, type LocalServer } from './localServer';

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('request timeout read at every request', () => {
  let server: LocalServer;
  // Never answers: every request ends by the client's own timeout.
  before(async () => (server = await startLocalServer(() => undefined)));
  after(() => server.close());

  it('timeoutReader: a number is fixed, a function is called each time, nothing means the fallback', () => {
    let t = 5;
    const live = timeoutReader(() => t, 1);
    assert.equal(live(), 5);
    t = 7;
    assert.equal(live(), 7);
    assert.equal(timeoutReader(3, 1)(), 3);
    assert.equal(timeoutReader(undefined, 1)(), 1);
  });

  it('a Cluster API client uses the timeout in force when each request starts', async () => {
    // Built with a minute: were that the one applied, the test would run out of mocha's time.
    let timeoutMs = 60_000;
    const client = new ClusterClient({ baseUrl: server.url, timeoutMs: () => timeoutMs, retries: 0 });
    timeoutMs = 400;
    const first = await failure(client.health(false));
    assert.equal(first.kind, 'timeout');
    assert.match(first.message, /within 400 ms/);
    timeoutMs = 150;
    const second = await failure(client.health(false));
    assert.equal(second.kind, 'timeout');
    assert.match(second.message, /within 150 ms/);
  });

  it('a Cloud API client does too', async () => {
    let timeoutMs = 60_000;
    const client = new CloudClient({
      apiKey: 'k-timeout-source',
      baseUrl: server.url,
      timeoutMs: () => timeoutMs,
      rateLimitRetries: 0,
    });
    timeoutMs = 400;
    const first = await failure(client.getOrganization());
    assert.equal(first.kind, 'timeout');
    assert.match(first.message, /within 400 ms/);
    timeoutMs = 150;
    const second = await failure(client.getOrganization());
    assert.match(second.message, /within 150 ms/);
  });
});
