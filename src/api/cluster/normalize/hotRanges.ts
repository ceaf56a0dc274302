// ranges/hot/ → HotRange. Three wire shapes, detected by keys:
//   v21.x     {ranges_by_node_id: {"<node>": [{range_id, queries_per_second, ...}]}}
//   v22–v24   {ranges: [{range_id, node_id, qps, table_name, database_name (seed: db_name), index_name}]}
//   v25.1+    {ranges: [{..., databases: [], tables: [], indexes: []}]}
// Entries are per replica; dedupeHotRanges() folds them into one row per range.
import type { HotRange, NodeError } from '../models';
import { prettyKeyFromBase64 } from './keys';
import { arr, isObj, num, obj, optNum, optStr, str } from './values';
import type { Obj } from './values';

export interface RawHotRangesPage {
  /** One entry per replica, as the server sent them (not de-duplicated). */
  entries: HotRange[];
  errors: NodeError[];
  next?: string;
}

function names(list: unknown, single: unknown): string[] {
  if (Array.isArray(list)) return list.map((x) => str(x)).filter((s) => s !== '');
  const s = str(single);
  return s === '' ? [] : [s];
}

function setOptional(h: HotRange, key: keyof HotRange, v: unknown): void {
  const n = optNum(v);
  if (n !== undefined) (h as unknown as Record<string, unknown>)[key] = n;
}

function fromFlatEntry(e: Obj): HotRange {
  const nodeId = num(e.node_id);
  const replicas = arr(e.replica_node_ids).map((x) => num(x));
  const h: HotRange = {
    rangeId: num(e.range_id),
    nodeId,
    qps: num(e.qps ?? e.queries_per_second),
    replicaNodeIds: replicas.length > 0 ? replicas : nodeId ? [nodeId] : [],
    databases: names(e.databases, e.database_name ?? e.db_name),
    tables: names(e.tables, e.table_name),
    indexes: names(e.indexes, e.index_name),
  };
  setOptional(h, 'writesPerSecond', e.writes_per_second);
  setOptional(h, 'readsPerSecond', e.reads_per_second);
  setOptional(h, 'writeBytesPerSecond', e.write_bytes_per_second);
  setOptional(h, 'readBytesPerSecond', e.read_bytes_per_second);
  setOptional(h, 'cpuTimePerSecond', e.cpu_time_per_second);
  // 0 means "unknown" for these ids (node and store ids start at 1).
  if (num(e.leaseholder_node_id) > 0) h.leaseholderNodeId = num(e.leaseholder_node_id);
  if (num(e.store_id) > 0) h.storeId = num(e.store_id);
  const schema = optStr(e.schema_name);
  if (schema) h.schemaName = schema;
  // v21 sends the raw keys (base64) and no names; the key is the only label a row has.
  const startKey = optStr(prettyKeyFromBase64(str(e.start_key)));
  const endKey = optStr(prettyKeyFromBase64(str(e.end_key)));
  if (startKey) h.startKey = startKey;
  if (endKey) h.endKey = endKey;
  return h;
}

function fromV21(byNode: Obj): HotRange[] {
  const out: HotRange[] = [];
  for (const [nodeKey, list] of Object.entries(byNode)) {
    for (const e of arr(list).filter(isObj)) out.push(fromFlatEntry({ ...e, node_id: e.node_id ?? num(nodeKey) }));
  }
  return out;
}

/** `next` is a string cursor on real servers; the seed text says integer. */
export function cursorOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) === 0 ? undefined : String(v);
  return undefined;
}

export function nodeErrors(list: unknown): NodeError[] {
  return arr(list)
    .filter(isObj)
    .map((e) => ({ nodeId: num(e.node_id), message: str(e.error_message ?? e.message ?? e.error) }));
}

export function normalizeHotRangesPage(body: unknown): RawHotRangesPage {
  const b = obj(body);
  const entries = isObj(b.ranges_by_node_id)
    ? fromV21(b.ranges_by_node_id)
    : arr(b.ranges).filter(isObj).map(fromFlatEntry);
  const page: RawHotRangesPage = { entries, errors: nodeErrors(b.response_error) };
  const next = cursorOf(b.next);
  if (next !== undefined) page.next = next;
  return page;
}

/**
 * One row per range id. Rule: the leaseholder's own entry is kept (it serves the
 * range's reads and writes, so its load numbers are the range's); if no entry
 * comes from the leaseholder, the entry with the highest qps is kept. Replica node
 * ids are the union of every entry's `replica_node_ids` and reporting node.
 * Sorted by qps, highest first, then by range id.
 */
export function dedupeHotRanges(entries: readonly HotRange[]): HotRange[] {
  const groups = new Map<number, HotRange[]>();
  for (const e of entries) {
    const g = groups.get(e.rangeId);
    if (g) g.push(e);
    else groups.set(e.rangeId, [e]);
  }
  const out: HotRange[] = [];
  for (const group of groups.values()) {
    const leaseholder = group.find((e) => e.leaseholderNodeId !== undefined && e.nodeId === e.leaseholderNodeId);
    const kept = leaseholder ?? group.reduce((a, b) => (b.qps > a.qps ? b : a));
    const replicas = new Set<number>();
    for (const e of group) {
      for (const id of e.replicaNodeIds) replicas.add(id);
      if (e.nodeId) replicas.add(e.nodeId);
    }
    const merged: HotRange = { ...kept, replicaNodeIds: [...replicas].sort((a, b) => a - b) };
    const lh = kept.leaseholderNodeId ?? group.find((e) => e.leaseholderNodeId !== undefined)?.leaseholderNodeId;
    if (lh !== undefined) merged.leaseholderNodeId = lh;
    out.push(merged);
  }
  return out.sort((a, b) => b.qps - a.qps || a.rangeId - b.rangeId);
}
