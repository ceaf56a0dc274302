// Client-side filters of the Hot ranges table: database, table and index by
// exact name (as the DB Console does), a node (leaseholder, replica or the
// reporting node), and free text over everything shown. Filtering never
// re-fetches; the server-side node filter is a separate choice (node picker).
import type { HotRangeRow } from '../protocol/data';

export interface HotFilter {
  database?: string;
  table?: string;
  index?: string;
  nodeId?: number;
  text?: string;
}

export function isEmptyFilter(f: HotFilter): boolean {
  return !f.database && !f.table && !f.index && f.nodeId === undefined && !f.text?.trim();
}

/** Everything the free text is matched against, lower-cased once per row. */
function haystack(r: HotRangeRow): string {
  return [
    `r${r.rangeId}`,
    String(r.rangeId),
    ...r.databases,
    ...r.tables,
    ...r.indexes,
    r.locality ?? '',
    `n${r.nodeId}`,
    r.leaseholderNodeId !== undefined ? `n${r.leaseholderNodeId}` : '',
    ...r.replicaNodeIds.map((n) => `n${n}`),
  ]
    .join('\u0000')
    .toLowerCase();
}

function rowHasNode(r: HotRangeRow, nodeId: number): boolean {
  return r.nodeId === nodeId || r.leaseholderNodeId === nodeId || r.replicaNodeIds.includes(nodeId);
}

export function filterRows(rows: readonly HotRangeRow[], f: HotFilter): HotRangeRow[] {
  if (isEmptyFilter(f)) return rows.slice();
  // Terms separated by spaces must all match (AND), in any field.
  const terms = (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.database && !r.databases.includes(f.database)) return false;
    if (f.table && !r.tables.includes(f.table)) return false;
    if (f.index && !r.indexes.includes(f.index)) return false;
    if (f.nodeId !== undefined && !rowHasNode(r, f.nodeId)) return false;
    if (terms.length) {
      const h = haystack(r);
      if (!terms.every((t) => h.includes(t))) return false;
    }
    return true;
  });
}

/** Distinct names for the filter drop-downs, naturally sorted. */
export function filterOptions(rows: readonly HotRangeRow[]): {
  databases: string[];
  tables: string[];
  indexes: string[];
  nodes: number[];
} {
  const dbs = new Set<string>();
  const tables = new Set<string>();
  const indexes = new Set<string>();
  const nodes = new Set<number>();
  for (const r of rows) {
    r.databases.forEach((d) => dbs.add(d));
    r.tables.forEach((t) => tables.add(t));
    r.indexes.forEach((i) => indexes.add(i));
    nodes.add(r.nodeId);
    if (r.leaseholderNodeId !== undefined) nodes.add(r.leaseholderNodeId);
    r.replicaNodeIds.forEach((n) => nodes.add(n));
  }
  const c = new Intl.Collator(undefined, { numeric: true });
  return {
    databases: [...dbs].sort(c.compare),
    tables: [...tables].sort(c.compare),
    indexes: [...indexes].sort(c.compare),
    nodes: [...nodes].sort((a, b) => a - b),
  };
}
