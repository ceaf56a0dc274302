import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJson } from '../../../../src/api/http/json';
import { jobFromRow, jobPlans } from '../../../../src/api/sql/queries/jobs';
import { contentionPlans } from '../../../../src/api/sql/queries/contention';
import { statementInsightPlans, transactionInsightPlans } from '../../../../src/api/sql/queries/insights';
import { statementFromRow, statementPlans } from '../../../../src/api/sql/queries/statements';
import { transactionPlans } from '../../../../src/api/sql/queries/transactions';
import { clusterSqlVersion, parseSqlVersion, sqlFeatures } from '../../../../src/api/sql/version';

const f = (t: string) => sqlFeatures(parseSqlVersion(t)!);
const hour = { window: { start: new Date('2026-01-01T10:17:00Z'), end: new Date('2026-01-01T11:17:00Z') } };

describe('api/sql: version-aware query choice', () => {
  it('reads versions from node build tags and SHOW CLUSTER SETTING version', () => {
    assert.deepEqual(parseSqlVersion('v23.2.4'), { major: 23, minor: 2 });
    assert.deepEqual(parseSqlVersion('23.2-upgrading-to-24.1-step-008'), { major: 23, minor: 2 });
    assert.deepEqual(parseSqlVersion('CockroachDB CCL v25.1.2 (x86_64)'), { major: 25, minor: 1 });
    assert.equal(parseSqlVersion('nonsense'), undefined);
    assert.deepEqual(clusterSqlVersion(['v24.1.0', 'v23.2.9', '']), { major: 23, minor: 2 });
  });

  it('statements: v22 statistics only, v23.1+ cache then statistics, v26.1 the stable view', () => {
    assert.deepEqual(
      statementPlans(f('v22.1.3'), hour).map((p) => p.source),
      ['crdb_internal.statement_statistics'],
    );
    assert.doesNotMatch(statementPlans(f('v22.1.3'), hour)[0]!.sql, /index_recommendations,/);
    const v23 = statementPlans(f('v23.1.0'), hour);
    assert.deepEqual(
      v23.map((p) => p.source),
      ['crdb_internal.statement_activity', 'crdb_internal.statement_statistics'],
    );
    assert.equal(v23[0]!.nextWhenEmpty, true);
    assert.deepEqual(
      statementPlans(f('v26.1.0'), hour).map((p) => p.source),
      ['information_schema.crdb_statement_statistics'],
    );
    assert.deepEqual(statementPlans(f('v21.2.0'), hour), []);
    assert.deepEqual(
      transactionPlans(f('v25.2.0'), hour).map((p) => p.source),
      ['crdb_internal.transaction_activity', 'crdb_internal.transaction_statistics'],
    );
  });

  it('bounds statistics by an hour-rounded window start passed as a placeholder, with a limit', () => {
    const p = statementPlans(f('v23.2.0'), { ...hour, metric: 'p99Latency', limit: 50, app: "x'; DROP" })[0]!;
    assert.match(p.sql, /aggregated_ts >= \$1::TIMESTAMPTZ AND aggregated_ts <= \$2::TIMESTAMPTZ/);
    assert.match(p.sql, /LIMIT \$9::INT8 OFFSET \$10::INT8/);
    assert.equal(p.arguments[0], '2026-01-01T10:00:00.000Z');
    assert.ok(p.arguments.includes("x'; DROP"), 'the filter value travels as an argument');
    assert.ok(!p.sql.includes('DROP'));
    assert.equal(p.arguments[7], 'p99Latency');
    assert.equal(p.arguments[8], 50);
  });

  it('insights and contention: by version, and none where crdb_internal is locked', () => {
    assert.deepEqual(statementInsightPlans(f('v22.1.0'), hour), []);
    assert.doesNotMatch(statementInsightPlans(f('v22.2.0'), hour)[0]!.sql, /cpu_sql_nanos/);
    assert.match(statementInsightPlans(f('v23.1.0'), hour)[0]!.sql, /cpu_sql_nanos/);
    assert.deepEqual(transactionInsightPlans(f('v22.2.0'), hour), []);
    assert.equal(transactionInsightPlans(f('v24.1.0'), hour).length, 1);
    assert.deepEqual(statementInsightPlans(f('v26.1.0'), hour), []);
    assert.deepEqual(contentionPlans(f('v26.1.0'), hour), []);
    assert.doesNotMatch(contentionPlans(f('v22.2.0'), hour)[0]!.sql, /waiting_stmt_id/);
    assert.deepEqual(
      jobPlans(f('v26.1.0')).map((p) => p.source),
      ['information_schema.crdb_jobs_with_progress', 'SHOW JOBS'],
    );
    assert.match(jobPlans(f('v23.1.0'))[0]!.sql, /job_id::STRING/);
  });

  it('never builds SQL with template interpolation in the query sets', () => {
    const dir = path.join(__dirname, '../../../../src/api/sql/queries');
    for (const file of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      // Every template literal that looks like SQL (upper-case keywords, placeholders): none may interpolate.
      let sqlTemplates = 0;
      for (const m of src.matchAll(/`([^`]*)`/g)) {
        if (!/\b(SELECT|FROM|WHERE|ORDER BY|LIMIT|CANCEL)\b|\$\d/.test(m[1]!)) continue;
        sqlTemplates++;
        assert.ok(!m[1]!.includes('${'), `${file}: interpolated SQL: ${m[1]!.slice(0, 80)}`);
      }
      assert.equal(sqlTemplates, 0, `${file}: SQL is written as plain strings`);
    }
  });
});

describe('api/sql: row parsing', () => {
  it('statement rows: hex fingerprint, means from totals, p99 and recommendations', () => {
    const s = statementFromRow({
      fingerprint_id: 'a1b2c3d4e5f60718',
      app_name: 'movr',
      database: 'movr',
      query: 'SELECT * FROM rides WHERE id = $1',
      query_summary: 'SELECT * FROM rides',
      full_scan: true,
      distsql: false,
      implicit_txn: true,
      execution_count: 4,
      total_time: 2,
      p99_latency: 1.25,
      rows_read_total: 400,
      rows_written_total: 0,
      bytes_read_total: 4000,
      sampled_count: 2,
      contention_total: 0.5,
      cpu_total: 3000,
      max_retries: 1,
      last_exec_at: '2026-01-01T11:00:00Z',
      index_recommendations: 'creation : CREATE INDEX ON rides (id);\nreplacement : DROP INDEX x;',
    });
    assert.equal(s.fingerprintId, 'a1b2c3d4e5f60718');
    assert.equal(s.meanLatency, 0.5);
    assert.equal(s.meanRowsRead, 100);
    assert.equal(s.meanContention, 0.25);
    assert.equal(s.meanCpuNanos, 1500);
    assert.equal(s.p99Latency, 1.25);
    assert.equal(s.indexRecommendations.length, 2);
    assert.equal(s.lastExecAt?.toISOString(), '2026-01-01T11:00:00.000Z');
    assert.equal(statementFromRow({ p99_latency: null }).p99Latency, undefined);
  });

  it('job ids past 2^53 stay exact, from ::STRING text or from an INT8 the lossless reader kept as bigint', () => {
    const body = parseJson('{"rows":[{"job_id":1129384729384729385,"status":"running","fraction_completed":0.5}]}') as {
      rows: Array<Record<string, unknown>>;
    };
    assert.equal(typeof body.rows[0]!.job_id, 'bigint');
    assert.equal(jobFromRow(body.rows[0]!).id, '1129384729384729385');
    const j = jobFromRow({
      job_id: '1129384729384729385',
      status: 'failed',
      created: '2026-01-01 10:00:00.123456+00',
      high_water: '1735689600000000000.0000000001',
      coordinator_id: 3,
    });
    assert.equal(j.id, '1129384729384729385');
    assert.equal(j.group, 'needsAttention');
    assert.equal(j.created?.toISOString(), '2026-01-01T10:00:00.123Z');
    assert.equal(j.highWater, '1735689600000000000.0000000001');
    assert.equal(jobFromRow({ job_id: 2 ** 60 }).id, '', 'a rounded number is refused, not shown wrong');
    assert.equal(jobFromRow({ job_id: '1', status: 'running' }).group, 'running');
  });
});
