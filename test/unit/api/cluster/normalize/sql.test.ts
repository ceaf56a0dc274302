import assert from 'node:assert/strict';
import { normalizeSqlResponse } from '../../../../../src/api/cluster/normalize/sql';

describe('normalize: sql', () => {
  it('reads statement results', () => {
    const { result, firstError } = normalizeSqlResponse({
      num_statements: 1,
      execution: {
        txn_results: [
          {
            statement: 1,
            tag: 'SELECT',
            rows_affected: 1,
            columns: [{ name: 'x', type: 'INT8', oid: 20 }],
            rows: [{ x: 1 }],
          },
        ],
      },
    });
    assert.equal(firstError, undefined);
    assert.deepEqual(result, { statements: [{ tag: 'SELECT', rowsAffected: 1, columns: ['x'], rows: [{ x: 1 }] }] });
    assert.deepEqual(normalizeSqlResponse({ num_statements: 1, request: {} }).result, { statements: [] });
  });

  it('reports top-level and statement errors with their SQLSTATE', () => {
    const a = normalizeSqlResponse({
      error: { message: 'permission denied', code: '42501' },
      execution: { txn_results: [{ error: 'x' }] },
    });
    assert.deepEqual(a.firstError, { message: 'permission denied', code: '42501' });
    assert.equal(a.result.error, 'permission denied (SQLSTATE 42501)');
    assert.equal(a.result.statements[0]!.error, 'x');
    const b = normalizeSqlResponse({
      execution: { txn_results: [{ tag: 'SELECT' }, { error: { message: 'query not found', code: '42704' } }] },
    });
    assert.deepEqual(b.firstError, { message: 'query not found', code: '42704' });
    assert.equal(b.result.statements[1]!.error, 'query not found (SQLSTATE 42704)');
    assert.equal(normalizeSqlResponse({ error: {} }).firstError, undefined);
    assert.equal(normalizeSqlResponse({ error: '' }).firstError, undefined);
    assert.deepEqual(normalizeSqlResponse({ error: { message: 'plain' } }).firstError, { message: 'plain' });
  });
});
