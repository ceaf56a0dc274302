// sql/ (pkg/server/api_v2_sql.go): a few statements the explorer issues
// (CANCEL QUERY/SESSION, some SHOWs), with the real request and response
// envelopes and JSON pgerrors.

import { parseClusterWideId, sessionModel, STATUS } from '../data/sessions';
import { nodeExists } from '../data/topology';
import { DATABASES } from '../data/schema';
import { versionOf } from '../data/nodes';
import { readBody, sendJson, sendText } from '../http';
import type { Ctx, Route } from '../router';
import type { SimState } from '../state';
import { sqlError, type Outcome, type PgError } from './sqlOutcome';
import { SESSIONS_QUERY, showClusterSessions } from './sqlSessions';

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

function run(
  sim: SimState,
  user: { username: string; admin: boolean },
  sql: string,
  args: unknown[] | undefined,
): Outcome {
  const s = sql.trim().replace(/;\s*$/, '');
  // Without VIEWACTIVITY a user sees only its own sessions.
  if (SESSIONS_QUERY.test(s)) return showClusterSessions(sim, args, user.admin ? undefined : user.username);
  const m = /^CANCEL\s+(QUERY|SESSION)\s+(?:IF\s+EXISTS\s+)?'([^']*)'$/i.exec(s);
  if (m) return cancel(sim, user, (m[1] as string).toUpperCase() as 'QUERY' | 'SESSION', m[2] as string);
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
  if (/^(BEGIN|COMMIT|ROLLBACK|SET)\b/i.test(s))
    return err(`statement of type ${s.split(/\s+/)[0]?.toUpperCase()} is not supported`, '0A000');
  return err(`the simulator does not execute: ${s.slice(0, 80)}`, '0A000');
}

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
  if (!request.execute) return sendJson(ctx.res, 200, { num_statements: stmts.length, request });
  const user = ctx.user ?? { username: 'root', admin: true };
  const results: unknown[] = [];
  let firstError: PgError | undefined;
  for (const [i, st] of stmts.entries()) {
    const start = new Date().toISOString();
    const o = run(sim, user, st.sql as string, Array.isArray(st.arguments) ? st.arguments : undefined);
    results.push({
      statement: i + 1,
      tag: o.tag,
      start,
      end: new Date().toISOString(),
      rows_affected: o.rowsAffected,
      columns: o.columns,
      rows: o.rows,
      error: o.error,
    });
    if (o.error) {
      firstError ??= o.error;
      // One transaction unless separate_txns: an error aborts the rest.
      if (!request.separate_txns || request.stop_on_error) break;
    }
  }
  sendJson(ctx.res, 200, { num_statements: stmts.length, execution: { txn_results: results }, error: firstError });
}

export const sqlRoutes: Route[] = [{ re: /^sql\/$/, auth: 'user', tenant: true, absentIn: ['v21'], handle: sql }];
