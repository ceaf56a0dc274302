import assert from 'node:assert/strict';
import { ApiError } from '../../../src/api/http/errors';
import { healthFromError, healthFromNodes, nextDelay } from '../../../src/status/health';
import { node } from '../modelFixtures';

describe('status-bar health', () => {
  it('is healthy when every node is live and the node is ready', () => {
    const h = healthFromNodes(true, [node(1, 'live'), node(2, 'live')]);
    assert.equal(h.state, 'healthy');
    assert.equal(h.summary, '2/2 live');
  });
  it('is degraded and names the node when one is dead or the node is not ready', () => {
    const h = healthFromNodes(true, [node(1, 'live'), node(2, 'dead')]);
    assert.equal(h.state, 'degraded');
    assert.match(h.details.join(), /n2 dead/);
    assert.equal(healthFromNodes(false, [node(1, 'live')]).state, 'degraded');
  });
  it('counts draining and decommissioning nodes as up, lists them, and leaves decommissioned ones out', () => {
    const h = healthFromNodes(true, [
      node(1, 'live'),
      node(2, 'draining'),
      node(3, 'decommissioning'),
      node(4, 'decommissioned'),
    ]);
    assert.equal(h.state, 'healthy');
    assert.equal(h.summary, '3/3 live');
    assert.match(h.details.join(), /n2 draining/);
  });
  it('is signed out on 401 and unreachable otherwise', () => {
    assert.equal(healthFromError(new ApiError('unauthorized', 'x')).state, 'signedOut');
    assert.equal(healthFromError(new ApiError('connectionRefused', 'refused')).state, 'unreachable');
  });
  it('backs off while failing and slows down while unfocused', () => {
    assert.equal(nextDelay(15_000, 0, true), 15_000);
    assert.equal(nextDelay(15_000, 2, true), 60_000);
    assert.equal(nextDelay(15_000, 10, true), 120_000);
    assert.equal(nextDelay(15_000, 0, false), 60_000);
  });
});
