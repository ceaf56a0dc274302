// Request pipeline: controller paths → count → latency → stall → route → tenant gate → auth →
// injected faults → handler. The order mirrors where each thing happens on a
// real cluster (a proxy or slow network before routing, handler errors after auth).
// The metrics routes beside /api/v2/ (metrics/routes.ts) share the steps up to the route.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { MSG_FORBIDDEN, MSG_INTERNAL, MSG_NOT_FOUND, MSG_TENANT, sendError, sendText } from './http';
import type { Ctx, Route } from './router';
import { matchRoute } from './router';
import { authRoutes } from './routes/auth';
import { hotRoutes } from './routes/hot';
import { miscRoutes } from './routes/misc';
import { nodeRoutes } from './routes/nodes';
import { schemaRoutes } from './routes/schema';
import { sessionRoutes } from './routes/sessions';
import { sqlRoutes } from './routes/sql';
import { handleMetrics, metricsPath } from './metrics/routes';
import type { SimState } from './state';
import { SYSTEM_TENANT } from './auth';
import { defaultTenant, handleControllerPath, readCookie, selectTenant, sessionForTenant } from './tenants';

const ROUTES: readonly Route[] = [
  ...authRoutes,
  ...miscRoutes,
  ...nodeRoutes,
  ...hotRoutes,
  ...sessionRoutes,
  ...schemaRoutes,
  ...sqlRoutes,
];
const PREFIX = '/api/v2/';

function sessionToken(sim: SimState, req: IncomingMessage): string | undefined {
  const h = req.headers['x-cockroach-api-session'];
  const v = Array.isArray(h) ? h[0] : h;
  if (v !== 'cookie') return v;
  // Cookie mode: the literal header value `cookie` points at the DB Console cookie, whose
  // aggregated form holds one session per virtual cluster, picked by the `tenant` cookie.
  return sessionForTenant(readCookie(req, 'session') ?? '', readCookie(req, 'tenant') || defaultTenant(sim));
}

export function makeHandler(sim: SimState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(sim, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, MSG_INTERNAL);
      else res.destroy();
    });
  };
}

/** Count, injected latency and stalls; false when the client left while stalled. */
async function beforeRoute(sim: SimState, path: string, res: ServerResponse): Promise<boolean> {
  sim.count(path);
  if (sim.latencyMs > 0) await new Promise((r) => setTimeout(r, sim.latencyMs));
  if (sim.stallPrefix === undefined || !path.startsWith(sim.stallPrefix)) return true;
  return new Promise<boolean>((resolve) => {
    const release = (): void => resolve(true);
    sim.stalled.add(release);
    res.on('close', () => {
      sim.stalled.delete(release);
      resolve(false);
    });
  });
}

async function handle(sim: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim.invalid');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = url.pathname;
  }
  if (await handleControllerPath(sim, pathname, req, res)) return;
  const metrics = metricsPath(pathname);
  if (metrics !== undefined) {
    if (await beforeRoute(sim, metrics, res)) await handleMetrics(sim, metrics, url, req, res);
    return;
  }
  if (!pathname.startsWith(PREFIX)) return sendText(res, 404, MSG_NOT_FOUND);
  const path = pathname.slice(PREFIX.length);
  if (!(await beforeRoute(sim, path, res))) return;

  const match = matchRoute(ROUTES, path, sim.profile);
  if (!match) return sendText(res, 404, MSG_NOT_FOUND);
  const tenant = selectTenant(sim, req, url.searchParams);
  sim.countTenant(tenant, path);
  const ctx: Ctx = { req, res, path, query: url.searchParams, params: match.params, sim, tenant };
  // api_v2.go registers the 501 handler ahead of the auth mux on application virtual clusters.
  if (tenant !== SYSTEM_TENANT && !match.route.tenant) return sendError(res, sim.profile, 501, MSG_TENANT);

  if (match.route.auth !== 'none') {
    // Since v22.1.11 an insecure cluster serves everything as root; v21 still wanted a session.
    if (sim.insecure && sim.profile !== 'v21') {
      ctx.user = { username: 'root', admin: true };
    } else {
      const check = sim.store.check(sessionToken(sim, req), tenant);
      if (!check.ok) return sendError(res, sim.profile, check.status, check.message);
      ctx.user = { username: check.username, admin: check.admin };
    }
    if (match.route.auth === 'admin' && !ctx.user.admin) return sendError(res, sim.profile, 403, MSG_FORBIDDEN);
  }

  if (sim.shouldFail()) return sendError(res, sim.profile, 500, MSG_INTERNAL);
  if (sim.garbagePrefix !== undefined && path.startsWith(sim.garbagePrefix)) {
    // Like WriteJSONResponse when marshalling fails after the header went out.
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('json: unsupported value: NaN\n<html><body>not json</body></html>');
    return;
  }
  await match.route.handle(ctx);
}
