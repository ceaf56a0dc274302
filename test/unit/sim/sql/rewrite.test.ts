import assert from 'node:assert/strict';
import { placeholderCount, relationsNamed, statementKind, translate } from '../../../../src/sim/sql/rewrite';

describe('sim sql: rewrite', () => {
  it('turns [SHOW …] into data sources and SHOW JOBS into a SELECT, not inside strings', () => {
    assert.equal(
      translate('SELECT job_id FROM [SHOW JOBS] WHERE x = 1'),
      'SELECT job_id FROM sim_show.jobs WHERE x = 1',
    );
    assert.equal(translate('SHOW JOBS'), 'SELECT * FROM sim_show.jobs');
    assert.equal(translate("SELECT '[SHOW JOBS]'"), "SELECT '[SHOW JOBS]'");
    assert.match(
      translate('SELECT * FROM [SHOW CLUSTER SESSIONS] s JOIN [SHOW CLUSTER QUERIES] q ON true'),
      /sim_show\.cluster_sessions s JOIN sim_show\.cluster_queries q/,
    );
    assert.throws(() => translate('SELECT * FROM [SHOW RANGES]'));
  });
  it('classifies statements and counts placeholders like the server', () => {
    assert.equal(statementKind('BEGIN'), 'refused');
    assert.equal(statementKind('set application_name = x'), 'refused');
    assert.equal(statementKind('PAUSE JOB 1'), 'refused');
    assert.equal(statementKind('CANCEL JOB 1'), 'refused');
    assert.equal(statementKind("CANCEL QUERY 'x'"), 'read');
    assert.equal(statementKind('EXPLAIN SELECT 1'), 'explain');
    assert.equal(statementKind('DROP TABLE x'), 'write');
    assert.equal(placeholderCount("SELECT $1, $3, '$4'"), 3);
  });
  it('finds schema-qualified names outside literals and comments', () => {
    const r = relationsNamed(
      `SELECT * FROM crdb_internal.jobs /* system.x */ JOIN "system".public.users ON 'a.b' = ''`,
    );
    assert.deepEqual(r, [
      { schema: 'crdb_internal', name: 'jobs' },
      { schema: 'system', name: 'public' },
      { schema: 'public', name: 'users' },
    ]);
  });
});
