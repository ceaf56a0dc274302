// Typed CockroachDB Cloud API client (Cc-Version 2024-09-16). Every list has a
// `…Page` function (one keyset page, for "Load more" rows) and an async
// iterator that follows `next_page` to the end. Results are the camelCase
// models of models.ts.
import * as l10n from '@vscode/l10n';
import { isIP } from 'node:net';
import { ApiError } from '../http/errors';
import { CloudHttp, type CallOptions, type CloudClientOptions, type CloudRequest, type QueryValue } from './http';
import type {
  AllowlistEntry,
  AllowlistPage,
  CloudCluster,
  CloudDatabase,
  CloudNode,
  ClusterSortBy,
  ConnectionOs,
  ConnectionString,
  FolderResource,
  KeysetPage,
  Organization,
  PageRequest,
  SqlUser,
} from './models';
import * as n from './normalize';

export type { CallOptions, CloudClientOptions } from './http';

export interface ClusterListQuery extends PageRequest {
  /** Include deleted clusters and clusters that failed to create (org-scoped readers only). */
  showInactive?: boolean;
  sortBy?: ClusterSortBy;
}

const seg = encodeURIComponent;

function pageQuery(p: PageRequest = {}): Record<string, QueryValue> {
  return {
    'pagination.page': p.page,
    'pagination.limit': p.limit,
    'pagination.as_of_time': p.asOfTime,
    'pagination.sort_order': p.sortOrder,
  };
}

function readPage<T>(
  body: unknown,
  field: string,
  route: string,
  map: (v: unknown, route: string) => T,
): KeysetPage<T> {
  const o = n.asObject(body, route);
  const page: KeysetPage<T> = { items: n.asArray(o[field], field, route).map((v) => map(v, route)) };
  const p = o.pagination && typeof o.pagination === 'object' ? (o.pagination as Record<string, unknown>) : {};
  if (typeof p.next_page === 'string' && p.next_page !== '') page.nextPage = p.next_page;
  if (typeof p.previous_page === 'string' && p.previous_page !== '') page.previousPage = p.previous_page;
  return page;
}

/**
 * Follows `nextPage` until it is absent. A server that hands back the same token
 * twice would loop forever, so that is reported as malformed instead.
 */
export async function* allPages<T>(
  fetchPage: (page: string | undefined) => Promise<KeysetPage<T>>,
  route: string,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    yield* page.items;
    if (!page.nextPage) return;
    if (seen.has(page.nextPage)) {
      throw new ApiError('malformed', l10n.t('The Cloud API repeated a page token while listing {0}.', route), {
        route,
      });
    }
    seen.add(page.nextPage);
    token = page.nextPage;
  }
}

/** Drains an async iterable into an array (for small lists such as folders). */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

export class CloudClient {
  private readonly http: CloudHttp;

  constructor(options: CloudClientOptions) {
    this.http = new CloudHttp(options);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  private call(req: CloudRequest, opts?: CallOptions): Promise<unknown> {
    return this.http.request(req, opts);
  }

  // ── organization & folders ────────────────────────────────────────────────

  async getOrganization(opts?: CallOptions): Promise<Organization> {
    const route = 'organization';
    return n.toOrganization(await this.call({ op: 'getOrganization', method: 'GET', path: route }, opts), route);
  }

  /** Folders of the organization; `path` filters to one folder path such as `/team/prod`. */
  async listFoldersPage(
    q: PageRequest & { path?: string } = {},
    opts?: CallOptions,
  ): Promise<KeysetPage<FolderResource>> {
    const route = 'folders';
    const body = await this.call(
      { op: 'listFolders', method: 'GET', path: route, query: { path: q.path, ...pageQuery(q) } },
      opts,
    );
    return readPage(body, 'folders', route, n.toFolder);
  }

  folders(q: Omit<PageRequest, 'page'> & { path?: string } = {}, opts?: CallOptions): AsyncGenerator<FolderResource> {
    return allPages((page) => this.listFoldersPage({ ...q, ...(page ? { page } : {}) }, opts), 'folders');
  }

  // ── clusters ──────────────────────────────────────────────────────────────

  async listClustersPage(q: ClusterListQuery = {}, opts?: CallOptions): Promise<KeysetPage<CloudCluster>> {
    const route = 'clusters';
    const query = { show_inactive: q.showInactive, 'pagination.sort_by': q.sortBy, ...pageQuery(q) };
    const body = await this.call({ op: 'listClusters', method: 'GET', path: route, query }, opts);
    return readPage(body, 'clusters', route, n.toCluster);
  }

  clusters(q: Omit<ClusterListQuery, 'page'> = {}, opts?: CallOptions): AsyncGenerator<CloudCluster> {
    return allPages((page) => this.listClustersPage({ ...q, ...(page ? { page } : {}) }, opts), 'clusters');
  }

  async getCluster(clusterId: string, opts?: CallOptions): Promise<CloudCluster> {
    const route = `clusters/${seg(clusterId)}`;
    return n.toCluster(await this.call({ op: 'getCluster', method: 'GET', path: route }, opts), route);
  }

  /** Cloud-side node list (name, region, LIVE/NOT_READY). Meaningful for ADVANCED clusters. */
  async listNodesPage(
    clusterId: string,
    q: PageRequest & { regionName?: string } = {},
    opts?: CallOptions,
  ): Promise<KeysetPage<CloudNode>> {
    const route = `clusters/${seg(clusterId)}/nodes`;
    const query = { region_name: q.regionName, ...pageQuery(q) };
    return readPage(
      await this.call({ op: 'listNodes', method: 'GET', path: route, query }, opts),
      'nodes',
      route,
      n.toNode,
    );
  }

  nodes(
    clusterId: string,
    q: Omit<PageRequest, 'page'> & { regionName?: string } = {},
    opts?: CallOptions,
  ): AsyncGenerator<CloudNode> {
    return allPages(
      (page) => this.listNodesPage(clusterId, { ...q, ...(page ? { page } : {}) }, opts),
      `clusters/${clusterId}/nodes`,
    );
  }

  // ── databases ─────────────────────────────────────────────────────────────

  async listDatabasesPage(
    clusterId: string,
    q: PageRequest = {},
    opts?: CallOptions,
  ): Promise<KeysetPage<CloudDatabase>> {
    const route = `clusters/${seg(clusterId)}/databases`;
    const body = await this.call({ op: 'listDatabases', method: 'GET', path: route, query: pageQuery(q) }, opts);
    return readPage(body, 'databases', route, n.toDatabase);
  }

  databases(clusterId: string, q: Omit<PageRequest, 'page'> = {}, opts?: CallOptions): AsyncGenerator<CloudDatabase> {
    return allPages(
      (page) => this.listDatabasesPage(clusterId, { ...q, ...(page ? { page } : {}) }, opts),
      `clusters/${clusterId}/databases`,
    );
  }

  async createDatabase(clusterId: string, name: string, opts?: CallOptions): Promise<CloudDatabase> {
    const route = `clusters/${seg(clusterId)}/databases`;
    return n.toDatabase(
      await this.call({ op: 'createDatabase', method: 'POST', path: route, body: { name } }, opts),
      route,
    );
  }

  async renameDatabase(clusterId: string, name: string, newName: string, opts?: CallOptions): Promise<CloudDatabase> {
    const route = `clusters/${seg(clusterId)}/databases/${seg(name)}`;
    const body = await this.call(
      { op: 'renameDatabase', method: 'PATCH', path: route, body: { new_name: newName } },
      opts,
    );
    return n.toDatabase(body, route);
  }

  async deleteDatabase(clusterId: string, name: string, opts?: CallOptions): Promise<CloudDatabase> {
    const route = `clusters/${seg(clusterId)}/databases/${seg(name)}`;
    return n.toDatabase(await this.call({ op: 'deleteDatabase', method: 'DELETE', path: route }, opts), route);
  }

  // ── SQL users ─────────────────────────────────────────────────────────────

  async listSqlUsersPage(clusterId: string, q: PageRequest = {}, opts?: CallOptions): Promise<KeysetPage<SqlUser>> {
    const route = `clusters/${seg(clusterId)}/sql-users`;
    const body = await this.call({ op: 'listSqlUsers', method: 'GET', path: route, query: pageQuery(q) }, opts);
    return readPage(body, 'users', route, n.toSqlUser);
  }

  sqlUsers(clusterId: string, q: Omit<PageRequest, 'page'> = {}, opts?: CallOptions): AsyncGenerator<SqlUser> {
    return allPages(
      (page) => this.listSqlUsersPage(clusterId, { ...q, ...(page ? { page } : {}) }, opts),
      `clusters/${clusterId}/sql-users`,
    );
  }

  async createSqlUser(clusterId: string, name: string, password: string, opts?: CallOptions): Promise<SqlUser> {
    const route = `clusters/${seg(clusterId)}/sql-users`;
    return n.toSqlUser(
      await this.call({ op: 'createSqlUser', method: 'POST', path: route, body: { name, password } }, opts),
      route,
    );
  }

  async deleteSqlUser(clusterId: string, name: string, opts?: CallOptions): Promise<SqlUser> {
    const route = `clusters/${seg(clusterId)}/sql-users/${seg(name)}`;
    return n.toSqlUser(await this.call({ op: 'deleteSqlUser', method: 'DELETE', path: route }, opts), route);
  }

  async changeSqlUserPassword(clusterId: string, name: string, password: string, opts?: CallOptions): Promise<SqlUser> {
    const route = `clusters/${seg(clusterId)}/sql-users/${seg(name)}/password`;
    const body = await this.call({ op: 'changeSqlUserPassword', method: 'PUT', path: route, body: { password } }, opts);
    return n.toSqlUser(body, route);
  }

  // ── connection string ─────────────────────────────────────────────────────

  /** `os` matters for ADVANCED clusters (it picks the CA certificate path in the string). */
  async getConnectionString(
    clusterId: string,
    q: { database?: string; sqlUser?: string; os?: ConnectionOs } = {},
    opts?: CallOptions,
  ): Promise<ConnectionString> {
    const route = `clusters/${seg(clusterId)}/connection-string`;
    const query = { database: q.database, sql_user: q.sqlUser, os: q.os };
    return n.toConnectionString(
      await this.call({ op: 'getConnectionString', method: 'GET', path: route, query }, opts),
      route,
    );
  }

  // ── IP allowlist ──────────────────────────────────────────────────────────

  async listAllowlistPage(clusterId: string, q: PageRequest = {}, opts?: CallOptions): Promise<AllowlistPage> {
    const route = `clusters/${seg(clusterId)}/networking/allowlist`;
    const body = await this.call({ op: 'listAllowlist', method: 'GET', path: route, query: pageQuery(q) }, opts);
    const page = readPage(body, 'allowlist', route, n.toAllowlistEntry);
    return { ...page, propagating: (body as Record<string, unknown>).propagating === true };
  }

  allowlist(clusterId: string, q: Omit<PageRequest, 'page'> = {}, opts?: CallOptions): AsyncGenerator<AllowlistEntry> {
    const route = `clusters/${clusterId}/networking/allowlist`;
    return allPages((page) => this.listAllowlistPage(clusterId, { ...q, ...(page ? { page } : {}) }, opts), route);
  }

  async addAllowlistEntry(clusterId: string, entry: AllowlistEntry, opts?: CallOptions): Promise<AllowlistEntry> {
    const route = `clusters/${seg(clusterId)}/networking/allowlist`;
    const body = {
      cidr_ip: entry.cidrIp,
      cidr_mask: entry.cidrMask,
      ui: entry.ui,
      sql: entry.sql,
      ...(entry.name ? { name: entry.name } : {}),
    };
    return n.toAllowlistEntry(
      await this.call({ op: 'addAllowlistEntry', method: 'POST', path: route, body }, opts),
      route,
    );
  }

  async updateAllowlistEntry(
    clusterId: string,
    cidrIp: string,
    cidrMask: number,
    change: { ui: boolean; sql: boolean; name?: string },
    opts?: CallOptions,
  ): Promise<AllowlistEntry> {
    const route = `clusters/${seg(clusterId)}/networking/allowlist/${seg(cidrIp)}/${cidrMask}`;
    const body = await this.call({ op: 'updateAllowlistEntry', method: 'PATCH', path: route, body: change }, opts);
    return n.toAllowlistEntry(body, route);
  }

  async removeAllowlistEntry(
    clusterId: string,
    cidrIp: string,
    cidrMask: number,
    opts?: CallOptions,
  ): Promise<AllowlistEntry> {
    const route = `clusters/${seg(clusterId)}/networking/allowlist/${seg(cidrIp)}/${cidrMask}`;
    return n.toAllowlistEntry(
      await this.call({ op: 'removeAllowlistEntry', method: 'DELETE', path: route }, opts),
      route,
    );
  }

  /**
   * Lets `ip` (the caller finds out its public IP; this client never guesses)
   * reach the DB Console only: `{cidr_mask: 32, ui: true, sql: false}`. If an
   * entry for that address already exists, it is updated to allow the console
   * while keeping its SQL setting and name, so an existing SQL rule is not lost.
   */
  async allowMyIpForDbConsole(
    clusterId: string,
    ip: string,
    name: string,
    opts?: CallOptions,
  ): Promise<AllowlistEntry> {
    const family = isIP(ip);
    if (family === 0) throw new ApiError('badRequest', l10n.t('"{0}" is not an IP address.', ip));
    const mask = family === 4 ? 32 : 128;
    for await (const e of this.allowlist(clusterId, {}, opts)) {
      if (e.cidrIp === ip && e.cidrMask === mask) {
        if (e.ui) return e;
        return this.updateAllowlistEntry(clusterId, ip, mask, { ui: true, sql: e.sql, name: e.name ?? name }, opts);
      }
    }
    return this.addAllowlistEntry(clusterId, { cidrIp: ip, cidrMask: mask, ui: true, sql: false, name }, opts);
  }
}
