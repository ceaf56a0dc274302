// Sorting for every table in the webviews. Numbers compare as numbers, text
// with a natural collation ("t2" before "t10"), absent values go last in
// either direction, and ties keep their input order (stable), so re-sorting by
// a second column keeps the first as the tie-breaker.
import type { Column, SortValue } from './columns';

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

/**
 * Returns a new, sorted array. Sort keys are read once per row (not per
 * comparison): with 12,800 rows that is the difference between ~13k and ~170k
 * accessor calls.
 */
export function sortRows<R, K extends string>(rows: readonly R[], col: Column<R, K>, dir: SortDir): R[] {
  const keyed = rows.map((row, i) => ({ row, i, v: col.value(row) }));
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((x, y) => {
    const xa = x.v === undefined || (typeof x.v === 'number' && Number.isNaN(x.v));
    const ya = y.v === undefined || (typeof y.v === 'number' && Number.isNaN(y.v));
    if (xa || ya) return xa && ya ? x.i - y.i : xa ? 1 : -1;
    const c = compareValues(x.v, y.v, col.numeric && typeof x.v === 'number' && typeof y.v === 'number');
    return c !== 0 ? sign * c : x.i - y.i;
  });
  return keyed.map((k) => k.row);
}

/** Clicking a header: a new column starts descending for numbers (biggest first), ascending for text. */
export function nextSort<K extends string>(current: SortSpec<K>, key: K, numeric: boolean): SortSpec<K> {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: numeric ? 'desc' : 'asc' };
}
