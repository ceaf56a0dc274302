// What views and panels need to know about one configured cluster: a stable id
// (used in tree ids, panel state and secret keys), a display name, and a client.
import type { ClusterApi } from '../api/cluster/api';

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
