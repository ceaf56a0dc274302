// nodes/{id}/ranges/ for a node that is down or unknown: the server answers its generic
// 500 after its own dial timeout. The client says the node did not answer and asks once.
import assert from 'node:assert/strict';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim } from '../../../../src/sim';
import { MSG_INTERNAL } from '../../../../src/sim/http';
import { rejection, signedInClient } from './simClient';

describe('ranges of a dead or unknown node (simulator)', () => {
  let sim: RunningClusterSim;
  before(async () => {
    // A short dial timeout keeps the test quick; the default is seconds, like a real server.
    sim = await startClusterSimulator({
      profile: 'v25',
      nodes: 5,
      rangesPerNode: 10,
      downNodes: [4],
      deadNodeDelayMs: 30,
    });
  });
  after(() => sim.close());

  it('the simulator answers the generic 500, like the real handler', async () => {
    const { session } = await signedInClient(sim);
    for (const id of [4, 99]) {
      const res = await fetch(`${sim.clusterUrl}/api/v2/nodes/${id}/ranges/`, {
        headers: { 'X-Cockroach-API-Session': session.token! },
      });
      assert.equal(res.status, 500, `node ${id}`);
      assert.equal(await res.text(), `${MSG_INTERNAL}\n`);
    }
  });

  it('is asked exactly once, even with retries on, and reads "Node n4 did not answer"', async () => {
    const { client } = await signedInClient(sim, 'admin', { retries: 2 });
    const before = sim.control.requestCount('nodes/4/ranges/');
    const e = await rejection(client.nodeRangesPage(4, { limit: 5 }));
    assert.equal(sim.control.requestCount('nodes/4/ranges/') - before, 1);
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 500);
    assert.match(e.message, /^Node n4 did not answer/);
    assert.doesNotMatch(e.message, /HTTP 500|failed on/);
  });

  it('the fan-out reports the dead node beside the rest, one request per node', async () => {
    const { client } = await signedInClient(sim, 'admin', { retries: 2 });
    const before = sim.control.requestCount('nodes/');
    const results = await client.fanOutNodeRanges([1, 2, 3, 4, 5], { limit: 3 });
    assert.equal(sim.control.requestCount('nodes/') - before, 5);
    assert.deepEqual(
      results.map((r) => [r.nodeId, r.ranges.length, r.error?.message.replace(/ –.*/, '')]),
      [
        [1, 3, undefined],
        [2, 3, undefined],
        [3, 3, undefined],
        [4, 0, 'Node n4 did not answer'],
        [5, 3, undefined],
      ],
    );
  });

  it('an unknown node costs one request too', async () => {
    const { client } = await signedInClient(sim, 'admin', { retries: 2 });
    const before = sim.control.requestCount('nodes/77/ranges/');
    assert.match((await rejection(client.nodeRangesPage(77, { limit: 1 }))).message, /^Node n77 did not answer/);
    assert.equal(sim.control.requestCount('nodes/77/ranges/') - before, 1);
  });
});
