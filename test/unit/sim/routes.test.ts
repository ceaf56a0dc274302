import assert from 'node:assert/strict';
import type { Json, Sim } from './simHttp';
import { decodeCursor, get, getJson, login, startSim } from './simHttp';

describe('cluster sim: v25 routes', () => {
  let sim: Sim;
  let token: string;
  before(async () => {
    sim = await startSim({ nodes: 9, seed: 7 });
    token = await login(sim);
  });
  after(() => sim.close());

  it('health: {} and ready semantics', async () => {
    assert.deepEqual(await getJson(sim, 'health/'), {});
    assert.deepEqual(await getJson(sim, 'health/?ready=true'), {});
    const bad = await get(sim, 'health/?ready=maybe');
    assert.equal(bad.status, 400);
    assert.equal(await bad.text(), 'invalid ready value\n');
  });

  it('nodes: flat nodeStatus with exact nanosecond integers and int liveness', async () => {
    const res = await get(sim, 'nodes/', token);
    const raw = await res.text();
    assert.match(raw, /"started_at":1\d{18}[,}]/);
    assert.match(raw, /"updated_at":1\d{18}[,}]/);
    const body = JSON.parse(raw) as Json;
    assert.equal(body.nodes.length, 9);
    assert.equal('next' in body, false);
    const n = body.nodes[0];
    assert.equal(n.node_id, 1);
    assert.deepEqual(n.ServerVersion, { major: 25, minor: 2, patch: 0, internal: 0 });
    assert.match(n.build_tag, /^v25\./);
    assert.deepEqual(Object.keys(n.address), ['network_field', 'address_field']);
    assert.deepEqual(n.locality.tiers, [
      { key: 'region', value: 'us-east1' },
      { key: 'zone', value: 'us-east1-b' },
    ]);
    assert.equal(typeof n.metrics['sql.conns'], 'number');
    assert.ok(n.store_metrics['1']);
    assert.ok(n.num_cpus > 0 && n.total_system_memory > 0);
    assert.equal('desc' in n, false);
    const liveness = body.nodes.map((x: Json) => x.liveness_status);
    assert.ok(liveness.includes(3) && liveness.includes(4) && liveness.includes(6), String(liveness));
    const regions = new Set(body.nodes.map((x: Json) => x.locality.tiers[0].value));
    assert.equal(regions.size, 3);
  });

  it('nodes: offset paging to the end, next omitted when exhausted', async () => {
    const seen: number[] = [];
    let offset = 0;
    for (let guard = 0; guard < 10; guard++) {
      const page = await getJson(sim, `nodes/?limit=4&offset=${offset}`, token);
      seen.push(...page.nodes.map((n: Json) => n.node_id));
      if (page.next === undefined) break;
      assert.equal(typeof page.next, 'number');
      offset = page.next;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('node ranges: rangeInfo shape, filter, local, paging, bad id', async () => {
    const page = await getJson(sim, 'nodes/2/ranges/?limit=5', token);
    assert.equal(page.ranges.length, 5);
    assert.equal(page.next, 5);
    const r = page.ranges[0];
    assert.equal(r.source_node_id, 2);
    assert.equal(r.desc.store_id, 0);
    assert.match(r.desc.start_key, /^[A-Za-z0-9+/]+=*$/);
    assert.match(r.span.start_key, /^\/Table\/\d+\/\d+/);
    for (const x of page.ranges) {
      assert.equal('lease_holder' in x, false);
      assert.equal('raft_state' in x, false);
      for (const v of Object.values(x.problems)) assert.equal(v, true);
      for (const v of Object.values(x.stats)) assert.notEqual(v, 0);
      assert.notEqual(x.quiescent, false);
      assert.notEqual(x.ticking, false);
    }
    const ids = page.ranges.map((x: Json) => x.desc.range_id);
    const filtered = await getJson(sim, `nodes/2/ranges/?ranges=${ids[1]},${ids[3]},999999`, token);
    assert.deepEqual(
      filtered.ranges.map((x: Json) => x.desc.range_id),
      [ids[1], ids[3]],
    );
    const local = await getJson(sim, 'nodes/local/ranges/?limit=1', token);
    assert.equal(local.ranges[0].source_node_id, 1);
    const bad = await get(sim, 'nodes/abc/ranges/', token);
    assert.equal(bad.status, 400);
    assert.equal(await bad.text(), 'invalid node ID\n');
  });

  it('node ranges include problem ranges somewhere in the cluster', async () => {
    const all = await getJson(sim, 'nodes/1/ranges/', token);
    const problems = new Set(all.ranges.flatMap((r: Json) => Object.keys(r.problems)));
    assert.ok(problems.size >= 2, [...problems].join(','));
    assert.ok(all.ranges.some((r: Json) => r.lease_history === null));
  });

  it('range detail: keyed by decimal node id, replica holders only', async () => {
    const body = await getJson(sim, 'ranges/10/', token);
    assert.deepEqual(Object.keys(body), ['responses_by_node_id']);
    const keys = Object.keys(body.responses_by_node_id);
    assert.equal(keys.length, 3);
    for (const k of keys) {
      assert.match(k, /^\d+$/);
      assert.equal(body.responses_by_node_id[k].range_info.desc.range_id, 10);
      assert.equal(body.responses_by_node_id[k].range_info.source_node_id, Number(k));
    }
    assert.equal((await get(sim, 'ranges/abc/', token)).status, 404);
    const huge = await get(sim, 'ranges/99999999999999999999/', token);
    assert.equal(huge.status, 400);
    assert.equal(await huge.text(), 'invalid range ID\n');
  });

  it('hot ranges: v25 arrays + load stats, per-replica entries, cursor to the end', async () => {
    const all: Json[] = [];
    let start = '';
    let pages = 0;
    let lastNext = '';
    for (;;) {
      const page = await getJson(sim, `ranges/hot/?limit=100${start ? `&start=${start}` : ''}`, token);
      pages++;
      assert.equal(typeof page.next, 'string');
      lastNext = page.next;
      all.push(...(page.ranges ?? []));
      if ((page.ranges ?? []).length < 100) break;
      start = page.next;
      assert.ok(pages < 50);
    }
    assert.equal(decodeCursor(lastNext), '1,2,3,4,5,6,7,8,9,|0|0|');
    assert.equal(all.length, 9 * 128);
    const e = all[0];
    for (const k of ['databases', 'tables', 'indexes', 'replica_node_ids']) assert.ok(Array.isArray(e[k]), k);
    for (const k of ['writes_per_second', 'reads_per_second', 'cpu_time_per_second', 'leaseholder_node_id', 'store_id'])
      assert.equal(typeof e[k], 'number', k);
    assert.equal('table_name' in e, false);
    const byRange = new Map<number, Set<number>>();
    for (const x of all) {
      if (!byRange.has(x.range_id)) byRange.set(x.range_id, new Set());
      byRange.get(x.range_id)!.add(x.node_id);
    }
    assert.ok(
      [...byRange.values()].some((s) => s.size > 1),
      'a range appears once per replica holder',
    );
    assert.ok(
      all.some((x) => x.tables.length > 1),
      'some range spans two tables',
    );
  });

  it('hot ranges: node_id filter and the cursor walk order', async () => {
    const page = await getJson(sim, 'ranges/hot/?node_id=4&limit=10', token);
    assert.ok(page.ranges.every((r: Json) => r.node_id === 4));
    assert.equal(decodeCursor(page.next), '|4|10|');
    const first = await getJson(sim, 'ranges/hot/?limit=3', token);
    assert.equal(decodeCursor(first.next), '|1|3|2,3,4,5,6,7,8,9,');
  });

  it('sessions: shape, ids, statuses, cursor paging to the end', async () => {
    const all: Json[] = [];
    let start = '';
    for (let i = 0; i < 50; i++) {
      const page = await getJson(sim, `sessions/?limit=50${start ? `&start=${start}` : ''}`, token);
      assert.equal(page.internal_app_name_prefix, '$ internal');
      assert.equal(page.errors, null);
      all.push(...page.sessions);
      start = page.next;
      if (page.sessions.length < 50) break;
    }
    assert.equal(all.length, 9 * 20);
    assert.equal(decodeCursor(start), '1,2,3,4,5,6,7,8,9,|0|0|');
    for (const s of all) {
      assert.equal(Buffer.from(s.id, 'base64').length, 16);
      assert.notEqual(s.status, 0);
      for (const q of s.active_queries ?? []) {
        assert.match(q.id, /^[0-9a-f]{32}$/);
        assert.notEqual(q.phase, 0);
      }
    }
    const statuses = new Set(all.map((s) => s.status ?? 0));
    assert.deepEqual([...statuses].sort(), [0, 1, 2]);
    assert.ok(
      all.some((s) => (s.active_queries ?? []).some((q: Json) => q.sql.length > 2048)),
      'long SQL',
    );
  });

  it('sessions: username and exclude_closed_sessions filters', async () => {
    const open = await getJson(sim, 'sessions/?exclude_closed_sessions=true', token);
    assert.ok(open.sessions.length > 0 && open.sessions.every((s: Json) => s.status !== 1));
    const viewer = await getJson(sim, 'sessions/?username=viewer', token);
    assert.ok(viewer.sessions.length > 0 && viewer.sessions.every((s: Json) => s.username === 'viewer'));
  });

  it('users, events (type filter; targetID ignored, as from v23.1), databases, grants, tables, table details', async () => {
    const users = await getJson(sim, 'users/', token);
    assert.ok(users.users.some((u: Json) => u.username === 'admin'));
    const ev = await getJson(sim, 'events/?limit=5', token);
    assert.equal(ev.events.length, 5);
    assert.equal(ev.next, 5);
    assert.equal(typeof ev.events[0].info, 'string');
    const typed = await getJson(sim, 'events/?type=create_table', token);
    assert.ok(typed.events.length > 0 && typed.events.every((e: Json) => e.event_type === 'create_table'));
    const target = typed.events[0].target_id;
    const byTarget = await getJson(sim, `events/?targetID=${target}`, token);
    assert.deepEqual(byTarget, await getJson(sim, 'events/', token));
    const dbs = await getJson(sim, 'databases/', token);
    for (const d of ['system', 'defaultdb', 'movr', 'bank']) assert.ok(dbs.databases.includes(d), d);
    assert.equal(typeof (await getJson(sim, 'databases/movr/', token)).descriptor_id, 'number');
    const grants = await getJson(sim, 'databases/movr/grants/', token);
    assert.ok(grants.grants.every((g: Json) => typeof g.user === 'string' && Array.isArray(g.privileges)));
    const tables = await getJson(sim, 'databases/movr/tables/', token);
    assert.ok(tables.table_names.includes('public.rides'));
    assert.ok(
      tables.table_names.some((t: string) => t.startsWith('public."')),
      'quoted hostile name',
    );
    const td = await getJson(sim, 'databases/movr/tables/public.rides/', token);
    assert.match(td.create_table_statement, /^CREATE TABLE/);
    assert.equal(td.zone_config_level, 1);
    assert.ok(td.columns.length > 0 && td.indexes.length > 0 && td.range_count > 0);
    assert.deepEqual((await getJson(sim, 'databases/movr/tables/rides/', token)).descriptor_id, td.descriptor_id);
  });

  it('schema 404s: database not found, table not found, unaddressable names', async () => {
    let res = await get(sim, 'databases/nope/', token);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), 'database not found\n');
    res = await get(sim, 'databases/movr/tables/nope/', token);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), 'database or table not found\n');
    res = await get(sim, `databases/${encodeURIComponent('my-db')}/`, token);
    assert.equal(await res.text(), '404 page not found\n');
  });

  it('rules: unauthenticated text/plain YAML map keyed by group name', async () => {
    const res = await get(sim, 'rules/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await res.text();
    assert.match(text, /^rules\/alerts:\n/m);
    assert.match(text, /^rules\/recording:\n/m);
    assert.doesNotMatch(text, /^groups:/m);
  });
});
