import assert from 'node:assert/strict';
import type { HotRange, NodeStatus, RangeDetail, RangeInfo } from '../../../src/api/cluster/models';
import { ApiError } from '../../../src/api/http/errors';
import { failureOf, hotRangeRow, nodeSummaries, rangeDetailsPayload } from '../../../src/webviews/convert';

const NS = 1_764_000_000_123_456_789n; // > 2^53

function node(nodeId: number, region: string, zone: string): NodeStatus {
  return {
    nodeId,
    address: '',
    sqlAddress: '',
    locality: [
      { key: 'region', value: region },
      { key: 'zone', value: zone },
    ],
    version: 'v25.1.0',
    clusterName: '',
    startedAt: NS,
    updatedAt: NS,
    liveness: 'live',
    numCpus: 4,
    totalMemoryBytes: 1,
    metrics: {},
    storeMetrics: {},
  };
}

function info(nodeId: number, over: Partial<RangeInfo> = {}): RangeInfo {
  return {
    rangeId: 9,
    startKeyRaw: 'vYk=',
    endKeyRaw: 'vYo=',
    startKeyPretty: '/Table/106/1',
    endKeyPretty: '/Table/106/2',
    sourceNodeId: nodeId,
    sourceStoreId: nodeId,
    leaseHistory: [
      {
        start: NS,
        expiration: NS + 1n,
        replica: { nodeId: 1, storeId: 1, replicaId: 1, type: 'VOTER_FULL' },
        sequence: 1,
        acquisitionType: 'Request',
        epoch: 3,
      },
      { start: NS + 10n, replica: { nodeId: 2, storeId: 2, replicaId: 4 }, sequence: 2, acquisitionType: 'Transfer' },
    ],
    problems: {
      unavailable: false,
      leaderNotLeaseHolder: false,
      noRaftLeader: false,
      underreplicated: false,
      overreplicated: false,
      noLease: false,
      quiescentEqualsTicking: false,
      raftLogTooLarge: false,
      other: [],
    },
    stats: { queriesPerSecond: 5, writesPerSecond: 1, cpuTimePerSecond: 100 },
    quiescent: false,
    ticking: true,
    ...over,
  };
}

describe('webviews: host-side conversion', () => {
  it('turns a range detail into a cloneable payload: bigint nanos become decimal strings', () => {
    const d: RangeDetail = {
      rangeId: 9,
      leaseholderNodeId: 2,
      byNode: [
        { nodeId: 2, rangeInfo: info(2) },
        { nodeId: 1, rangeInfo: info(1) },
        { nodeId: 3, error: 'rpc error: timeout' },
      ],
    };
    const p = rangeDetailsPayload(
      d,
      [node(1, 'us', 'a'), node(2, 'us', 'b'), node(3, 'eu', 'a')],
      new Date('2026-01-01T00:00:00Z'),
    );
    assert.doesNotThrow(() => structuredClone(p));
    assert.deepEqual(JSON.parse(JSON.stringify(p)), p, 'plain JSON, nothing lost');
    assert.deepEqual(
      p.leaseHistory.map((l) => [l.sequence, l.start]),
      [
        [2, (NS + 10n).toString()],
        [1, NS.toString()],
      ],
      'newest first',
    );
    assert.equal(p.leaseHistory[1]!.expiration, (NS + 1n).toString());
    assert.deepEqual(
      p.replicas.map((r) => [r.nodeId, r.leaseholder, r.replicaId, r.type, r.error]),
      [
        [1, false, 1, 'VOTER_FULL', undefined],
        [2, true, 4, undefined, undefined],
        [3, false, undefined, undefined, 'rpc error: timeout'],
      ],
    );
    assert.deepEqual(p.replicas[0]!.locality, [
      { key: 'region', value: 'us' },
      { key: 'zone', value: 'a' },
    ]);
    assert.equal(p.replicas[1]!.stats?.cpuTimePerSecond, 100);
    assert.equal(p.startKeyPretty, '/Table/106/1');
    assert.deepEqual(p.clusterRegions, ['eu', 'us']);
    assert.equal(p.updatedAt, '2026-01-01T00:00:00.000Z');
  });

  it('derives the leaseholder from the lease history when the detail has none', () => {
    const p = rangeDetailsPayload({ rangeId: 9, byNode: [{ nodeId: 1, rangeInfo: info(1) }] }, []);
    assert.equal(p.leaseholderNodeId, 2);
    assert.equal(p.replicas[0]!.leaseholder, false);
  });

  it('maps a hot range with the leaseholder locality and only the fields present', () => {
    const h: HotRange = {
      rangeId: 1,
      nodeId: 3,
      qps: 2,
      leaseholderNodeId: 1,
      replicaNodeIds: [1, 3],
      databases: ['d'],
      tables: ['t'],
      indexes: ['i'],
    };
    const row = hotRangeRow(
      h,
      new Map([
        [1, 'region=us'],
        [3, 'region=eu'],
      ]),
    );
    assert.equal(row.locality, 'region=us');
    assert.ok(!('cpuTimePerSecond' in row));
    assert.deepEqual(
      nodeSummaries([node(2, 'us', 'b'), node(1, 'us', 'a')]).map((n) => n.nodeId),
      [1, 2],
    );
  });

  it('maps errors to the states the webview shows', () => {
    assert.equal(failureOf(new ApiError('unauthorized', 'Signed out')).kind, 'unauthorized');
    assert.equal(failureOf(new ApiError('connectionRefused', 'refused')).kind, 'unreachable');
    assert.equal(failureOf(new ApiError('timeout', 'slow')).kind, 'unreachable');
    assert.equal(failureOf(new ApiError('forbidden', 'no')).kind, 'forbidden');
    assert.deepEqual(failureOf(new Error('boom')), { kind: 'other', message: 'boom' });
    assert.equal(failureOf('x').message, 'x');
  });
});
