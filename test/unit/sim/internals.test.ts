import assert from 'node:assert/strict';
import { decodeCookie, encodeCookie } from '../../../src/sim/auth';
import { makeTopology, nodeHoldsRange, rangeCountOfNode, rangeOfNodeAt, replicasOf } from '../../../src/sim/data/topology';
import { HOSTILE_STRINGS } from '../../../src/sim/index';
import { toJson } from '../../../src/sim/json';
import { decodeCursor, encodeCursor, walkCursor } from '../../../src/sim/paging';
import type { Json, Sim } from './helpers';
import { getJson, login, startSim } from './helpers';

describe('cluster sim: internals', () => {
  it('writes bigint as exact JSON integers and drops undefined members', () => {
    assert.equal(toJson({ a: 1736942400123456789n, b: undefined, c: [1, undefined], d: null }), '{"a":1736942400123456789,"c":[1,null],"d":null}');
  });

  it('encodes cursors exactly like pagination.go', () => {
    const token = encodeCursor({ done: [1, 2, 3], inProgress: 0, index: 0, pending: [] });
    assert.equal(token, 'MSwyLDMsfDB8MHw=');
    assert.deepEqual(decodeCursor(token), { done: [1, 2, 3], inProgress: 0, index: 0, pending: [] });
    assert.equal(decodeCursor('!!!'), undefined);
    assert.equal(decodeCursor(Buffer.from('garbage').toString('base64url')), undefined);
  });

  it('walks a cursor across nodes and treats an invalid start as the beginning', () => {
    const src = (n: number) => ({ ok: true as const, count: n, slice: (a: number, b: number) => Array.from({ length: b - a }, (_, i) => `${n}:${a + i}`) });
    const p1 = walkCursor([1, 2, 3], 'nonsense', 4, src);
    assert.deepEqual(p1.items, ['1:0', '2:0', '2:1', '3:0']);
    const p2 = walkCursor([1, 2, 3], p1.next, 4, src);
    assert.deepEqual(p2.items, ['3:1', '3:2']);
    assert.equal(Buffer.from(p2.next, 'base64url').toString(), '1,2,3,|0|0|');
  });

  it('session tokens are protobuf SessionCookie in std base64', () => {
    const secret = Buffer.from('0123456789abcdef');
    const tok = encodeCookie(300, secret);
    assert.deepEqual(decodeCookie(tok), { id: 300, secret });
    assert.equal(decodeCookie('AAAA'), undefined);
  });

  it('replica placement is consistent both ways', () => {
    const t = makeTopology({ seed: 1, profile: 'v25', nodes: 11, rangesPerNode: 30, sessionsPerNode: 1, hotRangesPerNode: 5 });
    for (let node = 1; node <= 11; node++) {
      const ids = Array.from({ length: rangeCountOfNode(t) }, (_, i) => rangeOfNodeAt(t, node, i));
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) assert.ok(replicasOf(t, id).includes(node));
    }
    for (let r = 1; r <= t.rangeCount; r++) {
      const reps = replicasOf(t, r);
      assert.equal(new Set(reps).size, 3);
      for (const n of reps) assert.ok(nodeHoldsRange(t, n, r));
    }
  });
});

describe('cluster sim: hostile data', () => {
  let sim: Sim;
  let token: string;
  before(async () => {
    sim = await startSim({ nodes: 9, sessionsPerNode: 60 });
    token = await login(sim);
  });
  after(() => sim.close());

  it('exports the hostile strings', () => {
    assert.ok(HOSTILE_STRINGS.includes('<script>window.__xss=1</script>'));
    assert.ok(HOSTILE_STRINGS.includes('<img src=x onerror="window.__xss=1">'));
    assert.ok(HOSTILE_STRINGS.some((s) => /[\u202E]/.test(s)));
    assert.ok(HOSTILE_STRINGS.some((s) => /\p{Extended_Pictographic}/u.test(s)));
  });

  it('plants them in SQL, app names, user names, table names, databases and event info', async () => {
    const sessions = await getJson(sim, 'sessions/', token);
    const sqlText = sessions.sessions.flatMap((s: Json) => [s.last_active_query, ...(s.active_queries ?? []).map((q: Json) => q.sql)]).join('\n');
    assert.ok(sqlText.includes('<script>window.__xss=1</script>'), 'SQL');
    const apps = new Set(sessions.sessions.map((s: Json) => s.application_name));
    assert.ok([...apps].some((a) => HOSTILE_STRINGS.includes(a as string)), 'app names');
    const users = new Set(sessions.sessions.map((s: Json) => s.username));
    assert.ok([...users].some((u) => HOSTILE_STRINGS.includes(u as string)), 'session user names');
    const tables = await getJson(sim, 'databases/movr/tables/', token);
    assert.ok(tables.table_names.some((t: string) => t.includes('<script>')), 'table names');
    const dbs = await getJson(sim, 'databases/', token);
    assert.ok(dbs.databases.includes('<img src=x onerror="window.__xss=1">'), 'database names');
    const events = await getJson(sim, 'events/', token);
    assert.ok(events.events.some((e: Json) => e.info.includes('window.__xss')), 'event info');
  });
});
