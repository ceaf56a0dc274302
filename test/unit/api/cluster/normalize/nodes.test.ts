import assert from 'node:assert/strict';
import { parseJson } from '../../../../../src/api/http/json';
import {
  livenessName,
  normalizeNode,
  normalizeNodes,
  versionString,
} from '../../../../../src/api/cluster/normalize/nodes';

// Flat v23.2+ node, as text so the nanosecond fields go through the lossless parser.
const FLAT_NODES = `{"nodes":[{"node_id":1,"address":{"network_field":"tcp","address_field":"crdb-a:26257"},"attrs":{},
 "locality":{"tiers":[{"key":"region","value":"us-east1"},{"key":"zone","value":"us-east1-b"}]},
 "ServerVersion":{"major_val":24,"minor_val":3},"build_tag":"v24.3.4","started_at":1736942400123456789,"cluster_name":"",
 "sql_address":{"network_field":"tcp","address_field":"crdb-a:26257"},"metrics":{"sql.conns":12,"sys.rss":1563420672},
 "store_metrics":{"1":{"capacity":107374182400,"ranges":71}},"total_system_memory":17179869184,"num_cpus":4,
 "updated_at":1737028800987654321,"liveness_status":3}]}`;

describe('normalize: nodes', () => {
  it('reads the flat node status with exact nanosecond timestamps', () => {
    const [n] = normalizeNodes(parseJson(FLAT_NODES));
    assert.ok(n);
    assert.equal(n.nodeId, 1);
    assert.equal(n.address, 'crdb-a:26257');
    assert.equal(n.sqlAddress, 'crdb-a:26257');
    assert.deepEqual(n.locality, [
      { key: 'region', value: 'us-east1' },
      { key: 'zone', value: 'us-east1-b' },
    ]);
    assert.equal(n.version, 'v24.3.4');
    assert.equal(n.startedAt, 1736942400123456789n);
    assert.equal(n.updatedAt, 1737028800987654321n);
    assert.equal(n.liveness, 'live');
    assert.equal(n.numCpus, 4);
    assert.equal(n.totalMemoryBytes, 17179869184);
    assert.deepEqual(n.metrics, { 'sql.conns': 12, 'sys.rss': 1563420672 });
    assert.deepEqual(n.storeMetrics, { '1': { capacity: 107374182400, ranges: 71 } });
  });

  it('reads the seed spec nested desc/build_info/store_statuses shape', () => {
    const n = normalizeNode(
      parseJson(`{"desc":{"node_id":7,"address":{"address_field":"n7:26257"},"locality":{"tiers":[{"key":"region","value":"eu"}]},
        "server_version":{"major_val":23,"minor_val":1,"patch":2},"cluster_name":"prod","sql_address":{"address_field":"n7:26258"}},
        "build_info":{"tag":"v23.1.2"},"started_at":1700000000000000001,"updated_at":1700000001000000001,
        "metrics":{"sql.conns":3,"bogus":"x"},"store_statuses":[{"desc":{"store_id":7},"metrics":{"capacity":10}}]}`),
    );
    assert.equal(n.nodeId, 7);
    assert.equal(n.address, 'n7:26257');
    assert.equal(n.sqlAddress, 'n7:26258');
    assert.equal(n.clusterName, 'prod');
    assert.equal(n.version, 'v23.1.2');
    assert.equal(n.startedAt, 1700000000000000001n);
    assert.equal(n.liveness, 'unknown');
    assert.deepEqual(n.metrics, { 'sql.conns': 3 });
    assert.deepEqual(n.storeMetrics, { '7': { capacity: 10 } });
    assert.deepEqual(n.locality, [{ key: 'region', value: 'eu' }]);
  });

  it('maps every liveness code and tolerates names and junk', () => {
    const names = [0, 1, 2, 3, 4, 5, 6, 7].map(livenessName);
    assert.deepEqual(names, [
      'unknown',
      'dead',
      'unavailable',
      'live',
      'decommissioning',
      'decommissioned',
      'draining',
      'starting',
    ]);
    assert.equal(livenessName(99), 'unknown');
    assert.equal(livenessName('NODE_STATUS_DRAINING'), 'draining');
    assert.equal(livenessName('3'), 'live');
    assert.equal(livenessName('weird'), 'unknown');
    assert.equal(livenessName(undefined), 'unknown');
    assert.equal(livenessName(3n), 'live');
  });

  it('derives a version from ServerVersion when build_tag is missing', () => {
    assert.equal(versionString('', { major_val: 25, minor_val: 1 }), 'v25.1');
    assert.equal(versionString(undefined, { major_val: 25, minor_val: 1, patch: 3 }), 'v25.1.3');
    assert.equal(versionString(undefined, {}), '');
    const n = normalizeNode({ node_id: 2, ServerVersion: { major_val: 22, minor_val: 2 } });
    assert.equal(n.version, 'v22.2');
    assert.equal(n.startedAt, 0n);
    assert.deepEqual(n.locality, []);
    assert.deepEqual(n.storeMetrics, {});
  });

  it('returns no nodes for a null list', () => {
    assert.deepEqual(normalizeNodes({ nodes: null }), []);
    assert.deepEqual(normalizeNodes('garbage'), []);
  });
});
