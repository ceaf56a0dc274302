import assert from 'node:assert/strict';
import { startControlServer } from '../../../src/sim/control';
import { startClusterSimulator } from '../../../src/sim';

describe('cluster sim control port', () => {
  it('changes a running simulator over HTTP and reports its counters', async () => {
    const sim = await startClusterSimulator({ port: 0, insecure: true, nodes: 3 });
    const control = await startControlServer(sim.control);
    try {
      const post = (p: string) => fetch(new URL(p, control.url), { method: 'POST' });
      assert.equal((await post('/down-nodes?ids=2')).status, 200);
      const nodes = (await (await fetch(new URL('/api/v2/nodes/', sim.clusterUrl))).json()) as {
        nodes: Array<{ node_id: number; liveness_status: number }>;
      };
      assert.equal(nodes.nodes.find((n) => n.node_id === 2)?.liveness_status, 1);
      assert.equal((await post('/not-ready?on=1')).status, 200);
      assert.equal((await fetch(new URL('/api/v2/health/?ready=true', sim.clusterUrl))).status, 500);
      assert.equal((await post('/garbage?route=nodes/')).status, 200);
      assert.equal((await fetch(new URL('/api/v2/nodes/', sim.clusterUrl))).status, 200);
      assert.equal((await post('/nonsense')).status, 404);
      assert.equal((await fetch(new URL('/down-nodes', control.url))).status, 405);
      const stats = (await (await fetch(new URL('/stats', control.url))).json()) as { requests: number };
      assert.ok(stats.requests >= 3);
    } finally {
      await control.close();
      await sim.close();
    }
  });
});
