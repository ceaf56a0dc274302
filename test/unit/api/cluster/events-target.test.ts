// events/?targetID= is ignored by servers from v23.1 (only `type` is read): the
// simulator ignores it for v23/v25, and the client filters by target itself.
import assert from 'node:assert/strict';
import { startClusterSimulator } from '../../../../src/sim';
import type { RunningClusterSim, SimProfile } from '../../../../src/sim';
import { signedInClient } from './simClient';

async function rawEvents(sim: RunningClusterSim, token: string, query: string): Promise<Array<{ target_id: number }>> {
  const res = await fetch(`${sim.clusterUrl}/api/v2/events/${query}`, {
    headers: { 'X-Cockroach-API-Session': token },
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { events: Array<{ target_id: number }> }).events;
}

for (const profile of ['v21', 'v23', 'v25'] as SimProfile[]) {
  describe(`events by target (${profile})`, () => {
    let sim: RunningClusterSim;
    before(async () => {
      sim = await startClusterSimulator({ profile, nodes: 3, rangesPerNode: 2, sessionsPerNode: 0 });
    });
    after(() => sim.close());

    it(profile === 'v21' ? 'the server filters by targetID' : 'the server ignores targetID', async () => {
      const { session } = await signedInClient(sim);
      const all = await rawEvents(sim, session.token!, '?limit=500');
      const target = all[0]!.target_id;
      assert.ok(
        all.some((e) => e.target_id !== target),
        'the log has other targets too',
      );
      const byTarget = await rawEvents(sim, session.token!, `?limit=500&targetID=${target}`);
      if (profile === 'v21') assert.ok(byTarget.length > 0 && byTarget.every((e) => e.target_id === target));
      else assert.deepEqual(byTarget, all);
    });

    it('the client returns only events of the target asked for', async () => {
      const { client } = await signedInClient(sim);
      const all = await client.eventsPage({ limit: 500 });
      const target = all.items[0]!.targetId!;
      const expected = all.items.filter((e) => e.targetId === target);
      const page = await client.eventsPage({ limit: 500, targetId: target });
      assert.ok(page.items.length > 0);
      assert.deepEqual(
        page.items.map((e) => e.uniqueId),
        expected.map((e) => e.uniqueId),
      );
    });
  });
}
