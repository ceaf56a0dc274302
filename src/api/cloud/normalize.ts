// Wire (snake_case JSON) → models.ts (camelCase). The server is trusted for
// shape but not for completeness: optional fields may be missing, int64s are
// strings, and enums may carry values newer than this client. Anything that is
// not even an object is reported as `malformed` so the UI can say so instead of
// showing a half-empty row.
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import type {
  AllowlistEntry,
  CloudCluster,
  CloudDatabase,
  CloudNode,
  ConnectionString,
  DedicatedConfig,
  FolderResource,
  Int64,
  Organization,
  Region,
  ServerlessConfig,
  SqlUser,
} from './models';

type Obj = Record<string, unknown>;

export function asObject(v: unknown, route: string): Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new ApiError('malformed', l10n.t('The Cloud API returned an unexpected response for {0}.', route), { route });
  }
  return v as Obj;
}

export function asArray(v: unknown, field: string, route: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    throw new ApiError('malformed', l10n.t('The Cloud API returned an unexpected "{0}" list for {1}.', field, route), {
      route,
    });
  }
  return v;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const optStr = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return 0;
};
const bool = (v: unknown): boolean => v === true || v === 'true';
const labels = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, val] of Object.entries(v)) out[k] = str(val);
  return out;
};

/**
 * int64 values arrive as JSON strings (proto3 JSON mapping). Keep them exact:
 * a number when it is a safe integer, the original decimal string otherwise.
 */
export function int64(v: unknown): Int64 | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  if (/^-?\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  return s;
}

export function toOrganization(v: unknown, route: string): Organization {
  const o = asObject(v, route);
  return { id: str(o.id), name: str(o.name), label: str(o.label), createdAt: str(o.created_at) };
}

export function toFolder(v: unknown, route: string): FolderResource {
  const o = asObject(v, route);
  return {
    resourceId: str(o.resource_id),
    resourceType: str(o.resource_type),
    parentId: str(o.parent_id) || 'root',
    organizationId: str(o.organization_id),
    name: str(o.name),
    path: asArray(o.path, 'path', route).map((p) => {
      const s = asObject(p, route);
      return { id: str(s.id), name: str(s.name) };
    }),
    labels: labels(o.labels),
  };
}

function toRegion(v: unknown, route: string): Region {
  const o = asObject(v, route);
  const r: Region = {
    name: str(o.name),
    sqlDns: str(o.sql_dns),
    uiDns: str(o.ui_dns),
    internalDns: str(o.internal_dns),
    privateEndpointDns: str(o.private_endpoint_dns),
    nodeCount: num(o.node_count),
  };
  if (typeof o.primary === 'boolean') r.primary = o.primary;
  return r;
}

function toDedicated(v: unknown, route: string): DedicatedConfig {
  const o = asObject(v, route);
  return {
    machineType: str(o.machine_type),
    numVirtualCpus: num(o.num_virtual_cpus),
    storageGib: num(o.storage_gib),
    memoryGib: num(o.memory_gib),
    diskIops: num(o.disk_iops),
  };
}

function toServerless(v: unknown, route: string): ServerlessConfig {
  const o = asObject(v, route);
  const out: ServerlessConfig = { routingId: str(o.routing_id), upgradeType: str(o.upgrade_type) };
  if (o.usage_limits && typeof o.usage_limits === 'object') {
    const u = o.usage_limits as Obj;
    out.usageLimits = {};
    const cpus = int64(u.provisioned_virtual_cpus);
    const ru = int64(u.request_unit_limit);
    const mib = int64(u.storage_mib_limit);
    if (cpus !== undefined) out.usageLimits.provisionedVirtualCpus = cpus;
    if (ru !== undefined) out.usageLimits.requestUnitLimit = ru;
    if (mib !== undefined) out.usageLimits.storageMibLimit = mib;
  }
  return out;
}

export function toCluster(v: unknown, route: string): CloudCluster {
  const o = asObject(v, route);
  const cfg = o.config && typeof o.config === 'object' ? (o.config as Obj) : {};
  const c: CloudCluster = {
    id: str(o.id),
    name: str(o.name),
    cockroachVersion: str(o.cockroach_version),
    plan: str(o.plan),
    cloudProvider: str(o.cloud_provider),
    state: str(o.state),
    operationStatus: str(o.operation_status) || 'UNSPECIFIED',
    upgradeStatus: str(o.upgrade_status),
    config: {},
    regions: asArray(o.regions, 'regions', route).map((r) => toRegion(r, route)),
    cidrRange: str(o.cidr_range),
    labels: labels(o.labels),
    creatorId: str(o.creator_id),
  };
  if (cfg.dedicated) c.config.dedicated = toDedicated(cfg.dedicated, route);
  if (cfg.serverless) c.config.serverless = toServerless(cfg.serverless, route);
  const optional: [keyof CloudCluster, unknown][] = [
    ['sqlDns', o.sql_dns],
    ['accountId', o.account_id],
    ['networkVisibility', o.network_visibility],
    ['deleteProtection', o.delete_protection],
    ['egressTrafficPolicy', o.egress_traffic_policy],
    ['parentId', o.parent_id],
    ['createdAt', o.created_at],
    ['updatedAt', o.updated_at],
    ['deletedAt', o.deleted_at],
  ];
  for (const [k, val] of optional) {
    const s = optStr(val);
    if (s !== undefined) (c as unknown as Record<string, unknown>)[k] = s;
  }
  return c;
}

export function toNode(v: unknown, route: string): CloudNode {
  const o = asObject(v, route);
  return { name: str(o.name), regionName: str(o.region_name), status: str(o.status) };
}

export function toDatabase(v: unknown, route: string): CloudDatabase {
  const o = asObject(v, route);
  const d: CloudDatabase = { name: str(o.name) };
  const tc = int64(o.table_count);
  if (tc !== undefined) d.tableCount = tc;
  return d;
}

export function toSqlUser(v: unknown, route: string): SqlUser {
  return { name: str(asObject(v, route).name) };
}

export function toConnectionString(v: unknown, route: string): ConnectionString {
  const o = asObject(v, route);
  // The spec capitalises these keys (Host, Port, …); accept lowercase too in case that is ever fixed.
  const p = o.params && typeof o.params === 'object' ? (o.params as Obj) : {};
  const params: ConnectionString['params'] = {
    host: str(p.Host ?? p.host),
    port: str(p.Port ?? p.port),
    database: str(p.Database ?? p.database),
  };
  const user = optStr(p.Username ?? p.username);
  if (user !== undefined) params.username = user;
  return { connectionString: str(o.connection_string), params };
}

export function toAllowlistEntry(v: unknown, route: string): AllowlistEntry {
  const o = asObject(v, route);
  const e: AllowlistEntry = { cidrIp: str(o.cidr_ip), cidrMask: num(o.cidr_mask), sql: bool(o.sql), ui: bool(o.ui) };
  const name = optStr(o.name);
  if (name !== undefined) e.name = name;
  return e;
}
