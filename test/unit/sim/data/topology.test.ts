import assert from 'node:assert/strict';
import {
  makeTopology,
  nodeHoldsRange,
  rangeCountOfNode,
  rangeOfNodeAt,
  replicasOf,
} from '../../../../src/sim/data/topology';

describe('cluster sim: internals', () => {
  it('replica placement is consistent both ways', () => {
    const t = makeTopology({
      seed: 1,
      profile: 'v25',
      nodes: 11,
      rangesPerNode: 30,
      sessionsPerNode: 1,
      hotRangesPerNode: 5,
    });
    for (let node = 1; node <= 11; node++) {
      const ids = Array.from({ length: rangeCountOfNode(t) }, (_, i) => rangeOfNodeAt(t, node, i));
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.ok(replicasOf(t, id).includes(node));
    }
    for (let r = 1; r <= t.rangeCount; r++) {
      const reps = replicasOf(t, r);
      assert.equal(new Set(reps).size, 3);
      for (const n of reps) assert.ok(nodeHoldsRange(t, n, r));
    }
  });
});
