import assert from 'node:assert/strict';
import type { NodeStatus, Session } from '../../../src/api/cluster/models';
import { ApiError } from '../../../src/api/http/errors';
import { isInsecureOrigin, normaliseOrigin, validateClusterUrl } from '../../../src/clusters/origin';
import { healthFromError, healthFromNodes, nextDelay } from '../../../src/status/health';
import { describeFilter, FilterStore, matchNode, matchSession, parseRangeIds } from '../../../src/tree/filters';
import { partialText } from '../../../src/tree/format';
import { addSecret, redact } from '../../../src/util/redact';

const node = (id: number, liveness: NodeStatus['liveness'], region = 'us-east1'): NodeStatus => ({
  nodeId: id,
  address: `10.0.0.${id}:26257`,
  sqlAddress: `10.0.0.${id}:26257`,
  locality: [{ key: 'region', value: region }, { key: 'zone', value: `${region}-b` }],
  version: 'v25.1.2',
  clusterName: '',
  startedAt: 1_700_000_000_000_000_123n,
  updatedAt: 1_700_000_100_000_000_456n,
  liveness,
  numCpus: 8,
  totalMemoryBytes: 32 * 1024 ** 3,
  metrics: {},
  storeMetrics: {},
});

const session = (over: Partial<Session>): Session => ({
  id: 'ab12',
  nodeId: 1,
  username: 'app',
  clientAddress: '10.1.1.1:5000',
  applicationName: 'movr',
  status: 'active',
  activeQueries: [],
  ...over,
});

describe('cluster origins', () => {
  it('normalises scheme, case and the default port so secrets have one key per cluster', () => {
    assert.equal(normaliseOrigin('HTTPS://DB1.Example.com'), 'https://db1.example.com:8080');
    assert.equal(normaliseOrigin('db1.example.com:9090/api/v2/'), 'https://db1.example.com:9090');
    assert.equal(normaliseOrigin('http://127.0.0.1:8080/#/overview'), 'http://127.0.0.1:8080');
    assert.ok(isInsecureOrigin('http://h:1'));
    assert.ok(!isInsecureOrigin('https://h:1'));
  });
  it('rejects what is not a cluster address, and credentials in the URL', () => {
    assert.ok(validateClusterUrl(''));
    assert.ok(validateClusterUrl('ftp://x'));
    assert.ok(validateClusterUrl('https://root:pw@h:8080'));
    assert.equal(validateClusterUrl('https://h:8080'), undefined);
  });
});

describe('tree row text', () => {
  it('says how many nodes did not answer', () => {
    assert.equal(partialText(2, 9), '2 of 9 nodes did not answer');
    assert.equal(partialText(1, undefined), '1 node did not answer');
  });
});

describe('filters', () => {
  it('matches nodes by locality and liveness label', () => {
    assert.ok(matchNode(node(1, 'live'), { locality: 'REGION=us-east1' }));
    assert.ok(!matchNode(node(1, 'live', 'eu-west1'), { locality: 'us-east1' }));
    assert.ok(matchNode(node(2, 'unavailable'), { liveness: 'suspect' }));
    assert.ok(!matchNode(node(2, 'live'), { liveness: 'dead' }));
  });
  it('matches sessions by user, application and status', () => {
    assert.ok(matchSession(session({}), { user: 'APP', application: 'mov', status: 'active' }));
    assert.ok(!matchSession(session({ status: 'idle' }), { status: 'active' }));
    assert.ok(!matchSession(session({ applicationName: '<script>' }), { application: 'movr' }));
  });
  it('parses range id lists and describes the active filter', () => {
    assert.deepEqual(parseRangeIds('12, 40-42'), [12, 40, 41, 42]);
    assert.equal(parseRangeIds('12; drop'), undefined);
    assert.equal(parseRangeIds('9-3'), undefined);
    assert.equal(describeFilter({ rangeIds: [1, 2] }), 'filter ranges: 1,2');
    const store = new FilterStore();
    store.set('s', { user: '' });
    assert.equal(store.get('s'), undefined);
    store.set('s', { user: 'bob' });
    assert.deepEqual(store.get('s'), { user: 'bob' });
  });
});

describe('status-bar health', () => {
  it('is healthy when every node is live and the node is ready', () => {
    const h = healthFromNodes(true, [node(1, 'live'), node(2, 'live')]);
    assert.equal(h.state, 'healthy');
    assert.equal(h.summary, '2/2 live');
  });
  it('is degraded and names the node when one is dead or the node is not ready', () => {
    const h = healthFromNodes(true, [node(1, 'live'), node(2, 'dead')]);
    assert.equal(h.state, 'degraded');
    assert.match(h.details.join(), /n2 dead/);
    assert.equal(healthFromNodes(false, [node(1, 'live')]).state, 'degraded');
  });
  it('counts draining and decommissioning nodes as up, lists them, and leaves decommissioned ones out', () => {
    const h = healthFromNodes(true, [node(1, 'live'), node(2, 'draining'), node(3, 'decommissioning'), node(4, 'decommissioned')]);
    assert.equal(h.state, 'healthy');
    assert.equal(h.summary, '3/3 live');
    assert.match(h.details.join(), /n2 draining/);
  });
  it('is signed out on 401 and unreachable otherwise', () => {
    assert.equal(healthFromError(new ApiError('unauthorized', 'x')).state, 'signedOut');
    assert.equal(healthFromError(new ApiError('connectionRefused', 'refused')).state, 'unreachable');
  });
  it('backs off while failing and slows down while unfocused', () => {
    assert.equal(nextDelay(15_000, 0, true), 15_000);
    assert.equal(nextDelay(15_000, 2, true), 60_000);
    assert.equal(nextDelay(15_000, 10, true), 120_000);
    assert.equal(nextDelay(15_000, 0, false), 60_000);
  });
});

describe('redaction', () => {
  it('masks registered secrets and credential shapes', () => {
    addSecret('s3cr3t-token-value');
    assert.equal(redact('token s3cr3t-token-value used'), 'token «redacted» used');
    assert.equal(redact('X-Cockroach-API-Session: abcDEF=='), 'X-Cockroach-API-Session: «redacted»');
    assert.equal(redact('Authorization: Bearer CCDB1_abc_def'), 'Authorization: Bearer «redacted»');
    assert.equal(redact('{"password":"hunter2"}'), '{"password":"«redacted»"}');
    assert.equal(redact('postgresql://bob:pw@host:26257/db'), 'postgresql://bob:«redacted»@host:26257/db');
  });
});
