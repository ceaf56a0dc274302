// Route table of /api/v2/ (pkg/server/api_v2.go): exact paths with a
// mandatory trailing slash, per-route auth level and tenant flag.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimState } from './state';
import type { SimProfile } from './types';

export type AuthLevel = 'none' | 'user' | 'admin';

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  /** Decoded path after `/api/v2/`. */
  path: string;
  query: URLSearchParams;
  params: string[];
  sim: SimState;
  /** The virtual cluster serving the request (`system` unless the simulator is virtualized). */
  tenant: string;
  /** Signed-in (or, insecure, implied root) user on authenticated routes. */
  user?: { username: string; admin: boolean };
}

export interface Route {
  re: RegExp;
  auth: AuthLevel;
  /** Served on a secondary tenant / virtual cluster. */
  tenant: boolean;
  /** Profiles whose servers do not have the route answer 404. */
  absentIn?: SimProfile[];
  handle(ctx: Ctx): void | Promise<void>;
}

export function matchRoute(
  routes: readonly Route[],
  path: string,
  profile: SimProfile,
): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.absentIn?.includes(profile)) continue;
    const m = route.re.exec(path);
    if (m) return { route, params: m.slice(1) };
  }
  return undefined;
}
