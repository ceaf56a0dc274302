import assert from 'node:assert/strict';
import type { Liveness } from '../../../src/api/cluster/models';
import { LIVENESS_LABEL, livenessFilterLabels, livenessSeverity } from '../../../src/domain/liveness';

describe('domain: liveness', () => {
  it('says "suspect" for unavailable, as the DB Console does, and names the rest as they are', () => {
    assert.equal(LIVENESS_LABEL.unavailable, 'suspect');
    for (const l of ['live', 'dead', 'draining', 'decommissioning', 'decommissioned', 'starting', 'unknown'] as const)
      assert.equal(LIVENESS_LABEL[l], l);
  });
  it('splits liveness into up, being worked on, and down', () => {
    const by = (s: string) =>
      (Object.keys(LIVENESS_LABEL) as Liveness[]).filter((l) => livenessSeverity(l) === s).sort();
    assert.deepEqual(by('ok'), ['live']);
    assert.deepEqual(by('warn'), ['decommissioned', 'decommissioning', 'draining', 'starting']);
    assert.deepEqual(by('down'), ['dead', 'unavailable', 'unknown']);
  });
  it('offers every label once as a node-filter choice, up first and down last', () => {
    const labels = livenessFilterLabels();
    assert.deepEqual([...labels].sort(), Object.values(LIVENESS_LABEL).sort());
    assert.equal(new Set(labels).size, labels.length);
    assert.equal(labels[0], 'live');
    assert.ok(labels.includes('suspect') && !labels.includes('unavailable'));
    assert.deepEqual(labels.slice(-3), ['unknown', 'dead', 'suspect']);
  });
});
