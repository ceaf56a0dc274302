// The two shapes of a cluster outside the settings: what a connection is built
// from (ClusterConfig, from a cockroachdb.clusters entry or a Cloud ADVANCED
// cluster) and what views, panels and sign-in use (ClusterHandle: a stable id
// used in tree ids, panel state and secret keys, a display name, and a client).
import type { ClusterApi } from '../api/cluster/api';

export interface ClusterConfig {
  /** Normalised origin (`https://host:port`): the cluster's id and the key of its secrets. */
  readonly id: string;
  readonly name: string;
  /** Where requests go. */
  readonly url: string;
  readonly consoleUrl: string;
  /** 'settings': an entry of cockroachdb.clusters; 'cloud': an ADVANCED cluster of a Cloud account. */
  readonly source: 'settings' | 'cloud';
  readonly caFile?: string;
  /** The CA itself, when it came from the Cloud API rather than a file. */
  readonly caPem?: string;
  readonly skipTlsVerify?: boolean;
  readonly virtualCluster?: string;
  /** Run SQL refuses statements that write or change schema or privileges. */
  readonly readOnly?: boolean;
}

export interface ClusterHandle {
  /** Stable id: the cluster's normalised origin, e.g. `https://db1.example.com:8080`. */
  readonly id: string;
  readonly name: string;
  readonly client: ClusterApi;
  /** The DB Console's address, for "Open DB Console". */
  readonly consoleUrl: string;
}

/** Looks clusters up by id; panels restored after a reload use it to find their cluster again. */
export interface ClusterResolver {
  resolve(clusterId: string): ClusterHandle | undefined;
}
