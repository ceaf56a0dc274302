// Shared helpers for the simulator tests: real sockets, plain fetch.

import { startClusterSimulator } from '../../../src/sim/index';
import type { RunningClusterSim, SimOptions } from '../../../src/sim/index';

export const ADMIN = { username: 'admin', password: 'cockroach-admin' };
export const VIEWER = { username: 'viewer', password: 'cockroach-viewer' };

export interface Sim extends RunningClusterSim {
  api(path: string): string;
}

export async function startSim(opts: SimOptions = {}): Promise<Sim> {
  const sim = await startClusterSimulator(opts);
  return Object.assign(sim, { api: (p: string) => `${sim.clusterUrl}/api/v2/${p}` });
}

export async function login(sim: Sim, user = ADMIN): Promise<string> {
  const res = await fetch(sim.api('login/'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(user).toString(),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { session: string }).session;
}

export async function get(sim: Sim, path: string, token?: string): Promise<Response> {
  return fetch(sim.api(path), { headers: token ? { 'X-Cockroach-API-Session': token } : {} });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function getJson(sim: Sim, path: string, token?: string): Promise<Json> {
  const res = await get(sim, path, token);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${text}`);
  return JSON.parse(text) as Json;
}

export function decodeCursor(next: string): string {
  return Buffer.from(next, 'base64url').toString('utf8');
}
