// Cluster virtualization (CockroachDB Cloud ADVANCED on recent versions, and
// self-hosted clusters with virtual clusters): the DB Console port serves an
// application virtual cluster by default, whose Cluster API answers 501 "Not
// Available on Tenants" for nodes, ranges, sessions, events, health, login and
// logout. `X-Cockroach-Tenant` picks the virtual cluster per request; the v1
// `/login` signs in to every virtual cluster at once and returns one aggregated
// `session` cookie (`s1,name1,s2,name2`), from which the server takes the session
// of the virtual cluster named by the `tenant` cookie.
import * as l10n from '@vscode/l10n';
import { isApiError } from '../http/errors';

export const TENANT_HEADER = 'X-Cockroach-Tenant';
export const SYSTEM_CLUSTER = 'system';

/**
 * Which virtual cluster a route is for: 'system' routes read the storage layer
 * (nodes, ranges, hot ranges, health, the event log) and are served only by the
 * system cluster; 'sql' routes (SQL, rules, schema) run in the chosen virtual cluster.
 */
export type RouteScope = 'system' | 'sql';

/** The 501 an application virtual cluster gives for routes only the system cluster serves. */
export function isNotAvailableOnTenants(error: unknown): boolean {
  return (
    isApiError(error, 'notAvailable') &&
    error.status === 501 &&
    /not available on tenants/i.test(error.details.serverMessage ?? '')
  );
}

/** An aggregated multi-cluster session (from `/login`) rather than a single `/api/v2/login/` token. */
export function isAggregatedSession(token: string): boolean {
  return token.includes(',');
}

/** Virtual-cluster names held by an aggregated session, in the server's order. */
export function clustersInSession(token: string): string[] {
  return isAggregatedSession(token) ? token.split(',').filter((_, i) => i % 2 === 1) : [];
}

/** The `session=` value of a Set-Cookie header list, if any. */
export function sessionFromSetCookie(setCookie: string | string[] | undefined): string | undefined {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const line of lines) {
    const m = /^\s*session=([^;]*)/.exec(line);
    const value = m?.[1]?.replace(/^"|"$/g, '');
    if (value) return value;
  }
  return undefined;
}

/**
 * Headers that send `token` to virtual cluster `target` (undefined = the server's
 * default). A single token goes in the session header; an aggregated one goes as the
 * DB Console cookie, with the `tenant` cookie naming whose session the server takes.
 */
export function sessionHeaders(token: string | undefined, target: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (target) headers[TENANT_HEADER] = target;
  if (!token) return headers;
  if (!isAggregatedSession(token)) {
    headers['X-Cockroach-API-Session'] = token;
    return headers;
  }
  headers['X-Cockroach-API-Session'] = 'cookie';
  // Quoted, as Go sets a cookie value holding commas and as a browser sends it back.
  headers.Cookie = `session="${token}"${target ? `; tenant=${target}` : ''}`;
  return headers;
}

/** Plain words for a route a virtual cluster cannot serve, and how to change it. */
export function notOnVirtualClusterMessage(route: string, virtualCluster: string | undefined): string {
  return virtualCluster
    ? l10n.t(
        '{0} is not served by virtual cluster "{1}" on this CockroachDB version. Choose Virtual Cluster… on the cluster row (or set "virtualCluster": "system" in cockroachdb.clusters) to read the system cluster\'s instead.',
        route,
        virtualCluster,
      )
    : l10n.t(
        '{0} is not served by the cluster\'s default virtual cluster on this CockroachDB version. Choose Virtual Cluster… on the cluster row (or set "virtualCluster": "system" in cockroachdb.clusters) to read the system cluster\'s instead.',
        route,
      );
}
