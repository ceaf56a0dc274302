// ServerVersion's JSON names: `major`/`minor` on recent servers, `major_val`/`minor_val`
// on older ones. The simulator sends each profile's names; the client reads both.
import assert from 'node:assert/strict';
import { normalizeNodes, versionString } from '../../../../src/api/cluster/normalize/nodes';
import { startClusterSimulator } from '../../../../src/sim';
import type { SimProfile } from '../../../../src/sim';
import { signedInClient } from './simClient';

describe('ServerVersion field names', () => {
  it('reads the modern and the old names, with or without zero fields', () => {
    assert.equal(versionString('', { major: 25, minor: 2, patch: 0, internal: 0 }), 'v25.2');
    assert.equal(versionString(undefined, { major: 24, minor: 3, patch: 1, internal: 0 }), 'v24.3.1');
    assert.equal(versionString('', { major_val: 23, minor_val: 2, patch: 0, internal: 0 }), 'v23.2');
    // gogoproto omits zeros: v25.0 may arrive without `minor`.
    assert.equal(versionString('', { major: 25 }), 'v25.0');
    assert.equal(versionString('', {}), '');
  });

  const expected: Record<Exclude<SimProfile, 'seed-spec'>, { keys: string[]; version: string }> = {
    v21: { keys: ['internal', 'major_val', 'minor_val', 'patch'], version: 'v21.2' },
    v23: { keys: ['internal', 'major_val', 'minor_val', 'patch'], version: 'v23.2' },
    v25: { keys: ['internal', 'major', 'minor', 'patch'], version: 'v25.2' },
    v26: { keys: ['internal', 'major', 'minor', 'patch'], version: 'v26.1' },
  };
  for (const [profile, want] of Object.entries(expected) as Array<[SimProfile, { keys: string[]; version: string }]>) {
    it(`the ${profile} simulator sends ${want.keys.join('/')} and the client reads ${want.version}`, async () => {
      const sim = await startClusterSimulator({ profile, nodes: 2, rangesPerNode: 2, sessionsPerNode: 0 });
      try {
        const { client, session } = await signedInClient(sim);
        const res = await fetch(`${sim.clusterUrl}/api/v2/nodes/`, {
          headers: { 'X-Cockroach-API-Session': session.token! },
        });
        const body = (await res.json()) as { nodes: Array<Record<string, unknown>> };
        const wire = body.nodes[0]!;
        assert.deepEqual(Object.keys(wire.ServerVersion as object).sort(), want.keys);
        // Without build_tag the version can only come from ServerVersion.
        const { build_tag: _tag, ...untagged } = wire;
        assert.equal(normalizeNodes({ nodes: [untagged] })[0]!.version, want.version);
        assert.match(
          (await client.nodesPage({ limit: 1 })).items[0]!.version,
          new RegExp(`^${want.version.replace('.', '\\.')}\\.`),
        );
      } finally {
        await sim.close();
      }
    });
  }
});
