import assert from 'node:assert/strict';
import { cursorOf, dedupeHotRanges, normalizeHotRangesPage } from '../../../../../src/api/cluster/normalize/hotRanges';

describe('normalize: hot ranges', () => {
  it('reads the v21 ranges_by_node_id map', () => {
    const page = normalizeHotRangesPage({
      ranges_by_node_id: {
        '1': [{ range_id: 74, start_key: '8okS', end_key: '8okT', store_id: 1, queries_per_second: 104.2 }],
        '2': [{ range_id: 91, store_id: 2, queries_per_second: 55.8 }],
        '3': null,
      },
      next: 'MSwyLDMsfDB8MHw=',
    });
    assert.equal(page.entries.length, 2);
    assert.deepEqual(page.entries[0], {
      rangeId: 74,
      nodeId: 1,
      qps: 104.2,
      replicaNodeIds: [1],
      databases: [],
      tables: [],
      indexes: [],
      storeId: 1,
      // 0xf2 0x89 = table 106, index 1; 0x12 is not an int, so it stays escaped.
      startKey: '/Table/106/1/"\\x12"',
      endKey: '/Table/106/1/"\\x13"',
    });
    assert.equal(page.entries[1]!.nodeId, 2);
    assert.equal(page.next, 'MSwyLDMsfDB8MHw=');
    assert.deepEqual(page.errors, []);
  });

  it('reads the v22–v24 flat shape, including the seed db_name spelling', () => {
    const page = normalizeHotRangesPage({
      ranges: [
        {
          range_id: 74,
          node_id: 1,
          qps: 104.2,
          leaseholder_node_id: 1,
          table_name: 'rides',
          database_name: 'movr',
          index_name: 'rides_pkey',
          schema_name: 'public',
          replica_node_ids: [1, 2, 3],
          store_id: 1,
        },
        { range_id: 80, node_id: 2, qps: 3, table_name: 'users', db_name: 'seeddb', index_name: 'users_pkey' },
      ],
    });
    const [a, b] = page.entries;
    assert.deepEqual(
      [a!.databases, a!.tables, a!.indexes, a!.schemaName, a!.leaseholderNodeId],
      [['movr'], ['rides'], ['rides_pkey'], 'public', 1],
    );
    assert.deepEqual(a!.replicaNodeIds, [1, 2, 3]);
    assert.deepEqual(b!.databases, ['seeddb']);
    assert.deepEqual(b!.replicaNodeIds, [2]);
    assert.equal(b!.leaseholderNodeId, undefined);
    assert.equal(page.next, undefined);
  });

  it('reads the v25 arrays, load stats and response_error', () => {
    const page = normalizeHotRangesPage({
      ranges: [
        {
          range_id: 91,
          node_id: 2,
          qps: 55.8,
          writes_per_second: 2,
          reads_per_second: 98.6,
          write_bytes_per_second: 310,
          read_bytes_per_second: 15200.7,
          cpu_time_per_second: 420000,
          leaseholder_node_id: 2,
          databases: ['movr'],
          tables: ['users', 'vehicles'],
          indexes: ['users.users_pkey', 'vehicles.vehicles_pkey'],
          replica_node_ids: [1, 2, 3],
          store_id: 2,
        },
      ],
      response_error: [{ error_message: 'node 3 timed out', node_id: 3 }],
      next: 'abc',
    });
    const h = page.entries[0]!;
    assert.deepEqual(h.tables, ['users', 'vehicles']);
    assert.equal(h.writesPerSecond, 2);
    assert.equal(h.cpuTimePerSecond, 420000);
    assert.equal(h.readBytesPerSecond, 15200.7);
    assert.deepEqual(page.errors, [{ nodeId: 3, message: 'node 3 timed out' }]);
  });

  it('treats ranges: null as no hot ranges', () => {
    assert.deepEqual(normalizeHotRangesPage({ ranges: null, next: '' }), { entries: [], errors: [] });
  });

  it('merges replicas: the leaseholder entry wins, else the busiest; replica ids are unioned; sorted by qps', () => {
    const entries = normalizeHotRangesPage({
      ranges: [
        { range_id: 5, node_id: 1, qps: 90, leaseholder_node_id: 2, replica_node_ids: [1, 2], tables: ['t'] },
        { range_id: 5, node_id: 2, qps: 40, leaseholder_node_id: 2, replica_node_ids: [1, 2, 3], tables: ['t'] },
        { range_id: 6, node_id: 3, qps: 10, replica_node_ids: [] },
        { range_id: 6, node_id: 4, qps: 70, replica_node_ids: [] },
        { range_id: 7, node_id: 1, qps: 70 },
      ],
    }).entries;
    const merged = dedupeHotRanges(entries);
    assert.deepEqual(
      merged.map((h) => [h.rangeId, h.nodeId, h.qps, h.replicaNodeIds]),
      [
        [6, 4, 70, [3, 4]],
        [7, 1, 70, [1]],
        [5, 2, 40, [1, 2, 3]],
      ],
    );
    assert.equal(merged[2]!.leaseholderNodeId, 2);
  });

  it('keeps a leaseholder id seen on any replica entry', () => {
    const merged = dedupeHotRanges([
      { rangeId: 1, nodeId: 1, qps: 9, replicaNodeIds: [1], databases: [], tables: [], indexes: [] },
      {
        rangeId: 1,
        nodeId: 2,
        qps: 1,
        leaseholderNodeId: 3,
        replicaNodeIds: [2],
        databases: [],
        tables: [],
        indexes: [],
      },
    ]);
    assert.equal(merged.length, 1);
    assert.equal(merged[0]!.nodeId, 1);
    assert.equal(merged[0]!.leaseholderNodeId, 3);
  });

  it('reads string and integer cursors', () => {
    assert.equal(cursorOf('x'), 'x');
    assert.equal(cursorOf(''), undefined);
    assert.equal(cursorOf(20), '20');
    assert.equal(cursorOf(0), undefined);
    assert.equal(cursorOf(null), undefined);
  });
});
