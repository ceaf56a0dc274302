import assert from 'node:assert/strict';
import {
  latestLease,
  normalizeLease,
  normalizeNodeRanges,
  normalizeProblems,
  normalizeRangeDetail,
  normalizeRangeInfo,
} from '../../../../../src/api/cluster/normalize/ranges';

const RANGE = {
  desc: { range_id: 74, start_key: '8okS', end_key: '8okT', store_id: 0, queries_per_second: 0 },
  span: { start_key: '/Table/106/1/2', end_key: '/Table/106/1/3' },
  source_node_id: 1,
  source_store_id: 1,
  lease_history: [
    {
      start: { wall_time: 1736942400000000000n },
      replica: { node_id: 2, store_id: 2, replica_id: 2 },
      sequence: 3,
      acquisition_type: 1,
    },
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
    const r = normalizeRangeInfo({
      desc: { range_id: 75 },
      lease_history: null,
      problems: {},
      stats: {},
      error_message: 'boom',
    });
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
          '3': {
            range_info: { desc: { range_id: 0 }, span: {}, lease_history: null },
            error: 'failed to dial into node 3',
          },
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
    const d = normalizeRangeDetail(
      { range_id: 9, responses_by_node_id: { '4': { ...RANGE, desc: { range_id: 9 } } } },
      1,
    );
    assert.equal(d.rangeId, 9);
    assert.equal(d.byNode[0]!.rangeInfo?.rangeId, 9);
    assert.equal(d.leaseholderNodeId, 1);
    assert.throws(() => normalizeRangeDetail({ responses_by_node_id: null }, 12), {
      name: 'ApiError',
      kind: 'notFound',
      message: 'Range r12 does not exist',
    });
  });
});
