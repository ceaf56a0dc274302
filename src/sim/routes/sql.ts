// sql/ (pkg/server/api_v2_sql.go): the real request and response envelopes
// and JSON pgerrors. CANCEL, the sessions query and a few SHOWs are answered
// here from the session model (no engine start for them); every other statement
// goes to the SQL engine of src/sim/sql/, which holds the workload tables and
// the user databases.
//
// As the server does: every statement is parsed before any runs (a syntax error
// or a placeholder mismatch is a 400 naming the statement, the position as a
// caret in `detail`); `execute: false` stops there and echoes the request; the
// statements run in one transaction that an error rolls back (one each with
// separate_txns); errors come inside txn_results with HTTP 200, as
// `executing stmt N: run-query-via-api: …`; rows are cut at max_result_size.

import { parseClusterWideId, sessionModel, STATUS } from '../data/sessions';
import { nodeExists } from '../data/topology';
import { DATABASES } from '../data/schema';
import { versionOf } from '../data/nodes';
import { readBody, sendText } from '../http';
import type { Ctx, Route } from '../router';
import type { SimState } from '../state';
import { pgError, sqlError, type Outcome, type PgError } from './sqlOutcome';
import { SESSIONS_QUERY, showClusterSessions } from './sqlSessions';
import { withEngineSession, type EngineSession, type EngineUser } from '../sql/engine';
import { wireJson } from '../sql/crdbTypes';
import { placeholderCount, refusedBySqlApi, statementCount, statementTag } from '../sql/rewrite';

interface SqlRequest {
  statements?: Array<{ sql?: unknown; arguments?: unknown[] }>;
  database?: string;
  application_name?: string;
  timeout?: string;
  max_result_size?: number;
  execute?: boolean;
  separate_txns?: boolean;
  stop_on_error?: boolean;
}

const err = sqlError;
const STRING_OID = 25;
/** The internal executor's operation name, which CockroachDB puts before every error it returns. */
const OP_NAME = 'run-query-via-api';

type Special = (sim: SimState, user: EngineUser, args: unknown[] | undefined) => Outcome;

function cancel(sim: SimState, user: EngineUser, kind: 'QUERY' | 'SESSION', id: string): Outcome {
  if (!user.admin) return err(`user ${user.username} does not have CANCELQUERY privilege`, '42501');
  const parsed = parseClusterWideId(id);
  const t = sim.topo;
  const valid = parsed && nodeExists(t, parsed.nodeId) && parsed.index >= 0 && parsed.index < t.sessionsPerNode;
  const s = valid ? sessionModel(t, parsed.nodeId, parsed.index, sim) : undefined;
  if (kind === 'SESSION') {
    if (!s || s.idHex !== id.toLowerCase() || s.status === STATUS.closed)
      return err(`session ID ${id} not found`, 'XX000');
    sim.sessions.add(s.idHex);
    sim.cancelledSessionLog.push(s.idHex);
    return { tag: 'CANCEL SESSIONS', rowsAffected: 1 };
  }
  if (!s || s.queryIdHex !== id.toLowerCase()) return err(`query ID ${id} not found`, 'XX000');
  sim.queries.add(s.queryIdHex);
  sim.cancelledQueryLog.push(s.queryIdHex);
  return { tag: 'CANCEL QUERIES', rowsAffected: 1 };
}

function showDatabases(): Outcome {
  const rows = DATABASES.map((d) => ({
    database_name: d.name,
    owner: d.name === 'system' ? 'node' : 'root',
    primary_region: null,
    secondary_region: null,
    regions: [],
    survival_goal: null,
  }));
  const cols = ['database_name', 'owner', 'primary_region', 'secondary_region'].map((name) => ({
    name,
    type: 'STRING',
    oid: STRING_OID,
  }));
  cols.push(
    { name: 'regions', type: 'STRING[]', oid: 1009 },
    { name: 'survival_goal', type: 'STRING', oid: STRING_OID },
  );
  return { tag: 'SHOW DATABASES', columns: cols, rows, rowsAffected: 0 };
}

/** Statements answered from the session model or fixed facts; undefined: the engine's. */
function special(sql: string): Special | undefined {
  const s = trimmed(sql);
  // Without VIEWACTIVITY a user sees only its own sessions.
  if (SESSIONS_QUERY.test(s))
    return (sim, user, args) => showClusterSessions(sim, args, user.admin ? undefined : user.username);
  // The grammar takes an expression (`CANCEL QUERY a_expr`): a string literal or a placeholder.
  const m = /^CANCEL\s+(QUERY|SESSION)\s+(?:IF\s+EXISTS\s+)?(?:'([^']*)'|\$1)$/i.exec(s);
  if (m)
    return (sim, user, args) => {
      const id = m[2] ?? (args?.length === 1 && typeof args[0] === 'string' ? args[0] : undefined);
      if (id === undefined) return err(`expected 1 argument of type STRING for $1, got ${args?.length ?? 0}`, '08P01');
      return cancel(sim, user, (m[1] as string).toUpperCase() as 'QUERY' | 'SESSION', id);
    };
  if (/^SHOW\s+CLUSTER\s+SETTING\s+version$/i.test(s))
    return (sim) => {
      const v = versionOf(sim.topo);
      return {
        tag: 'SHOW',
        columns: [{ name: 'version', type: 'STRING', oid: STRING_OID }],
        rows: [{ version: `${v.major}.${v.minor}` }],
        rowsAffected: 0,
      };
    };
  if (/^SHOW\s+DATABASES$/i.test(s)) return showDatabases;
  if (/^SELECT\s+version\(\)$/i.test(s))
    return (sim) => {
      const v = versionOf(sim.topo);
      return {
        tag: 'SELECT',
        columns: [{ name: 'version', type: 'STRING', oid: STRING_OID }],
        rows: [{ version: `CockroachDB CCL ${v.tag} (x86_64-pc-linux-gnu, built 2025/06/01, go1.23.7)` }],
        rowsAffected: 0,
      };
    };
  if (/^SELECT\s+1$/i.test(s))
    return () => ({
      tag: 'SELECT',
      columns: [{ name: '?column?', type: 'INT8', oid: 20 }],
      rows: [{ '?column?': 1 }],
      rowsAffected: 0,
    });
  return undefined;
}

const trimmed = (sql: string): string => sql.trim().replace(/;\s*$/, '');

/** A statement's row data as counted against max_result_size (CockroachDB sums Datum.Size()). */
const rowSize = (row: Record<string, unknown>): number =>
  Object.values(row).reduce<number>((n, v) => n + 8 + (v === null ? 0 : wireJson(v).length), 0);

function send(ctx: Ctx, status: number, body: unknown): void {
  const text = wireJson(body);
  ctx.res.writeHead(status, {
    'Content-Type': 'application/json',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  ctx.res.end(text);
}

/** A request-level failure: `{error}` alone (num_statements is omitempty). */
function topLevel(ctx: Ctx, status: number, error: PgError): void {
  send(ctx, status, { error });
}

const badRequest = (message: string, code = '08P01', detail?: string): PgError =>
  pgError(message, code, detail === undefined ? {} : { detail });

/** Go's requestType as `execute: false` echoes it: its field order, the server's defaults filled in. */
interface EchoedRequest {
  timeout: string;
  max_result_size: number;
  database: string;
  application_name: string;
  execute: boolean;
  separate_txns: boolean;
  stop_on_error: boolean;
  statements: Array<{ sql: string; arguments: unknown[] | undefined }>;
}

async function sql(ctx: Ctx): Promise<void> {
  const { req, sim } = ctx;
  if (req.method !== 'POST') return sendText(ctx.res, 405, 'method not allowed');
  const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!['', 'application/json', 'application/octet-stream'].includes(ctype))
    return topLevel(ctx, 400, badRequest('request content-type must be application/json'));
  let body: SqlRequest;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8')) as SqlRequest;
  } catch (e) {
    return topLevel(ctx, 400, badRequest(`malformed JSON request: ${(e as Error).message}`));
  }
  const stmts = Array.isArray(body.statements) ? body.statements : [];
  if (stmts.length === 0) return topLevel(ctx, 400, badRequest('no statements specified'));
  if (stmts.some((s) => typeof s.sql !== 'string'))
    return topLevel(ctx, 400, badRequest('each statement must contain exactly one SQL statement'));
  const request: EchoedRequest = {
    timeout: body.timeout ?? '5s',
    max_result_size: body.max_result_size ?? 10000,
    database: body.database || 'system',
    application_name: body.application_name || '$ api-v2-sql',
    execute: body.execute === true,
    separate_txns: body.separate_txns === true,
    stop_on_error: body.stop_on_error === true,
    statements: stmts.map((s) => ({ sql: s.sql as string, arguments: s.arguments?.length ? s.arguments : undefined })),
  };
  const texts = request.statements.map((s) => s.sql);
  const user: EngineUser = ctx.user ?? { username: 'root', admin: true };
  // Statements the route answers itself, or refuses, need no engine start.
  const needsEngine = texts.some((s) => !special(s) && !refusedBySqlApi(s, sim.profile));
  const handle = (session: EngineSession | undefined): Promise<void> => answer(ctx, request, user, session);
  if (!needsEngine) return handle(undefined);
  await withEngineSession(sim, user, { database: request.database, applicationName: request.application_name }, (s) =>
    handle(s),
  );
}

async function answer(
  ctx: Ctx,
  request: EchoedRequest,
  user: EngineUser,
  session: EngineSession | undefined,
): Promise<void> {
  const { sim } = ctx;
  const stmts = request.statements;
  // CockroachDB parses every statement before running any: one statement each, its syntax,
  // then the placeholder count.
  for (const [i, st] of stmts.entries()) {
    const n = statementCount(st.sql);
    if (n !== 1)
      return topLevel(
        ctx,
        400,
        badRequest(`parsing statement ${i + 1}: expecting 1 statement, found ${n}`, '42601', st.sql),
      );
    if (session && !special(st.sql) && !refusedBySqlApi(st.sql, sim.profile)) {
      const syntax = await session.parse(st.sql.replace(/;\s*$/, ''));
      if (syntax)
        return topLevel(
          ctx,
          400,
          badRequest(`parsing statement ${i + 1}: ${syntax.message}`, syntax.code, `${syntax.detail}\n--\n${st.sql}`),
        );
    }
    const want = placeholderCount(st.sql);
    const got = st.arguments?.length ?? 0;
    if (want !== got)
      return topLevel(
        ctx,
        400,
        badRequest(`parsing statement ${i + 1}: expected ${want} placeholder(s), got ${got}`, '08P01', st.sql),
      );
  }
  if (!request.execute) return send(ctx, 200, { num_statements: stmts.length, request });
  for (const st of stmts)
    if (refusedBySqlApi(st.sql, sim.profile))
      return topLevel(ctx, 400, badRequest('disallowed statement type', 'XXUUU'));

  const results: unknown[] = [];
  let outerError: PgError | undefined;
  let size = 0;
  const exceeded = (n: number): PgError => pgError(`executing stmt ${n}: max result size exceeded`, 'XXUUU');
  if (session && !request.separate_txns) await session.begin();
  for (const [i, st] of stmts.entries()) {
    const start = new Date().toISOString();
    const text = trimmed(st.sql);
    const handler = special(st.sql);
    const own = session && !handler && request.separate_txns;
    let o: Outcome & { syntaxError?: boolean; fromEngine?: boolean };
    if (size > request.max_result_size) o = { tag: '', rowsAffected: 0, error: exceeded(i + 1) };
    else {
      if (own) await session.begin();
      o = handler
        ? handler(sim, user, st.arguments)
        : session
          ? { ...(await session.execute(text, st.arguments ?? [])), fromEngine: true }
          : err('the SQL engine is not available', 'XX000');
      if (o.syntaxError && o.error) {
        await session?.end(false);
        return topLevel(
          ctx,
          400,
          badRequest(
            `parsing statement ${i + 1}: ${o.error.message}`,
            o.error.code,
            `${o.error.detail}\n--\n${st.sql}`,
          ),
        );
      }
      if (o.error)
        o = { ...o, error: { ...o.error, message: `executing stmt ${i + 1}: ${OP_NAME}: ${o.error.message}` } };
    }
    // The row that crosses the limit is still sent, then the statement fails. The
    // session-model handlers above predate the limit and are exempt (see the report in issue 12).
    let rows = o.rows;
    if (rows && !o.error && o.fromEngine) {
      const kept: Array<Record<string, unknown>> = [];
      for (const row of rows) {
        kept.push(row);
        size += rowSize(row);
        if (size > request.max_result_size) {
          o = { ...o, error: exceeded(i + 1) };
          break;
        }
      }
      rows = kept;
    }
    if (own) {
      const failed = await session.end(!o.error);
      if (failed && !o.error) o = { ...o, error: failed };
    }
    results.push({
      statement: i + 1,
      tag: o.tag || statementTag(text),
      start,
      end: new Date().toISOString(),
      rows_affected: o.rowsAffected,
      // Go's omitempty: no columns for a statement without a result set, no rows when there are none.
      columns: o.columns?.length ? o.columns : undefined,
      rows: rows?.length ? rows : undefined,
      error: o.error,
    });
    if (o.error) {
      if (!request.separate_txns) {
        outerError = o.error;
        break;
      }
      outerError ??= pgError('separate transaction payload encountered transaction error(s)', 'XXUUU');
      if (request.stop_on_error) break;
    }
  }
  if (session && !request.separate_txns) {
    const failed = await session.end(outerError === undefined);
    outerError ??= failed;
  }
  send(ctx, 200, {
    error: outerError,
    num_statements: stmts.length,
    execution: { txn_results: results },
  });
}

export const sqlRoutes: Route[] = [{ re: /^sql\/$/, auth: 'user', tenant: true, absentIn: ['v21'], handle: sql }];
