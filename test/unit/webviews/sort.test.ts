import assert from 'node:assert/strict';
import { HOT_COLUMNS, presentColumns, type HotColumnKey } from '../../../src/webviews/model/columns';
import { nextSort, sortRows } from '../../../src/webviews/model/sort';
import { ROLLUP_COLUMNS, rollUp } from '../../../src/webviews/model/rollup';
import { hot } from './fixtures';

const rows = [
  hot(3, {
    qps: 10,
    cpuTimePerSecond: 3e6,
    writesPerSecond: 1,
    readsPerSecond: 9,
    writeBytesPerSecond: 100,
    readBytesPerSecond: 5,
    leaseholderNodeId: 2,
    replicaNodeIds: [1, 2],
    storeId: 2,
    databases: ['b'],
    tables: ['t10'],
    indexes: ['i2'],
    locality: 'region=us-east1',
  }),
  hot(1, {
    qps: 30,
    cpuTimePerSecond: 1e6,
    writesPerSecond: 3,
    readsPerSecond: 7,
    writeBytesPerSecond: 300,
    readBytesPerSecond: 1,
    leaseholderNodeId: 10,
    replicaNodeIds: [1, 2, 3, 4],
    storeId: 10,
    databases: ['a'],
    tables: ['t2'],
    indexes: ['i10'],
    locality: 'region=eu-west1',
  }),
  hot(2, {
    qps: 20,
    cpuTimePerSecond: 2e6,
    writesPerSecond: 2,
    readsPerSecond: 8,
    writeBytesPerSecond: 200,
    readBytesPerSecond: 3,
    leaseholderNodeId: 1,
    replicaNodeIds: [5, 6, 7],
    storeId: 1,
    databases: ['C'],
    tables: ['t1'],
    indexes: ['i1'],
    locality: 'region=asia-south1',
  }),
];

const ids = (rs: Array<{ rangeId: number }>) => rs.map((r) => r.rangeId);

describe('webviews: sorting', () => {
  const expectedAsc: Record<HotColumnKey, number[]> = {
    rangeId: [1, 2, 3],
    qps: [3, 2, 1],
    cpuTimePerSecond: [1, 2, 3],
    writesPerSecond: [3, 2, 1],
    readsPerSecond: [1, 2, 3],
    writeBytesPerSecond: [3, 2, 1],
    readBytesPerSecond: [1, 2, 3],
    leaseholderNodeId: [2, 3, 1], // numeric: 1 < 2 < 10, not text order
    replicaNodeIds: [3, 2, 1], // by replica count: 2, 3, 4
    storeId: [2, 3, 1],
    database: [1, 3, 2], // a, b, C: case-insensitive
    table: [2, 1, 3], // natural: t1, t2, t10
    index: [2, 3, 1], // i1, i2, i10
    locality: [2, 1, 3],
  };
  for (const col of HOT_COLUMNS) {
    it(`sorts by ${col.key} both ways`, () => {
      assert.deepEqual(ids(sortRows(rows, col, 'asc')), expectedAsc[col.key]);
      assert.deepEqual(ids(sortRows(rows, col, 'desc')), [...expectedAsc[col.key]].reverse());
    });
  }

  it('is stable: equal keys keep their input order in both directions', () => {
    const eq = [hot(5, { qps: 1 }), hot(4, { qps: 2 }), hot(6, { qps: 1 }), hot(7, { qps: 1 })];
    const qps = HOT_COLUMNS.find((c) => c.key === 'qps')!;
    assert.deepEqual(ids(sortRows(eq, qps, 'asc')), [5, 6, 7, 4]);
    assert.deepEqual(ids(sortRows(eq, qps, 'desc')), [4, 5, 6, 7]);
  });

  it('puts absent values last in either direction', () => {
    const mixed = [hot(1), hot(2, { cpuTimePerSecond: 5 }), hot(3, { cpuTimePerSecond: 1 })];
    const cpu = HOT_COLUMNS.find((c) => c.key === 'cpuTimePerSecond')!;
    assert.deepEqual(ids(sortRows(mixed, cpu, 'asc')), [3, 2, 1]);
    assert.deepEqual(ids(sortRows(mixed, cpu, 'desc')), [2, 3, 1]);
  });

  it('does not modify its input', () => {
    const copy = rows.slice();
    sortRows(rows, HOT_COLUMNS[1]!, 'asc');
    assert.deepEqual(rows, copy);
  });

  it('sorts 12,800 rows quickly', () => {
    const big = Array.from({ length: 12_800 }, (_, i) =>
      hot(i + 1, { qps: (i * 7919) % 1000, tables: [`t${i % 97}`] }),
    );
    const t0 = performance.now();
    for (const col of HOT_COLUMNS) sortRows(big, col, 'desc');
    assert.ok(performance.now() - t0 < 2000, 'all columns sorted within 2 s');
  });

  it('sorts roll-up rows by every column', () => {
    const rolled = rollUp(rows, 'index');
    for (const col of ROLLUP_COLUMNS) assert.equal(sortRows(rolled, col, 'asc').length, rolled.length, col.key);
    const byQps = sortRows(
      rolled,
      ROLLUP_COLUMNS.find((c) => c.key === 'qps')!,
      'desc',
    );
    assert.deepEqual(
      byQps.map((r) => r.qps),
      [30, 20, 10],
    );
  });

  it('header clicks: same column flips, a new numeric column starts descending, text ascending', () => {
    assert.deepEqual(nextSort({ key: 'qps', dir: 'desc' }, 'qps', true), { key: 'qps', dir: 'asc' });
    assert.deepEqual(nextSort({ key: 'qps', dir: 'desc' }, 'rangeId', true), { key: 'rangeId', dir: 'desc' });
    assert.deepEqual(nextSort({ key: 'qps', dir: 'desc' }, 'table', false), { key: 'table', dir: 'asc' });
  });
});

describe('webviews: columns', () => {
  it('hides columns no row has a value for (older servers)', () => {
    const v21 = [hot(1, { qps: 3, databases: [], tables: [], indexes: [], replicaNodeIds: [], storeId: 1 })];
    assert.deepEqual(
      presentColumns(v21).map((c) => c.key),
      ['rangeId', 'qps', 'storeId'],
    );
  });
  it('shows every column a v25 server sends', () => {
    assert.equal(presentColumns(rows).length, HOT_COLUMNS.length);
  });
  it('formats CPU (ns/s) and bytes for display', () => {
    const cpu = HOT_COLUMNS.find((c) => c.key === 'cpuTimePerSecond')!;
    const wb = HOT_COLUMNS.find((c) => c.key === 'writeBytesPerSecond')!;
    assert.equal(cpu.text(hot(1, { cpuTimePerSecond: 2_500_000 })), '2.5 ms');
    assert.equal(cpu.text(hot(1, { cpuTimePerSecond: 1_500_000_000 })), '1.50 s');
    assert.equal(wb.text(hot(1, { writeBytesPerSecond: 2048 })), '2.0 KiB');
  });
});
