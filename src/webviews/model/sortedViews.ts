// The rows of one payload in the orders a table shows them, for re-sorting and
// re-filtering in a frame. Per column, the sort key of every row is read once
// (sortKeys) and kept; per column and direction, the order is computed once
// (a stable radix sort of the keys) and kept, so a re-sort by a column seen
// before is a lookup, and the panel can compute the likely ones while idle.
// A filter is a mask over the rows: applying it to a kept order keeps that order
// (the sort is stable, so filtering before or after sorting gives the same rows).
import type { Column } from './columns';
import { sortKeys, sortOrder, type SortDir } from './sort';

export class SortedViews<R> {
  private readonly keys = new Map<string, Float64Array | undefined>();
  private readonly orders = new Map<string, Uint32Array>();
  private readonly lists = new Map<string, readonly R[]>();
  private lastMask: { key: string; mask: Uint8Array } | undefined;

  constructor(readonly rows: readonly R[]) {}

  has(col: Column<R>, dir: SortDir): boolean {
    return this.orders.has(`${col.key}\u0000${dir}`);
  }

  /** Row indices in the column's order (computed once). */
  order(col: Column<R>, dir: SortDir): Uint32Array {
    const k = `${col.key}\u0000${dir}`;
    let order = this.orders.get(k);
    if (!order) {
      if (!this.keys.has(col.key)) this.keys.set(col.key, sortKeys(this.rows, col));
      order = sortOrder(this.rows, col, dir, this.keys.get(col.key));
      this.orders.set(k, order);
    }
    return order;
  }

  /** All rows in the column's order (computed once; shared, so not to be modified). */
  sorted(col: Column<R>, dir: SortDir): readonly R[] {
    const k = `${col.key}\u0000${dir}`;
    let list = this.lists.get(k);
    if (!list) {
      list = this.select(col, dir);
      this.lists.set(k, list);
    }
    return list;
  }

  /** The rows `keep` marks (all without one) in the column's order, at most `limit` of them. */
  select(col: Column<R>, dir: SortDir, keep?: Uint8Array, limit = Infinity): R[] {
    const order = this.order(col, dir);
    const out: R[] = [];
    for (let k = 0; k < order.length && out.length < limit; k++) {
      const i = order[k]!;
      if (!keep || keep[i]) out.push(this.rows[i]!);
    }
    return out;
  }

  /**
   * The rows `test` keeps, as a mask by row index. The last mask is kept under `key` (what
   * the filter is, e.g. its JSON), so re-sorting under the same filter tests no row again.
   */
  mask(key: string, test: (r: R) => boolean): Uint8Array {
    if (this.lastMask?.key === key) return this.lastMask.mask;
    const mask = new Uint8Array(this.rows.length);
    for (let i = 0; i < mask.length; i++) mask[i] = test(this.rows[i]!) ? 1 : 0;
    this.lastMask = { key, mask };
    return mask;
  }
}
