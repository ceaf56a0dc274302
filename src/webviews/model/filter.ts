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

// The search text of a row, lower-cased once per row object (rows are not mutated once
// loaded): 12,800 of them built per keystroke would take longer than the frame.
const haystacks = new WeakMap<HotRangeRow, string>();

/** Everything the free text is matched against. */
function haystack(r: HotRangeRow): string {
  let h = haystacks.get(r);
  if (h === undefined) {
    h = [
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
    haystacks.set(r, h);
  }
  return h;
}

/** Builds the search text of every row ahead of the first search (the panel does it while idle). */
export function prepareSearch(rows: readonly HotRangeRow[]): void {
  for (const r of rows) haystack(r);
}

function rowHasNode(r: HotRangeRow, nodeId: number): boolean {
  return r.nodeId === nodeId || r.leaseholderNodeId === nodeId || r.replicaNodeIds.includes(nodeId);
}

/** Whether a row passes the filter; undefined when every row does. */
export function rowTest(f: HotFilter): ((r: HotRangeRow) => boolean) | undefined {
  if (isEmptyFilter(f)) return undefined;
  // Terms separated by spaces must all match (AND), in any field.
  const terms = (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return (r) => {
    if (f.database && !r.databases.includes(f.database)) return false;
    if (f.table && !r.tables.includes(f.table)) return false;
    if (f.index && !r.indexes.includes(f.index)) return false;
    if (f.nodeId !== undefined && !rowHasNode(r, f.nodeId)) return false;
    if (terms.length) {
      const h = haystack(r);
      if (!terms.every((t) => h.includes(t))) return false;
    }
    return true;
  };
}

export function filterRows(rows: readonly HotRangeRow[], f: HotFilter): HotRangeRow[] {
  const test = rowTest(f);
  return test ? rows.filter(test) : rows.slice();
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
