// login/ and logout/ (pkg/server/authserver/api_v2_auth.go).

import { MSG_INTERNAL, readBody, sendError, sendJson } from '../http';
import type { Ctx, Route } from '../router';

const SESSION_HEADER = 'X-Cockroach-API-Session';

async function login(ctx: Ctx): Promise<void> {
  const { req, res, sim } = ctx;
  if (req.method !== 'POST') return sendError(res, sim.profile, 404, 'not found');
  const body = (await readBody(req)).toString('utf8');
  const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  // Go's ParseForm reads the query string, and the body only when it is form-encoded.
  const form = new URLSearchParams(ctx.query);
  if (ctype === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body)) form.append(k, v);
  } else if (sim.profile === 'seed-spec' && ctype === 'application/json') {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      if (typeof parsed.username === 'string') form.set('username', parsed.username);
      if (typeof parsed.password === 'string') form.set('password', parsed.password);
    } catch {
      // Treated like an empty form.
    }
  }
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  if (username === '') return sendError(res, sim.profile, 400, 'username not specified');
  if (password === '') return sendError(res, sim.profile, 400, 'password not specified');
  const user = sim.store.checkPassword(username, password);
  if (!user)
    return sendError(res, sim.profile, 401, 'the provided credentials did not match any account on the server');
  const token = sim.store.create(user);
  // Real servers put the token in the body only; the seed spec claims a header too.
  const headers: Record<string, string> = sim.profile === 'seed-spec' ? { [SESSION_HEADER]: token } : {};
  sendJson(res, 200, { session: token }, headers);
}

function logout(ctx: Ctx): void {
  const { req, res, sim } = ctx;
  if (req.method !== 'POST') return sendError(res, sim.profile, 404, 'not found');
  const header = req.headers[SESSION_HEADER.toLowerCase()];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token) return sendError(res, sim.profile, 400, 'invalid or unspecified session');
  const result = sim.store.revoke(token);
  if (result === 'bad') return sendError(res, sim.profile, 500, MSG_INTERNAL);
  if (result === 'unknown') return sendError(res, sim.profile, 400, 'invalid session');
  sendJson(res, 200, { logged_out: true });
}

export const authRoutes: Route[] = [
  { re: /^login\/$/, auth: 'none', tenant: false, handle: login },
  { re: /^logout\/$/, auth: 'none', tenant: false, handle: logout },
];
