// ReplicaDescriptor.type by protobuf value (pkg/roachpb/metadata.proto), as
// integers from real servers and enum names from seed-style ones, through the
// simulator over real sockets.
import assert from 'node:assert/strict';
import { normalizeRangeInfo, replicaTypeName } from '../../../../src/api/cluster/normalize/ranges';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim } from '../../../../src/sim';
import { oddReplicaType, REPLICA_TYPE } from '../../../../src/sim/data/ranges';
import { signedInClient } from './simClient';

describe('replica types', () => {
  it('maps every value to its proto name; LEARNER is 1, not VOTER_INCOMING', () => {
    const byValue = [0, 1, 2, 3, 4, 5, 6].map(replicaTypeName);
    assert.deepEqual(byValue, [
      'VOTER_FULL',
      'LEARNER',
      'VOTER_INCOMING',
      'VOTER_OUTGOING',
      'VOTER_DEMOTING_LEARNER',
      'NON_VOTER',
      'VOTER_DEMOTING_NON_VOTER',
    ]);
    assert.equal(replicaTypeName(undefined), 'VOTER_FULL', 'omitted when unset');
    assert.equal(replicaTypeName(null), 'VOTER_FULL');
    assert.equal(replicaTypeName('4'), 'VOTER_DEMOTING_LEARNER', 'an int64-style string');
    assert.equal(replicaTypeName('NON_VOTER'), 'NON_VOTER', 'seed-style enum name');
    assert.equal(replicaTypeName('learner'), 'LEARNER');
    assert.equal(replicaTypeName(9), 'type 9', 'a newer value keeps its number');
  });

  it('reads types from the lease history and from a descriptor replica list', () => {
    const r = normalizeRangeInfo({
      desc: { range_id: 3 },
      state: {
        state: {
          desc: {
            internal_replicas: [
              { node_id: 1, store_id: 1, replica_id: 1 },
              { node_id: 2, store_id: 2, replica_id: 4, type: 1 },
            ],
          },
        },
      },
      lease_history: [
        { replica: { node_id: 1, store_id: 1, replica_id: 1, type: 2 }, sequence: 1, start: { wall_time: 5 } },
      ],
    });
    assert.equal(r.leaseHistory[0]!.replica.type, 'VOTER_INCOMING');
    assert.deepEqual(
      r.replicas?.map((x) => [x.nodeId, x.type]),
      [
        [1, 'VOTER_FULL'],
        [2, 'LEARNER'],
      ],
    );
    assert.equal(
      normalizeRangeInfo({ desc: { range_id: 3 } }).replicas,
      undefined,
      'api/v2 range info has no replica list',
    );
  });

  describe('the simulator', () => {
    let v25: RunningClusterSim;
    let seed: RunningClusterSim;
    before(async () => {
      v25 = await startClusterSimulator({ profile: 'v25', nodes: 5, rangesPerNode: 40, seed: 11 });
      seed = await startClusterSimulator({ profile: 'seed-spec', nodes: 5, rangesPerNode: 40, seed: 11 });
    });
    after(async () => {
      await v25.close();
      await seed.close();
    });

    it('v25: a lease taken by an incoming voter says type 2; VOTER_FULL leases send no type', async () => {
      const body = (await (
        await fetch(`${v25.clusterUrl}/api/v2/ranges/9/`, {
          headers: { 'X-Cockroach-API-Session': await loginToken(v25) },
        })
      ).json()) as {
        responses_by_node_id: Record<
          string,
          { range_info: { lease_history: Array<{ replica: Record<string, unknown> }> } }
        >;
      };
      const leases = Object.values(body.responses_by_node_id).flatMap((n) => n.range_info.lease_history);
      assert.ok(leases.length > 0);
      // r9: 9 ≡ 9 (mod 19), so its newest lease went to an incoming voter.
      assert.ok(leases.some((l) => l.replica.type === REPLICA_TYPE.VOTER_INCOMING));
      assert.ok(
        leases.every((l) => l.replica.type === undefined || l.replica.type === REPLICA_TYPE.VOTER_INCOMING),
        'no `type: 0` on the wire',
      );
      const { client } = await signedInClient(v25);
      const d = await client.rangeDetail(9);
      assert.ok(d.byNode.some((b) => b.rangeInfo?.leaseHistory.some((l) => l.replica.type === 'VOTER_INCOMING')));
    });

    it('seed-spec: descriptor replicas carry NON_VOTER, LEARNER and VOTER_DEMOTING_LEARNER by name', async () => {
      const { client } = await signedInClient(seed);
      // The ids come from the simulator's rule (src/sim/data/ranges.ts oddReplicaType).
      const cases: Array<[number, string]> = [
        [4, 'NON_VOTER'],
        [6, 'LEARNER'],
        [8, 'VOTER_DEMOTING_LEARNER'],
      ];
      for (const [rangeId, name] of cases) {
        assert.ok(oddReplicaType(rangeId) !== undefined, `r${rangeId} has an odd replica`);
        const d = await client.rangeDetail(rangeId);
        const types = d.byNode.find((b) => b.rangeInfo?.replicas)?.rangeInfo?.replicas?.map((r) => r.type) ?? [];
        assert.ok(types.includes(name), `r${rangeId}: ${types.join(', ')}`);
        assert.equal(types.filter((t) => t !== 'VOTER_FULL').length, 1);
      }
      const plain = await client.rangeDetail(2);
      assert.ok(plain.byNode[0]?.rangeInfo?.replicas?.every((r) => r.type === 'VOTER_FULL'));
    });
  });
});

async function loginToken(sim: RunningClusterSim): Promise<string> {
  const res = await fetch(`${sim.clusterUrl}/api/v2/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'username=admin&password=cockroach-admin',
  });
  return ((await res.json()) as { session: string }).session;
}
