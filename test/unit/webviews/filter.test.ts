import assert from 'node:assert/strict';
import { filterOptions, filterRows, isEmptyFilter } from '../../../src/webviews/model/filter';
import { hot } from './fixtures';

const rows = [
  hot(1, {
    databases: ['movr'],
    tables: ['users'],
    indexes: ['primary'],
    nodeId: 1,
    leaseholderNodeId: 1,
    replicaNodeIds: [1, 2, 3],
    locality: 'region=us-east1,zone=a',
  }),
  hot(2, {
    databases: ['movr'],
    tables: ['rides'],
    indexes: ['rides_by_city'],
    nodeId: 4,
    leaseholderNodeId: 4,
    replicaNodeIds: [4, 5, 6],
    locality: 'region=eu-west1,zone=b',
  }),
  hot(3, {
    databases: ['bank'],
    tables: ['users'],
    indexes: ['primary'],
    nodeId: 2,
    leaseholderNodeId: 2,
    replicaNodeIds: [2, 7, 8],
  }),
  hot(44, { databases: [], tables: [], indexes: [], nodeId: 9, replicaNodeIds: [] }),
];
const ids = (rs: Array<{ rangeId: number }>) => rs.map((r) => r.rangeId);

describe('webviews: filtering', () => {
  it('an empty filter keeps everything (a copy)', () => {
    const out = filterRows(rows, {});
    assert.deepEqual(ids(out), [1, 2, 3, 44]);
    assert.notEqual(out, rows);
    assert.ok(isEmptyFilter({ text: '   ' }));
  });
  it('filters by exact database, table and index', () => {
    assert.deepEqual(ids(filterRows(rows, { database: 'movr' })), [1, 2]);
    assert.deepEqual(ids(filterRows(rows, { table: 'users' })), [1, 3]);
    assert.deepEqual(ids(filterRows(rows, { table: 'user' })), [], 'no partial match on the table filter');
    assert.deepEqual(ids(filterRows(rows, { database: 'movr', table: 'users' })), [1]);
    assert.deepEqual(ids(filterRows(rows, { index: 'rides_by_city' })), [2]);
  });
  it('filters by node: reporting node, leaseholder or replica', () => {
    assert.deepEqual(ids(filterRows(rows, { nodeId: 2 })), [1, 3]);
    assert.deepEqual(ids(filterRows(rows, { nodeId: 9 })), [44]);
  });
  it('free text matches names, range ids, nodes and locality, case-insensitively, all terms', () => {
    assert.deepEqual(ids(filterRows(rows, { text: 'RIDES' })), [2]);
    assert.deepEqual(ids(filterRows(rows, { text: 'r44' })), [44]);
    assert.deepEqual(ids(filterRows(rows, { text: 'n7' })), [3]);
    assert.deepEqual(ids(filterRows(rows, { text: 'eu-west1' })), [2]);
    assert.deepEqual(ids(filterRows(rows, { text: 'users bank' })), [3]);
    assert.deepEqual(ids(filterRows(rows, { text: 'users nothing' })), []);
  });
  it('treats hostile text as plain text (no regex)', () => {
    const weird = [hot(1, { tables: ['a.*(b'] }), hot(2, { tables: ['ab'] })];
    assert.deepEqual(ids(filterRows(weird, { text: '.*(' })), [1]);
  });
  it('lists distinct options, naturally sorted', () => {
    const o = filterOptions(rows);
    assert.deepEqual(o.databases, ['bank', 'movr']);
    assert.deepEqual(o.tables, ['rides', 'users']);
    assert.deepEqual(o.nodes, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
