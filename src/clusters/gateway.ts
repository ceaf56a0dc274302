// Which node answers a cluster's requests, for "as of 10:42:13 from n1 (v25.2.4)".
// The Cluster API does not say; the gateway's own /_status/vars does (its
// `node_id` gauge and `build_timestamp{tag}`), without authentication. Read at
// most once per few minutes per client, never at activation.
import * as l10n from '@vscode/l10n';
import type { ClusterApi } from '../api/cluster/api';

export interface GatewayInfo {
  /** `host:port` the requests go to. */
  address: string;
  nodeId?: number;
  version?: string;
}

const TTL_MS = 5 * 60_000;
const TIMEOUT_MS = 5_000;

interface Entry {
  at: number;
  info: Promise<GatewayInfo>;
  settled?: GatewayInfo;
}

const cache = new WeakMap<ClusterApi, Entry>();

export function addressOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** The gateway of this client; a failed read answers with the address alone (and is retried after the TTL). */
export function gatewayOf(client: ClusterApi, now = Date.now()): Promise<GatewayInfo> {
  const hit = cache.get(client);
  if (hit && now - hit.at < TTL_MS) return hit.info;
  const address = addressOf(client.baseUrl);
  const entry: Entry = {
    at: now,
    info: client
      .statusVars(undefined, { timeoutMs: TIMEOUT_MS, retry: false })
      .then((v): GatewayInfo => ({
        address,
        ...(v.nodeId !== undefined ? { nodeId: v.nodeId } : {}),
        ...(v.version ? { version: v.version } : {}),
      }))
      .catch((): GatewayInfo => ({ address })),
  };
  void entry.info.then((i) => (entry.settled = i));
  cache.set(client, entry);
  return entry.info;
}

/** What is known now without asking: the last answer, else the address. */
export function knownGateway(client: ClusterApi): GatewayInfo {
  return cache.get(client)?.settled ?? { address: addressOf(client.baseUrl) };
}

/** "n1 (v25.2.4)", "n1", or the address when the node did not say. */
export function gatewayLabel(g: GatewayInfo): string {
  const who = g.nodeId !== undefined ? `n${g.nodeId}` : g.address;
  return g.version ? `${who} (${g.version})` : who;
}

/** "as of 10:42:13 from n1 (v25.2.4)". */
export function freshnessText(at: Date, g: GatewayInfo): string {
  return l10n.t('as of {0} from {1}', at.toLocaleTimeString(), gatewayLabel(g));
}
