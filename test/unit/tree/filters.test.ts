import assert from 'node:assert/strict';
import { describeFilter, FilterStore, matchNode, matchSession, parseRangeIds } from '../../../src/tree/filters';
import { node, session } from '../modelFixtures';

describe('filters', () => {
  it('matches nodes by locality and liveness label', () => {
    assert.ok(matchNode(node(1, 'live'), { locality: 'REGION=us-east1' }));
    assert.ok(!matchNode(node(1, 'live', 'eu-west1'), { locality: 'us-east1' }));
    assert.ok(matchNode(node(2, 'unavailable'), { liveness: 'suspect' }));
    assert.ok(!matchNode(node(2, 'live'), { liveness: 'dead' }));
  });
  it('matches sessions by user, application and status', () => {
    assert.ok(matchSession(session({}), { user: 'APP', application: 'mov', status: 'active' }));
    assert.ok(!matchSession(session({ status: 'idle' }), { status: 'active' }));
    assert.ok(!matchSession(session({ applicationName: '<script>' }), { application: 'movr' }));
  });
  it('parses range id lists and describes the active filter', () => {
    assert.deepEqual(parseRangeIds('12, 40-42'), [12, 40, 41, 42]);
    assert.equal(parseRangeIds('12; drop'), undefined);
    assert.equal(parseRangeIds('9-3'), undefined);
    assert.equal(describeFilter({ rangeIds: [1, 2] }), 'filter ranges: 1,2');
    const store = new FilterStore();
    store.set('s', { user: '' });
    assert.equal(store.get('s'), undefined);
    store.set('s', { user: 'bob' });
    assert.deepEqual(store.get('s'), { user: 'bob' });
  });
});
