import assert from 'node:assert/strict';
import { decodeCookie, encodeCookie } from '../../../src/sim/auth';

describe('cluster sim: internals', () => {
  it('session tokens are protobuf SessionCookie in std base64', () => {
    const secret = Buffer.from('0123456789abcdef');
    const tok = encodeCookie(300, secret);
    assert.deepEqual(decodeCookie(tok), { id: 300, secret });
    assert.equal(decodeCookie('AAAA'), undefined);
  });
});
