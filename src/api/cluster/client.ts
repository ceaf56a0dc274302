// ClusterClient: every Cluster API v2 route, returning normalised models. Wire
// quirks live in ./normalize, HTTP/session mechanics in ./requester, sign-in in
// ./signIn, the paging walks in ./walks; this file owns routes, parameters and
// per-route error wording. The metrics routes beside the API are in ../metrics/client.
import * as l10n from '@vscode/l10n';
import { ApiError, isApiError } from '../http/errors';
import type {
  ClusterApi,
  ClusterClientOptions,
  HotRangesResult,
  MetricsRequestOptions,
  NodeRangesResult,
  RequestOptions,
  SessionsQuery,
} from './api';
import { MetricsClient } from '../metrics/client';
import type { MetricMetadata, StatusVars, TsRequest, TsSeries } from '../metrics/types';
import { cancelQueryPlaceholder, cancelSessionPlaceholder } from './cancel';
import type {
  AlertingRules,
  ClusterEvent,
  CursorPage,
  Grant,
  HotRange,
  NodeError,
  NodeStatus,
  OffsetPage,
  RangeDetail,
  RangeInfo,
  Session,
  SqlResult,
  TableDetails,
} from './models';
import { normalizeEvents } from './normalize/events';
import { dedupeHotRanges, normalizeHotRangesPage } from './normalize/hotRanges';
import type { RawHotRangesPage } from './normalize/hotRanges';
import { normalizeNodes } from './normalize/nodes';
import { nextCursor } from './normalize/paging';
import { normalizeNodeRanges, normalizeRangeDetail } from './normalize/ranges';
import { normalizeRules } from './normalize/rules';
import {
  normalizeDatabases,
  normalizeGrants,
  normalizeTableDetails,
  normalizeTableNames,
  normalizeUsers,
} from './normalize/schema';
import { normalizeSessionsPage } from './normalize/sessions';
import { sqlResultFromBatch, toSqlBatch } from './normalize/sql';
import { HttpSqlExecutor } from '../sql/http';
import type { SqlBatch, SqlBatchResult } from '../sql/types';
import { atLeast, clusterSqlVersion, sqlFeatures, type SqlVersion } from '../sql/version';
import type { RunOptions, WorkloadAnswer, WorkloadKind, WorkloadQuery } from '../sql/workload';
import { WorkloadReader } from './workload';
import { ClusterRequester } from './requester';
import {
  SQL_SESSIONS_STATEMENT,
  sessionsFromSqlRows,
  sqlSessionsArguments,
  sqlSessionsCursor,
  sqlSessionsOffset,
} from './sqlSessions';
import type { SqlStatement } from './api';
import { signIn, signOut } from './signIn';
import { clustersInSession, isAggregatedSession, isNotAvailableOnTenants, SYSTEM_CLUSTER } from './virtualCluster';
import { DEFAULT_PAGE_SIZE, MAX_PAGES, offsetPage, uniqueErrors, walkCursor, walkOffset, type Page } from './walks';

/** What the Cluster API can address in a path segment (gorilla/mux `[\w.]+`). */
const ADDRESSABLE_NAME = /^[\w.]+$/;

function seg(v: string | number): string {
  return encodeURIComponent(String(v));
}

function databaseNotFound(database: string): string {
  return ADDRESSABLE_NAME.test(database)
    ? l10n.t('Database "{0}" was not found.', database)
    : l10n.t(
        'Database "{0}" was not found (names with characters other than letters, digits, _ and . cannot be addressed by the Cluster API).',
        database,
      );
}

function tableNotFound(database: string, table: string): string {
  return ADDRESSABLE_NAME.test(database) && ADDRESSABLE_NAME.test(table)
    ? l10n.t('Table "{0}" was not found in database "{1}".', table, database)
    : l10n.t(
        'Table "{0}" was not found in database "{1}" (names with characters other than letters, digits, _ and . cannot be addressed by the Cluster API).',
        table,
        database,
      );
}

export class ClusterClient implements ClusterApi {
  readonly baseUrl: string;
  private readonly req: ClusterRequester;
  private readonly concurrency: number;
  private readonly session: ClusterClientOptions['session'];
  private readonly sqlExecutor: HttpSqlExecutor;
  private readonly workloadReader: WorkloadReader;
  private readonly metrics: MetricsClient;
  private signedInAs: string | undefined;
  /** The lowest node version seen in nodes/ answers: decides which sql/ options the server reads. */
  private knownSqlVersion: SqlVersion | undefined;

  constructor(options: ClusterClientOptions) {
    this.req = new ClusterRequester(options);
    this.baseUrl = this.req.baseUrl;
    this.metrics = new MetricsClient(this.req);
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.session = options.session;
    // Every SQL statement goes through this one executor, on the same requester (session,
    // virtual cluster, time-out, abort) as every other route.
    this.sqlExecutor = new HttpSqlExecutor({
      post: (body, opts) =>
        this.req.json({ ...opts, method: 'POST', route: 'sql/', body, contentType: 'application/json' }),
      separateTxnsSupported: () => (this.knownSqlVersion ? sqlFeatures(this.knownSqlVersion).separateTxns : undefined),
      // A privilege fix names the user who signed in here (a token restored from storage does not say).
      user: () => this.signedInAs,
    });
    this.workloadReader = new WorkloadReader({
      executor: this.sqlExecutor,
      knownVersion: () => this.knownSqlVersion,
      learnVersion: async (opts) => {
        await this.nodesPage({ limit: 200 }, opts);
        return this.knownSqlVersion;
      },
      rememberVersion: (v) => (this.knownSqlVersion ??= v),
      user: () => this.signedInAs,
    });
  }

  /** The cluster's SQL level, once a nodes/ answer showed it (undefined until then). */
  get sqlVersion(): SqlVersion | undefined {
    return this.knownSqlVersion;
  }

  /** Sessions and SQL come from an application virtual cluster (so `sessions/` cannot serve them). */
  private get onApplicationCluster(): boolean {
    return this.req.virtualized && this.req.virtualCluster !== SYSTEM_CLUSTER;
  }

  // ---- auth (the mechanics, incl. virtual clusters, are in ./signIn) -----

  async login(username: string, password: string, opts: RequestOptions = {}): Promise<string> {
    const token = await signIn(this.req, username, password, opts);
    this.signedInAs = username.trim();
    return token;
  }

  /** The names the aggregated session holds: exactly what `/virtual_clusters` answers for it. */
  virtualClusters(): Promise<string[]> {
    const token = this.session?.getToken();
    return Promise.resolve(token && isAggregatedSession(token) ? clustersInSession(token) : []);
  }

  logout(opts: RequestOptions = {}): Promise<void> {
    return signOut(this.req, this.session?.getToken(), opts);
  }

  async health(ready: boolean, opts: RequestOptions = {}): Promise<void> {
    const route = 'health/';
    let body: Record<string, unknown>;
    try {
      body = await this.req.json({
        ...opts,
        route,
        scope: 'system',
        auth: false,
        params: { ready: ready ? 'true' : undefined },
      });
    } catch (err) {
      if (ready && isApiError(err, 'server') && err.status === 500) {
        throw new ApiError(
          'server',
          l10n.t('The node at {0} is up but not ready (still starting, draining or not live).', this.baseUrl),
          err.details,
        );
      }
      throw err;
    }
    // Real servers answer `{}`; seed-spec servers `{node_id, ready}` where ready:false means not ready.
    if (ready && body.ready === false) {
      throw new ApiError(
        'server',
        l10n.t('The node at {0} is up but not ready (still starting, draining or not live).', this.baseUrl),
        { status: 200, route },
      );
    }
  }

  // ---- nodes and ranges -------------------------------------------------

  async nodesPage(page: Page, opts: RequestOptions = {}): Promise<OffsetPage<NodeStatus>> {
    const body = await this.req.json({
      ...opts,
      route: 'nodes/',
      scope: 'system',
      params: { limit: page.limit, offset: page.offset },
    });
    const nodes = normalizeNodes(body);
    // Conservative during an upgrade: the oldest node decides what sql/ understands.
    const seen = clusterSqlVersion(nodes.map((n) => n.version));
    const known = this.knownSqlVersion;
    if (seen && (!known || !atLeast(seen, known.major, known.minor))) this.knownSqlVersion = seen;
    return offsetPage(nodes, body, page.offset);
  }

  allNodes(opts: RequestOptions = {}): AsyncIterable<NodeStatus> {
    return walkOffset((p) => this.nodesPage(p, opts));
  }

  async nodeRangesPage(
    nodeId: number | 'local',
    page: Page & { rangeIds?: number[] },
    opts: RequestOptions = {},
  ): Promise<OffsetPage<RangeInfo>> {
    const ranges =
      page.rangeIds && page.rangeIds.length > 0 ? page.rangeIds.map((r) => Math.trunc(r)).join(',') : undefined;
    const body = await this.req.json({
      ...opts,
      route: `nodes/${seg(nodeId)}/ranges/`,
      scope: 'system',
      params: { ranges, limit: page.limit, offset: page.offset },
      // The server answers 500 for a node it cannot dial, after its own dial timeout.
      messages: {
        404: l10n.t('Node {0} was not found in the cluster.', nodeId),
        500:
          nodeId === 'local'
            ? l10n.t('The node answering did not answer – it may be down, restarting or no longer in the cluster.')
            : l10n.t('Node n{0} did not answer – it may be down, restarting or no longer in the cluster.', nodeId),
      },
      // Every attempt at a dead node costs that timeout again (and a proxy with a shorter
      // one would turn it into a 504 that the transport retries): one attempt only.
      retry: false,
    });
    return offsetPage(normalizeNodeRanges(body), body, page.offset);
  }

  /** First page (`limit` ranges) of each node, at most `concurrency` requests at a time. */
  async fanOutNodeRanges(
    nodeIds: number[],
    page: { limit: number },
    opts: RequestOptions = {},
  ): Promise<NodeRangesResult[]> {
    // p-limit is ESM-only; a dynamic import keeps this CommonJS module loadable.
    const { default: pLimit } = await import('p-limit');
    const limit = pLimit(this.concurrency);
    return Promise.all(
      nodeIds.map((nodeId) =>
        limit(async (): Promise<NodeRangesResult> => {
          try {
            const p = await this.nodeRangesPage(nodeId, { limit: page.limit }, opts);
            return p.next === undefined ? { nodeId, ranges: p.items } : { nodeId, ranges: p.items, next: p.next };
          } catch (error) {
            return { nodeId, ranges: [], error: error instanceof Error ? error : new Error(String(error)) };
          }
        }),
      ),
    );
  }

  async hotRangesPage(
    query: { nodeId?: number | 'local'; limit: number; start?: string },
    opts: RequestOptions = {},
  ): Promise<CursorPage<HotRange>> {
    const raw = await this.rawHotRangesPage(query, opts);
    const page: CursorPage<HotRange> = { items: dedupeHotRanges(raw.entries), errors: raw.errors };
    const next = nextCursor(raw.next, raw.entries.length, query.limit);
    if (next !== undefined) page.next = next;
    return page;
  }

  /** Every page; replicas of one range (possibly on different pages) are merged into one row. */
  async hotRanges(
    query: { nodeId?: number | 'local'; pageSize?: number } = {},
    opts: RequestOptions = {},
  ): Promise<HotRangesResult> {
    const limit = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const entries: HotRange[] = [];
    const errors: NodeError[] = [];
    await walkCursor(async (start) => {
      const raw = await this.rawHotRangesPage(
        { ...(query.nodeId !== undefined ? { nodeId: query.nodeId } : {}), limit, ...(start ? { start } : {}) },
        opts,
      );
      entries.push(...raw.entries);
      errors.push(...raw.errors);
      return nextCursor(raw.next, raw.entries.length, limit);
    });
    return { ranges: dedupeHotRanges(entries), errors: uniqueErrors(errors) };
  }

  async rangeDetail(rangeId: number, opts: RequestOptions = {}): Promise<RangeDetail> {
    if (!Number.isSafeInteger(rangeId) || rangeId <= 0)
      throw new ApiError('badRequest', l10n.t('Range id must be a positive integer (got {0}).', rangeId));
    const body = await this.req.json({
      ...opts,
      route: `ranges/${rangeId}/`,
      scope: 'system',
      messages: { 404: l10n.t('Range r{0} does not exist', rangeId) },
    });
    return normalizeRangeDetail(body, rangeId);
  }

  // ---- sessions and events ----------------------------------------------

  async sessionsPage(
    query: SessionsQuery & { limit: number },
    opts: RequestOptions = {},
  ): Promise<CursorPage<Session>> {
    if (this.onApplicationCluster) return this.sqlSessionsPage(query, opts);
    let body: Record<string, unknown>;
    try {
      body = await this.sessionsRoute(query, opts);
    } catch (err) {
      // sessions/ is for the system cluster only; an application virtual cluster's sessions come through SQL.
      if (!isNotAvailableOnTenants(err)) throw err;
      this.req.markVirtualized();
      return this.sqlSessionsPage(query, opts);
    }
    const raw = normalizeSessionsPage(body);
    const page: CursorPage<Session> = { items: raw.sessions, errors: raw.errors };
    const next = nextCursor(raw.next, raw.sessions.length, query.limit);
    if (next !== undefined) page.next = next;
    return page;
  }

  private sessionsRoute(
    query: SessionsQuery & { limit: number },
    opts: RequestOptions,
  ): Promise<Record<string, unknown>> {
    return this.req.json({
      ...opts,
      route: 'sessions/',
      params: {
        username: query.username || undefined,
        exclude_closed_sessions: query.excludeClosed ? 'true' : undefined,
        limit: query.limit,
        start: query.start || undefined,
      },
    });
  }

  private async sqlSessionsPage(
    query: SessionsQuery & { limit: number },
    opts: RequestOptions,
  ): Promise<CursorPage<Session>> {
    const offset = sqlSessionsOffset(query.start);
    const args = sqlSessionsArguments({
      ...(query.username ? { username: query.username } : {}),
      excludeClosed: query.excludeClosed === true,
      limit: query.limit,
      offset,
    });
    const result = await this.sql([{ sql: SQL_SESSIONS_STATEMENT, arguments: args }], {}, opts);
    const rows = result.statements[0]?.rows ?? [];
    const more = rows.length > query.limit;
    const { sessions, errors } = sessionsFromSqlRows(rows.slice(0, query.limit));
    const page: CursorPage<Session> = { items: sessions, errors };
    if (more) page.next = sqlSessionsCursor(offset + query.limit);
    return page;
  }

  allSessions(query: SessionsQuery = {}, opts: RequestOptions = {}): AsyncIterable<CursorPage<Session>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const fetchPage = (start: string | undefined): Promise<CursorPage<Session>> =>
      this.sessionsPage({ ...query, limit, ...(start ? { start } : { start: undefined }) }, opts);
    return {
      [Symbol.asyncIterator]: async function* () {
        let start = query.start;
        const seen = new Set<string>();
        for (let i = 0; i < MAX_PAGES; i++) {
          const page = await fetchPage(start);
          yield page;
          if (page.next === undefined || seen.has(page.next)) return;
          seen.add(page.next);
          start = page.next;
        }
      },
    };
  }

  /**
   * `targetId` is applied here, not by the server: from v23.1 the server ignores `targetID`.
   * A page filtered by target may therefore hold fewer than `limit` events and still have a `next`.
   */
  async eventsPage(
    page: Page & { type?: string; targetId?: number },
    opts: RequestOptions = {},
  ): Promise<OffsetPage<ClusterEvent>> {
    const body = await this.req.json({
      ...opts,
      route: 'events/',
      // The event log read here is the system cluster's (events/ is 501 on application virtual clusters).
      scope: 'system',
      params: { type: page.type || undefined, limit: page.limit, offset: page.offset },
    });
    const events = normalizeEvents(body);
    const wanted = page.targetId === undefined ? events : events.filter((e) => e.targetId === page.targetId);
    return offsetPage(wanted, body, page.offset);
  }

  // ---- SQL schema ------------------------------------------------------

  async usersPage(page: Page, opts: RequestOptions = {}): Promise<OffsetPage<string>> {
    const body = await this.req.json({ ...opts, route: 'users/', params: { limit: page.limit, offset: page.offset } });
    return offsetPage(normalizeUsers(body), body, page.offset);
  }

  async databasesPage(page: Page, opts: RequestOptions = {}): Promise<OffsetPage<string>> {
    const body = await this.req.json({
      ...opts,
      route: 'databases/',
      params: { limit: page.limit, offset: page.offset },
    });
    return offsetPage(normalizeDatabases(body), body, page.offset);
  }

  async databaseGrantsPage(database: string, page: Page, opts: RequestOptions = {}): Promise<OffsetPage<Grant>> {
    const body = await this.req.json({
      ...opts,
      route: `databases/${seg(database)}/grants/`,
      params: { limit: page.limit, offset: page.offset },
      messages: { 404: databaseNotFound(database) },
    });
    return offsetPage(normalizeGrants(body), body, page.offset);
  }

  async tablesPage(database: string, page: Page, opts: RequestOptions = {}): Promise<OffsetPage<string>> {
    const body = await this.req.json({
      ...opts,
      route: `databases/${seg(database)}/tables/`,
      params: { limit: page.limit, offset: page.offset },
      messages: { 404: databaseNotFound(database) },
    });
    return offsetPage(normalizeTableNames(body), body, page.offset);
  }

  async tableDetails(database: string, table: string, opts: RequestOptions = {}): Promise<TableDetails> {
    const body = await this.req.json({
      ...opts,
      route: `databases/${seg(database)}/tables/${seg(table)}/`,
      messages: { 404: tableNotFound(database, table) },
    });
    return normalizeTableDetails(body, database, table);
  }

  async alertingRules(opts: RequestOptions = {}): Promise<AlertingRules> {
    const res = await this.req.send({ ...opts, route: 'rules/' });
    const text = typeof res.data === 'string' ? res.data : '';
    try {
      return normalizeRules(text);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new ApiError('malformed', l10n.t('rules/ did not return readable YAML: {0}', String(why)), {
        status: res.status,
        route: 'rules/',
        cause: err,
      });
    }
  }

  // ---- SQL over HTTP ---------------------------------------------------

  /** The SqlExecutor contract: typed columns, truncation, SqlError for SQLSTATE failures. */
  executeSql(batch: SqlBatch, opts: RequestOptions = {}): Promise<SqlBatchResult> {
    return this.sqlExecutor.execute(batch, opts);
  }

  /** The older, untyped shape, kept for callers of ClusterApi.sql. */
  async sql(
    statements: SqlStatement[],
    options: { database?: string; execute?: boolean; applicationName?: string } = {},
    opts: RequestOptions = {},
  ): Promise<SqlResult> {
    return sqlResultFromBatch(await this.sqlExecutor.execute(toSqlBatch(statements, options), opts));
  }

  /** A workload read (statements, insights, jobs, …) planned for the cluster's version (./workload). */
  workload<K extends WorkloadKind>(
    kind: K,
    query: WorkloadQuery<K>,
    opts: RunOptions = {},
  ): Promise<WorkloadAnswer<K>> {
    return this.workloadReader.read(kind, query, opts);
  }

  async cancelQuery(queryId: string, opts: RequestOptions = {}): Promise<void> {
    await this.sql([cancelQueryPlaceholder(queryId)], {}, opts);
  }

  async cancelSession(sessionIdHex: string, opts: RequestOptions = {}): Promise<void> {
    await this.sql([cancelSessionPlaceholder(sessionIdHex)], {}, opts);
  }

  // ---- metrics (routes beside the API, ../metrics/client) --------------

  tsQuery(req: TsRequest, opts?: MetricsRequestOptions): Promise<TsSeries[]> {
    return this.metrics.tsQuery(req, opts);
  }

  statusVars(nodeId?: number, opts?: MetricsRequestOptions): Promise<StatusVars> {
    return this.metrics.statusVars(nodeId, opts);
  }

  metricMetadata(opts?: MetricsRequestOptions): Promise<Record<string, MetricMetadata>> {
    return this.metrics.metricMetadata(opts);
  }

  // ---- paging walks ----------------------------------------------------

  private rawHotRangesPage(
    query: { nodeId?: number | 'local'; limit: number; start?: string },
    opts: RequestOptions,
  ): Promise<RawHotRangesPage> {
    return this.req
      .json({
        ...opts,
        route: 'ranges/hot/',
        scope: 'system',
        params: { node_id: query.nodeId, limit: query.limit, start: query.start || undefined },
      })
      .then(normalizeHotRangesPage);
  }
}
