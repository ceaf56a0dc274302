import assert from 'node:assert/strict';
import { partialText } from '../../../src/tree/format';

describe('tree row text', () => {
  it('says how many nodes did not answer', () => {
    assert.equal(partialText(2, 9), '2 of 9 nodes did not answer');
    assert.equal(partialText(1, undefined), '1 node did not answer');
  });
});
