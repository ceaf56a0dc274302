// The re-sort machinery behind the big tables: the radix sort of per-row keys must give
// exactly the order of the pairwise comparison it replaced (stable, absent last, natural
// text collation), and kept orders under a filter's mask the rows a sort of the filtered
// ones would give.
import assert from 'node:assert/strict';
import { STATEMENT_COLUMNS } from '../../../src/webviews/model/activityColumns';
import { HOT_COLUMNS, type Column, type SortValue } from '../../../src/webviews/model/columns';
import { filterRows, rowTest } from '../../../src/webviews/model/filter';
import { stableOrder } from '../../../src/webviews/model/radix';
import { sortKeys, sortOrder, sortRows } from '../../../src/webviews/model/sort';
import { SortedViews } from '../../../src/webviews/model/sortedViews';
import type { HotRangeRow } from '../../../src/webviews/protocol/data';
import { hot } from './fixtures';

/** The comparison sort sortRows used before the keys: the reference order. */
function referenceOrder(values: SortValue[], numeric: boolean, dir: 'asc' | 'desc'): number[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const absent = (v: SortValue) => v === undefined || (typeof v === 'number' && Number.isNaN(v));
  const sign = dir === 'asc' ? 1 : -1;
  return values
    .map((v, i) => ({ v, i }))
    .sort((x, y) => {
      const xa = absent(x.v);
      const ya = absent(y.v);
      if (xa || ya) return xa && ya ? x.i - y.i : xa ? 1 : -1;
      const c =
        numeric && typeof x.v === 'number' && typeof y.v === 'number'
          ? x.v - y.v
          : collator.compare(String(x.v), String(y.v));
      return c !== 0 ? sign * c : x.i - y.i;
    })
    .map((k) => k.i);
}

function column(numeric: boolean): Column<{ v: SortValue }> {
  return { key: 'v', label: 'v', numeric, width: '1fr', value: (r) => r.v, text: (r) => String(r.v) };
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('webviews: radix sort of sort keys', () => {
  it('orders doubles of every kind as the comparison does, ties and NaN in input order', () => {
    const rnd = random(7);
    const special = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE];
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rnd() * 3000);
      const values = Array.from({ length: n }, () => {
        const p = rnd();
        if (p < 0.1) return special[Math.floor(rnd() * special.length)]!;
        if (p < 0.4) return Math.floor(rnd() * 20) - 10; // many ties
        return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
      });
      const keys = Float64Array.from(values);
      for (const dir of ['asc', 'desc'] as const)
        assert.deepEqual([...stableOrder(keys, dir)], referenceOrder(values, true, dir), `trial ${trial} ${dir}`);
    }
  });

  it('handles no rows, one row and all-absent rows', () => {
    assert.deepEqual([...stableOrder(new Float64Array(0), 'asc')], []);
    assert.deepEqual([...stableOrder(Float64Array.of(3), 'desc')], [0]);
    assert.deepEqual([...stableOrder(Float64Array.of(NaN, NaN, NaN), 'desc')], [0, 1, 2]);
  });
});

describe('webviews: sort keys', () => {
  const cases: Array<[string, SortValue[], boolean]> = [
    ['numbers with absent values', [3, undefined, 1, NaN, 3, -2, 0, -0], true],
    ['text, naturally and case-insensitively', ['t10', 'T2', 'a', undefined, 't2', 'B', 'a', 'é', 'e'], false],
    ['numbers in a text column compare as text', [10, 9, '100', 1, undefined], false],
    ['text in a numeric column (no numbers)', ['b', 'a', undefined, 'A'], true],
  ];
  for (const [what, values, numeric] of cases)
    it(`give the comparison's order: ${what}`, () => {
      const rows = values.map((v) => ({ v }));
      for (const dir of ['asc', 'desc'] as const)
        assert.deepEqual([...sortOrder(rows, column(numeric), dir)], referenceOrder(values, numeric, dir), dir);
    });

  it('a numeric column mixing numbers and text has no keys and is compared pairwise', () => {
    const values: SortValue[] = [2, 'x', 1, undefined, 'a', 3];
    const rows = values.map((v) => ({ v }));
    assert.equal(sortKeys(rows, column(true)), undefined);
    for (const dir of ['asc', 'desc'] as const)
      assert.deepEqual([...sortOrder(rows, column(true), dir)], referenceOrder(values, true, dir), dir);
  });

  it('every Hot ranges and SQL activity column sorts 12,800 rows as the comparison does', () => {
    const rnd = random(3);
    const rows = Array.from({ length: 12_800 }, (_, i) =>
      hot(i + 1, {
        qps: Math.floor(rnd() * 500),
        cpuTimePerSecond: i % 7 ? rnd() * 1e6 : undefined,
        tables: [`t${i % 97}`],
        locality: i % 5 ? `region=r${i % 3}` : undefined,
      }),
    );
    for (const col of HOT_COLUMNS)
      for (const dir of ['asc', 'desc'] as const)
        assert.deepEqual(
          sortRows(rows, col, dir).map((r) => r.rangeId),
          referenceOrder(rows.map(col.value), col.numeric, dir).map((i) => i + 1),
          `${col.key} ${dir}`,
        );
    const stmts = rows.slice(0, 2000).map((r, i) => ({
      fingerprintId: String(i),
      appName: `app${i % 4}`,
      database: i % 3 ? 'movr' : '',
      query: `SELECT ${i % 50}`,
      querySummary: '',
      executionCount: r.qps,
      totalTime: r.qps / 7,
      meanLatency: 1,
      ...(i % 4 ? { p99Latency: r.cpuTimePerSecond ?? 0 } : {}),
      cpuNanos: 0,
      rowsRead: i % 3,
      rowsWritten: 0,
      contention: 0,
      retries: 0,
      fullScan: i % 2 === 0,
      indexRecommendations: [],
    }));
    for (const col of STATEMENT_COLUMNS)
      for (const dir of ['asc', 'desc'] as const)
        assert.deepEqual(
          [...sortOrder(stmts, col, dir)],
          referenceOrder(stmts.map(col.value), col.numeric, dir),
          `${col.key} ${dir}`,
        );
  });
});

describe('webviews: sorted views', () => {
  const rows: HotRangeRow[] = Array.from({ length: 500 }, (_, i) =>
    hot(i + 1, { qps: (i * 37) % 50, tables: [`t${i % 13}`], nodeId: (i % 5) + 1 }),
  );
  const qps = HOT_COLUMNS.find((c) => c.key === 'qps')!;
  const table = HOT_COLUMNS.find((c) => c.key === 'table')!;

  it('keep each order and give the same rows as sortRows', () => {
    const v = new SortedViews(rows);
    assert.equal(v.has(qps, 'desc'), false);
    assert.deepEqual(v.sorted(qps, 'desc'), sortRows(rows, qps, 'desc'));
    assert.equal(v.has(qps, 'desc'), true);
    assert.equal(v.order(qps, 'desc'), v.order(qps, 'desc'), 'computed once');
    assert.deepEqual(v.select(table, 'asc'), sortRows(rows, table, 'asc'));
  });

  it('under a filter give the rows a sort of the filtered rows gives, up to a limit', () => {
    const v = new SortedViews(rows);
    for (const f of [{ text: 't1' }, { nodeId: 3 }, { text: 'n2 t1' }, { table: 't4' }]) {
      const keep = v.mask(JSON.stringify(f), rowTest(f)!);
      for (const [col, dir] of [
        [qps, 'desc'],
        [table, 'asc'],
        [qps, 'asc'],
      ] as const)
        assert.deepEqual(v.select(col, dir, keep), sortRows(filterRows(rows, f), col, dir), JSON.stringify(f));
      assert.deepEqual(v.select(qps, 'desc', keep, 10), sortRows(filterRows(rows, f), qps, 'desc').slice(0, 10));
    }
  });

  it('test each row once per filter: the last mask is kept by its key', () => {
    const v = new SortedViews(rows);
    let tests = 0;
    const test = (r: HotRangeRow) => (tests++, r.qps > 10);
    const a = v.mask('qps>10', test);
    assert.equal(v.mask('qps>10', test), a);
    assert.equal(tests, rows.length);
    v.mask('other', () => true);
    v.mask('qps>10', test);
    assert.equal(tests, 2 * rows.length, 'only the last mask is kept');
  });
});
