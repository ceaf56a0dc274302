// The simulator's SQL engine: PGlite (PostgreSQL in WASM) with the crdb_internal
// catalogue of schema.ts and the generated workload. Started on the first
// statement that needs it (1–3 s) and then reused, so a simulator that never
// gets workload SQL starts as fast as before.

import { PGlite } from '@electric-sql/pglite';
import type { SimState } from '../state';
import type { Outcome, PgError } from '../routes/sqlOutcome';
import { checkAccess } from './access';
import { crdbColumnType, crdbValue, rawParsers, registerDomain } from './crdbTypes';
import { jobRows } from './genJobs';
import { statisticsRows } from './genStatements';
import { lockRows, workloadRows } from './genWorkload';
import { explainText } from './explain';
import { liveSessionRows } from './liveSessions';
import { UnsupportedSql, explainTarget, statementKind, translate } from './rewrite';
import { LOAD_TARGETS, SCHEMA_DDL, loadSql } from './schema';

interface Engine {
  db: PGlite;
  /** PGlite runs one query at a time; the session settings and the query must not interleave. */
  queue: Promise<unknown>;
}

const engines = new WeakMap<SimState, Promise<Engine>>();

async function start(sim: SimState): Promise<Engine> {
  const db = await PGlite.create();
  await db.exec(SCHEMA_DDL);
  const domains = await db.query<{ oid: number; base: number; arr: number }>(
    `SELECT t.oid, t.typbasetype AS base, a.oid AS arr FROM pg_type t LEFT JOIN pg_type a ON a.typelem = t.oid
     WHERE t.typname IN ('string', 'bytes') AND t.typnamespace = 'public'::regnamespace`,
  );
  for (const d of domains.rows)
    registerDomain(Number(d.oid), Number(d.base), d.arr === null ? undefined : Number(d.arr));
  const t = sim.topo;
  const stats = statisticsRows(t);
  const work = workloadRows(t);
  const live = liveSessionRows(sim);
  const load: Array<[string, unknown[]]> = [
    [LOAD_TARGETS.statements, stats.statements],
    [LOAD_TARGETS.transactions, stats.transactions],
    [LOAD_TARGETS.stmtInsights, work.stmtInsights],
    [LOAD_TARGETS.txnInsights, work.txnInsights],
    [LOAD_TARGETS.contention, work.contention],
    [LOAD_TARGETS.locks, lockRows(t, sim)],
    [LOAD_TARGETS.jobs, jobRows(t)],
    [LOAD_TARGETS.sessions, live.sessions],
    [LOAD_TARGETS.queries, live.queries],
  ];
  for (const [table, rows] of load) await db.query(loadSql(table), [JSON.stringify(rows)]);
  return { db, queue: Promise.resolve() };
}

export function engineFor(sim: SimState): Promise<Engine> {
  let e = engines.get(sim);
  if (!e) {
    e = start(sim);
    engines.set(sim, e);
    // A failed start is retried by the next statement rather than remembered.
    e.catch(() => engines.delete(sim));
  }
  return e;
}

export async function closeEngine(sim: SimState): Promise<void> {
  const e = engines.get(sim);
  engines.delete(sim);
  if (e) await (await e).db.close();
}

/** What a statement produced, plus whether PostgreSQL could not even parse it (a 400 on CockroachDB). */
export interface EngineOutcome extends Outcome {
  syntaxError?: boolean;
}

const fail = (error: PgError): EngineOutcome => ({ tag: '', rowsAffected: 0, error: { severity: 'ERROR', ...error } });

function pgError(e: unknown): EngineOutcome {
  const x = e as { message?: string; code?: string; hint?: string };
  const out = fail({ message: x.message ?? String(e), code: x.code ?? 'XX000', hint: x.hint || undefined });
  if (x.code === '42601') out.syntaxError = true;
  return out;
}

function tagOf(sql: string): string {
  const first = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  return first === 'WITH' || first === 'VALUES' || first === 'TABLE' ? 'SELECT' : first;
}

export async function executeSql(
  sim: SimState,
  user: { username: string; admin: boolean },
  sql: string,
  args: unknown[],
): Promise<EngineOutcome> {
  const kind = statementKind(sql);
  if (kind === 'write')
    return fail({ message: `the simulated cluster is read-only: ${sql.trim().slice(0, 80)}`, code: '0A000' });
  const denied = checkAccess(sim.profile, user, sql);
  if (denied) return fail(denied);
  let pg: string;
  try {
    pg = translate(kind === 'explain' ? explainTarget(sql) : sql);
  } catch (e) {
    if (e instanceof UnsupportedSql) return fail({ message: e.message, code: '0A000' });
    throw e;
  }
  let engine: Engine;
  try {
    engine = await engineFor(sim);
  } catch (e) {
    return fail({ message: `internal error: ${(e as Error).message}`, code: 'XX000' });
  }
  const run = async (): Promise<EngineOutcome> => {
    const { db } = engine;
    // What is live (sessions, their queries, the locks their transactions hold) is rebuilt on
    // every read, so cancels and down nodes show.
    if (/sim_show\.cluster_|cluster_sessions|cluster_queries/i.test(pg)) {
      const live = liveSessionRows(sim);
      await db.exec(`DELETE FROM ${LOAD_TARGETS.sessions}; DELETE FROM ${LOAD_TARGETS.queries};`);
      await db.query(loadSql(LOAD_TARGETS.sessions), [JSON.stringify(live.sessions)]);
      await db.query(loadSql(LOAD_TARGETS.queries), [JSON.stringify(live.queries)]);
    }
    if (/cluster_locks/i.test(pg)) {
      await db.exec(`DELETE FROM ${LOAD_TARGETS.locks};`);
      await db.query(loadSql(LOAD_TARGETS.locks), [JSON.stringify(lockRows(sim.topo, sim))]);
    }
    await db.query(`SELECT set_config('sim.user', $1, false), set_config('sim.admin', $2, false)`, [
      user.username,
      user.admin ? 'on' : 'off',
    ]);
    try {
      if (kind === 'explain') {
        const plan = await db.query<Record<string, string>>(`EXPLAIN ${pg}`, args);
        const lines = explainText(plan.rows.map((r) => Object.values(r)[0] ?? ''));
        return {
          tag: 'EXPLAIN',
          columns: [{ name: 'info', type: 'STRING', oid: 25 }],
          rows: lines.map((info) => ({ info })),
          rowsAffected: 0,
        };
      }
      const res = await db.query<Record<string, unknown>>(pg, args, { parsers: rawParsers(), rowMode: 'array' });
      const seen = new Map<string, number>();
      const columns = res.fields.map((f) => {
        const n = seen.get(f.name) ?? 0;
        seen.set(f.name, n + 1);
        return { name: n > 0 ? `${f.name}_${n}` : f.name, ...crdbColumnType(f.dataTypeID) };
      });
      const rows = (res.rows as unknown as unknown[][]).map((row) =>
        Object.fromEntries(columns.map((c, i) => [c.name, crdbValue(res.fields[i]?.dataTypeID ?? 25, row[i])])),
      );
      return { tag: kind === 'show-jobs' ? 'SHOW JOBS' : tagOf(sql), columns, rows, rowsAffected: 0 };
    } catch (e) {
      return pgError(e);
    }
  };
  const result = engine.queue.then(run, run);
  engine.queue = result.catch(() => undefined);
  return result;
}
