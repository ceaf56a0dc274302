import assert from 'node:assert/strict';
import { HOSTILE_STRINGS } from '../../../../src/sim/index';
import type { Json, Sim } from '../simHttp';
import { getJson, login, startSim } from '../simHttp';

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
    const sqlText = sessions.sessions
      .flatMap((s: Json) => [s.last_active_query, ...(s.active_queries ?? []).map((q: Json) => q.sql)])
      .join('\n');
    assert.ok(sqlText.includes('<script>window.__xss=1</script>'), 'SQL');
    const apps = new Set(sessions.sessions.map((s: Json) => s.application_name));
    assert.ok(
      [...apps].some((a) => HOSTILE_STRINGS.includes(a as string)),
      'app names',
    );
    const users = new Set(sessions.sessions.map((s: Json) => s.username));
    assert.ok(
      [...users].some((u) => HOSTILE_STRINGS.includes(u as string)),
      'session user names',
    );
    const tables = await getJson(sim, 'databases/movr/tables/', token);
    assert.ok(
      tables.table_names.some((t: string) => t.includes('<script>')),
      'table names',
    );
    const dbs = await getJson(sim, 'databases/', token);
    assert.ok(dbs.databases.includes('<img src=x onerror="window.__xss=1">'), 'database names');
    const events = await getJson(sim, 'events/', token);
    assert.ok(
      events.events.some((e: Json) => e.info.includes('window.__xss')),
      'event info',
    );
  });
});
