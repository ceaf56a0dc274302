import assert from 'node:assert/strict';
import { parseJson } from '../../../../../src/api/http/json';
import {
  normalizeSession,
  normalizeSessionsPage,
  queryPhaseName,
  sessionStatusName,
} from '../../../../../src/api/cluster/normalize/sessions';

const SESSIONS = `{"sessions":[{"node_id":1,"username":"app_user","client_address":"10.20.0.15:53412","application_name":"movr-app",
 "active_queries":[{"id":"17f1c2a1b3d4e5f60000000000000001","txn_id":"6e8b3f0a-9c1d-4f2e-8a7b-5c4d3e2f1a0b","sql":"SELECT 1",
   "start":"2025-01-16T10:00:01.123456Z","is_distributed":true,"phase":1,"sql_no_constants":"SELECT _","sql_summary":"SELECT",
   "elapsed_time":1500000000,"database":"movr","is_full_scan":true},{"id":"ab","sql":"SELECT 2"}],
 "start":"2025-01-16T09:58:00.000001Z","last_active_query":"SELECT 1","id":"F/HCobPU5fYAAAAAAAAAAQ==","alloc_bytes":10240,
 "active_txn":{"id":"6e8b3f0a-9c1d-4f2e-8a7b-5c4d3e2f1a0b","start":"2025-01-16T10:00:01.120000Z","deadline":"0001-01-01T00:00:00Z"},
 "num_txns_executed":42,"txn_fingerprint_ids":[1193046,18446744073709551615]},
 {"node_id":2,"username":"root","active_queries":null,"id":"F/HCbb0k0x4AAAAAAAAAAg==","status":2},
 {"node_id":3,"username":"gone","id":"F_HCbb0k0x4AAAAAAAAAAw==","status":1,"end":"2025-01-16T11:00:00Z"}],
 "errors":[{"node_id":4,"message":"rpc error: unavailable"}],"internal_app_name_prefix":"$ internal","next":"MSwyLDMsfDB8MHw="}`;

describe('normalize: sessions', () => {
  it('reads sessions with hex ids, status and phase names, and node errors beside them', () => {
    const page = normalizeSessionsPage(parseJson(SESSIONS));
    const [a, b, c] = page.sessions;
    assert.equal(a!.id, '17f1c2a1b3d4e5f60000000000000001');
    assert.equal(a!.status, 'active');
    assert.equal(a!.clientAddress, '10.20.0.15:53412');
    assert.equal(a!.applicationName, 'movr-app');
    assert.equal(a!.activeTxnId, '6e8b3f0a-9c1d-4f2e-8a7b-5c4d3e2f1a0b');
    assert.equal(a!.numTxnsExecuted, 42);
    assert.equal(a!.allocBytes, 10240);
    assert.equal(a!.lastActiveQuery, 'SELECT 1');
    assert.equal(a!.start?.toISOString(), '2025-01-16T09:58:00.000Z');
    const q = a!.activeQueries[0]!;
    assert.equal(q.phase, 'executing');
    assert.equal(q.isDistributed, true);
    assert.equal(q.isFullScan, true);
    assert.equal(q.elapsedNanos, 1500000000n);
    assert.equal(q.database, 'movr');
    assert.equal(q.sqlSummary, 'SELECT');
    assert.equal(q.sqlNoConstants, 'SELECT _');
    assert.equal(q.txnId, '6e8b3f0a-9c1d-4f2e-8a7b-5c4d3e2f1a0b');
    assert.equal(a!.activeQueries[1]!.phase, 'preparing');
    assert.equal(a!.activeQueries[1]!.start, undefined);
    assert.equal(b!.status, 'idle');
    assert.deepEqual(b!.activeQueries, []);
    assert.equal(b!.id, '17f1c26dbd24d31e0000000000000002');
    assert.equal(c!.status, 'closed');
    assert.equal(c!.id, '17f1c26dbd24d31e0000000000000003');
    assert.equal(c!.end?.toISOString(), '2025-01-16T11:00:00.000Z');
    assert.deepEqual(page.errors, [{ nodeId: 4, message: 'rpc error: unavailable' }]);
    assert.equal(page.internalAppNamePrefix, '$ internal');
    assert.equal(page.next, 'MSwyLDMsfDB8MHw=');
  });

  it('treats null lists as empty and keeps hex ids as they are', () => {
    const page = normalizeSessionsPage({ sessions: null, errors: null });
    assert.deepEqual(page, { sessions: [], errors: [] });
    const s = normalizeSession({ id: 'ABCDEF0123456789ABCDEF0123456789' });
    assert.equal(s.id, 'abcdef0123456789abcdef0123456789');
    assert.equal(normalizeSession({}).id, '');
  });

  it('names statuses and phases, unknown values included', () => {
    assert.deepEqual([0, 1, 2, 9, undefined, 'IDLE', 'x'].map(sessionStatusName), [
      'active',
      'closed',
      'idle',
      'unknown',
      'active',
      'idle',
      'unknown',
    ]);
    assert.deepEqual([0, 1, 5, 'EXECUTING'].map(queryPhaseName), ['preparing', 'executing', 'unknown', 'executing']);
  });
});
