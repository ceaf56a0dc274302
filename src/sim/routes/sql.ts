// sql/ (pkg/server/api_v2_sql.go): the real request and response envelopes
// and JSON pgerrors. CANCEL, the sessions query and a few SHOWs are answered
// here from the session model (no engine start for them); every other statement
// goes to the SQL engine of src/sim/sql/.

import { parseClusterWideId, sessionModel, STATUS } from '../data/sessions';
import { nodeExists } from '../data/topology';
import { DATABASES } from '../data/schema';
import { versionOf } from '../data/nodes';
import { readBody, sendJson, sendText } from '../http';
import { toJson } from '../json';
import type { Ctx, Route } from '../router';
import type { SimState } from '../state';
import { sqlError, type Outcome, type PgError } from './sqlOutcome';
import { SESSIONS_QUERY, showClusterSessions } from './sqlSessions';
import { executeSql } from '../sql/engine';
import { placeholderCount, statementKind } from '../sql/rewrite';

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

function cancel(
  sim: SimState,
  user: { username: string; admin: boolean },
  kind: 'QUERY' | 'SESSION',
  id: string,
): Outcome {
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

async function run(
  sim: SimState,
  user: { username: string; admin: boolean },
  sql: string,
  args: unknown[] | undefined,
): Promise<Outcome & { syntaxError?: boolean; fromEngine?: boolean }> {
  const s = sql.trim().replace(/;\s*$/, '');
  // Without VIEWACTIVITY a user sees only its own sessions.
  if (SESSIONS_QUERY.test(s)) return showClusterSessions(sim, args, user.admin ? undefined : user.username);
  // The grammar takes an expression (`CANCEL QUERY a_expr`): a string literal or a placeholder.
  const m = /^CANCEL\s+(QUERY|SESSION)\s+(?:IF\s+EXISTS\s+)?(?:'([^']*)'|\$1)$/i.exec(s);
  if (m) {
    const id = m[2] ?? (args?.length === 1 && typeof args[0] === 'string' ? args[0] : undefined);
    if (id === undefined) return err(`expected 1 argument of type STRING for $1, got ${args?.length ?? 0}`, '08P01');
    return cancel(sim, user, (m[1] as string).toUpperCase() as 'QUERY' | 'SESSION', id);
  }
  if (/^SHOW\s+CLUSTER\s+SETTING\s+version$/i.test(s)) {
    const v = versionOf(sim.topo);
    return {
      tag: 'SHOW',
      columns: [{ name: 'version', type: 'STRING', oid: STRING_OID }],
      rows: [{ version: `${v.major}.${v.minor}` }],
      rowsAffected: 1,
    };
  }
  if (/^SHOW\s+DATABASES$/i.test(s)) {
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
    return { tag: 'SHOW DATABASES', columns: cols, rows, rowsAffected: rows.length };
  }
  if (/^SELECT\s+version\(\)$/i.test(s)) {
    const v = versionOf(sim.topo);
    return {
      tag: 'SELECT',
      columns: [{ name: 'version', type: 'STRING', oid: STRING_OID }],
      rows: [{ version: `CockroachDB CCL ${v.tag} (x86_64-pc-linux-gnu, built 2025/06/01, go1.23.7)` }],
      rowsAffected: 1,
    };
  }
  if (/^SELECT\s+1$/i.test(s))
    return {
      tag: 'SELECT',
      columns: [{ name: '?column?', type: 'INT8', oid: 20 }],
      rows: [{ '?column?': 1 }],
      rowsAffected: 1,
    };
  return { ...(await executeSql(sim, user, s, args ?? [])), fromEngine: true };
}

/** A statement's row data as counted against max_result_size (CockroachDB sums Datum.Size()). */
const rowSize = (row: Record<string, unknown>): number =>
  Object.values(row).reduce<number>((n, v) => n + 8 + (v === null ? 0 : toJson(v).length), 0);

function topLevel(ctx: Ctx, status: number, message: string, code: string): void {
  sendJson(ctx.res, status, { num_statements: 0, error: { message, code, severity: 'ERROR' } });
}

async function sql(ctx: Ctx): Promise<void> {
  const { req, sim } = ctx;
  if (req.method !== 'POST') return sendText(ctx.res, 405, 'method not allowed');
  const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!['', 'application/json', 'application/octet-stream'].includes(ctype))
    return topLevel(ctx, 400, 'request content-type must be application/json', '08P01');
  let body: SqlRequest;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8')) as SqlRequest;
  } catch (e) {
    return topLevel(ctx, 400, `malformed JSON request: ${(e as Error).message}`, '08P01');
  }
  const stmts = Array.isArray(body.statements) ? body.statements : [];
  if (stmts.length === 0) return topLevel(ctx, 400, 'no statements specified', '08P01');
  if (stmts.some((s) => typeof s.sql !== 'string' || /;\s*\S/.test(s.sql)))
    return topLevel(ctx, 400, 'each statement must contain exactly one SQL statement', '08P01');
  const request = {
    database: body.database ?? 'system',
    application_name: body.application_name ?? '$ api-v2-sql',
    timeout: body.timeout ?? '5s',
    max_result_size: body.max_result_size ?? 10000,
    statements: stmts.map((s) => ({ sql: s.sql, arguments: s.arguments })),
    execute: body.execute === true,
    separate_txns: body.separate_txns === true,
    stop_on_error: body.stop_on_error === true,
  };
  // CockroachDB parses every statement before running any: a count mismatch or a
  // refused statement type fails the whole request.
  for (const [i, st] of stmts.entries()) {
    const want = placeholderCount(st.sql as string);
    const got = Array.isArray(st.arguments) ? st.arguments.length : 0;
    if (want !== got)
      return topLevel(ctx, 400, `parsing statement ${i + 1}: expected ${want} placeholder(s), got ${got}`, '08P01');
    if (statementKind(st.sql as string) === 'refused') return topLevel(ctx, 400, 'disallowed statement type', 'XXUUU');
  }
  if (!request.execute) return sendJson(ctx.res, 200, { num_statements: stmts.length, request });
  const user = ctx.user ?? { username: 'root', admin: true };
  const results: unknown[] = [];
  let outerError: PgError | undefined;
  let size = 0;
  const exceeded = (n: number): PgError => ({
    message: `executing stmt ${n}: max result size exceeded`,
    code: 'XXUUU',
    severity: 'ERROR',
  });
  for (const [i, st] of stmts.entries()) {
    const start = new Date().toISOString();
    let o: Outcome & { syntaxError?: boolean; fromEngine?: boolean };
    if (size > request.max_result_size) o = { tag: '', rowsAffected: 0, error: exceeded(i + 1) };
    else {
      o = await run(sim, user, st.sql as string, Array.isArray(st.arguments) ? st.arguments : undefined);
      if (o.syntaxError && o.error)
        return topLevel(ctx, 400, `parsing statement ${i + 1}: ${o.error.message}`, o.error.code);
      if (o.error) o = { ...o, error: { ...o.error, message: `executing stmt ${i + 1}: ${o.error.message}` } };
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
    results.push({
      statement: i + 1,
      tag: o.tag,
      start,
      end: new Date().toISOString(),
      rows_affected: o.rowsAffected,
      columns: o.columns,
      rows,
      error: o.error,
    });
    if (o.error) {
      if (!request.separate_txns) {
        outerError = o.error;
        break;
      }
      outerError ??= {
        message: 'separate transaction payload encountered transaction error(s)',
        code: 'XXUUU',
        severity: 'ERROR',
      };
      if (request.stop_on_error) break;
    }
  }
  sendJson(ctx.res, 200, {
    num_statements: stmts.length,
    execution: { retries: 0, txn_results: results },
    error: outerError,
  });
}

export const sqlRoutes: Route[] = [{ re: /^sql\/$/, auth: 'user', tenant: true, absentIn: ['v21'], handle: sql }];
