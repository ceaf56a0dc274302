import assert from 'node:assert/strict';
import { parseJson } from '../../../src/api/http/json';
import { livenessName, normalizeNode, normalizeNodes, versionString } from '../../../src/api/cluster/normalize/nodes';
import { latestLease, normalizeLease, normalizeNodeRanges, normalizeProblems, normalizeRangeDetail, normalizeRangeInfo } from '../../../src/api/cluster/normalize/ranges';

// Flat v23.2+ node, as text so the nanosecond fields go through the lossless parser.
const FLAT_NODES = `{"nodes":[{"node_id":1,"address":{"network_field":"tcp","address_field":"crdb-a:26257"},"attrs":{},
 "locality":{"tiers":[{"key":"region","value":"us-east1"},{"key":"zone","value":"us-east1-b"}]},
 "ServerVersion":{"major_val":24,"minor_val":3},"build_tag":"v24.3.4","started_at":1736942400123456789,"cluster_name":"",
 "sql_address":{"network_field":"tcp","address_field":"crdb-a:26257"},"metrics":{"sql.conns":12,"sys.rss":1563420672},
 "store_metrics":{"1":{"capacity":107374182400,"ranges":71}},"total_system_memory":17179869184,"num_cpus":4,
 "updated_at":1737028800987654321,"liveness_status":3}]}`;

describe('normalize: nodes', () => {
  it('reads the flat node status with exact nanosecond timestamps', () => {
    const [n] = normalizeNodes(parseJson(FLAT_NODES));
    assert.ok(n);
    assert.equal(n.nodeId, 1);
    assert.equal(n.address, 'crdb-a:26257');
    assert.equal(n.sqlAddress, 'crdb-a:26257');
    assert.deepEqual(n.locality, [
      { key: 'region', value: 'us-east1' },
      { key: 'zone', value: 'us-east1-b' },
    ]);
    assert.equal(n.version, 'v24.3.4');
    assert.equal(n.startedAt, 1736942400123456789n);
    assert.equal(n.updatedAt, 1737028800987654321n);
    assert.equal(n.liveness, 'live');
    assert.equal(n.numCpus, 4);
    assert.equal(n.totalMemoryBytes, 17179869184);
    assert.deepEqual(n.metrics, { 'sql.conns': 12, 'sys.rss': 1563420672 });
    assert.deepEqual(n.storeMetrics, { '1': { capacity: 107374182400, ranges: 71 } });
  });

  it('reads the seed spec nested desc/build_info/store_statuses shape', () => {
    const n = normalizeNode(
      parseJson(`{"desc":{"node_id":7,"address":{"address_field":"n7:26257"},"locality":{"tiers":[{"key":"region","value":"eu"}]},
        "server_version":{"major_val":23,"minor_val":1,"patch":2},"cluster_name":"prod","sql_address":{"address_field":"n7:26258"}},
        "build_info":{"tag":"v23.1.2"},"started_at":1700000000000000001,"updated_at":1700000001000000001,
        "metrics":{"sql.conns":3,"bogus":"x"},"store_statuses":[{"desc":{"store_id":7},"metrics":{"capacity":10}}]}`),
    );
    assert.equal(n.nodeId, 7);
    assert.equal(n.address, 'n7:26257');
    assert.equal(n.sqlAddress, 'n7:26258');
    assert.equal(n.clusterName, 'prod');
    assert.equal(n.version, 'v23.1.2');
    assert.equal(n.startedAt, 1700000000000000001n);
    assert.equal(n.liveness, 'unknown');
    assert.deepEqual(n.metrics, { 'sql.conns': 3 });
    assert.deepEqual(n.storeMetrics, { '7': { capacity: 10 } });
    assert.deepEqual(n.locality, [{ key: 'region', value: 'eu' }]);
  });

  it('maps every liveness code and tolerates names and junk', () => {
    const names = [0, 1, 2, 3, 4, 5, 6, 7].map(livenessName);
    assert.deepEqual(names, ['unknown', 'dead', 'unavailable', 'live', 'decommissioning', 'decommissioned', 'draining', 'starting']);
    assert.equal(livenessName(99), 'unknown');
    assert.equal(livenessName('NODE_STATUS_DRAINING'), 'draining');
    assert.equal(livenessName('3'), 'live');
    assert.equal(livenessName('weird'), 'unknown');
    assert.equal(livenessName(undefined), 'unknown');
    assert.equal(livenessName(3n), 'live');
  });

  it('derives a version from ServerVersion when build_tag is missing', () => {
    assert.equal(versionString('', { major_val: 25, minor_val: 1 }), 'v25.1');
    assert.equal(versionString(undefined, { major_val: 25, minor_val: 1, patch: 3 }), 'v25.1.3');
    assert.equal(versionString(undefined, {}), '');
    const n = normalizeNode({ node_id: 2, ServerVersion: { major_val: 22, minor_val: 2 } });
    assert.equal(n.version, 'v22.2');
    assert.equal(n.startedAt, 0n);
    assert.deepEqual(n.locality, []);
    assert.deepEqual(n.storeMetrics, {});
  });

  it('returns no nodes for a null list', () => {
    assert.deepEqual(normalizeNodes({ nodes: null }), []);
    assert.deepEqual(normalizeNodes('garbage'), []);
  });
});

const RANGE = {
  desc: { range_id: 74, start_key: '8okS', end_key: '8okT', store_id: 0, queries_per_second: 0 },
  span: { start_key: '/Table/106/1/2', end_key: '/Table/106/1/3' },
  source_node_id: 1,
  source_store_id: 1,
  lease_history: [
    { start: { wall_time: 1736942400000000000n }, replica: { node_id: 2, store_id: 2, replica_id: 2 }, sequence: 3, acquisition_type: 1 },
    {
      start: { wall_time: 1736942410000000000n },
      expiration: { wall_time: 1736942419000000000n, logical: 1 },
      replica: { node_id: 1, store_id: 1, replica_id: 1, type: 5 },
      proposed_ts: { wall_time: 1736942409990000000n },
      epoch: 1,
      sequence: 4,
      acquisition_type: 2,
    },
  ],
  problems: { underreplicated: true, circuit_breaker_error: true, paused_followers: [], raft_log_too_large: false },
  stats: { queries_per_second: 42.7, writes_per_second: 9.3, cpu_time_per_second: 812345.6 },
  quiescent: true,
};

describe('normalize: ranges', () => {
  it('reads a range with leases, problems and stats; leaseholder is the highest sequence', () => {
    const r = normalizeRangeInfo(RANGE);
    assert.equal(r.rangeId, 74);
    assert.equal(r.startKeyRaw, '8okS');
    assert.equal(r.endKeyPretty, '/Table/106/1/3');
    assert.equal(r.sourceStoreId, 1);
    assert.equal(r.leaseHistory.length, 2);
    assert.equal(r.leaseholderNodeId, 1);
    const lease = r.leaseHistory[1]!;
    assert.equal(lease.acquisitionType, 'request');
    assert.equal(lease.replica.type, 'NON_VOTER');
    assert.equal(lease.expiration, 1736942419000000000n);
    assert.equal(lease.proposedTs, 1736942409990000000n);
    assert.equal(lease.epoch, 1);
    assert.equal(r.leaseHistory[0]!.acquisitionType, 'transfer');
    assert.equal(r.leaseHistory[0]!.replica.type, 'VOTER_FULL', 'an omitted type is VOTER_FULL');
    assert.equal(r.problems.underreplicated, true);
    assert.equal(r.problems.raftLogTooLarge, false);
    assert.deepEqual(r.problems.other, ['circuit_breaker_error']);
    assert.deepEqual(r.stats, { queriesPerSecond: 42.7, writesPerSecond: 9.3, cpuTimePerSecond: 812345.6 });
    assert.equal(r.quiescent, true);
    assert.equal(r.ticking, false);
    assert.equal(r.errorMessage, undefined);
  });

  it('treats null lease history, empty problems and stats as empty/zero', () => {
    const r = normalizeRangeInfo({ desc: { range_id: 75 }, lease_history: null, problems: {}, stats: {}, error_message: 'boom' });
    assert.deepEqual(r.leaseHistory, []);
    assert.equal(r.leaseholderNodeId, undefined);
    assert.deepEqual(normalizeProblems({}), { ...r.problems, other: [] });
    assert.equal(r.problems.unavailable, false);
    assert.deepEqual(r.stats, { queriesPerSecond: 0, writesPerSecond: 0 });
    assert.equal(r.errorMessage, 'boom');
    assert.deepEqual(normalizeNodeRanges({ ranges: null }), []);
  });

  it('breaks equal lease sequences by the latest start', () => {
    const a = normalizeLease({ start: { wall_time: 10 }, replica: { node_id: 1 }, sequence: 5 });
    const b = normalizeLease({ start: { wall_time: 20 }, replica: { node_id: 3 }, sequence: 5 });
    assert.equal(latestLease([a, b])?.replica.nodeId, 3);
    assert.equal(latestLease([b, a])?.replica.nodeId, 3);
    assert.equal(latestLease([]), undefined);
    assert.equal(a.acquisitionType, 'unspecified');
  });

  it('reads range detail per node, keeping failed nodes as errors', () => {
    const d = normalizeRangeDetail(
      {
        responses_by_node_id: {
          '2': { range_info: { ...RANGE, source_node_id: 2, lease_history: null } },
          '1': { range_info: RANGE },
          '3': { range_info: { desc: { range_id: 0 }, span: {}, lease_history: null }, error: 'failed to dial into node 3' },
        },
      },
      74,
    );
    assert.equal(d.rangeId, 74);
    assert.deepEqual(
      d.byNode.map((n) => n.nodeId),
      [1, 2, 3],
    );
    assert.equal(d.leaseholderNodeId, 1);
    assert.equal(d.byNode[2]!.rangeInfo, undefined);
    assert.equal(d.byNode[2]!.error, 'failed to dial into node 3');
    assert.equal(d.byNode[1]!.rangeInfo?.sourceNodeId, 2);
  });

  it('reads the seed spec range detail (RangeInfo directly under the node key)', () => {
    const d = normalizeRangeDetail({ range_id: 9, responses_by_node_id: { '4': { ...RANGE, desc: { range_id: 9 } } } }, 1);
    assert.equal(d.rangeId, 9);
    assert.equal(d.byNode[0]!.rangeInfo?.rangeId, 9);
    assert.equal(d.leaseholderNodeId, 1);
    assert.throws(() => normalizeRangeDetail({ responses_by_node_id: null }, 12), { name: 'ApiError', kind: 'notFound', message: 'Range r12 does not exist' });
  });
});
