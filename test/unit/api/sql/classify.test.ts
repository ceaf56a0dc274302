import assert from 'node:assert/strict';
import { classifyStatement, classifyText, type StatementKind } from '../../../../src/api/sql/classify';

/** [sql, kind, dangerous, verb, reason pattern (or null: no reason)] */
type Case = [string, StatementKind, boolean, string, RegExp | null];

const CORPUS: Case[] = [
  // Reads.
  ['SELECT 1', 'read', false, 'SELECT', null],
  ['select * from rides where city = $1', 'read', false, 'SELECT', null],
  ['  \n\tSELECT count(*) FROM users', 'read', false, 'SELECT', null],
  ['-- delete this later\nSELECT * FROM t', 'read', false, 'SELECT', null],
  ['/* DROP TABLE t; */ SELECT 1', 'read', false, 'SELECT', null],
  ['/* nested /* DELETE FROM t */ still a comment */ SELECT 1', 'read', false, 'SELECT', null],
  ["SELECT 'DELETE FROM t; DROP TABLE t'", 'read', false, 'SELECT', null],
  ['SELECT "update", "delete" FROM "drop"', 'read', false, 'SELECT', null],
  ["SELECT $$ TRUNCATE t; $$, e'\\' DROP'", 'read', false, 'SELECT', null],
  ['(SELECT 1) UNION (SELECT 2)', 'read', false, 'SELECT', null],
  ['VALUES (1, 2), (3, 4)', 'read', false, 'VALUES', null],
  ['TABLE rides', 'read', false, 'TABLE', null],
  ['SHOW TABLES', 'read', false, 'SHOW', null],
  ['show cluster setting version', 'read', false, 'SHOW', null],
  ['SHOW JOBS', 'read', false, 'SHOW', null],
  ['SELECT * FROM [SHOW RANGES FROM TABLE t]', 'read', false, 'SELECT', null],
  ['SELECT * FROM t WHERE id = 1 FOR UPDATE', 'read', false, 'SELECT', /locks the rows it reads/],
  ['select * from t for share skip locked', 'read', false, 'SELECT', /FOR SHARE locks/],
  ['SELECT * FROM t WHERE x IN (SELECT y FROM u FOR UPDATE)', 'read', false, 'SELECT', null],
  ["SELECT 'FOR UPDATE' FROM t", 'read', false, 'SELECT', null],
  ['COPY (SELECT * FROM t) TO STDOUT', 'read', false, 'COPY', null],
  // CTEs.
  ['WITH x AS (SELECT 1) SELECT * FROM x', 'read', false, 'SELECT', null],
  [
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r',
    'read',
    false,
    'SELECT',
    null,
  ],
  [
    'WITH old AS (SELECT id FROM t WHERE ts < now()) DELETE FROM t WHERE id IN (SELECT id FROM old)',
    'write',
    true,
    'DELETE',
    /match its WHERE/,
  ],
  [
    'WITH a AS (SELECT 1), b AS MATERIALIZED (SELECT 2) DELETE FROM t',
    'write',
    true,
    'DELETE',
    /^DELETE without WHERE removes every row of t\.$/,
  ],
  ['with v as (select 1) update t set a = 1', 'write', true, 'UPDATE', /UPDATE without WHERE changes every row of t/],
  ['WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', 'write', true, 'INSERT', /INSERT adds rows to t/],
  ['WITH d AS (DELETE FROM t RETURNING id) SELECT count(*) FROM d', 'write', true, 'DELETE', /every row of t/],
  // EXPLAIN.
  ['EXPLAIN SELECT * FROM t', 'read', false, 'EXPLAIN', null],
  ['EXPLAIN DELETE FROM t', 'read', false, 'EXPLAIN', null],
  ['EXPLAIN (VERBOSE) DROP TABLE t', 'read', false, 'EXPLAIN', null],
  ['EXPLAIN ANALYZE SELECT * FROM t', 'read', false, 'EXPLAIN ANALYZE', null],
  [
    'EXPLAIN ANALYZE DELETE FROM t',
    'write',
    true,
    'EXPLAIN ANALYZE',
    /^EXPLAIN ANALYZE executes the DELETE: DELETE without WHERE/,
  ],
  [
    'explain analyze (distsql) update t set a = 1 where id = 2',
    'write',
    true,
    'EXPLAIN ANALYZE',
    /executes the UPDATE/,
  ],
  ['EXPLAIN ANALYSE INSERT INTO t VALUES (1)', 'write', true, 'EXPLAIN ANALYZE', /executes the INSERT/],
  ['EXPLAIN ANALYZE SELECT * FROM t FOR UPDATE', 'read', false, 'EXPLAIN ANALYZE', /locks the rows/],
  // Writes.
  ['INSERT INTO rides (id) VALUES (1)', 'write', true, 'INSERT', /INSERT adds rows to rides/],
  [
    'insert into t values (1) on conflict (id) do update set v = excluded.v',
    'write',
    true,
    'INSERT',
    /ON CONFLICT DO UPDATE/,
  ],
  ['INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING', 'write', true, 'INSERT', /INSERT adds rows/],
  ['UPSERT INTO movr.users (id, name) VALUES (1, $1)', 'write', true, 'UPSERT', /overwrites existing rows/],
  [
    'DELETE FROM rides WHERE id = $1',
    'write',
    true,
    'DELETE',
    /^DELETE removes the rows of rides that match its WHERE clause\.$/,
  ],
  ['DELETE FROM rides', 'write', true, 'DELETE', /^DELETE without WHERE removes every row of rides\.$/],
  ['delete from movr.public."Rides"', 'write', true, 'DELETE', /every row of movr\.public\."Rides"/],
  ['DELETE FROM t WHERE true', 'write', true, 'DELETE', /without WHERE removes every row/],
  ['DELETE FROM t WHERE 1 = 1 RETURNING *', 'write', true, 'DELETE', /without WHERE removes every row/],
  ['DELETE FROM t LIMIT 100', 'write', true, 'DELETE', /arbitrary rows of t, up to its LIMIT/],
  ['DELETE FROM t WHERE id IN (SELECT id FROM u)', 'write', true, 'DELETE', /match its WHERE/],
  ["UPDATE t SET a = 'WHERE'", 'write', true, 'UPDATE', /UPDATE without WHERE changes every row of t/],
  ['update t set a=1 -- where x', 'write', true, 'UPDATE', /without WHERE/],
  ['UPDATE t SET a = 1 /* WHERE id = 2 */', 'write', true, 'UPDATE', /without WHERE/],
  ['UPDATE t SET a = (SELECT max(b) FROM u WHERE u.id = 1)', 'write', true, 'UPDATE', /without WHERE/],
  ['UPDATE t SET a = u.b FROM u WHERE t.id = u.id', 'write', true, 'UPDATE', /match its WHERE/],
  ['UPDATE "WHERE" SET "WHERE" = 1', 'write', true, 'UPDATE', /without WHERE/],
  ['TRUNCATE rides', 'write', true, 'TRUNCATE', /TRUNCATE removes every row of rides/],
  ['truncate table a, b cascade', 'write', true, 'TRUNCATE', /every row of a/],
  ["IMPORT INTO t CSV DATA ('s3://b/f.csv')", 'write', true, 'IMPORT', /IMPORT writes data/],
  ['COPY t FROM STDIN', 'write', true, 'COPY FROM', /COPY FROM adds rows/],
  ["BACKUP INTO 's3://b/backups'", 'write', true, 'BACKUP', /external storage/],
  ["RESTORE DATABASE movr FROM LATEST IN 's3://b'", 'write', true, 'RESTORE', /from a backup/],
  ["EXPORT INTO CSV 's3://b' FROM TABLE t", 'write', true, 'EXPORT', /external storage/],
  // Schema.
  ['CREATE TABLE t (id INT PRIMARY KEY)', 'schema', true, 'CREATE TABLE', /creates t/],
  ['create table if not exists movr.t (id int)', 'schema', true, 'CREATE TABLE', /creates movr\.t/],
  ['CREATE UNIQUE INDEX ON t (a)', 'schema', true, 'CREATE INDEX', /builds a new index/],
  ['CREATE OR REPLACE VIEW v AS SELECT 1', 'schema', true, 'CREATE VIEW', /creates v/],
  ['CREATE DATABASE d', 'schema', true, 'CREATE DATABASE', /creates d/],
  ['ALTER TABLE t ADD COLUMN c INT', 'schema', true, 'ALTER TABLE', /changes the schema of t/],
  ['ALTER TABLE t DROP COLUMN c', 'schema', true, 'ALTER TABLE', /DROP COLUMN deletes the column and its data/],
  ['ALTER TABLE t ALTER COLUMN c DROP DEFAULT', 'schema', true, 'ALTER TABLE', /changes the schema/],
  ['ALTER TABLE t DROP CONSTRAINT c', 'schema', true, 'ALTER TABLE', /changes the schema/],
  ['ALTER TABLE t OWNER TO bob', 'privilege', true, 'ALTER TABLE', /OWNER TO/],
  ['DROP TABLE rides', 'schema', true, 'DROP TABLE', /^DROP TABLE permanently removes rides and all of its data\.$/],
  ['drop table if exists rides cascade', 'schema', true, 'DROP TABLE', /CASCADE also drops/],
  ['DROP DATABASE movr CASCADE', 'schema', true, 'DROP DATABASE', /removes movr and all of its data/],
  ['DROP INDEX rides@rides_city_idx', 'schema', true, 'DROP INDEX', /removes rides@rides_city_idx\./],
  ['DROP VIEW v', 'schema', true, 'DROP VIEW', /removes v\./],
  ["COMMENT ON TABLE t IS 'DROP me'", 'schema', true, 'COMMENT ON', /comment/],
  ['CREATE STATISTICS s FROM t', 'other', true, 'CREATE STATISTICS', /collect statistics/],
  ["CREATE CHANGEFEED FOR t INTO 'kafka://x'", 'other', true, 'CREATE CHANGEFEED', /streams every change/],
  // Privileges.
  ['GRANT SELECT ON TABLE t TO bob', 'privilege', true, 'GRANT', /gives privileges/],
  ['REVOKE ALL ON DATABASE d FROM bob', 'privilege', true, 'REVOKE', /takes privileges away/],
  ['GRANT SYSTEM VIEWACTIVITY TO jane', 'privilege', true, 'GRANT', /gives privileges/],
  ["CREATE USER jane WITH PASSWORD 'DROP TABLE x'", 'privilege', true, 'CREATE USER', /who can sign in/],
  ['CREATE ROLE IF NOT EXISTS analysts', 'privilege', true, 'CREATE ROLE', /who can sign in/],
  ['ALTER ROLE jane WITH VIEWACTIVITY', 'privilege', true, 'ALTER ROLE', /who can sign in/],
  ['DROP USER jane', 'privilege', true, 'DROP USER', /removes jane: it can no longer sign in/],
  [
    'ALTER RANGE default CONFIGURE ZONE USING num_replicas = 5',
    'schema',
    true,
    'ALTER RANGE',
    /how default is replicated/,
  ],
  [
    'ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob',
    'privilege',
    true,
    'ALTER DEFAULT PRIVILEGES',
    /created later/,
  ],
  // Session.
  ['SET application_name = x', 'session', false, 'SET', null],
  ["set search_path = 'public'", 'session', false, 'SET', null],
  ['RESET ALL', 'session', false, 'RESET', null],
  ['BEGIN', 'session', false, 'BEGIN', null],
  ['START TRANSACTION', 'session', false, 'START TRANSACTION', null],
  ['COMMIT', 'session', false, 'COMMIT', null],
  ['ROLLBACK TO SAVEPOINT s', 'session', false, 'ROLLBACK', null],
  ['SAVEPOINT cockroach_restart', 'session', false, 'SAVEPOINT', null],
  ['USE movr', 'session', false, 'USE', null],
  // Cluster settings and job control.
  ["SET CLUSTER SETTING sql.defaults.distsql = 'off'", 'other', true, 'SET CLUSTER SETTING', /every node and session/],
  ['RESET CLUSTER SETTING kv.rangefeed.enabled', 'other', true, 'RESET CLUSTER SETTING', /every node and session/],
  ['PAUSE JOB 123', 'other', true, 'PAUSE JOB', /until it is resumed/],
  ['RESUME JOBS (SELECT job_id FROM [SHOW JOBS])', 'other', true, 'RESUME JOBS', /restarts the job/],
  ['CANCEL JOB 123', 'other', true, 'CANCEL JOB', /rolling back its work/],
  ['PAUSE ALL CHANGEFEED JOBS', 'other', true, 'PAUSE ALL CHANGEFEED JOBS', /until it is resumed/],
  ["CANCEL QUERY '15f92c0dd24bcc0c0000000000000001'", 'other', true, 'CANCEL QUERY', /fail for their clients/],
  ["CANCEL SESSION '15f92c0dd24bcc0c'", 'other', true, 'CANCEL SESSION', /connections/],
  ['PAUSE SCHEDULE 1', 'other', true, 'PAUSE SCHEDULE', /the schedule/],
  // Other.
  ['ANALYZE rides', 'other', true, 'ANALYZE', /collect statistics/],
  ['CALL p()', 'other', true, 'CALL', /stored procedure/],
  ['EXECUTE q(1)', 'other', true, 'EXECUTE', /prepared statement/],
  ['FROBNICATE t', 'other', true, 'FROBNICATE', /not a statement this extension knows/],
  ['', 'other', false, '', null],
  ['-- just a comment', 'other', false, '', null],
];

describe('api/sql: statement classification', () => {
  it(`classifies a corpus of ${CORPUS.length} statements`, () => {
    assert.ok(CORPUS.length >= 60);
    const wrong: string[] = [];
    for (const [sql, kind, dangerous, verb, reason] of CORPUS) {
      const c = classifyStatement(sql);
      const ok =
        c.kind === kind &&
        c.dangerous === dangerous &&
        c.verb === verb &&
        (reason ? reason.test(c.reason ?? '') : c.reason === undefined);
      if (!ok) wrong.push(`${JSON.stringify(sql)} → ${JSON.stringify(c)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('every reason is one plain sentence', () => {
    for (const [sql] of CORPUS) {
      const r = classifyStatement(sql).reason;
      if (r === undefined) continue;
      assert.match(r, /^[A-Z].*\.$/, r);
      assert.doesNotMatch(r.slice(0, -1), /\.\s+[A-Z]/, `more than one sentence: ${r}`);
    }
  });

  it('everything that writes or changes schema, privileges or the cluster is dangerous', () => {
    for (const [sql, kind] of CORPUS)
      if (kind === 'write' || kind === 'schema' || kind === 'privilege')
        assert.equal(classifyStatement(sql).dangerous, true, sql);
  });
});

describe('api/sql: classifying a text of several statements', () => {
  it('lists every statement with its range and picks the most dangerous one', () => {
    const text = 'SELECT 1;\nUPDATE t SET a = 1 WHERE id = 2;\nDROP TABLE t;\nSET x = 1';
    const r = classifyText(text);
    assert.deepEqual(
      r.statements.map((s) => [s.verb, s.kind, s.dangerous]),
      [
        ['SELECT', 'read', false],
        ['UPDATE', 'write', true],
        ['DROP TABLE', 'schema', true],
        ['SET', 'session', false],
      ],
    );
    assert.equal(r.mostDangerous?.verb, 'DROP TABLE');
    assert.equal(r.mostDangerous?.sql, 'DROP TABLE t');
    assert.equal(text.slice(r.mostDangerous!.start, r.mostDangerous!.end), 'DROP TABLE t');
  });

  it('a DELETE without WHERE outranks an INSERT; a GRANT outranks a CREATE', () => {
    assert.equal(classifyText('INSERT INTO t VALUES (1); DELETE FROM t').mostDangerous?.verb, 'DELETE');
    assert.equal(classifyText('CREATE TABLE t (a INT); GRANT ALL ON t TO bob').mostDangerous?.verb, 'GRANT');
    // Equally dangerous: the first one.
    assert.equal(classifyText('DROP TABLE a; TRUNCATE b').mostDangerous?.sql, 'DROP TABLE a');
  });

  it('semicolons inside strings and comments do not start statements', () => {
    const r = classifyText("SELECT ';DROP TABLE t;' -- ; DELETE FROM t\n; SELECT 2 /* ; TRUNCATE t */");
    assert.deepEqual(
      r.statements.map((s) => s.verb),
      ['SELECT', 'SELECT'],
    );
    assert.equal(r.mostDangerous?.dangerous, false);
  });

  it('a transaction around a DELETE: the DELETE is the one to confirm', () => {
    const r = classifyText('BEGIN; DELETE FROM rides; COMMIT;');
    assert.equal(r.statements.length, 3);
    assert.equal(r.mostDangerous?.reason, 'DELETE without WHERE removes every row of rides.');
  });

  it('only reads: the most dangerous is still reported, not dangerous', () => {
    const r = classifyText('SELECT 1; SELECT 2');
    assert.equal(r.mostDangerous?.sql, 'SELECT 1');
    assert.equal(r.mostDangerous?.dangerous, false);
  });

  it('an empty text has no statements', () => {
    assert.deepEqual(classifyText('  -- nothing\n;;'), { statements: [] });
  });

  it('classifyStatement on a multi-statement text reports its most dangerous statement', () => {
    assert.equal(classifyStatement('SELECT 1; DROP DATABASE movr').verb, 'DROP DATABASE');
  });
});
