// End to end over real HTTP: ClusterClient → HttpSqlExecutor → a local server
// answering CockroachDB-shaped sql/ JSON (test/unit/api/http/localServer.ts).
// When the simulator's SQL engine (src/sim/sql) serves these queries, the same
// assertions should run against startClusterSimulator per profile.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { ClusterClient } from '../../../../src/api/cluster/client';
import { isApiError } from '../../../../src/api/http/errors';
import { isSqlError } from '../../../../src/api/sql/errors';
import { sqlExecutorOf } from '../../../../src/api/sql';
import { jobs } from '../../../../src/api/sql/queries/jobs';
import { topStatements } from '../../../../src/api/sql/queries/statements';
import { parseSqlVersion, sqlFeatures } from '../../../../src/api/sql/version';
import { startLocalServer, type LocalServer } from '../http/localServer';

function reply(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(body);
}

const result = (rows: string, error = '') =>
  `{"num_statements":1,"execution":{"retries":0,"txn_results":[{"statement":1,"tag":"SELECT","start":"","end":"","rows_affected":0,"columns":[{"name":"job_id","type":"STRING","oid":25}],"rows":[${rows}]${error}}]}}`;

describe('api/sql over HTTP (local CockroachDB-shaped server)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const client = () => new ClusterClient({ baseUrl: server!.url, retries: 0, session: { getToken: () => 't' } });
  const executor = () => sqlExecutorOf(client());

  it('statements: an empty activity cache falls back to statement_statistics, with placeholders only', async () => {
    server = await startLocalServer((_q, res, body) => {
      const sql = JSON.parse(body).statements[0].sql as string;
      if (sql.includes('statement_activity')) return reply(res, result(''));
      reply(
        res,
        result(
          '{"fingerprint_id":"00000000000000ff","app_name":"movr","execution_count":2,"total_time":1,"sampled_count":0}',
        ),
      );
    });
    const r = await topStatements(executor(), sqlFeatures(parseSqlVersion('v23.2.1')!), {
      window: { start: new Date(Date.now() - 3_600_000) },
      app: "movr' OR 1=1 --",
    });
    assert.equal(r.status, 'ok');
    assert.ok(
      r.status === 'ok' && r.source === 'crdb_internal.statement_statistics' && r.items[0]!.meanLatency === 0.5,
    );
    for (const hit of server.hits) {
      const sent = JSON.parse(hit.body);
      assert.equal(sent.application_name, 'cockroachdb-explorer');
      assert.match(sent.timeout, /^\d+ms$/);
      assert.ok(sent.max_result_size > 0);
      assert.ok(!sent.statements[0].sql.includes('OR 1=1'));
      assert.ok(sent.statements[0].arguments.includes("movr' OR 1=1 --"));
    }
  });

  it('jobs: ids past 2^53 exact through the lossless reader; a cut answer is truncated, not an error', async () => {
    server = await startLocalServer((_q, res) =>
      reply(
        res,
        result(
          '{"job_id":1129384729384729385,"status":"running"},{"job_id":"1129384729384729386","status":"failed"}',
          ',"error":{"message":"executing stmt 1: max result size exceeded"}',
        ),
      ),
    );
    const r = await jobs(executor(), sqlFeatures(parseSqlVersion('v24.1.0')!));
    assert.ok(r.status === 'ok');
    assert.deepEqual(
      r.items.map((j) => j.id),
      ['1129384729384729385', '1129384729384729386'],
    );
    assert.equal(r.truncated, true);
  });

  it('a 42501 inside HTTP 200 is a SqlError with the fix; v26.1 lock-down is an unavailable result', async () => {
    server = await startLocalServer((_q, res, body) => {
      const sql = JSON.parse(body).statements[0].sql as string;
      const err = sql.includes('information_schema')
        ? '{"message":"access to crdb_internal and system is restricted","code":"42501","hint":"allow_unsafe_internals"}'
        : '{"message":"user jane does not have VIEWACTIVITY or VIEWACTIVITYREDACTED privilege","code":"42501"}';
      reply(res, `{"num_statements":1,"execution":{"txn_results":[{"statement":1,"error":${err}}]},"error":${err}}`);
    });
    const err = await topStatements(executor(), sqlFeatures(parseSqlVersion('v23.1.0')!), {
      window: { start: new Date() },
    }).catch((e: unknown) => e);
    assert.ok(isSqlError(err) && isApiError(err, 'forbidden'));
    assert.equal(err.missingPrivilege?.privilege, 'VIEWACTIVITY');
    const locked = await topStatements(
      executor(),
      sqlFeatures(parseSqlVersion('v26.1.0')!),
      { window: { start: new Date() } },
      { user: 'jane' },
    );
    assert.equal(locked.status, 'unavailable');
    assert.ok(locked.status === 'unavailable' && /allow_unsafe_internals/.test(locked.whatToDo));
  });

  it('is cancelled and timed out like every other request', async () => {
    server = await startLocalServer(() => undefined);
    const ac = new AbortController();
    const p = client().executeSql({ statements: [{ sql: 'SELECT 1' }] }, { signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    assert.equal(((await p.catch((e: unknown) => e)) as { kind: string }).kind, 'cancelled');
    const t = await client()
      .executeSql({ statements: [{ sql: 'SELECT 1' }] }, { timeoutMs: 80 })
      .catch((e: unknown) => e);
    assert.ok(isApiError(t, 'timeout'));
  });
});
