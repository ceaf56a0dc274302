import assert from 'node:assert/strict';
import { NO_NAME, rollUp, rollupColumns } from '../../../src/webviews/model/rollup';
import { hot } from './fixtures';

const rows = [
  hot(1, { qps: 100, cpuTimePerSecond: 10, tables: ['users'], indexes: ['primary'], leaseholderNodeId: 1 }),
  hot(2, { qps: 50, cpuTimePerSecond: 5, tables: ['users'], indexes: ['users_by_email'], leaseholderNodeId: 1 }),
  hot(3, { qps: 50, tables: ['users'], indexes: ['primary'], leaseholderNodeId: 2 }),
  hot(4, { qps: 400, tables: ['rides'], indexes: ['primary'], leaseholderNodeId: 3 }),
  hot(5, { qps: 1, databases: [], tables: [], indexes: [] }),
  hot(6, { qps: 7, tables: ['a', 'b'], indexes: ['a.primary', 'b.primary'], leaseholderNodeId: 3 }),
];

describe('webviews: hot tables roll-up', () => {
  it('rolls up by table: sums, counts, hottest first', () => {
    const t = rollUp(rows, 'table');
    assert.deepEqual(
      t.map((r) => [r.table, r.rangeCount, r.qps]),
      [
        ['rides', 1, 400],
        ['users', 3, 200],
        ['a, b', 1, 7],
        [NO_NAME, 1, 1],
      ],
    );
    const users = t.find((r) => r.table === 'users')!;
    assert.equal(users.cpuTimePerSecond, 15, 'CPU summed over the ranges that report it');
    assert.equal(users.index, '');
    assert.deepEqual(users.rangeIds, [1, 2, 3], 'hottest range first, ties by id');
  });
  it('reports the leaseholder spread', () => {
    const users = rollUp(rows, 'table').find((r) => r.table === 'users')!;
    assert.equal(users.leaseholderCount, 2);
    assert.deepEqual(users.leaseholders, [
      [1, 2],
      [2, 1],
    ]);
    assert.equal(users.topLeaseholderShare, 150 / 200);
    const none = rollUp(rows, 'table').find((r) => r.table === NO_NAME)!;
    assert.equal(none.leaseholderCount, 0);
    assert.equal(none.cpuTimePerSecond, undefined);
  });
  it('rolls up by index', () => {
    const i = rollUp(rows, 'index');
    const up = i.find((r) => r.table === 'users' && r.index === 'primary')!;
    assert.equal(up.rangeCount, 2);
    assert.equal(up.qps, 150);
    assert.equal(i.length, 5);
  });
  it('counts a multi-table range once, so totals match the ranges', () => {
    const total = rows.reduce((s, r) => s + r.qps, 0);
    assert.equal(
      rollUp(rows, 'table').reduce((s, r) => s + r.qps, 0),
      total,
    );
    assert.equal(
      rollUp(rows, 'index').reduce((s, r) => s + r.qps, 0),
      total,
    );
  });
  it('keeps groups apart even when names contain separators', () => {
    const tricky = [hot(1, { databases: ['a'], tables: ['b c'] }), hot(2, { databases: ['a b'], tables: ['c'] })];
    assert.equal(rollUp(tricky, 'table').length, 2);
  });
  it('shows the index column only by index, CPU only when reported', () => {
    const old = rollUp([hot(1, { qps: 1 })], 'table');
    const keys = rollupColumns(old, 'table').map((c) => c.key);
    assert.ok(!keys.includes('index'));
    assert.ok(!keys.includes('cpuTimePerSecond'));
    assert.ok(rollupColumns(rollUp(rows, 'index'), 'index').some((c) => c.key === 'index'));
  });
  it('is empty for no rows', () => {
    assert.deepEqual(rollUp([], 'table'), []);
  });
});
