// Roles that can call each Cloud API operation, copied from the "Can be used
// by the following roles" lines of the official spec (Cc-Version 2024-09-16).
// A 403 body only says "permission denied"; naming the roles here turns it
// into something an admin can act on ("give the service account CLUSTER_ADMIN").
import * as l10n from '@vscode/l10n';
import type { CloudRole } from './models';

const CLUSTER_READERS: readonly CloudRole[] = [
  'ORG_ADMIN',
  'CLUSTER_ADMIN',
  'CLUSTER_OPERATOR_WRITER',
  'CLUSTER_DEVELOPER',
  'FOLDER_ADMIN',
  'FOLDER_MOVER',
  'METRICS_VIEWER',
  'CLUSTER_MONITOR',
];
const CLUSTER_WORKERS: readonly CloudRole[] = ['CLUSTER_ADMIN', 'CLUSTER_OPERATOR_WRITER', 'CLUSTER_DEVELOPER'];
const CLUSTER_WRITERS: readonly CloudRole[] = ['CLUSTER_ADMIN', 'CLUSTER_OPERATOR_WRITER'];

export const REQUIRED_ROLES = {
  getOrganization: ['ORG_ADMIN', 'ORG_MEMBER'],
  listFolders: [...CLUSTER_READERS.slice(0, 4), 'CLUSTER_CREATOR', ...CLUSTER_READERS.slice(4)],
  getFolder: [...CLUSTER_READERS.slice(0, 4), 'CLUSTER_CREATOR', ...CLUSTER_READERS.slice(4)],
  listFolderContents: CLUSTER_READERS,
  listClusters: CLUSTER_READERS,
  getCluster: CLUSTER_READERS,
  getConnectionString: CLUSTER_READERS,
  listNodes: ['ORG_ADMIN', ...CLUSTER_WORKERS],
  listDatabases: CLUSTER_WORKERS,
  createDatabase: CLUSTER_WRITERS,
  renameDatabase: CLUSTER_WRITERS,
  deleteDatabase: CLUSTER_WRITERS,
  listSqlUsers: CLUSTER_WORKERS,
  createSqlUser: ['CLUSTER_ADMIN'],
  deleteSqlUser: ['CLUSTER_ADMIN'],
  changeSqlUserPassword: ['CLUSTER_ADMIN'],
  listAllowlist: CLUSTER_WORKERS,
  addAllowlistEntry: CLUSTER_WRITERS,
  updateAllowlistEntry: CLUSTER_WRITERS,
  removeAllowlistEntry: CLUSTER_WRITERS,
} as const satisfies Record<string, readonly CloudRole[]>;

export type CloudOperation = keyof typeof REQUIRED_ROLES;

/** "one of ORG_ADMIN, CLUSTER_ADMIN or CLUSTER_MONITOR" / "the CLUSTER_ADMIN role". */
export function describeRoles(op: CloudOperation): string {
  const roles: readonly string[] = REQUIRED_ROLES[op];
  if (roles.length === 1) return l10n.t('the {0} role', String(roles[0]));
  return l10n.t('one of these roles: {0} or {1}', roles.slice(0, -1).join(', '), String(roles[roles.length - 1]));
}
