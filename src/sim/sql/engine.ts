// The simulator's SQL engine: PGlite (PostgreSQL in WASM) with the crdb_internal
// catalogue of schema.ts, the generated workload and the user databases of
// userTables.ts. Started on the first statement that needs it (1–3 s) and then
// reused, so a simulator that never gets SQL starts as fast as before.
//
// A sql/ request holds the engine for all of its statements (an EngineSession):
// CockroachDB parses every statement before running any, runs them in one
// transaction (or one each with separate_txns) and rolls back on an error, and
// the session's settings (user, database, application name) hold for the request.

import { PGlite, protocol } from '@electric-sql/pglite';
import { DATABASE_NAMES, VIRTUAL_SCHEMAS, ADMIN_ROLE, READER_ROLE, engineSchema, pgIdent } from './userTables';
import { rowsJson, userGrantsSql, userLoadSql, userSetupSql, userTableRows } from './userTables';
import type { SimState } from '../state';
import { pgError, type Outcome, type PgError } from '../routes/sqlOutcome';
import { checkAccess } from './access';
import { crdbColumnType, crdbValue, registerDomain } from './crdbTypes';
import { jobRows } from './genJobs';
import { statisticsRows } from './genStatements';
import { lockRows, workloadRows } from './genWorkload';
import { explainText, isExplainAnalyze } from './explain';
import { liveSessionRows } from './liveSessions';
import {
  UnsupportedSql,
  explainTarget,
  firstWords,
  statementKind,
  statementTag,
  tokenize,
  translateFor,
  type NameContext,
  type Translation,
} from './rewrite';
import { LOAD_TARGETS, SCHEMA_DDL, loadSql } from './schema';
import { crdbError, crdbSyntaxError, type EngineFailure, type ErrorContext } from './userErrors';

interface Engine {
  db: PGlite;
  /** PGlite runs one query at a time; a request's statements must not interleave with another's. */
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
  await db.exec(userSetupSql());
  for (const { table, rows } of userTableRows(t.seed)) await db.query(userLoadSql(table), [rowsJson(rows)]);
  await db.exec(userGrantsSql());
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

export interface EngineUser {
  username: string;
  admin: boolean;
}

export interface SessionOptions {
  /** The request's `database`; its public schema is the search path. */
  database: string;
  applicationName: string;
}

export interface EngineSession {
  /** Syntax only, like CockroachDB's parser: a CockroachDB-shaped 42601, or undefined. */
  parse(sql: string): Promise<PgError | undefined>;
  execute(sql: string, args: readonly unknown[]): Promise<EngineOutcome>;
  begin(): Promise<void>;
  /** Commits (rolls back after an error or when asked); a failed commit is returned. */
  end(commit: boolean): Promise<PgError | undefined>;
}

const fail = (error: PgError): EngineOutcome => ({ tag: '', rowsAffected: 0, error });

/**
 * Runs `fn` with the engine to itself. A start failure does not throw: the session then
 * answers every statement with the error.
 */
export async function withEngineSession<T>(
  sim: SimState,
  user: EngineUser,
  opts: SessionOptions,
  fn: (s: EngineSession) => Promise<T>,
): Promise<T> {
  let engine: Engine;
  try {
    engine = await engineFor(sim);
  } catch (e) {
    const error = pgError(`internal error: ${(e as Error).message}`, 'XX000');
    return fn({
      parse: () => Promise.resolve(undefined),
      execute: () => Promise.resolve(fail(error)),
      begin: () => Promise.resolve(),
      end: () => Promise.resolve(undefined),
    });
  }
  const run = async (): Promise<T> => {
    const session = new Session(sim, engine.db, user, opts);
    try {
      return await fn(session);
    } finally {
      // Whatever happened, the next request finds no open transaction and the superuser.
      await session.end(false);
      await engine.db.exec('RESET ROLE').catch(() => undefined);
    }
  };
  const result = engine.queue.then(run, run);
  engine.queue = result.catch(() => undefined);
  return result;
}

/** plpgsql statements that are no SQL at all (a DO block would accept them). */
const PLPGSQL_ONLY = new Set([
  'NULL',
  'IF',
  'CASE',
  'LOOP',
  'WHILE',
  'FOR',
  'FOREACH',
  'EXIT',
  'CONTINUE',
  'ASSERT',
  'PERFORM',
  'RAISE',
  'RETURN',
  'GET',
  'OPEN',
  'ELSE',
  'ELSIF',
  'ALIAS',
]);
/** SQL that plpgsql reads its own way: not checked ahead, the execution decides. */
const PLPGSQL_OWN = new Set(['TABLE', 'FETCH', 'MOVE', 'IMPORT', 'EXECUTE', 'CLOSE', 'DECLARE', 'CALL', 'DO']);

/**
 * Statements that would change the engine session's role. The engine's superuser is the
 * session user, so `set_config('role', …)` would step outside the simulated privileges.
 */
function changesRole(sql: string): boolean {
  const toks = tokenize(sql);
  if (toks.some((t) => t.kind === 'word' && /^(set_config|session_authorization)$/i.test(t.text))) return true;
  const w = firstWords(sql, 6);
  return (
    w[0] === 'CREATE' &&
    w.some((x) => x === 'FUNCTION' || x === 'PROCEDURE' || x === 'TRIGGER') &&
    /set_config|session_authorization|\b(set|reset)\s+(local\s+|session\s+)?role\b/i.test(sql)
  );
}

const SETTINGS_SQL = `SELECT pg_catalog.set_config('sim.user', $1, false), pg_catalog.set_config('sim.admin', $2, false),
  pg_catalog.set_config('sim.database', $3, false), pg_catalog.set_config('search_path', $4, false),
  pg_catalog.set_config('application_name', $5, false), pg_catalog.set_config('role', $6, false)`;

interface Field {
  name: string;
  tableID: number;
  dataTypeID: number;
  dataTypeModifier: number;
}

interface RawResult {
  fields: Field[];
  rows: Array<Array<string | null>>;
  command: string;
}

/** A placeholder value as PostgreSQL text (sql/ arguments are JSON values). */
function wireArg(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v))
    return `{${v.map((x) => (x === null ? 'NULL' : `"${String(wireArg(x)).replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`;
  return JSON.stringify(v);
}

class Session implements EngineSession {
  private inTxn = false;
  private aborted = false;
  private schemas: Set<string> | undefined;

  constructor(
    private readonly sim: SimState,
    private readonly db: PGlite,
    private readonly user: EngineUser,
    private readonly opts: SessionOptions,
  ) {}

  private async names(): Promise<NameContext> {
    if (!this.schemas) {
      const r = await this.db.query<{ n: string }>('SELECT nspname AS n FROM pg_catalog.pg_namespace');
      this.schemas = new Set(r.rows.map((x) => x.n));
    }
    const schemas = this.schemas;
    return {
      database: this.opts.database,
      isDatabase: (n) => DATABASE_NAMES.has(n),
      hasSchema: (db, s) => s === 'public' || VIRTUAL_SCHEMAS.has(s) || schemas.has(engineSchema(db, s)),
      isVirtual: (s) => VIRTUAL_SCHEMAS.has(s),
      engineSchema,
    };
  }

  /** The statement as the engine runs it, and where its positions point in `sql`. */
  private async translation(sql: string): Promise<{ tr: Translation; offset: number; analyze: boolean }> {
    const kind = statementKind(sql);
    const target = kind === 'explain' ? explainTarget(sql) : sql;
    const tr = translateFor(target, await this.names());
    return { tr, offset: sql.length - target.length, analyze: kind === 'explain' && isExplainAnalyze(sql) };
  }

  async parse(sql: string): Promise<PgError | undefined> {
    const toks = tokenize(sql);
    const k = toks.findIndex((t) => t.kind !== 'space' && t.kind !== 'comment');
    const first = toks[k];
    if (!first || first.kind !== 'word') return undefined;
    const word = first.text.toUpperCase();
    const at = toks.slice(0, k).reduce((n, t) => n + t.text.length, 0);
    if (PLPGSQL_ONLY.has(word)) return crdbSyntaxError(sql, at, 'syntax error');
    const kind = statementKind(sql);
    if (PLPGSQL_OWN.has(word) || kind === 'refused' || kind === 'unsupported') return undefined;
    let t: Awaited<ReturnType<Session['translation']>>;
    try {
      t = await this.translation(sql);
    } catch (e) {
      if (e instanceof UnsupportedSql) return undefined;
      throw e;
    }
    let n = 0;
    while (t.tr.sql.includes(`$sim_p${n}$`)) n++;
    const tag = `$sim_p${n}$`;
    const head = `DO ${tag} BEGIN RETURN; `;
    try {
      // plpgsql checks the syntax of the statements of a block it compiles; RETURN runs first.
      await this.db.query(`${head}${t.tr.sql}; END ${tag}`);
      return undefined;
    } catch (err) {
      const e = err as EngineFailure;
      if (e.code !== '42601' || !e.message) return undefined;
      if (/at end of input$/.test(e.message)) return crdbSyntaxError(sql, undefined, e.message);
      if (!/^(syntax error at or near|unterminated )/.test(e.message)) return undefined;
      const pos = Number(e.position) - Array.from(head).length;
      const inStmt = pos >= 1 && pos <= Array.from(t.tr.sql).length;
      return crdbSyntaxError(sql, inStmt ? t.offset + t.tr.origin(pos) : undefined, e.message);
    }
  }

  async begin(): Promise<void> {
    if (this.inTxn) return;
    await this.db.exec('BEGIN');
    this.inTxn = true;
    this.aborted = false;
  }

  async end(commit: boolean): Promise<PgError | undefined> {
    if (!this.inTxn) return undefined;
    const ok = commit && !this.aborted;
    this.inTxn = false;
    this.aborted = false;
    this.schemas = undefined;
    try {
      await this.db.exec(ok ? 'COMMIT' : 'ROLLBACK');
      return undefined;
    } catch (err) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
      const e = err as EngineFailure;
      return pgError(e.message ?? String(err), e.code ?? 'XX000');
    } finally {
      await this.db.exec('RESET ROLE').catch(() => undefined);
    }
  }

  /** What is live (sessions, their queries, the locks their transactions hold) is rebuilt on every read. */
  private async refreshLive(pg: string): Promise<void> {
    const { db, sim } = this;
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
  }

  /** Parse, bind, describe, execute: the row description keeps type modifiers (DECIMAL(10,2)). */
  private async run(text: string, args: readonly unknown[]): Promise<RawResult> {
    const s = protocol.serialize;
    const parts = [
      s.parse({ text, types: [] }),
      s.bind({ values: args.map(wireArg) }),
      s.describe({ type: 'P' }),
      s.execute({}),
      s.sync(),
    ];
    const msg = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      msg.set(p, at);
      at += p.length;
    }
    const out = await this.db.execProtocol(msg);
    const res: RawResult = { fields: [], rows: [], command: '' };
    for (const m of out.messages as unknown as Array<Record<string, unknown>>) {
      if (m.name === 'rowDescription') res.fields = m.fields as Field[];
      else if (m.name === 'dataRow') res.rows.push(m.fields as Array<string | null>);
      else if (m.name === 'commandComplete') res.command = String(m.text ?? '');
    }
    return res;
  }

  async execute(sql: string, args: readonly unknown[]): Promise<EngineOutcome> {
    const { user, opts, sim } = this;
    const kind = statementKind(sql);
    const tag = statementTag(sql);
    if (kind === 'unsupported') {
      const what = tag === 'SHOW' ? firstWords(sql, 2).join(' ') : tag;
      return fail(pgError(`${what} is not supported by the simulated cluster`, '0A000'));
    }
    if (changesRole(sql))
      return fail(pgError('set_config and role changes are not available in the simulated cluster', '0A000'));
    const denied = checkAccess(sim.profile, user, sql);
    if (denied) return fail(denied);
    let t: Awaited<ReturnType<Session['translation']>>;
    try {
      t = await this.translation(sql);
    } catch (e) {
      if (e instanceof UnsupportedSql) return fail(pgError(e.message, '0A000'));
      throw e;
    }
    const prefix = kind === 'explain' ? `EXPLAIN ${t.analyze ? '(ANALYZE) ' : ''}` : '';
    const pg = `${prefix}${t.tr.sql}`;
    const ctx: ErrorContext = {
      sql,
      origin: (p) => t.offset + t.tr.origin(p - prefix.length),
      user: user.username,
      database: opts.database,
    };
    const { db } = this;
    await this.refreshLive(pg);
    await db.query(SETTINGS_SQL, [
      user.username,
      user.admin ? 'on' : 'off',
      opts.database,
      `${pgIdent(engineSchema(opts.database, 'public'))}, public, pg_catalog`,
      opts.applicationName,
      user.admin ? ADMIN_ROLE : READER_ROLE,
    ]);
    let res: RawResult;
    try {
      res = await this.run(pg, args);
    } catch (err) {
      if (this.inTxn) this.aborted = true;
      else await db.exec('RESET ROLE').catch(() => undefined);
      return this.failure(err as EngineFailure, ctx);
    }
    await db.exec('RESET ROLE');
    if (['CREATE', 'DROP', 'ALTER'].includes(firstWords(sql, 1)[0] ?? '')) this.schemas = undefined;
    if (kind === 'explain') {
      const lines = explainText(
        res.rows.map((r) => r[0] ?? ''),
        { analyze: t.analyze },
      );
      return {
        tag,
        columns: [{ name: 'info', type: 'STRING', oid: 25 }],
        rows: lines.map((info) => ({ info })),
        rowsAffected: 0,
      };
    }
    if (res.fields.length === 0) {
      const count = Number(/(\d+)$/.exec(res.command)?.[1] ?? 0);
      return { tag, rowsAffected: count };
    }
    const seen = new Map<string, number>();
    const columns = res.fields.map((f) => {
      const n = seen.get(f.name) ?? 0;
      seen.set(f.name, n + 1);
      return {
        name: n > 0 ? `${f.name}_${n}` : f.name,
        ...crdbColumnType(f.dataTypeID, f.dataTypeModifier, f.tableID !== 0),
      };
    });
    const rows = res.rows.map((row) =>
      Object.fromEntries(columns.map((c, i) => [c.name, crdbValue(res.fields[i]?.dataTypeID ?? 25, row[i])])),
    );
    return { tag, columns, rows, rowsAffected: 0 };
  }

  private failure(e: EngineFailure, ctx: ErrorContext): EngineOutcome {
    const tag = statementTag(ctx.sql);
    if (e.code === '42601' && e.message) {
      const pos = Number(e.position);
      const at = Number.isSafeInteger(pos) && pos >= 1 ? ctx.origin(pos) : undefined;
      const error = /at end of input$/.test(e.message)
        ? crdbSyntaxError(ctx.sql, undefined, e.message)
        : crdbSyntaxError(ctx.sql, at, e.message);
      return { tag, rowsAffected: 0, error, syntaxError: true };
    }
    if (!e.code) return { tag, rowsAffected: 0, error: pgError(`internal error: ${e.message ?? String(e)}`, 'XX000') };
    return { tag, rowsAffected: 0, error: crdbError(e, ctx) };
  }
}
