import assert from 'node:assert/strict';
import { cancelQueryPlaceholder, cancelSessionPlaceholder } from '../../../../src/api/cluster/cancel';
import { isApiError } from '../../../../src/api/http/errors';

describe('api: CANCEL statements', () => {
  it('send the hex id as a placeholder, and only a hex id', () => {
    assert.deepEqual(cancelQueryPlaceholder('17F1C2A1B3D4E5F60000000000000001'), {
      sql: 'CANCEL QUERY $1',
      arguments: ['17f1c2a1b3d4e5f60000000000000001'],
    });
    assert.deepEqual(cancelSessionPlaceholder(' 17f1c2a1b3d4e5f60000000000000002 '), {
      sql: 'CANCEL SESSION $1',
      arguments: ['17f1c2a1b3d4e5f60000000000000002'],
    });
    for (const bad of ["1'; DROP TABLE x; --", '', 'g'.repeat(8), 'a'.repeat(33)]) {
      assert.throws(
        () => cancelQueryPlaceholder(bad),
        (e: unknown) => isApiError(e, 'badRequest') && !e.message.includes(';'),
      );
      assert.throws(
        () => cancelSessionPlaceholder(bad),
        (e: unknown) => isApiError(e, 'badRequest'),
      );
    }
  });
});
