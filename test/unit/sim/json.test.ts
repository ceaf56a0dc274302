import assert from 'node:assert/strict';
import { toJson } from '../../../src/sim/json';

describe('cluster sim: internals', () => {
  it('writes bigint as exact JSON integers and drops undefined members', () => {
    assert.equal(
      toJson({ a: 1736942400123456789n, b: undefined, c: [1, undefined], d: null }),
      '{"a":1736942400123456789,"c":[1,null],"d":null}',
    );
  });
});
