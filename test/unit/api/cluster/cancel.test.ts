import assert from 'node:assert/strict';
import { cancelQueryStatement, cancelSessionStatement } from '../../../../src/api/cluster/cancel';
import { isApiError } from '../../../../src/api/http/errors';

describe('normalize: sql', () => {
  it('builds CANCEL statements only from hex ids', () => {
    assert.equal(
      cancelQueryStatement('17F1C2A1B3D4E5F60000000000000001'),
      "CANCEL QUERY '17f1c2a1b3d4e5f60000000000000001'",
    );
    assert.equal(
      cancelSessionStatement(' 17f1c2a1b3d4e5f60000000000000002 '),
      "CANCEL SESSION '17f1c2a1b3d4e5f60000000000000002'",
    );
    for (const bad of ["1'; DROP TABLE x; --", '', 'g'.repeat(8), 'a'.repeat(33)]) {
      assert.throws(
        () => cancelQueryStatement(bad),
        (e: unknown) => isApiError(e, 'badRequest') && !e.message.includes(';'),
      );
      assert.throws(
        () => cancelSessionStatement(bad),
        (e: unknown) => isApiError(e, 'badRequest'),
      );
    }
  });
});
