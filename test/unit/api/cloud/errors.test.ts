import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CloudClient, REQUIRED_ROLES, describeRoles } from '../../../../src/api/cloud';
import type { ApiError } from '../../../../src/api/http/errors';
import type { RunningCloudSim } from '../../../../src/sim/cloud';
import { apiErrorOf, clientFor, startSim } from './cloudSim';

describe('Cloud API errors', () => {
  let sim: RunningCloudSim;
  before(async () => {
    sim = await startSim();
  });
  after(() => sim.close());

  const noSecrets = (err: ApiError, ...secrets: string[]): void => {
    const text = inspect(err, { depth: 8 }) + err.message;
    for (const s of secrets) assert.ok(!text.includes(s), 'no key in the error');
  };

  it('401: a rejected key says to replace it', async () => {
    const wrong = 'CCDB1_wrong_key_that_must_not_leak';
    const client = new CloudClient({ apiKey: wrong, baseUrl: sim.cloudUrl });
    const err = await apiErrorOf(client.getOrganization());
    assert.equal(err.kind, 'unauthorized');
    assert.equal(err.status, 401);
    assert.match(err.message, /The API key was rejected .* replace it/);
    assert.match(err.details.serverMessage ?? '', /unauthenticated/);
    noSecrets(err, wrong, sim.cloudApiKey);
  });

  it('a missing key is refused before any request', () => {
    assert.throws(() => new CloudClient({ apiKey: ' ', baseUrl: sim.cloudUrl }), /No CockroachDB Cloud API key/);
  });

  it('403: names the roles the call needs', async () => {
    const restricted = clientFor(sim, { apiKey: sim.restrictedApiKey });
    // CLUSTER_MONITOR may list clusters …
    const page = await restricted.listClustersPage({ limit: 3 });
    assert.equal(page.items.length, 3);
    // … but not SQL users, databases or the organization.
    const users = await apiErrorOf(restricted.listSqlUsersPage(sim.control.advancedClusterId));
    assert.equal(users.kind, 'forbidden');
    assert.equal(users.status, 403);
    assert.match(users.message, /not allowed to list SQL users/);
    assert.match(users.message, /CLUSTER_ADMIN, CLUSTER_OPERATOR_WRITER or CLUSTER_DEVELOPER/);
    const create = await apiErrorOf(restricted.createSqlUser(sim.control.advancedClusterId, 'x', 'y'));
    assert.match(create.message, /needs the CLUSTER_ADMIN role/);
    const org = await apiErrorOf(restricted.getOrganization());
    assert.match(org.message, /ORG_ADMIN or ORG_MEMBER/);
    noSecrets(users, sim.restrictedApiKey);
  });

  it('the role table covers listing clusters as in the spec', () => {
    assert.deepEqual(
      [...REQUIRED_ROLES.listClusters],
      [
        'ORG_ADMIN',
        'CLUSTER_ADMIN',
        'CLUSTER_OPERATOR_WRITER',
        'CLUSTER_DEVELOPER',
        'FOLDER_ADMIN',
        'FOLDER_MOVER',
        'METRICS_VIEWER',
        'CLUSTER_MONITOR',
      ],
    );
    assert.ok(REQUIRED_ROLES.listFolders.includes('CLUSTER_CREATOR'));
    assert.equal(describeRoles('deleteSqlUser'), 'the CLUSTER_ADMIN role');
  });

  it('404: unknown cluster, database, user and allowlist entry', async () => {
    const client = clientFor(sim);
    const id = sim.control.advancedClusterId;
    const c = await apiErrorOf(client.getCluster('00000000-0000-4000-8000-000000000000'));
    assert.equal(c.kind, 'notFound');
    assert.match(c.message, /Could not read the cluster: .*does not exist \(cluster not found\)/);
    assert.equal((await apiErrorOf(client.deleteDatabase(id, 'nope'))).kind, 'notFound');
    assert.equal((await apiErrorOf(client.deleteSqlUser(id, 'nope'))).kind, 'notFound');
    assert.equal((await apiErrorOf(client.removeAllowlistEntry(id, '10.9.9.9', 32))).kind, 'notFound');
  });

  it('400 invalid Cc-Version: says the API version is not supported', async () => {
    const client = clientFor(sim, { ccVersion: '2019-01-01' });
    const err = await apiErrorOf(client.listClustersPage());
    assert.equal(err.kind, 'badRequest');
    assert.match(err.message, /does not support the API version .*Cc-Version 2019-01-01/);
  });

  it('400: a bad page token is reported, not looped on', async () => {
    const err = await apiErrorOf(clientFor(sim).listClustersPage({ page: 'not-a-token' }));
    assert.equal(err.kind, 'badRequest');
    assert.match(err.message, /invalid pagination.page/);
  });

  it('5xx without Retry-After is not retried and reads as a server error', async () => {
    sim.control.clearRequests();
    sim.control.failNext({ count: 1, status: 500, message: 'boom' });
    const err = await apiErrorOf(clientFor(sim).getOrganization());
    assert.equal(err.kind, 'server');
    assert.match(err.message, /internal error .*\(boom\)/);
    assert.equal(sim.control.requests().length, 1);
  });

  it('times out per call and honours AbortSignal', async () => {
    sim.control.setLatency(400);
    try {
      const client = clientFor(sim);
      const slow = await apiErrorOf(client.getOrganization({ timeoutMs: 100 }));
      assert.equal(slow.kind, 'timeout');
      noSecrets(slow, sim.cloudApiKey);
      const ac = new AbortController();
      const p = client.getOrganization({ signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      assert.equal((await apiErrorOf(p)).kind, 'cancelled');
    } finally {
      sim.control.setLatency(0);
    }
  });

  it('connection refused is a network-level ApiError without the key', async () => {
    const client = new CloudClient({ apiKey: 'CCDB1_refused_key', baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    const err = await apiErrorOf(client.getOrganization());
    assert.equal(err.kind, 'connectionRefused');
    assert.equal(err.details.cause, undefined);
    noSecrets(err, 'CCDB1_refused_key');
  });
});

describe('Cloud simulator wire behaviour', () => {
  let sim: RunningCloudSim;
  before(async () => {
    sim = await startSim({ rateLimitPerSecond: 2 });
  });
  after(() => sim.close());

  const get = (path: string, headers: Record<string, string>): Promise<Response> =>
    fetch(`${sim.cloudUrl}${path}`, { headers });
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${sim.cloudApiKey}` });

  it('answers a wrong key with 401 {code: 16, message}', async () => {
    const res = await get('/api/v1/clusters', { Authorization: 'Bearer nope' });
    assert.equal(res.status, 401);
    const body = (await res.json()) as { code: number; message: string };
    assert.equal(body.code, 16);
    assert.equal(typeof body.message, 'string');
  });

  it('validates Cc-Version (absent = latest) and sends int64 as strings', async () => {
    const bad = await get('/api/v1/organization', { ...auth(), 'Cc-Version': 'yesterday' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { message: string }).message, 'invalid Cc-Version');
    const ok = await get(`/api/v1/clusters/${sim.control.advancedClusterId}/databases`, auth());
    const body = (await ok.json()) as { databases: Array<{ table_count: unknown }> };
    assert.ok(body.databases.every((d) => typeof d.table_count === 'string'));
  });

  it('rate-limits per key with 429 and Retry-After', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await get('/api/v1/organization', auth());
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal(retryAfter, '1');
    // Another key has its own budget.
    const other = await get('/api/v1/clusters', { Authorization: `Bearer ${sim.restrictedApiKey}` });
    assert.equal(other.status, 200);
  });
});
