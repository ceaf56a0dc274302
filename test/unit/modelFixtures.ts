import type { NodeStatus, Session } from '../../src/api/cluster/models';
import type { RangeProblemFlags } from '../../src/domain/rangeProblems';

// Fixtures shared by the tree filter, status-bar health, range-problem and placement tests.
export const node = (id: number, liveness: NodeStatus['liveness'], region = 'us-east1'): NodeStatus => ({
  nodeId: id,
  address: `10.0.0.${id}:26257`,
  sqlAddress: `10.0.0.${id}:26257`,
  locality: [
    { key: 'region', value: region },
    { key: 'zone', value: `${region}-b` },
  ],
  version: 'v25.1.2',
  clusterName: '',
  startedAt: 1_700_000_000_000_000_123n,
  updatedAt: 1_700_000_100_000_000_456n,
  liveness,
  numCpus: 8,
  totalMemoryBytes: 32 * 1024 ** 3,
  metrics: {},
  storeMetrics: {},
});

export const session = (over: Partial<Session>): Session => ({
  id: 'ab12',
  nodeId: 1,
  username: 'app',
  clientAddress: '10.1.1.1:5000',
  applicationName: 'movr',
  status: 'active',
  activeQueries: [],
  ...over,
});

/** A replica's problem flags with nothing wrong. */
export const NO_PROBLEMS: RangeProblemFlags = {
  unavailable: false,
  leaderNotLeaseHolder: false,
  noRaftLeader: false,
  underreplicated: false,
  overreplicated: false,
  noLease: false,
  quiescentEqualsTicking: false,
  raftLogTooLarge: false,
  other: [],
};
