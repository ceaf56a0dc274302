import assert from 'node:assert/strict';
import { UNKNOWN } from '../../../src/domain/locality';
import { groupPlacement } from '../../../src/webviews/model/placement';
import { rangeFindings } from '../../../src/webviews/model/problems';
import type { RangeDetailsPayload } from '../../../src/webviews/protocol/data';
import { NO_PROBLEMS } from '../modelFixtures';
import { replica } from './fixtures';

describe('webviews: placement grouping', () => {
  it('groups replicas by region and zone, sorted, and finds the leaseholder region', () => {
    const p = groupPlacement([
      replica(3, 'us-west1', 'b'),
      replica(1, 'us-east1', 'b', { leaseholder: true }),
      replica(2, 'us-east1', 'a'),
      replica(4, 'us-east1', 'a', { type: 'NON_VOTER' }),
    ]);
    assert.deepEqual(
      p.regions.map((r) => r.region),
      ['us-east1', 'us-west1'],
    );
    assert.deepEqual(
      p.regions[0]!.zones.map((z) => [z.zone, z.replicas.map((x) => x.nodeId)]),
      [
        ['a', [2, 4]],
        ['b', [1]],
      ],
    );
    assert.equal(p.regions[0]!.replicaCount, 3);
    assert.equal(p.regions[0]!.voterCount, 2);
    assert.equal(p.leaseholderRegion, 'us-east1');
    assert.deepEqual(p.findings, [], 'one voter per zone, leaseholder with most voters: nothing to say');
  });

  it('flags a distant leaseholder', () => {
    const p = groupPlacement([
      replica(1, 'eu', 'a', { leaseholder: true }),
      replica(2, 'us', 'a'),
      replica(3, 'us', 'b'),
    ]);
    assert.ok(
      p.findings.some(
        (f) =>
          f.message.startsWith('distant leaseholder') && f.message.includes('eu') && f.message.includes('us holds 2'),
      ),
    );
  });

  it('flags voters sharing a zone, and ignores non-voters for it', () => {
    const p = groupPlacement([
      replica(1, 'us', 'a', { leaseholder: true }),
      replica(2, 'us', 'a'),
      replica(3, 'us', 'b'),
    ]);
    assert.ok(p.findings.some((f) => f.message.includes('2 voters share zone a')));
    const q = groupPlacement([
      replica(1, 'us', 'a', { leaseholder: true }),
      replica(2, 'us', 'a', { type: 'NON_VOTER' }),
      replica(3, 'us', 'b'),
    ]);
    assert.ok(!q.findings.some((f) => f.message.includes('share zone')));
  });

  it('notes a single region in a multi-region cluster, and an unknown leaseholder without calling it missing', () => {
    const p = groupPlacement([replica(1, 'us', 'a'), replica(2, 'us', 'b')], ['eu', 'us']);
    assert.ok(
      p.findings.some(
        (f) => f.severity === 'info' && f.message.includes('every replica is in us') && f.message.includes('eu'),
      ),
    );
    assert.ok(p.findings.some((f) => f.severity === 'info' && f.message.startsWith('the leaseholder is unknown')));
    assert.ok(
      !p.findings.some((f) => f.severity !== 'info' && /lease/.test(f.message)),
      'an unknown leaseholder is no warning',
    );
  });

  it('says so when no node reports a locality', () => {
    const p = groupPlacement([replica(1, undefined, undefined, { leaseholder: true })]);
    assert.equal(p.regions[0]!.region, UNKNOWN);
    assert.ok(p.findings.some((f) => f.message.includes('placement cannot be judged')));
  });
});

describe('webviews: problem list', () => {
  const base: RangeDetailsPayload = {
    rangeId: 5,
    startKeyPretty: '/a',
    endKeyPretty: '/b',
    startKeyRaw: '',
    endKeyRaw: '',
    replicas: [],
    leaseHistory: [],
    clusterRegions: [],
    updatedAt: '',
  };

  it('unions replica problems with the nodes that report them, worst severity first-class', () => {
    const f = rangeFindings({
      ...base,
      leaseholderNodeId: 1,
      replicas: [
        replica(1, 'us', 'a', { leaseholder: true, problems: { ...NO_PROBLEMS, underreplicated: true } }),
        replica(2, 'us', 'b', { problems: { ...NO_PROBLEMS, underreplicated: true, leaderNotLeaseHolder: true } }),
      ],
      leaseHistory: [{ sequence: 1, nodeId: 1, storeId: 1, replicaId: 1, start: '1', acquisitionType: 'Request' }],
    });
    assert.deepEqual(f, [
      { severity: 'problem', message: 'under-replicated (reported by n1, n2)' },
      { severity: 'warning', message: 'leader not leaseholder (reported by n2)' },
    ]);
  });

  it('derives no lease, a leaseholder without replica, and nodes that did not answer', () => {
    const f = rangeFindings({
      ...base,
      leaseholderNodeId: 9,
      replicas: [replica(1, 'us', 'a', { problems: NO_PROBLEMS }), replica(2, 'us', 'b', { error: 'timeout' })],
    });
    assert.deepEqual(
      f.map((x) => x.message),
      [
        'the lease history is empty (nodes keep it in memory; a restart clears it); the hot-range report names n9 as leaseholder',
        'leaseholder n9 holds no replica the nodes reported',
        'n2 did not answer',
      ],
    );
  });
});
