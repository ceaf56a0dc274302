// Cluster virtualization as the server controller does it
// (pkg/server/server_controller_http.go): which virtual cluster serves a request
// (`?cluster=`, then `X-Cockroach-Tenant`, then the `tenant` cookie, then the
// default), the v1 `/login` and `/logout` that fan out to every virtual cluster
// and set one aggregated `session` cookie, and `/virtual_clusters`.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SYSTEM_TENANT } from './auth';
import { readBody, sendText } from './http';
import type { SimState } from './state';

export const APP_TENANT = 'app';
export const TENANT_HEADER = 'x-cockroach-tenant';

export function tenantNames(sim: SimState): string[] {
  return sim.virtualCluster ? [APP_TENANT, SYSTEM_TENANT] : [SYSTEM_TENANT];
}

/** What `server.controller.default_target_cluster` points at. */
export function defaultTenant(sim: SimState): string {
  return sim.virtualCluster ? APP_TENANT : SYSTEM_TENANT;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** The virtual cluster a request reaches; an unknown name falls back to the default, as the controller does. */
export function selectTenant(sim: SimState, req: IncomingMessage, query: URLSearchParams): string {
  const header = req.headers[TENANT_HEADER];
  const asked = query.get('cluster') || (Array.isArray(header) ? header[0] : header) || readCookie(req, 'tenant') || '';
  return asked && tenantNames(sim).includes(asked) ? asked : defaultTenant(sim);
}

/**
 * The session for `tenant` inside an aggregated cookie `s1,name1,s2,name2`
 * (authserver.FindSessionCookieValueForTenant); a plain value is returned as is.
 */
export function sessionForTenant(cookieValue: string, tenant: string): string {
  if (!cookieValue.includes(',')) return cookieValue;
  const parts = cookieValue.split(',');
  for (let i = 1; i < parts.length; i += 2) if (parts[i] === tenant) return parts[i - 1] ?? '';
  return '';
}

/** Tenant names an aggregated cookie holds (the `/virtual_clusters` answer). */
export function tenantsInCookie(cookieValue: string): string[] {
  return cookieValue.split(',').filter((_, i) => i % 2 === 1);
}

/** Go's http.Cookie quotes a value that holds a comma or a space, as the aggregated session does. */
function cookieValue(v: string): string {
  return /[ ,]/.test(v) ? `"${v}"` : v;
}

function setCookies(res: ServerResponse, session: string, tenant: string, clear = false): void {
  const expiry = clear ? '; Expires=Thu, 01 Jan 1970 00:00:00 GMT' : '';
  res.setHeader('Set-Cookie', [
    `session=${clear ? '' : cookieValue(session)}; Path=/${expiry}`,
    `tenant=${clear ? '' : tenant}; Path=/${expiry}`,
  ]);
}

/** `POST /login` (v1 UserLogin through grpc-gateway, JSON body): one session per virtual cluster. */
async function login(sim: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed');
  let creds: { username?: unknown; password?: unknown } = {};
  try {
    creds = JSON.parse((await readBody(req)).toString('utf8') || '{}') as typeof creds;
  } catch {
    return sendText(res, 400, 'invalid character in request body');
  }
  const user =
    typeof creds.username === 'string' && typeof creds.password === 'string'
      ? sim.store.checkPassword(creds.username, creds.password)
      : undefined;
  if (!user) return sendText(res, 401, 'the provided credentials did not match any account on the server');
  const names = tenantNames(sim);
  const aggregated = names.map((name) => `${sim.store.create(user, name)},${name}`).join(',');
  setCookies(res, aggregated, defaultTenant(sim));
  const json = req.headers.accept === 'application/json';
  res.writeHead(200, json ? { 'Content-Type': 'application/json' } : {});
  res.end(json ? '{}' : '');
}

/** `POST /logout`: revokes every virtual cluster's session in the cookie and clears both cookies. */
function logout(sim: SimState, req: IncomingMessage, res: ServerResponse): void {
  const cookie = readCookie(req, 'session');
  if (!cookie) return sendText(res, 401, 'a valid authentication cookie is required');
  const values = cookie.includes(',') ? cookie.split(',').filter((_, i) => i % 2 === 0) : [cookie];
  for (const v of values) sim.store.revoke(v);
  setCookies(res, '', '', true);
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{}');
}

function virtualClusters(req: IncomingMessage, res: ServerResponse): void {
  const cookie = readCookie(req, 'session');
  const body = JSON.stringify({ virtual_clusters: cookie ? tenantsInCookie(cookie) : [] });
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Handles the controller's own paths; false when the path is not one of them. */
export async function handleControllerPath(
  sim: SimState,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  // Servers before v23.1 have no server controller.
  if (sim.profile === 'v21') return false;
  if (pathname === '/login') await login(sim, req, res);
  else if (pathname === '/logout') logout(sim, req, res);
  else if (pathname === '/virtual_clusters') virtualClusters(req, res);
  else return false;
  return true;
}
