import assert from 'node:assert/strict';
import { isApiError } from '../../../../src/api/http/errors';
import { isSqlError, missingPrivilege, SqlError } from '../../../../src/api/sql/errors';
import { goDuration, readSqlResponse, sqlRequestBody } from '../../../../src/api/sql/http';

describe('api/sql: errors, truncation and the request body', () => {
  it('42501 names the privilege and the exact fix, the user shown as text', () => {
    const e = new SqlError('user jane does not have VIEWACTIVITY or VIEWACTIVITYREDACTED privilege', {
      sqlState: '42501',
      statementIndex: 0,
      user: 'jane',
    });
    assert.ok(isApiError(e, 'forbidden') && isSqlError(e));
    assert.equal(e.missingPrivilege?.privilege, 'VIEWACTIVITY');
    assert.deepEqual(e.missingPrivilege?.fixes, [
      'GRANT SYSTEM VIEWACTIVITY TO jane;',
      'ALTER ROLE jane WITH VIEWACTIVITY;',
    ]);
    assert.match(e.message, /statement 1: .*SQLSTATE 42501.*GRANT SYSTEM VIEWACTIVITY TO jane;/);
    // A name that is not a plain identifier is quoted for the shell, never run.
    assert.deepEqual(missingPrivilege('user "x" does not have CANCELQUERY privilege', 'Robert"; DROP')?.fixes, [
      'GRANT SYSTEM CANCELQUERY TO "Robert""; DROP";',
      'ALTER ROLE "Robert""; DROP" WITH CANCELQUERY;',
    ]);
    assert.equal(missingPrivilege('user x does not have SELECT privilege on relation t')?.privilege, 'SELECT');
    assert.equal(new SqlError('canceled', { sqlState: '57014' }).kind, 'timeout');
  });

  it('a missing SELECT on a table gives a GRANT with both names quoted for display', () => {
    const fix = missingPrivilege('user Jane does not have SELECT privilege on relation "movr.rides"', 'Jane');
    assert.equal(fix?.privilege, 'SELECT');
    assert.deepEqual(fix?.fixes, ['GRANT SELECT ON TABLE movr.rides TO "Jane";']);
    assert.deepEqual(missingPrivilege('user x does not have SELECT privilege on table t', undefined)?.fixes, [
      'GRANT SELECT ON TABLE t TO <user>;',
    ]);
  });

  it('the v26.1 lock-down is recognised and advised', () => {
    const e = new SqlError('access to crdb_internal is restricted', {
      hint: 'set allow_unsafe_internals = on',
      user: 'ops',
    });
    assert.equal(e.internalsLocked, true);
    assert.match(e.message, /ALTER ROLE ops SET allow_unsafe_internals = on/);
  });

  it('max result size exceeded keeps the rows that fit and sets truncated; other errors throw with the index', () => {
    const cut = readSqlResponse({
      num_statements: 1,
      execution: {
        txn_results: [
          {
            statement: 1,
            tag: 'SELECT',
            rows_affected: 0,
            columns: [{ name: 'job_id', type: 'STRING', oid: 25 }],
            rows: [{ job_id: '1' }, { job_id: '2' }],
            error: { message: 'executing stmt 1: max result size exceeded', code: 'XXUUU' },
          },
        ],
      },
      error: { message: 'executing stmt 1: max result size exceeded' },
    });
    assert.equal(cut.truncated, true);
    assert.equal(cut.statements[0]!.truncated, true);
    assert.deepEqual(cut.statements[0]!.columns, [{ name: 'job_id', type: 'STRING', oid: 25 }]);
    assert.equal(cut.statements[0]!.rows.length, 2);
    assert.throws(
      () =>
        readSqlResponse({
          execution: {
            txn_results: [
              { statement: 1, tag: 'SELECT', rows: [] },
              {
                statement: 2,
                error: { message: 'run-query-via-api: relation "x" does not exist', code: '42P01', hint: 'h' },
              },
            ],
          },
        }),
      (e: unknown) => isSqlError(e) && e.statementIndex === 1 && e.sqlState === '42P01' && e.hint === 'h',
    );
  });

  it('sends placeholders, its own application name, a Go duration and options only where supported', () => {
    const batch = {
      statements: [{ sql: 'SELECT $1::INT8', arguments: [2n ** 60n] }],
      statementTimeoutMs: 1500,
      maxResultBytes: 50_000,
      separateTransactions: true,
    };
    const body = sqlRequestBody(batch, false);
    assert.equal(body.application_name, 'cockroachdb-explorer');
    assert.equal(body.timeout, '1500ms');
    assert.equal(body.max_result_size, 50_000);
    assert.deepEqual(body.statements, [{ sql: 'SELECT $1::INT8', arguments: ['1152921504606846976'] }]);
    assert.equal(body.separate_txns, undefined);
    assert.equal(sqlRequestBody(batch, true).stop_on_error, true);
    assert.equal(goDuration(0.2), '1ms');
  });
});
