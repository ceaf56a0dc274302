// Shared set-up for tests against the simulated cluster: a started simulator and
// a client signed in as one of its users, with a session provider that can
// sign in again (and counts how often it was asked to).
import assert from 'node:assert/strict';
import { ClusterClient } from '../../../../src/api/cluster/client';
import type { ClusterClientOptions, SessionProvider } from '../../../../src/api/cluster/api';
import { ApiError } from '../../../../src/api/http/errors';
import type { RunningClusterSim } from '../../../../src/sim';

export class ReLoginSession implements SessionProvider {
  token: string | undefined;
  renewCalls = 0;
  constructor(
    private readonly login: () => Promise<string>,
    /** How many renewals may succeed; then renew gives up (undefined). */
    private renewBudget = Infinity,
  ) {}
  getToken(): string | undefined {
    return this.token;
  }
  async renew(): Promise<string | undefined> {
    this.renewCalls++;
    if (this.renewBudget-- <= 0) return undefined;
    this.token = await this.login();
    return this.token;
  }
}

export async function signedInClient(
  sim: RunningClusterSim,
  username = 'admin',
  extra: Partial<ClusterClientOptions> = {},
): Promise<{ client: ClusterClient; session: ReLoginSession }> {
  const user = sim.users.find((u) => u.username === username);
  assert.ok(user, `simulator has no user ${username}`);
  const session: ReLoginSession = new ReLoginSession((): Promise<string> => client.login(user.username, user.password));
  const client: ClusterClient = new ClusterClient({ baseUrl: sim.clusterUrl, retries: 0, session, ...extra });
  session.token = await client.login(user.username, user.password);
  return { client, session };
}

export async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ApiError, `not an ApiError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
