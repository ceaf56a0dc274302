// ranges/{id}/ for a range that does not exist is a 200 with an empty map on
// real servers (pkg/server/api_v2_ranges.go listRange: nodes without the range
// add nothing); the client turns that into a typed "not found". Also the ranges
// whose in-memory lease history a restart emptied.
import assert from 'node:assert/strict';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim } from '../../../../src/sim';
import { restartedHistoryOf } from '../../../../src/sim/data/ranges';
import { rejection, signedInClient } from './simClient';

describe('range not found, and empty lease histories', () => {
  let sim: RunningClusterSim;
  let token: string;
  const rangeJson = async (id: number) => {
    const res = await fetch(`${sim.clusterUrl}/api/v2/ranges/${id}/`, {
      headers: { 'X-Cockroach-API-Session': token },
    });
    return { status: res.status, text: await res.text() };
  };

  before(async () => {
    sim = await startClusterSimulator({ profile: 'v25', nodes: 5, rangesPerNode: 40, seed: 11 });
    const { session } = await signedInClient(sim);
    token = session.token ?? '';
  });
  after(() => sim.close());

  it('the simulator answers 200 {"responses_by_node_id":{}} for a range no node holds', async () => {
    const missing = await rangeJson(999_999);
    assert.equal(missing.status, 200);
    assert.deepEqual(JSON.parse(missing.text), { responses_by_node_id: {} });
  });

  it('the client says "Range r<ID> does not exist" as a notFound ApiError', async () => {
    const { client } = await signedInClient(sim);
    const e = await rejection(client.rangeDetail(999_999));
    assert.equal(e.kind, 'notFound');
    assert.equal(e.message, 'Range r999999 does not exist');
    const found = await client.rangeDetail(1);
    assert.ok(found.byNode.length > 0, 'an existing range still loads');
  });

  it('a range known only to down nodes is not called missing (the nodes that did not answer are listed)', async () => {
    sim.control.setDownNodes([2]);
    try {
      const { client } = await signedInClient(sim);
      const d = await client.rangeDetail(999_999);
      assert.deepEqual(
        d.byNode.map((b) => [b.nodeId, b.rangeInfo === undefined, typeof b.error]),
        [[2, true, 'string']],
      );
    } finally {
      sim.control.setDownNodes([]);
    }
  });

  it('sends lease_history null or [] for restarted ranges, and the client then knows no leaseholder', async () => {
    // r ≡ 4 (mod 11) (src/sim/data/ranges.ts restartedHistoryOf): r15 is odd → null, r26 even → [].
    assert.equal(restartedHistoryOf(15), null);
    assert.deepEqual(restartedHistoryOf(26), []);
    for (const [id, wire] of [
      [15, 'null'],
      [26, '[]'],
    ] as const) {
      const body = JSON.parse((await rangeJson(id)).text) as {
        responses_by_node_id: Record<string, { range_info: { lease_history: unknown } }>;
      };
      const histories = Object.values(body.responses_by_node_id).map((n) => JSON.stringify(n.range_info.lease_history));
      assert.ok(histories.length > 0 && histories.every((h) => h === wire), `r${id}: ${histories.join(' ')}`);
    }
    const { client } = await signedInClient(sim);
    const d = await client.rangeDetail(15);
    assert.equal(d.leaseholderNodeId, undefined);
    assert.ok(d.byNode.every((b) => b.rangeInfo?.leaseHistory.length === 0));
  });
});
