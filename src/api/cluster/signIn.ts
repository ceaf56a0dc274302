// Signing in and out of a cluster. `/api/v2/login/` gives one session token; on a
// cluster whose DB Console port serves an application virtual cluster that route
// is 501, and the server controller's `/login` signs in to every virtual cluster
// at once, setting one aggregated `session` cookie (see ./virtualCluster).
import * as l10n from '@vscode/l10n';
import { ApiError, isApiError } from '../http/errors';
import type { RequestOptions } from './api';
import type { ClusterRequest, ClusterRequester } from './requester';
import { isAggregatedSession, isNotAvailableOnTenants, sessionFromSetCookie, SYSTEM_CLUSTER } from './virtualCluster';

const loginFailed = (): string => l10n.t('Sign-in failed: wrong username or password, or the password has expired.');

export async function signIn(
  req: ClusterRequester,
  username: string,
  password: string,
  opts: RequestOptions,
): Promise<string> {
  if (req.virtualized && req.virtualCluster !== SYSTEM_CLUSTER)
    return signInToAllClusters(req, username, password, opts);
  // A virtual cluster named `system` signs in there; otherwise the server's default decides.
  const base: ClusterRequest = {
    ...opts,
    method: 'POST',
    route: 'login/',
    auth: false,
    messages: { 401: loginFailed() },
    ...(req.virtualCluster === SYSTEM_CLUSTER ? { scope: 'system' as const } : {}),
  };
  let res;
  try {
    res = await req.send({
      ...base,
      body: new URLSearchParams({ username, password }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
  } catch (err) {
    if (isNotAvailableOnTenants(err)) {
      // The default is an application virtual cluster: its login/ is 501 before anything else.
      req.markVirtualized();
      return signInToAllClusters(req, username, password, opts);
    }
    // Servers built from the seed OpenAPI text want JSON and reject the form like this.
    if (!isApiError(err, 'badRequest') || !/username not specified/i.test(err.details.serverMessage ?? '')) throw err;
    res = await req.send({ ...base, body: JSON.stringify({ username, password }), contentType: 'application/json' });
  }
  const header = res.headers['x-cockroach-api-session'];
  const fromHeader = typeof header === 'string' && header !== '' ? header : undefined;
  let fromBody: string | undefined;
  try {
    const session = req.parseBody(res, 'login/').session;
    fromBody = typeof session === 'string' && session !== '' ? session : undefined;
  } catch (err) {
    if (!fromHeader) throw err;
  }
  const token = fromBody ?? fromHeader;
  if (!token)
    throw new ApiError('malformed', l10n.t('login/ succeeded but returned no session token.'), {
      status: res.status,
      route: 'login/',
    });
  return token;
}

/** The controller's `/login`: its aggregated cookie then reaches the system cluster and the chosen one. */
async function signInToAllClusters(
  req: ClusterRequester,
  username: string,
  password: string,
  opts: RequestOptions,
): Promise<string> {
  const res = await req.send({
    ...opts,
    method: 'POST',
    route: '/login',
    auth: false,
    body: JSON.stringify({ username, password }),
    contentType: 'application/json',
    messages: { 401: loginFailed() },
  });
  const token = sessionFromSetCookie(res.headers['set-cookie'] as string | string[] | undefined);
  if (!token)
    throw new ApiError('malformed', l10n.t('/login succeeded but set no session cookie.'), {
      status: res.status,
      route: '/login',
    });
  return token;
}

export async function signOut(req: ClusterRequester, token: string | undefined, opts: RequestOptions): Promise<void> {
  if (token && isAggregatedSession(token)) {
    // One logout for every virtual cluster's session, as the controller does for /login.
    await req.send({ ...opts, method: 'POST', route: '/logout', auth: 'noRenew' });
    return;
  }
  try {
    await req.json({ ...opts, method: 'POST', route: 'logout/', auth: 'noRenew' });
  } catch (err) {
    // 400 "invalid session" / "invalid or unspecified session": there is nothing left to revoke.
    if (!isApiError(err, 'badRequest')) throw err;
  }
}
