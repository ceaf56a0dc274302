// Row builders for the webview model tests.
import type { HotRangeRow, ReplicaView } from '../../../src/webviews/protocol/data';

export function hot(rangeId: number, over: Partial<HotRangeRow> = {}): HotRangeRow {
  return {
    rangeId,
    nodeId: 1,
    qps: 0,
    replicaNodeIds: [1, 2, 3],
    databases: ['db'],
    tables: ['t'],
    indexes: ['primary'],
    ...over,
  };
}

export function replica(
  nodeId: number,
  region: string | undefined,
  zone: string | undefined,
  over: Partial<ReplicaView> = {},
): ReplicaView {
  const locality = [
    ...(region ? [{ key: 'region', value: region }] : []),
    ...(zone ? [{ key: 'zone', value: zone }] : []),
  ];
  return { nodeId, storeId: nodeId, locality, leaseholder: false, ...over };
}
