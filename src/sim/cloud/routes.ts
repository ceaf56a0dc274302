// Cloud API v1 route handlers of the simulator. Each route names the client
// operation whose role list (src/api/cloud/roles.ts, copied from the spec)
// gates it, so a restricted key gets the same 403s the real service gives.
import { isIP } from 'node:net';
import type { CloudOperation } from '../../api/cloud/roles';
import type { ClusterState, CloudWorld, WireAllowlistEntry } from './data';
import { GRPC, SimHttpError, paginate } from './paging';

export interface RouteContext {
  world: CloudWorld;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  op: CloudOperation;
  handle(ctx: RouteContext): unknown;
}

const SEG = '([^/]+)';
const r = (method: string, path: string, op: CloudOperation, handle: Route['handle']): Route => ({
  method,
  pattern: new RegExp(`^/api/v1/${path.replace(/\{[a-z_]+\}/g, SEG)}/?$`),
  op,
  handle,
});

const INACTIVE = new Set(['DELETED', 'CREATION_FAILED']);
const NAME_RE = /^[a-z_][a-z0-9_.-]{0,62}$/i;

function cluster(ctx: RouteContext): ClusterState {
  const c = ctx.world.clusters.get(ctx.params[0]!);
  if (!c) throw new SimHttpError(404, GRPC.NOT_FOUND, 'cluster not found');
  return c;
}

/** Mutations need a running cluster; a LOCKED or CREATING one refuses them, like the real service. */
function mutable(ctx: RouteContext): ClusterState {
  const c = cluster(ctx);
  if (c.cluster.state !== 'CREATED') {
    throw new SimHttpError(
      400,
      GRPC.FAILED_PRECONDITION,
      `cluster is ${c.cluster.state}; the operation is not allowed in this state`,
    );
  }
  return c;
}

function str(ctx: RouteContext, field: string): string {
  const v = ctx.body[field];
  if (typeof v !== 'string' || v === '') throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, `${field} is required`);
  return v;
}

function validName(name: string, what: string): string {
  if (!NAME_RE.test(name)) throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, `invalid ${what} name "${name}"`);
  return name;
}

function renameDb(ctx: RouteContext, from: string): unknown {
  const c = mutable(ctx);
  const to = validName(str(ctx, 'new_name'), 'database');
  const db = c.databases.get(from);
  if (!db) throw new SimHttpError(404, GRPC.NOT_FOUND, `database "${from}" not found`);
  if (c.databases.has(to)) throw new SimHttpError(409, GRPC.ALREADY_EXISTS, `database "${to}" already exists`);
  c.databases.delete(from);
  const renamed = { ...db, name: to };
  c.databases.set(to, renamed);
  return renamed;
}

function findEntry(c: ClusterState, ip: string, mask: string): WireAllowlistEntry {
  const e = c.allowlist.find((x) => x.cidr_ip === ip && String(x.cidr_mask) === mask);
  if (!e) throw new SimHttpError(404, GRPC.NOT_FOUND, `allowlist entry ${ip}/${mask} not found`);
  return e;
}

function updateEntry(ctx: RouteContext): unknown {
  const c = mutable(ctx);
  const e = findEntry(c, ctx.params[1]!, ctx.params[2]!);
  if (typeof ctx.body.ui !== 'boolean' || typeof ctx.body.sql !== 'boolean') {
    throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'ui and sql are required');
  }
  e.ui = ctx.body.ui;
  e.sql = ctx.body.sql;
  if (typeof ctx.body.name === 'string') e.name = ctx.body.name;
  return e;
}

const DB_ROUTE = 'clusters/{cluster_id}/databases';
const USER_ROUTE = 'clusters/{cluster_id}/sql-users';
const AL_ROUTE = 'clusters/{cluster_id}/networking/allowlist';

export const ROUTES: Route[] = [
  r('GET', 'organization', 'getOrganization', (ctx) => ctx.world.organization),

  r('GET', 'folders', 'listFolders', (ctx) => {
    const want = (ctx.query.get('path') ?? '').replace(/^\/+|\/+$/g, '');
    const pathOf = (f: (typeof ctx.world.folders)[number]): string => [...f.path.map((p) => p.name), f.name].join('/');
    const all = want ? ctx.world.folders.filter((f) => pathOf(f) === want) : ctx.world.folders;
    const { items, pagination } = paginate(all, (f) => `${f.name}\u0000${f.resource_id}`, ctx.query);
    return { folders: items, pagination };
  }),
  r('GET', 'folders/{folder_id}', 'getFolder', (ctx) => {
    const f = ctx.world.folders.find((x) => x.resource_id === ctx.params[0]);
    if (!f) throw new SimHttpError(404, GRPC.NOT_FOUND, 'folder not found');
    return f;
  }),
  r('GET', 'folders/{folder_id}/contents', 'listFolderContents', (ctx) => {
    const id = ctx.params[0]!;
    const parent = ctx.world.folders.find((x) => x.resource_id === id);
    if (id !== 'root' && !parent) throw new SimHttpError(404, GRPC.NOT_FOUND, 'folder not found');
    const path = parent ? [...parent.path, { id: parent.resource_id, name: parent.name }] : [];
    const folders = ctx.world.folders.filter((f) => f.parent_id === id);
    const clusters = [...ctx.world.clusters.values()]
      .map((c) => c.cluster)
      .filter((c) => c.parent_id === id && !INACTIVE.has(c.state))
      .map((c) => ({
        resource_id: c.id,
        resource_type: 'CLUSTER',
        parent_id: id,
        organization_id: ctx.world.organization.id,
        name: c.name,
        path,
        labels: c.labels,
      }));
    // Folders sorted by name, then clusters sorted by name (spec); the type prefix keeps that order.
    const all = [
      ...folders.map((f) => ({ k: `0${f.name}`, v: f as unknown })),
      ...clusters.map((c) => ({ k: `1${c.name}`, v: c as unknown })),
    ];
    const { items, pagination } = paginate(all, (x) => `${x.k}\u0000`, ctx.query);
    return { resources: items.map((x) => x.v), pagination };
  }),

  r('GET', 'clusters', 'listClusters', (ctx) => {
    const showInactive = ctx.query.get('show_inactive') === 'true';
    const sortBy = ctx.query.get('pagination.sort_by') ?? 'NAME';
    if (!['NAME', 'CREATED_AT', 'DELETED_AT'].includes(sortBy))
      throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid pagination.sort_by');
    const all = [...ctx.world.clusters.values()]
      .map((c) => c.cluster)
      .filter((c) => showInactive || !INACTIVE.has(c.state));
    const key = (c: (typeof all)[number]): string =>
      `${sortBy === 'NAME' ? c.name : sortBy === 'DELETED_AT' ? String(c.deleted_at ?? c.created_at) : c.created_at}\u0000${c.id}`;
    const { items, pagination } = paginate(all, key, ctx.query);
    return { clusters: items, pagination };
  }),
  r('GET', 'clusters/{cluster_id}', 'getCluster', (ctx) => cluster(ctx).cluster),

  r('GET', 'clusters/{cluster_id}/nodes', 'listNodes', (ctx) => {
    const region = ctx.query.get('region_name');
    const nodes = cluster(ctx).nodes.filter((n) => !region || n.region_name === region);
    const { items, pagination } = paginate(nodes, (n) => `${n.region_name}\u0000${n.name}`, ctx.query);
    return { nodes: items, pagination };
  }),

  r('GET', DB_ROUTE, 'listDatabases', (ctx) => {
    const { items, pagination } = paginate([...cluster(ctx).databases.values()], (d) => d.name, ctx.query);
    return { databases: items, pagination };
  }),
  r('POST', DB_ROUTE, 'createDatabase', (ctx) => {
    const c = mutable(ctx);
    const name = validName(str(ctx, 'name'), 'database');
    if (c.databases.has(name)) throw new SimHttpError(409, GRPC.ALREADY_EXISTS, `database "${name}" already exists`);
    const db = { name, table_count: '0' };
    c.databases.set(name, db);
    return db;
  }),
  r('PATCH', DB_ROUTE, 'renameDatabase', (ctx) => renameDb(ctx, str(ctx, 'name'))),
  r('PATCH', `${DB_ROUTE}/{name}`, 'renameDatabase', (ctx) => renameDb(ctx, decodeURIComponent(ctx.params[1]!))),
  r('DELETE', `${DB_ROUTE}/{name}`, 'deleteDatabase', (ctx) => {
    const c = mutable(ctx);
    const name = decodeURIComponent(ctx.params[1]!);
    const db = c.databases.get(name);
    if (!db) throw new SimHttpError(404, GRPC.NOT_FOUND, `database "${name}" not found`);
    c.databases.delete(name);
    return db;
  }),

  r('GET', USER_ROUTE, 'listSqlUsers', (ctx) => {
    const { items, pagination } = paginate(
      [...cluster(ctx).sqlUsers.keys()].map((name) => ({ name })),
      (u) => u.name,
      ctx.query,
    );
    return { users: items, pagination };
  }),
  r('POST', USER_ROUTE, 'createSqlUser', (ctx) => {
    const c = mutable(ctx);
    const name = validName(str(ctx, 'name'), 'SQL user');
    const password = str(ctx, 'password');
    if (c.sqlUsers.has(name)) throw new SimHttpError(409, GRPC.ALREADY_EXISTS, `SQL user "${name}" already exists`);
    c.sqlUsers.set(name, password);
    return { name };
  }),
  r('DELETE', `${USER_ROUTE}/{name}`, 'deleteSqlUser', (ctx) => {
    const c = mutable(ctx);
    const name = decodeURIComponent(ctx.params[1]!);
    if (!c.sqlUsers.delete(name)) throw new SimHttpError(404, GRPC.NOT_FOUND, `SQL user "${name}" not found`);
    return { name };
  }),
  r('PUT', `${USER_ROUTE}/{name}/password`, 'changeSqlUserPassword', (ctx) => {
    const c = mutable(ctx);
    const name = decodeURIComponent(ctx.params[1]!);
    if (!c.sqlUsers.has(name)) throw new SimHttpError(404, GRPC.NOT_FOUND, `SQL user "${name}" not found`);
    c.sqlUsers.set(name, str(ctx, 'password'));
    return { name };
  }),

  r('GET', 'clusters/{cluster_id}/connection-string', 'getConnectionString', (ctx) => {
    const c = cluster(ctx);
    const db = ctx.query.get('database') || 'defaultdb';
    const user = ctx.query.get('sql_user') ?? '';
    const os = ctx.query.get('os') ?? '';
    if (os && !['MAC', 'LINUX', 'WINDOWS'].includes(os))
      throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid os');
    if (user && !c.sqlUsers.has(user)) throw new SimHttpError(404, GRPC.NOT_FOUND, `SQL user "${user}" not found`);
    const host = String(c.cluster.sql_dns ?? '');
    const advanced = c.cluster.plan === 'ADVANCED';
    if (advanced && !os) throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'os is required for ADVANCED clusters');
    const cert =
      os === 'WINDOWS'
        ? '%APPDATA%\\CockroachCloud\\certs\\'
        : os === 'MAC'
          ? '$HOME/Library/CockroachCloud/certs/'
          : '$HOME/.postgresql/';
    const who = user || '{username}';
    const url = advanced
      ? `postgresql://${who}@${host}:26257/${db}?sslmode=verify-full&sslrootcert=${cert}${c.cluster.name}-ca.crt`
      : `postgresql://${who}:{password}@${host}:26257/${db}?sslmode=verify-full`;
    return {
      connection_string: url,
      params: { Host: host, Port: '26257', Database: db, ...(user ? { Username: user } : {}) },
    };
  }),

  r('GET', AL_ROUTE, 'listAllowlist', (ctx) => {
    const key = (e: WireAllowlistEntry): string =>
      `${e.cidr_ip
        .split('.')
        .map((x) => x.padStart(3, '0'))
        .join('.')}/${e.cidr_mask}`;
    const { items, pagination } = paginate(cluster(ctx).allowlist, key, ctx.query);
    return { allowlist: items, propagating: false, pagination };
  }),
  r('POST', AL_ROUTE, 'addAllowlistEntry', (ctx) => {
    const c = mutable(ctx);
    const ip = str(ctx, 'cidr_ip');
    const mask = ctx.body.cidr_mask;
    const family = isIP(ip);
    if (
      family === 0 ||
      typeof mask !== 'number' ||
      !Number.isInteger(mask) ||
      mask < 0 ||
      mask > (family === 4 ? 32 : 128)
    ) {
      throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid cidr_ip or cidr_mask');
    }
    if (typeof ctx.body.ui !== 'boolean' || typeof ctx.body.sql !== 'boolean') {
      throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'ui and sql are required');
    }
    if (c.allowlist.some((e) => e.cidr_ip === ip && e.cidr_mask === mask)) {
      throw new SimHttpError(409, GRPC.ALREADY_EXISTS, `allowlist entry ${ip}/${mask} already exists`);
    }
    const entry: WireAllowlistEntry = { cidr_ip: ip, cidr_mask: mask, sql: ctx.body.sql, ui: ctx.body.ui };
    if (typeof ctx.body.name === 'string') entry.name = ctx.body.name;
    c.allowlist.push(entry);
    return entry;
  }),
  r('PATCH', `${AL_ROUTE}/{cidr_ip}/{cidr_mask}`, 'updateAllowlistEntry', updateEntry),
  r('PUT', `${AL_ROUTE}/{cidr_ip}/{cidr_mask}`, 'updateAllowlistEntry', updateEntry),
  r('DELETE', `${AL_ROUTE}/{cidr_ip}/{cidr_mask}`, 'removeAllowlistEntry', (ctx) => {
    const c = mutable(ctx);
    const e = findEntry(c, ctx.params[1]!, ctx.params[2]!);
    c.allowlist.splice(c.allowlist.indexOf(e), 1);
    return e;
  }),
];
