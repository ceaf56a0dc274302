// Messages between the extension host and the webview front ends. Both sides
// import these types; requests carry an id and the reply echoes it.

export interface HotRangeRow {
  rangeId: number;
  nodeId: number;
  qps: number;
  cpuTimePerSecond?: number;
  writesPerSecond?: number;
  readsPerSecond?: number;
  writeBytesPerSecond?: number;
  readBytesPerSecond?: number;
  leaseholderNodeId?: number;
  replicaNodeIds: number[];
  storeId?: number;
  database: string;
  table: string;
  index: string;
}

export interface ReplicaRow {
  nodeId: number;
  storeId: number;
  replicaId: number;
  type: string;
  locality: string;
  leaseholder: boolean;
  quiescent: boolean;
  ticking: boolean;
  qps: number;
  writesPerSecond: number;
  problems: string[];
  error?: string;
}

export interface RangeDetailsData {
  rangeId: number;
  startKeyPretty: string;
  endKeyPretty: string;
  startKeyRaw: string;
  endKeyRaw: string;
  leaseholderNodeId?: number;
  replicas: ReplicaRow[];
  leaseHistory: Array<{ nodeId: number; storeId: number; sequence: number; start: string; acquisitionType: string }>;
}

export type HostToWebview =
  | { type: 'hotRanges'; clusterId: string; clusterName: string; rows: HotRangeRow[]; errors: Array<{ nodeId: number; message: string }>; updatedAt: string }
  | { type: 'rangeDetails'; clusterId: string; clusterName: string; data: RangeDetailsData; updatedAt: string }
  | { type: 'error'; message: string; signIn: boolean };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'openRange'; rangeId: number }
  | { type: 'signIn' }
  | { type: 'cspViolation'; directive: string; blocked: string };

export function isWebviewToHost(m: unknown): m is WebviewToHost {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'openRange') return typeof (m as { rangeId?: unknown }).rangeId === 'number';
  return t === 'ready' || t === 'refresh' || t === 'signIn' || t === 'cspViolation';
}
