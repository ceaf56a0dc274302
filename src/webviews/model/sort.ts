// Sorting for every table in the webviews. Numbers compare as numbers, text
// with a natural collation ("t2" before "t10"), absent values go last in
// either direction, and ties keep their input order (stable), so re-sorting by
// a second column keeps the first as the tie-breaker.
import type { Column, SortValue } from './columns';
import { stableOrder } from './radix';

export type SortDir = 'asc' | 'desc';

export interface SortSpec<K extends string = string> {
  key: K;
  dir: SortDir;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: SortValue, b: SortValue, numeric: boolean): number {
  if (numeric) return (a as number) - (b as number);
  return collator.compare(String(a), String(b));
}

const absent = (v: SortValue): boolean => v === undefined || (typeof v === 'number' && Number.isNaN(v));

/**
 * Each row's place in the column's order as one number (NaN when absent), read once per
 * row: a numeric column's own numbers, or for text the rank of the row's value among the
 * column's distinct values in collation order (values the collator finds equal share a
 * rank, so they tie). Undefined for a numeric column that also holds text, whose order
 * is pairwise (see compareValues) and has no such key.
 */
export function sortKeys<R>(rows: readonly R[], col: Column<R>): Float64Array | undefined {
  const n = rows.length;
  const keys = new Float64Array(n);
  if (col.numeric) {
    let numbers = false;
    let texts = false;
    for (let i = 0; i < n; i++) {
      const v = col.value(rows[i]!);
      if (typeof v === 'number') {
        keys[i] = v;
        numbers = true;
      } else if (v === undefined) keys[i] = NaN;
      else texts = true;
    }
    if (!texts) return keys;
    if (numbers) return undefined;
  }
  // Text: collate each distinct value once (a column of 12,800 rows has few), not per comparison.
  const ids = new Map<string, number>();
  const distinct: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = col.value(rows[i]!);
    if (absent(v)) {
      keys[i] = NaN;
      continue;
    }
    const s = String(v);
    let id = ids.get(s);
    if (id === undefined) {
      id = distinct.length;
      ids.set(s, id);
      distinct.push(s);
    }
    keys[i] = id;
  }
  const byText = distinct.map((_, id) => id).sort((a, b) => collator.compare(distinct[a]!, distinct[b]!));
  const rank = new Float64Array(distinct.length);
  byText.forEach((id, k) => {
    const prev = byText[k - 1];
    rank[id] = prev !== undefined && collator.compare(distinct[prev]!, distinct[id]!) === 0 ? rank[prev]! : k;
  });
  for (let i = 0; i < n; i++) if (!Number.isNaN(keys[i])) keys[i] = rank[keys[i]!]!;
  return keys;
}

/** The pairwise order, for the columns sortKeys has no key for. */
function comparedOrder<R>(rows: readonly R[], col: Column<R>, dir: SortDir): Uint32Array {
  const keyed = rows.map((row, i) => ({ i, v: col.value(row) }));
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((x, y) => {
    const xa = absent(x.v);
    const ya = absent(y.v);
    if (xa || ya) return xa && ya ? x.i - y.i : xa ? 1 : -1;
    const c = compareValues(x.v, y.v, col.numeric && typeof x.v === 'number' && typeof y.v === 'number');
    return c !== 0 ? sign * c : x.i - y.i;
  });
  return Uint32Array.from(keyed, (k) => k.i);
}

/** Row indices in the column's order; `keys` are the column's sortKeys when already at hand. */
export function sortOrder<R>(
  rows: readonly R[],
  col: Column<R>,
  dir: SortDir,
  keys: Float64Array | undefined = sortKeys(rows, col),
): Uint32Array {
  return keys ? stableOrder(keys, dir) : comparedOrder(rows, col, dir);
}

/** Returns a new, sorted array (the input is not modified). */
export function sortRows<R, K extends string>(rows: readonly R[], col: Column<R, K>, dir: SortDir): R[] {
  const order = sortOrder(rows, col, dir);
  const out = new Array<R>(order.length);
  for (let k = 0; k < order.length; k++) out[k] = rows[order[k]!]!;
  return out;
}

/** Clicking a header: a new column starts descending for numbers (biggest first), ascending for text. */
export function nextSort<K extends string>(current: SortSpec<K>, key: K, numeric: boolean): SortSpec<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: numeric ? 'desc' : 'asc' };
}
