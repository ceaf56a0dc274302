// The simulator's live workload: the newest contention events and every lock name
// transactions that are open in live sessions (sessions/ and SHOW CLUSTER SESSIONS
// alike), those sessions run generated statement fingerprints, and cancelling the
// blocker closes its session and releases its locks.
import assert from 'node:assert/strict';
import { normalizeSql } from '../../../../src/domain/fingerprint';
import { liveWorkload, sessionModel } from '../../../../src/sim/data/sessions';
import { makeTopology } from '../../../../src/sim/data/topology';
import { lockRows, workloadRows } from '../../../../src/sim/sql/genWorkload';
import { jobRows } from '../../../../src/sim/sql/genJobs';
import type { Json, Sim } from '../simHttp';
import { getJson, login, startSim } from '../simHttp';

async function sql(sim: Sim, token: string, text: string, args: unknown[] = []): Promise<Json> {
  const res = await fetch(sim.api('sql/'), {
    method: 'POST',
    headers: { 'X-Cockroach-API-Session': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ execute: true, max_result_size: 1_000_000, statements: [{ sql: text, arguments: args }] }),
  });
  assert.equal(res.status, 200);
  return (await res.json()) as Json;
}

async function rows(sim: Sim, token: string, text: string, args: unknown[] = []): Promise<Json[]> {
  const body = await sql(sim, token, text, args);
  assert.equal(body.error, undefined, JSON.stringify(body.error));
  return body.execution.txn_results[0].rows as Json[];
}

const NEWEST_EVENTS = `SELECT blocking_txn_id::STRING AS blocking, waiting_txn_id::STRING AS waiting, waiting_stmt_id,
  encode(waiting_stmt_fingerprint_id, 'hex') AS stmt_fp, encode(blocking_txn_fingerprint_id, 'hex') AS blocking_fp,
  table_name, contending_pretty_key FROM crdb_internal.transaction_contention_events ORDER BY collection_ts DESC LIMIT 4`;
const LOCKS = `SELECT txn_id::STRING AS txn_id, lock_key_pretty, granted, contended
  FROM crdb_internal.cluster_locks ORDER BY lock_key_pretty, granted DESC`;
const FINGERPRINT_QUERY = `SELECT DISTINCT metadata->>'query' AS query FROM crdb_internal.statement_statistics
  WHERE fingerprint_id = decode($1, 'hex')`;

const topo = (seed: number, sessionsPerNode = 20, nodes = 3) =>
  makeTopology({ seed, profile: 'v25', nodes, rangesPerNode: 10, sessionsPerNode, hotRangesPerNode: 8 });
const NONE = { sessions: new Set<string>(), queries: new Set<string>() };

describe('sim sql: live blockers and live statements', function () {
  this.timeout(60_000);

  describe('generated from the seed', () => {
    it('the same seed gives the same seats, statements and transactions; another seed other transactions', () => {
      const txns = (seed: number) =>
        lockRows(topo(seed), NONE).map((r) => `${String(r.txn_id)} ${String(r.lock_key_pretty)}`);
      assert.deepEqual(txns(5), txns(5));
      assert.notDeepEqual(txns(5), txns(6));
      const a = liveWorkload(topo(5));
      const b = liveWorkload(topo(5));
      assert.deepEqual(
        a.pairs.map((p) => [
          p.blocker.nodeId,
          p.blocker.index,
          p.blocker.fingerprint.idHex,
          p.waiter.fingerprint.idHex,
        ]),
        b.pairs.map((p) => [
          p.blocker.nodeId,
          p.blocker.index,
          p.blocker.fingerprint.idHex,
          p.waiter.fingerprint.idHex,
        ]),
      );
      assert.equal(a.pairs.length, 4);
      assert.equal(a.runners.length, 4);
    });

    it('blocker and waiter sit on different nodes, in explicit transactions, the blocker open longer', () => {
      const t = topo(9);
      for (const p of liveWorkload(t).pairs) {
        assert.notEqual(p.blocker.nodeId, p.waiter.nodeId);
        const [b, w] = [p.blocker, p.waiter].map((s) => sessionModel(t, s.nodeId, s.index, NONE).wire as Json);
        for (const s of [b, w]) {
          assert.equal(s.status ?? 0, 0, 'live-workload sessions are active (0, omitted as a zero value)');
          assert.equal(s.active_txn.implicit, undefined, 'an explicit transaction (implicit false is omitted)');
          assert.equal(s.active_queries[0].txn_id, s.active_txn.id);
        }
        assert.ok(Date.parse(b.active_txn.start) < Date.parse(w.active_txn.start));
        assert.equal(b.application_name, p.blocker.fingerprint.app);
      }
    });

    it('a cluster with few sessions gets fewer pairs; without sessions no locks at all', () => {
      assert.equal(liveWorkload(topo(1, 1, 3)).pairs.length, 1);
      assert.equal(liveWorkload(topo(1, 1, 3)).runners.length, 1);
      assert.equal(liveWorkload(topo(1, 1, 1)).pairs.length, 0);
      const empty = topo(1, 0, 3);
      assert.deepEqual(lockRows(empty, NONE), []);
      // The contention history is still there, with transactions that are no longer open.
      assert.equal(workloadRows(empty).contention.length, 48);
    });

    it('jobs: running changefeed (with its high-water), backup and schema change; failed and paused with errors', () => {
      const jobs = jobRows(topo(3));
      const running = (type: string) => jobs.filter((j) => j.job_type === type && j.status === 'running');
      for (const type of ['CHANGEFEED', 'BACKUP', 'SCHEMA CHANGE']) {
        const js = running(type);
        assert.ok(js.length > 0, `no running ${type}`);
        for (const j of js) assert.ok((j.fraction_completed as number) > 0 && (j.fraction_completed as number) < 1);
      }
      const feed = running('CHANGEFEED')[0]!;
      assert.match(String(feed.high_water_timestamp), /^\d{19}\.\d{10}$/);
      const wall = String(feed.high_water_timestamp).slice(0, 19);
      assert.equal(feed.running_status, `running: resolved=${wall.slice(0, 10)}.${wall.slice(10)},0`);
      assert.ok(jobs.some((j) => j.status === 'failed' && /failed: rpc error/.test(String(j.error))));
      assert.ok(jobs.some((j) => j.status === 'paused' && /on_error=pause/.test(String(j.error))));
    });
  });

  describe('through the HTTP API (v25)', () => {
    let sim: Sim;
    let token: string;
    before(async () => {
      sim = await startSim({ nodes: 3, seed: 21, profile: 'v25' });
      token = await login(sim);
    });
    after(() => sim.close());

    const openSessions = async (): Promise<Json[]> =>
      (await getJson(sim, 'sessions/?exclude_closed_sessions=true&limit=1000', token)).sessions as Json[];

    it('the newest contention events: blocker and waiter are open transactions of live sessions', async () => {
      const events = await rows(sim, token, NEWEST_EVENTS);
      assert.equal(events.length, 4);
      const sessions = await openSessions();
      const byTxn = new Map(sessions.filter((s) => s.active_txn).map((s) => [s.active_txn.id, s]));
      const clusterSessions = await rows(
        sim,
        token,
        'SELECT session_id, kv_txn, active_queries FROM [SHOW CLUSTER SESSIONS]',
      );
      const kvTxns = new Set(clusterSessions.map((s) => s.kv_txn));
      for (const e of events) {
        const blocker = byTxn.get(e.blocking);
        const waiter = byTxn.get(e.waiting);
        assert.ok(blocker, `blocking txn ${e.blocking} is no live session's`);
        assert.ok(waiter, `waiting txn ${e.waiting} is no live session's`);
        assert.ok(kvTxns.has(e.blocking) && kvTxns.has(e.waiting), 'SHOW CLUSTER SESSIONS names them as kv_txn');
        // The waiting statement is the waiter's running query, an execution of the fingerprint named.
        const q = waiter.active_queries[0];
        assert.equal(q.id, e.waiting_stmt_id);
        const [fp] = await rows(sim, token, FINGERPRINT_QUERY, [e.stmt_fp]);
        assert.ok(fp, `no statistics for fingerprint ${e.stmt_fp}`);
        assert.equal(normalizeSql(q.sql_no_constants), normalizeSql(fp.query));
        assert.equal(normalizeSql(q.sql), normalizeSql(fp.query));
        assert.notEqual(q.sql, fp.query, 'the live query has constants where the fingerprint has placeholders');
      }
    });

    it('every granted lock is held by a live session; its waiter waits on the same key', async () => {
      const locks = await rows(sim, token, LOCKS);
      const granted = locks.filter((l) => l.granted);
      assert.ok(granted.length >= 4);
      const txns = new Set((await openSessions()).map((s) => s.active_txn?.id));
      for (const l of locks) assert.ok(txns.has(l.txn_id), `lock of ${l.txn_id} is no live session's`);
      const waiting = locks.filter((l) => !l.granted);
      assert.ok(waiting.length > 0);
      for (const w of waiting) {
        const holder = granted.find((g) => g.lock_key_pretty === w.lock_key_pretty);
        assert.ok(holder && holder.contended && w.contended);
        assert.notEqual(holder.txn_id, w.txn_id);
      }
      const events = await rows(sim, token, NEWEST_EVENTS);
      assert.ok(
        events.some((e) =>
          waiting.some((w) => w.txn_id === e.waiting && w.lock_key_pretty === e.contending_pretty_key),
        ),
      );
    });

    it('some live sessions run generated fingerprints (sql_no_constants normalises to the fingerprint text)', async () => {
      const fingerprints = new Set(
        (await rows(sim, token, "SELECT DISTINCT metadata->>'query' AS q FROM crdb_internal.statement_statistics")).map(
          (r) => normalizeSql(r.q),
        ),
      );
      const running = (await openSessions()).flatMap((s) => (s.active_queries ?? []) as Json[]);
      const matching = running.filter((q) => fingerprints.has(normalizeSql(q.sql_no_constants)));
      assert.ok(matching.length >= 12, `only ${matching.length} live statements are fingerprints`);
      assert.ok(running.length > matching.length, 'the other sessions still run their own statements');
    });

    it('CANCEL SESSION of a blocker: the session is gone, its locks are released, the history stays', async () => {
      const [event] = await rows(sim, token, NEWEST_EVENTS);
      const blocker = (await openSessions()).find((s) => s.active_txn?.id === event.blocking);
      const hexId = Buffer.from(blocker.id, 'base64').toString('hex');
      const res = await sql(sim, token, 'CANCEL SESSION $1', [hexId]);
      assert.equal(res.error, undefined);
      assert.equal(res.execution.txn_results[0].tag, 'CANCEL SESSIONS');
      assert.deepEqual(sim.control.cancelledSessions(), [hexId]);

      assert.ok(!(await openSessions()).some((s) => s.active_txn?.id === event.blocking));
      const all = (await getJson(sim, 'sessions/?limit=1000', token)).sessions as Json[];
      const closed = all.find((s) => s.id === blocker.id);
      assert.equal(closed.status, 1);
      assert.equal(closed.active_txn, undefined);
      const cluster = await rows(sim, token, 'SELECT session_id, kv_txn FROM [SHOW CLUSTER SESSIONS]');
      assert.ok(!cluster.some((s) => s.session_id === hexId || s.kv_txn === event.blocking));
      const locks = await rows(sim, token, LOCKS);
      assert.ok(!locks.some((l) => l.txn_id === event.blocking), 'the cancelled blocker still holds a lock');
      assert.ok(!locks.some((l) => l.txn_id === event.waiting), 'its waiter still waits');
      assert.ok(
        locks.some((l) => l.granted),
        'the other blockers still hold theirs',
      );
      // Contention events are history: the event stays, naming a transaction that is no longer open.
      assert.equal((await rows(sim, token, NEWEST_EVENTS))[0].blocking, event.blocking);
      const again = await sql(sim, token, 'CANCEL SESSION $1', [hexId]);
      assert.equal(again.error.code, 'XX000');
    });
  });

  it('v26: the locks are behind the crdb_internal lock-down, the sessions are not', async () => {
    const sim = await startSim({ nodes: 3, seed: 21, profile: 'v26' });
    try {
      const token = await login(sim);
      const locked = await sql(sim, token, LOCKS);
      assert.equal(locked.error.code, '42501');
      assert.match(locked.error.message, /crdb_internal/);
      const cluster = await rows(sim, token, 'SELECT kv_txn FROM [SHOW CLUSTER SESSIONS] WHERE kv_txn IS NOT NULL');
      const open = (await getJson(sim, 'sessions/?exclude_closed_sessions=true&limit=1000', token)).sessions as Json[];
      // SHOW CLUSTER SESSIONS and sessions/ are one session model: the same open transactions.
      assert.deepEqual(
        new Set(cluster.map((s) => s.kv_txn)),
        new Set(open.filter((s) => s.active_txn).map((s) => s.active_txn.id)),
      );
      assert.ok(cluster.length >= 12);
    } finally {
      await sim.close();
    }
  });
});
