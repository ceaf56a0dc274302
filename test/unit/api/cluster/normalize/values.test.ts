import assert from 'node:assert/strict';
import { base64ToHex, date, nanos, num, str } from '../../../../../src/api/cluster/normalize/values';

describe('normalize: value readers', () => {
  it('converts wire values defensively', () => {
    assert.equal(num('x', 7), 7);
    assert.equal(num(Infinity), 0);
    assert.equal(num(5n), 5);
    assert.equal(str(12), '12');
    assert.equal(str(null, 'd'), 'd');
    assert.equal(nanos('123456789012345678901'), 123456789012345678901n);
    assert.equal(nanos(1.9), 1n);
    assert.equal(nanos({}), 0n);
    assert.equal(date('nope'), undefined);
    assert.equal(base64ToHex('AAEC'), '000102');
    assert.equal(base64ToHex('_-8='), 'ffef');
  });
});
