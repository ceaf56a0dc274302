import assert from 'node:assert/strict';
import type { Json, Sim } from './simHttp';
import { VIEWER, getJson, login, startSim } from './simHttp';

async function sql(
  sim: Sim,
  token: string,
  body: unknown,
  method = 'POST',
): Promise<{ status: number; body: Json; text: string }> {
  const res = await fetch(sim.api('sql/'), {
    method,
    headers: { 'X-Cockroach-API-Session': token, 'Content-Type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

describe('cluster sim: sql/', () => {
  let sim: Sim;
  let token: string;
  before(async () => {
    sim = await startSim({ nodes: 3, seed: 11 });
    token = await login(sim);
  });
  after(() => sim.close());

  it('needs POST (405) and execute:true to execute', async () => {
    assert.equal((await sql(sim, token, undefined, 'GET')).status, 405);
    const dry = await sql(sim, token, { statements: [{ sql: 'SHOW DATABASES' }] });
    assert.equal(dry.status, 200);
    assert.equal(dry.body.num_statements, 1);
    assert.equal(dry.body.request.database, 'system');
    assert.equal(dry.body.execution, undefined);
  });

  it('answers SHOW CLUSTER SETTING version and SHOW DATABASES', async () => {
    const r = await sql(sim, token, {
      statements: [{ sql: 'SHOW CLUSTER SETTING version' }, { sql: 'SHOW DATABASES' }],
      execute: true,
    });
    assert.equal(r.status, 200);
    const [v, dbs] = r.body.execution.txn_results;
    assert.equal(v.statement, 1);
    assert.deepEqual(v.rows, [{ version: '25.2' }]);
    assert.deepEqual(v.columns[0], { name: 'version', type: 'STRING', oid: 25 });
    assert.ok(dbs.rows.some((row: Json) => row.database_name === 'movr'));
  });

  it('returns JSON errors with SQLSTATE codes', async () => {
    const r = await sql(sim, token, { statements: [{ sql: 'DROP DATABASE movr' }], execute: true });
    assert.equal(r.status, 200);
    assert.equal(r.body.error.code, '0A000');
    assert.equal(r.body.execution.txn_results[0].error.code, '0A000');
    const bad = await sql(sim, token, { statements: [] });
    assert.equal(bad.status, 400);
    assert.equal(typeof bad.body.error.code, 'string');
  });

  it('CANCEL QUERY and CANCEL SESSION act on the listed sessions and are recorded', async () => {
    const list = await getJson(sim, 'sessions/', token);
    const withQuery = list.sessions.find((s: Json) => s.active_queries?.length);
    const queryId: string = withQuery.active_queries[0].id;
    const victim = list.sessions.find((s: Json) => s.status !== 1 && s !== withQuery);
    const hexId = Buffer.from(victim.id, 'base64').toString('hex');

    let r = await sql(sim, token, { statements: [{ sql: `CANCEL QUERY '${queryId}'` }], execute: true });
    assert.equal(r.body.error, undefined, r.text);
    r = await sql(sim, token, { statements: [{ sql: `CANCEL SESSION '${hexId}'` }], execute: true });
    assert.equal(r.body.error, undefined, r.text);
    assert.deepEqual(sim.control.cancelledQueries(), [queryId]);
    assert.deepEqual(sim.control.cancelledSessions(), [hexId]);

    const after = await getJson(sim, 'sessions/', token);
    const q = after.sessions.find((s: Json) => s.id === withQuery.id);
    assert.equal(q.active_queries, null);
    assert.equal(after.sessions.find((s: Json) => s.id === victim.id).status, 1);
    const open = await getJson(sim, 'sessions/?exclude_closed_sessions=true', token);
    assert.equal(
      open.sessions.some((s: Json) => s.id === victim.id),
      false,
    );

    r = await sql(sim, token, { statements: [{ sql: `CANCEL SESSION '${hexId}'` }], execute: true });
    assert.equal(r.body.error.code, 'XX000');
    r = await sql(sim, token, {
      statements: [{ sql: "CANCEL QUERY '00000000000000000000000000000000'" }],
      execute: true,
    });
    assert.match(r.body.error.message, /not found/);
  });

  it('refuses CANCEL to a user without the privilege', async () => {
    const viewerToken = await login(sim, VIEWER);
    const r = await sql(sim, viewerToken, {
      statements: [{ sql: "CANCEL SESSION '00000000000000000000000000000000'" }],
      execute: true,
    });
    assert.equal(r.body.error.code, '42501');
  });
});
