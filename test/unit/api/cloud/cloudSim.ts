// Shared setup for the Cloud API tests: a real simulator on a socket and
// clients pointed at it. Nothing here stubs axios or http.
import { ApiError } from '../../../../src/api/http/errors';
import { CloudClient, type CloudClientOptions } from '../../../../src/api/cloud';
import { startCloudSimulator, type CloudSimOptions, type RunningCloudSim } from '../../../../src/sim/cloud';

export async function startSim(opts: Partial<CloudSimOptions> = {}): Promise<RunningCloudSim> {
  return startCloudSimulator({ advancedClusterUiDns: 'localhost:1', seed: 7, ...opts });
}

export function clientFor(sim: RunningCloudSim, opts: Partial<CloudClientOptions> = {}): CloudClient {
  return new CloudClient({ apiKey: sim.cloudApiKey, baseUrl: sim.cloudUrl, timeoutMs: 5000, ...opts });
}

/** Awaits a rejection and returns it as an ApiError (fails the test otherwise). */
export async function apiErrorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
