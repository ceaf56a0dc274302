// Normalised models of the CockroachDB Cloud API (Cc-Version 2024-09-16).
//
// Convention: every model here is camelCase, like the Cluster API models in
// `../cluster/models.ts`, so screens never see wire names. The wire shapes
// (snake_case, int64 as strings) live in `wire.ts` and are converted by
// `normalize.ts`. Two deliberate exceptions to "convert everything":
//  - int64 fields (sent as JSON strings) become `number` when the value is a
//    safe integer and stay `string` otherwise, so no precision is ever lost;
//  - enum fields accept values this client does not know (newer API versions
//    add values): `KnownX | (string & {})` keeps autocomplete for known names
//    while letting any string through.

/** int64 from the wire: a number when it fits in 2^53, otherwise the exact decimal string. */
export type Int64 = number | string;

/** `string & {}` stops TypeScript from collapsing the union into plain `string`. */
export type OpenEnum<Known extends string> = Known | (string & {});

export const KNOWN_PLANS = ['BASIC', 'STANDARD', 'ADVANCED'] as const;
export type Plan = OpenEnum<(typeof KNOWN_PLANS)[number]>;

export const KNOWN_CLOUD_PROVIDERS = ['GCP', 'AWS', 'AZURE'] as const;
export type CloudProvider = OpenEnum<(typeof KNOWN_CLOUD_PROVIDERS)[number]>;

export const KNOWN_CLUSTER_STATES = ['CREATING', 'CREATED', 'CREATION_FAILED', 'DELETED', 'LOCKED'] as const;
export type ClusterState = OpenEnum<(typeof KNOWN_CLUSTER_STATES)[number]>;

export const KNOWN_OPERATION_STATUSES = [
  'UNSPECIFIED',
  'CRDB_MAJOR_UPGRADE_RUNNING',
  'CRDB_MAJOR_UPGRADE_FAILED',
  'CRDB_MAJOR_ROLLBACK_RUNNING',
  'CRDB_MAJOR_ROLLBACK_FAILED',
  'CRDB_PATCH_RUNNING',
  'CRDB_PATCH_FAILED',
  'CRDB_SCALE_RUNNING',
  'CRDB_SCALE_FAILED',
  'MAINTENANCE_RUNNING',
  'CRDB_INSTANCE_UPDATE_RUNNING',
  'CRDB_INSTANCE_UPDATE_FAILED',
  'CRDB_EDIT_CLUSTER_RUNNING',
  'CRDB_EDIT_CLUSTER_FAILED',
  'CRDB_CMEK_OPERATION_RUNNING',
  'CRDB_CMEK_OPERATION_FAILED',
  'TENANT_RESTORE_RUNNING',
  'TENANT_RESTORE_FAILED',
  'CRDB_LOG_EXPORT_OPERATION_RUNNING',
  'CRDB_LOG_EXPORT_OPERATION_FAILED',
  'CRDB_CLUSTER_DISRUPTION_RUNNING',
  'CRDB_CLUSTER_DISRUPTION_FAILED',
  'CRDB_REPAVE_RUNNING',
  'CRDB_REPAVE_FAILED',
  'CRDB_CUSTOM_CLIENT_CA_RUNNING',
  'CRDB_CUSTOM_CLIENT_CA_FAILED',
  'DEDICATED_FULL_CLUSTER_RESTORE_RUNNING',
  'DEDICATED_FULL_CLUSTER_RESTORE_FAILED',
] as const;
/** `ClusterStatus.Type` in the spec; older docs also show `CLUSTER_STATUS_UNSPECIFIED`. */
export type OperationStatus = OpenEnum<(typeof KNOWN_OPERATION_STATUSES)[number]>;

export const KNOWN_UPGRADE_STATUSES = [
  'FINALIZED',
  'MAJOR_UPGRADE_RUNNING',
  'UPGRADE_AVAILABLE',
  'PENDING_FINALIZATION',
  'ROLLBACK_RUNNING',
] as const;
export type UpgradeStatus = OpenEnum<(typeof KNOWN_UPGRADE_STATUSES)[number]>;

export const KNOWN_NODE_STATUSES = ['LIVE', 'NOT_READY'] as const;
export type CloudNodeStatus = OpenEnum<(typeof KNOWN_NODE_STATUSES)[number]>;

export type UpgradeType = OpenEnum<'MANUAL' | 'AUTOMATIC'>;
export type NetworkVisibility = OpenEnum<'PUBLIC' | 'PRIVATE'>;
export type DeleteProtection = OpenEnum<'ENABLED' | 'DISABLED'>;
export type EgressTrafficPolicy = OpenEnum<'UNSPECIFIED' | 'ERROR' | 'ALLOW_ALL' | 'DEFAULT_DENY' | 'UPDATING'>;
export type FolderResourceType = OpenEnum<'FOLDER' | 'CLUSTER'>;
export type SortOrder = 'ASC' | 'DESC';
export type ClusterSortBy = 'NAME' | 'CREATED_AT' | 'DELETED_AT';
export type ConnectionOs = 'MAC' | 'LINUX' | 'WINDOWS';

export type CloudRole = OpenEnum<
  | 'BILLING_COORDINATOR'
  | 'ORG_ADMIN'
  | 'ORG_MEMBER'
  | 'CLUSTER_ADMIN'
  | 'CLUSTER_OPERATOR_WRITER'
  | 'CLUSTER_DEVELOPER'
  | 'CLUSTER_CREATOR'
  | 'FOLDER_ADMIN'
  | 'FOLDER_MOVER'
  | 'METRICS_VIEWER'
  | 'CLUSTER_MONITOR'
  | 'BILLING_VIEWER'
>;

export interface Organization {
  id: string;
  name: string;
  label: string;
  createdAt: string;
}

export interface PathSegment {
  id: string;
  name: string;
}

/** A folder or a cluster inside the folder tree (`FolderResource`). */
export interface FolderResource {
  resourceId: string;
  resourceType: FolderResourceType;
  /** Folder id, or `root`. */
  parentId: string;
  organizationId: string;
  name: string;
  path: PathSegment[];
  labels: Record<string, string>;
}

export interface Region {
  name: string;
  sqlDns: string;
  /** DB Console host; empty for BASIC/STANDARD. May carry a port (the simulator's `localhost:<port>`). */
  uiDns: string;
  internalDns: string;
  privateEndpointDns: string;
  /** 0 for BASIC/STANDARD. */
  nodeCount: number;
  primary?: boolean;
}

export interface DedicatedConfig {
  machineType: string;
  numVirtualCpus: number;
  storageGib: number;
  memoryGib: number;
  diskIops: number;
}

export interface ServerlessConfig {
  routingId: string;
  upgradeType: UpgradeType;
  usageLimits?: {
    provisionedVirtualCpus?: Int64;
    requestUnitLimit?: Int64;
    storageMibLimit?: Int64;
  };
}

export interface CloudCluster {
  /** UUID (not the routing id). */
  id: string;
  name: string;
  cockroachVersion: string;
  plan: Plan;
  cloudProvider: CloudProvider;
  state: ClusterState;
  operationStatus: OperationStatus;
  upgradeStatus: UpgradeStatus;
  config: { dedicated?: DedicatedConfig; serverless?: ServerlessConfig };
  regions: Region[];
  sqlDns?: string;
  accountId?: string;
  cidrRange: string;
  labels: Record<string, string>;
  networkVisibility?: NetworkVisibility;
  deleteProtection?: DeleteProtection;
  egressTrafficPolicy?: EgressTrafficPolicy;
  /** Folder id, or `root`. */
  parentId?: string;
  creatorId: string;
  createdAt?: string;
  updatedAt?: string;
  deletedAt?: string;
}

export interface CloudNode {
  /** Pod-style name, e.g. `cockroachdb-4tq8m`; no node id or address (cannot be joined 1:1 with Cluster API nodes). */
  name: string;
  regionName: string;
  status: CloudNodeStatus;
}

export interface CloudDatabase {
  name: string;
  tableCount?: Int64;
}

export interface SqlUser {
  name: string;
}

export interface ConnectionString {
  connectionString: string;
  params: { host: string; port: string; database: string; username?: string };
}

export interface AllowlistEntry {
  cidrIp: string;
  cidrMask: number;
  name?: string;
  sql: boolean;
  ui: boolean;
}

export interface AllowlistPage extends KeysetPage<AllowlistEntry> {
  /** True while allowlist changes are still being applied to the cluster. */
  propagating: boolean;
}

/** One page of a keyset-paged list. `nextPage` is absent on the last page. */
export interface KeysetPage<T> {
  items: T[];
  nextPage?: string;
  previousPage?: string;
}

/** Request side of keyset paging (`pagination.*` query parameters). */
export interface PageRequest {
  /** Opaque token from a previous page's `nextPage`. */
  page?: string;
  limit?: number;
  /** RFC 3339; read a consistent snapshot across pages. */
  asOfTime?: string;
  sortOrder?: SortOrder;
}
