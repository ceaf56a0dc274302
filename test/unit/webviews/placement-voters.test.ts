// Voter counting by replica type, and what Range details says when the lease
// history is empty (a restart clears it): never a made-up "no leaseholder".
import assert from 'node:assert/strict';
import type { NodeStatus, RangeDetail, RangeInfo } from '../../../src/api/cluster/models';
import { normalizeRangeInfo } from '../../../src/api/cluster/normalize/ranges';
import { rangeDetailsPayload } from '../../../src/webviews/convert';
import { groupPlacement } from '../../../src/webviews/model/placement';
import { rangeFindings } from '../../../src/webviews/model/problems';
import { replica } from './fixtures';

describe('webviews: voters by replica type', () => {
  it('counts outgoing and demoting voters in a placement, never learners or non-voters', () => {
    const p = groupPlacement([
      replica(1, 'us', 'a', { leaseholder: true }),
      replica(2, 'us', 'b', { type: 'VOTER_DEMOTING_LEARNER' }),
      replica(3, 'us', 'c', { type: 'VOTER_OUTGOING' }),
      replica(4, 'us', 'd', { type: 'LEARNER' }),
      replica(5, 'us', 'e', { type: 'NON_VOTER' }),
    ]);
    assert.equal(p.regions[0]!.replicaCount, 5);
    assert.equal(p.regions[0]!.voterCount, 3);
  });

  it('a demoting voter sharing a zone still shares the outage', () => {
    const p = groupPlacement([
      replica(1, 'us', 'a', { leaseholder: true }),
      replica(2, 'us', 'a', { type: 'VOTER_DEMOTING_NON_VOTER' }),
      replica(3, 'us', 'b'),
    ]);
    assert.ok(p.findings.some((f) => f.message.startsWith('2 voters share zone a')));
  });
});

const node = (nodeId: number, region: string): NodeStatus =>
  ({ nodeId, locality: [{ key: 'region', value: region }] }) as unknown as NodeStatus;

function restartedRange(nodeId: number): RangeInfo {
  return normalizeRangeInfo({
    desc: { range_id: 15, start_key: '9Yk=', end_key: '9Yo=', store_id: 0, queries_per_second: 0 },
    span: { start_key: '/Table/109/1', end_key: '/Table/109/2' },
    source_node_id: nodeId,
    source_store_id: nodeId,
    lease_history: nodeId === 1 ? null : [],
    problems: {},
    stats: { queries_per_second: 3 },
  });
}

describe('webviews: Range details with an empty lease history', () => {
  const detail: RangeDetail = {
    rangeId: 15,
    byNode: [1, 2, 3].map((n) => ({ nodeId: n, rangeInfo: restartedRange(n) })),
  };
  const nodes = [node(1, 'us'), node(2, 'us'), node(3, 'eu')];

  it('takes the leaseholder from the hot-range report when it names one', () => {
    assert.equal(detail.leaseholderNodeId, undefined, 'nothing in the history');
    const d = rangeDetailsPayload(detail, nodes, new Date(0), 2);
    assert.equal(d.leaseholderNodeId, 2);
    assert.equal(d.leaseholderSource, 'hot ranges');
    assert.deepEqual(
      d.replicas.filter((r) => r.leaseholder).map((r) => r.nodeId),
      [2],
    );
    const all = [...rangeFindings(d), ...groupPlacement(d.replicas, d.clusterRegions, d.leaseholderNodeId).findings];
    assert.ok(!all.some((f) => /no replica holds the lease|no lease in/.test(f.message)), JSON.stringify(all));
    assert.ok(all.some((f) => f.severity === 'info' && f.message.includes('hot-range report names n2')));
  });

  it('says "unknown" otherwise, as information rather than a warning', () => {
    const d = rangeDetailsPayload(detail, nodes, new Date(0));
    assert.equal(d.leaseholderNodeId, undefined);
    assert.equal(d.leaseholderSource, undefined);
    const all = [...rangeFindings(d), ...groupPlacement(d.replicas, d.clusterRegions, d.leaseholderNodeId).findings];
    assert.ok(!all.some((f) => f.severity !== 'info' && /lease/.test(f.message)), JSON.stringify(all));
    assert.ok(all.some((f) => f.message.includes('the leaseholder is unknown')));
  });

  it('prefers the descriptor over the lease history for a replica type (the history records the type at acquisition)', () => {
    const info = normalizeRangeInfo({
      desc: {
        range_id: 15,
        internal_replicas: [
          { node_id: 1, store_id: 1, replica_id: 1 },
          { node_id: 2, store_id: 2, replica_id: 2, type: 'NON_VOTER' },
        ],
      },
      source_node_id: 2,
      lease_history: [
        { start: { wall_time: 1 }, replica: { node_id: 2, store_id: 2, replica_id: 2 }, sequence: 1 },
        { start: { wall_time: 2 }, replica: { node_id: 1, store_id: 1, replica_id: 1 }, sequence: 2 },
      ],
    });
    const d = rangeDetailsPayload(
      {
        rangeId: 15,
        byNode: [
          { nodeId: 1, rangeInfo: info },
          { nodeId: 2, rangeInfo: info },
        ],
        leaseholderNodeId: 1,
      },
      nodes,
      new Date(0),
    );
    assert.deepEqual(
      d.replicas.map((r) => [r.nodeId, r.type]),
      [
        [1, 'VOTER_FULL'],
        [2, 'NON_VOTER'],
      ],
    );
    assert.equal(d.leaseholderSource, 'lease history');
  });
});
