// From a Cloud cluster to its Cluster API. Only ADVANCED clusters expose a DB
// Console (`regions[].ui_dns`, HTTPS on port 8080); the Cluster API v2 is served
// by the same listener. Sign-in is with one of that cluster's SQL users through
// the Cluster API's own `login/` (the Cloud API key does not work there).
import * as l10n from '@vscode/l10n';
import type { ClusterClientOptions, RequestOptions } from '../cluster/api';
import type { ClusterClient } from '../cluster/client';
import { ApiError } from '../http/errors';
import type { CloudCluster } from './models';

const DB_CONSOLE_PORT = 8080;

/** Evaluated once, at module load (a constant that the tree and the tests share). */
export const NO_DB_CONSOLE_MESSAGE = l10n.t(
  'BASIC and STANDARD clusters have no DB Console, so nodes, ranges, hot ranges and sessions are not available; use the Cloud Console’s metrics instead.',
);

/** True when the cluster has a DB Console the explorer can reach. */
export function hasDbConsole(cluster: CloudCluster): boolean {
  return cluster.plan === 'ADVANCED' && cluster.regions.some((r) => r.uiDns.trim() !== '');
}

/** `host` or `host:port` / `[v6]:port` → does it already name a port? */
function hasPort(hostish: string): boolean {
  if (hostish.startsWith('[')) return /\]:\d+$/.test(hostish);
  return /^[^:]+:\d+$/.test(hostish);
}

/**
 * Cluster API origin of an ADVANCED cluster: `https://<ui_dns>:8080`, or
 * `https://<ui_dns>` when ui_dns already carries a port (the simulator uses
 * `localhost:<port>`). With several regions the first one that has a DB
 * Console is used (or `region`, when given): every region serves the whole
 * cluster's API. Throws `notAvailable` with a plain explanation otherwise.
 */
export function clusterApiUrlFor(cluster: CloudCluster, region?: string): string {
  if (isServerlessPlan(cluster)) throw new ApiError('notAvailable', NO_DB_CONSOLE_MESSAGE);
  const regions = region ? cluster.regions.filter((r) => r.name === region) : cluster.regions;
  const ui = regions.map((r) => r.uiDns.trim()).find((d) => d !== '');
  if (!ui) {
    throw new ApiError(
      'notAvailable',
      region
        ? l10n.t(
            'Cluster "{0}" has no DB Console address in region {1} yet (state {2}); try again once it is CREATED.',
            cluster.name,
            region,
            cluster.state,
          )
        : l10n.t(
            'Cluster "{0}" has no DB Console address yet (state {1}); try again once it is CREATED.',
            cluster.name,
            cluster.state,
          ),
    );
  }
  const host = ui.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return hasPort(host) ? `https://${host}` : `https://${host}:${DB_CONSOLE_PORT}`;
}

/** BASIC/STANDARD, or an unknown plan that looks serverless (no dedicated hardware). */
function isServerlessPlan(cluster: CloudCluster): boolean {
  if (cluster.plan === 'BASIC' || cluster.plan === 'STANDARD') return true;
  return (
    cluster.plan !== 'ADVANCED' && cluster.config.serverless !== undefined && cluster.config.dedicated === undefined
  );
}

export interface AdvancedLogin {
  /** A SQL user of that cluster (create one with CloudClient.createSqlUser). */
  username: string;
  password: string;
  /** PEM of the cluster CA (Cloud Console → Connect → download CA cert). */
  caPem?: string;
  skipTlsVerify?: boolean;
  timeoutMs?: number;
  region?: string;
  signal?: AbortSignal;
}

/**
 * Options for the Cluster API client of an ADVANCED cluster, with a session
 * provider whose token is filled by `login()`. Split from
 * connectToAdvancedCluster so callers with their own sign-in flow can use it.
 */
export function clusterClientOptionsFor(
  cluster: CloudCluster,
  tls: { caPem?: string; skipTlsVerify?: boolean; timeoutMs?: number; region?: string } = {},
): { options: ClusterClientOptions; setToken(token: string | undefined): void } {
  let token: string | undefined;
  const options: ClusterClientOptions = {
    baseUrl: clusterApiUrlFor(cluster, tls.region),
    session: { getToken: () => token },
    ...(tls.caPem !== undefined ? { caPem: tls.caPem } : {}),
    ...(tls.skipTlsVerify !== undefined ? { skipTlsVerify: tls.skipTlsVerify } : {}),
    ...(tls.timeoutMs !== undefined ? { timeoutMs: tls.timeoutMs } : {}),
  };
  return { options, setToken: (t) => (token = t) };
}

/**
 * Builds a ClusterClient for an ADVANCED cluster and signs in with one of its
 * SQL users. The password is used for this one login and not kept; when the
 * session expires the caller asks the user again.
 */
export async function connectToAdvancedCluster(cluster: CloudCluster, login: AdvancedLogin): Promise<ClusterClient> {
  const { options, setToken } = clusterClientOptionsFor(cluster, login);
  // Loaded on first use: the explorer's tree reads this file at activation.
  const { ClusterClient } = await import('../cluster/client');
  const client = new ClusterClient(options);
  const reqOpts: RequestOptions = login.signal ? { signal: login.signal } : {};
  setToken(await client.login(login.username, login.password, reqOpts));
  return client;
}
