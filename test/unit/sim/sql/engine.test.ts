import assert from 'node:assert/strict';
import { HOSTILE_APP_NAMES, XSS_SCRIPT } from '../../../../src/sim/data/hostile';
import type { Json, Sim } from '../simHttp';
import { VIEWER, login, startSim } from '../simHttp';

async function sql(
  sim: Sim,
  token: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Json; text: string }> {
  const res = await fetch(sim.api('sql/'), {
    method: 'POST',
    headers: { 'X-Cockroach-API-Session': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ execute: true, ...body }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Json, text };
}
const one = (sqlText: string, args?: unknown[]): Record<string, unknown> => ({
  statements: [{ sql: sqlText, arguments: args }],
});

const STATS = `SELECT encode(fingerprint_id, 'hex') AS fp, app_name, metadata->>'query' AS query,
  (statistics->'statistics'->>'cnt')::INT8 AS cnt, (statistics->'statistics'->'svcLat'->>'mean')::FLOAT8 AS lat,
  (metadata->>'fullScan')::BOOL AS full_scan, index_recommendations, aggregated_ts
  FROM crdb_internal.statement_statistics WHERE aggregated_ts > now() - INTERVAL '1 day' ORDER BY fp, aggregated_ts`;

describe('sim sql: engine through sql/', function () {
  this.timeout(60_000);
  let sim: Sim;
  let admin: string;
  let viewer: string;
  before(async () => {
    sim = await startSim({ nodes: 3, seed: 7, profile: 'v25' });
    admin = await login(sim);
    viewer = await login(sim, VIEWER);
  });
  after(() => sim.close());

  it('evaluates statement statistics with placeholders and answers in the exact envelope', async () => {
    const r = await sql(sim, admin, { ...one(`${STATS} LIMIT $1`, [5]), max_result_size: 1_000_000 });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body), ['num_statements', 'execution']);
    const res = r.body.execution.txn_results[0];
    assert.deepEqual(Object.keys(res), ['statement', 'tag', 'start', 'end', 'rows_affected', 'columns', 'rows']);
    assert.equal(res.statement, 1);
    assert.equal(res.tag, 'SELECT');
    assert.deepEqual(
      res.columns.map((c: Json) => `${c.name}:${c.type}:${c.oid}`),
      [
        'fp:STRING:25',
        'app_name:STRING:25',
        'query:STRING:25',
        'cnt:INT8:20',
        'lat:FLOAT8:701',
        'full_scan:BOOL:16',
        'index_recommendations:STRING[]:1009',
        'aggregated_ts:TIMESTAMPTZ:1184',
      ],
    );
    assert.equal(res.rows.length, 5);
    assert.equal(typeof res.rows[0].cnt, 'number');
    assert.match(res.rows[0].aggregated_ts, /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
  });

  it('has hundreds of fingerprints over several apps, internal ones, full scans and recommendations', async () => {
    const r = await sql(sim, admin, {
      ...one(`SELECT count(DISTINCT fingerprint_id) AS fps, count(DISTINCT app_name) AS apps,
        count(*) FILTER (WHERE app_name LIKE '$ internal%') AS internal,
        count(*) FILTER (WHERE (metadata->>'fullScan')::BOOL) AS full_scans,
        count(*) FILTER (WHERE cardinality(index_recommendations) > 0) AS recs,
        count(DISTINCT aggregated_ts) AS hours FROM crdb_internal.statement_activity`),
    });
    const row = r.body.execution.txn_results[0].rows[0];
    assert.ok(
      row.fps >= 300 && row.apps >= 6 && row.internal > 0 && row.full_scans > 0 && row.recs > 0 && row.hours >= 5,
      r.text,
    );
  });

  it('keeps hostile text and BYTES intact', async () => {
    const r = await sql(sim, admin, {
      ...one(
        `SELECT DISTINCT app_name, fingerprint_id FROM crdb_internal.statement_statistics WHERE app_name = $1 OR metadata->>'query' LIKE $2 LIMIT 50`,
        [HOSTILE_APP_NAMES[0], `%${XSS_SCRIPT}%`],
      ),
      max_result_size: 1_000_000,
    });
    const rows = r.body.execution.txn_results[0].rows as Json[];
    assert.ok(rows.some((x) => x.app_name === HOSTILE_APP_NAMES[0]));
    assert.ok(rows.every((x) => /^\\x[0-9a-f]{16}$/.test(x.fingerprint_id)));
  });

  it('has every insight kind, contention on real tables and jobs with ids beyond 2^53', async () => {
    const r = await sql(sim, admin, {
      statements: [
        {
          sql: `SELECT DISTINCT problem AS k FROM crdb_internal.cluster_execution_insights UNION SELECT DISTINCT unnest(causes) FROM crdb_internal.cluster_execution_insights`,
        },
        {
          sql: `SELECT DISTINCT database_name || '.' || table_name AS t FROM crdb_internal.transaction_contention_events`,
        },
        { sql: `SELECT job_id, job_id::STRING AS id, job_type, status FROM crdb_internal.jobs` },
      ],
      max_result_size: 1_000_000,
    });
    const [ins, cont, jobs] = r.body.execution.txn_results;
    const kinds = new Set(ins.rows.map((x: Json) => x.k));
    for (const k of ['SlowExecution', 'FailedExecution', 'HighContention', 'PlanRegression', 'SuboptimalPlan'])
      assert.ok(kinds.has(k), k);
    assert.ok(cont.rows.some((x: Json) => x.t === 'movr.rides'));
    assert.ok(jobs.rows.length >= 36);
    assert.ok(jobs.rows.every((x: Json) => BigInt(x.id) > 2n ** 53n));
    assert.ok(new Set(jobs.rows.map((x: Json) => x.status)).size >= 10);
    // The raw JSON carries every digit, as Go writes it; JSON.parse is what loses them.
    assert.ok(r.text.includes(`"job_id":${jobs.rows[0].id}`));
  });

  it('answers SHOW JOBS, [SHOW JOBS] and EXPLAIN', async () => {
    const r = await sql(sim, admin, {
      statements: [
        { sql: 'SHOW JOBS' },
        { sql: 'SELECT count(*) AS n FROM [SHOW JOBS]' },
        { sql: 'EXPLAIN SELECT * FROM crdb_internal.jobs' },
      ],
      max_result_size: 1_000_000,
    });
    const [show, count, explain] = r.body.execution.txn_results;
    assert.equal(show.tag, 'SHOW JOBS');
    assert.equal(count.rows[0].n, show.rows.length);
    assert.deepEqual(explain.columns, [{ name: 'info', type: 'STRING', oid: 25 }]);
    assert.ok(explain.rows.some((x: Json) => x.info.includes('FULL SCAN')));
  });

  it('rejects invalid SQL: a syntax error is a 400, an unknown column an error in txn_results', async () => {
    const bad = await sql(sim, admin, one('SELEC 1'));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, '42601');
    const col = await sql(sim, admin, one('SELECT nope FROM crdb_internal.jobs'));
    assert.equal(col.status, 200);
    assert.equal(col.body.execution.txn_results[0].error.code, '42703');
    assert.equal(col.body.error.code, '42703');
    const args = await sql(sim, admin, one('SELECT $1::INT8'));
    assert.equal(args.status, 400);
  });

  it('refuses TCL, SET and job control', async () => {
    for (const s of ['BEGIN', 'COMMIT', 'SET x = 1', 'PAUSE JOB 1', 'RESUME JOB 1', 'CANCEL JOB 1']) {
      const r = await sql(sim, admin, one(s));
      assert.equal(r.body.error.message, 'disallowed statement type', s);
    }
  });

  it('truncates at max_result_size with the rows that fit', async () => {
    const r = await sql(sim, admin, { ...one('SELECT * FROM crdb_internal.jobs'), max_result_size: 2000 });
    const res = r.body.execution.txn_results[0];
    assert.ok(res.rows.length >= 1 && res.rows.length < 30);
    assert.match(res.error.message, /max result size exceeded/);
    assert.match(r.body.error.message, /max result size exceeded/);
  });

  it('gives users without VIEWACTIVITY 42501 and only their own jobs', async () => {
    const r = await sql(sim, viewer, one('SELECT count(*) FROM crdb_internal.cluster_execution_insights'));
    assert.equal(r.body.execution.txn_results[0].error.code, '42501');
    assert.match(r.body.error.message, /user viewer does not have VIEWACTIVITY or VIEWACTIVITYREDACTED privilege/);
    const j = await sql(sim, viewer, one('SELECT DISTINCT user_name FROM [SHOW JOBS]'));
    assert.deepEqual(j.body.execution.txn_results[0].rows, [{ user_name: 'viewer' }]);
  });

  it('is deterministic by seed', async () => {
    const other = await startSim({ nodes: 3, seed: 7, profile: 'v25' });
    try {
      const q = {
        ...one(
          `SELECT encode(fingerprint_id,'hex') AS f, metadata->>'query' AS q FROM crdb_internal.statement_statistics ORDER BY 1, 2 LIMIT 20`,
        ),
        max_result_size: 1_000_000,
      };
      const a = await sql(sim, admin, q);
      const b = await sql(other, await login(other), q);
      assert.deepEqual(a.body.execution.txn_results[0].rows, b.body.execution.txn_results[0].rows);
    } finally {
      await other.close();
    }
  });
});

describe('sim sql: profiles', function () {
  this.timeout(60_000);
  it('v26 locks crdb_internal down and serves information_schema.crdb_* and SHOW JOBS', async () => {
    const sim = await startSim({ nodes: 1, seed: 3, profile: 'v26' });
    try {
      const t = await login(sim);
      const r = await sql(sim, t, {
        statements: [
          { sql: 'SELECT count(*) AS n FROM information_schema.crdb_statement_statistics' },
          { sql: 'SELECT job_id::STRING AS id, state FROM information_schema.crdb_jobs LIMIT 1' },
          { sql: 'SELECT count(*) AS n FROM [SHOW JOBS]' },
          { sql: 'SELECT * FROM crdb_internal.statement_statistics' },
        ],
        separate_txns: true,
      });
      const [a, b, c, d] = r.body.execution.txn_results;
      assert.ok(a.rows[0].n > 100);
      assert.equal(typeof b.rows[0].id, 'string');
      assert.ok(c.rows[0].n > 10);
      assert.equal(d.error.code, '42501');
      assert.match(d.error.message, /Access to crdb_internal and system is restricted/);
      assert.match(d.error.hint, /allow_unsafe_internals/);
    } finally {
      await sim.close();
    }
  });
  it('v23 has statement_activity; v25 has no information_schema.crdb_* views; v21 has no sql/', async () => {
    const v23 = await startSim({ nodes: 1, profile: 'v23' });
    const v21 = await startSim({ nodes: 1, profile: 'v21' });
    try {
      const t = await login(v23);
      const r = await sql(v23, t, {
        statements: [
          { sql: 'SELECT count(*) AS n FROM crdb_internal.statement_activity' },
          { sql: 'SELECT 1 FROM information_schema.crdb_jobs' },
        ],
        separate_txns: true,
      });
      assert.ok(r.body.execution.txn_results[0].rows[0].n > 100);
      assert.equal(r.body.execution.txn_results[1].error.code, '42P01');
      const res = await fetch(v21.api('sql/'), {
        method: 'POST',
        headers: { 'X-Cockroach-API-Session': await login(v21) },
        body: '{}',
      });
      assert.equal(res.status, 404);
    } finally {
      await v23.close();
      await v21.close();
    }
  });
});
