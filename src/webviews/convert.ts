// API models → webview payloads (host side). Everything leaving here is plain
// JSON: bigint nanoseconds become decimal strings, because postMessage's
// structured clone would throw on a bigint.
import type { HotRange, NodeStatus, RangeDetail, RangeInfo, ReplicaRef } from '../api/cluster/models';
import { isApiError } from '../api/http/errors';
import { gatewayLabel, type GatewayInfo } from '../clusters/gateway';
import { localityText, regionsOf } from '../domain/locality';
import type { Failure } from './protocol/messages';
import type { HotRangeRow, LeaseView, NodeSummary, Origin, RangeDetailsPayload, ReplicaView } from './protocol/data';

export function nodeSummaries(nodes: readonly NodeStatus[]): NodeSummary[] {
  return nodes
    .map((n) => ({ nodeId: n.nodeId, locality: localityText(n.locality) }))
    .sort((a, b) => a.nodeId - b.nodeId);
}

export function hotRangeRow(h: HotRange, localities: ReadonlyMap<number, string>): HotRangeRow {
  const locality = localities.get(h.leaseholderNodeId ?? h.nodeId);
  const opt = <K extends keyof HotRangeRow>(k: K, v: HotRangeRow[K] | undefined): Partial<HotRangeRow> =>
    v === undefined ? {} : { [k]: v };
  return {
    rangeId: h.rangeId,
    nodeId: h.nodeId,
    qps: h.qps,
    ...opt('cpuTimePerSecond', h.cpuTimePerSecond),
    ...opt('writesPerSecond', h.writesPerSecond),
    ...opt('readsPerSecond', h.readsPerSecond),
    ...opt('writeBytesPerSecond', h.writeBytesPerSecond),
    ...opt('readBytesPerSecond', h.readBytesPerSecond),
    ...opt('leaseholderNodeId', h.leaseholderNodeId),
    replicaNodeIds: [...h.replicaNodeIds],
    ...opt('storeId', h.storeId),
    databases: [...h.databases],
    tables: [...h.tables],
    indexes: [...h.indexes],
    ...opt('locality', locality || undefined),
  };
}

function leaseView(l: RangeInfo['leaseHistory'][number]): LeaseView {
  return {
    sequence: l.sequence,
    nodeId: l.replica.nodeId,
    storeId: l.replica.storeId,
    replicaId: l.replica.replicaId,
    start: l.start.toString(),
    ...(l.expiration !== undefined ? { expiration: l.expiration.toString() } : {}),
    ...(l.epoch !== undefined ? { epoch: l.epoch } : {}),
    acquisitionType: l.acquisitionType,
  };
}

/** Where a replica's type comes from: the descriptor if the server sent one, else the lease history. */
function replicaRefOf(
  nodeId: number,
  descriptor: readonly ReplicaRef[],
  history: RangeInfo['leaseHistory'],
): ReplicaRef | undefined {
  // The lease history records the type a replica had when it took the lease, which
  // may be long gone; the descriptor is current.
  return (
    descriptor.find((r) => r.nodeId === nodeId) ??
    [...history].reverse().find((l) => l.replica.nodeId === nodeId)?.replica
  );
}

/**
 * One row per node that holds a replica. The replica's own id and type are not
 * in its api/v2 range info; the lease history names replicas, so the latest entry
 * for the node supplies them when the node ever held the lease. When the history
 * is empty (it is kept in memory and a restart clears it), `hotLeaseholderNodeId`
 * — the hot-range report's `leaseholder_node_id` — names the leaseholder instead.
 */
export function rangeDetailsPayload(
  d: RangeDetail,
  nodes: readonly NodeStatus[],
  now = new Date(),
  hotLeaseholderNodeId?: number,
): RangeDetailsPayload {
  const tiers = new Map(nodes.map((n) => [n.nodeId, n.locality] as const));
  const infos = d.byNode.map((b) => b.rangeInfo).filter((r): r is RangeInfo => r !== undefined);
  // The longest lease history is the most complete (replicas may lag).
  const history = infos.reduce<RangeInfo['leaseHistory']>(
    (best, r) => (r.leaseHistory.length > best.length ? r.leaseHistory : best),
    [],
  );
  const descriptor = infos.find((r) => r.replicas && r.replicas.length > 0)?.replicas ?? [];
  const fromHistory = d.leaseholderNodeId ?? history.at(-1)?.replica.nodeId;
  const lh = fromHistory ?? hotLeaseholderNodeId;
  const leaseholderSource: RangeDetailsPayload['leaseholderSource'] =
    // l10n-ignore: protocol values the front end compares (it words them itself)
    fromHistory !== undefined ? 'lease history' : lh !== undefined ? 'hot ranges' : undefined;
  const replicas: ReplicaView[] = d.byNode
    .map((b) => {
      const r = b.rangeInfo;
      const ref = replicaRefOf(b.nodeId, descriptor, history);
      const storeId = r?.sourceStoreId || ref?.storeId;
      return {
        nodeId: b.nodeId,
        ...(storeId ? { storeId } : {}),
        ...(ref ? { replicaId: ref.replicaId } : {}),
        ...(ref?.type ? { type: ref.type } : {}),
        locality: (tiers.get(b.nodeId) ?? []).map((t) => ({ key: t.key, value: t.value })),
        leaseholder: lh === b.nodeId,
        ...(r
          ? {
              quiescent: r.quiescent,
              ticking: r.ticking,
              stats: { ...r.stats },
              problems: { ...r.problems, other: [...r.problems.other] },
            }
          : {}),
        ...(b.error !== undefined || r?.errorMessage ? { error: b.error ?? r?.errorMessage ?? '' } : {}),
      };
    })
    .sort((a, b) => a.nodeId - b.nodeId);
  const first = infos.find((r) => r.sourceNodeId === lh) ?? infos[0];
  return {
    rangeId: d.rangeId,
    startKeyPretty: first?.startKeyPretty ?? '',
    endKeyPretty: first?.endKeyPretty ?? '',
    startKeyRaw: first?.startKeyRaw ?? '',
    endKeyRaw: first?.endKeyRaw ?? '',
    ...(lh !== undefined ? { leaseholderNodeId: lh } : {}),
    ...(leaseholderSource ? { leaseholderSource } : {}),
    replicas,
    leaseHistory: history.map(leaseView).sort((a, b) => b.sequence - a.sequence),
    clusterRegions: regionsOf(nodes.map((n) => n.locality)),
    updatedAt: now.toISOString(),
  };
}

/** The gateway as the panels name it: its node only once /_status/vars said which one (else the address stands in). */
export function originOf(g: GatewayInfo): Origin & { via: string } {
  return g.nodeId !== undefined ? { via: g.address, node: gatewayLabel(g) } : { via: g.address };
}

/** Maps an error to the state the front end shows (sign-in button, unreachable, …). */
export function failureOf(e: unknown): Failure {
  const message = e instanceof Error ? e.message : String(e);
  if (!isApiError(e)) return { kind: 'other', message };
  switch (e.kind) {
    case 'unauthorized':
      return { kind: 'unauthorized', message };
    case 'forbidden':
      return { kind: 'forbidden', message };
    case 'notFound':
      return { kind: 'notFound', message };
    case 'connectionRefused':
    case 'dns':
    case 'tls':
    case 'network':
    case 'timeout':
      return { kind: 'unreachable', message };
    default:
      return { kind: 'other', message };
  }
}
