// The contract between the Cluster API client and the rest of the extension
// (tree, webviews, status bar, commands). The client implements it; callers
// import only these types so that tests can run them against the simulator.
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
import type { TimeoutSource } from '../http/transport';
import type { MetricMetadata, StatusVars, TsRequest, TsSeries } from '../metrics/types';
import type { RouteScope } from './virtualCluster';
import type { SqlBatch, SqlBatchResult } from '../sql/types';
import type { RunOptions, WorkloadAnswer, WorkloadKind, WorkloadQuery } from '../sql/workload';

export interface RequestOptions {
  /** Cancels the request (and any retry wait). */
  signal?: AbortSignal;
  /** Overrides the client's default timeout for this request. */
  timeoutMs?: number;
  /** false: a failure is final, even one the transport would retry (see transport.ts). */
  retry?: false;
}

/** The metrics routes: node and store metrics are the system cluster's unless `scope: 'sql'` is asked. */
export interface MetricsRequestOptions extends RequestOptions {
  scope?: RouteScope;
}

/** How the client gets, and when it expires renews, the session token. */
export interface SessionProvider {
  /** Current token, if signed in. */
  getToken(): string | undefined;
  /**
   * Called once per 401 wave: resolve to a fresh token (the extension shows a single
   * re-sign-in prompt per cluster however many requests failed) or undefined to give up.
   * `failedToken` is the token the rejected request carried (undefined if it had none),
   * so that a token obtained since then is reused instead of asking again.
   */
  renew?(failedToken: string | undefined): Promise<string | undefined>;
}

export interface ClusterClientOptions {
  /** Cluster origin, e.g. `https://db1.example.com:8080` (a trailing `/api/v2/` is accepted). */
  baseUrl: string;
  /** PEM text of the CA that signed the cluster's HTTP certificate. */
  caPem?: string;
  /** Explicit per-cluster opt-in; the UI warns before setting it. */
  skipTlsVerify?: boolean;
  /** Default 10 000 ms; a function is read at every request. */
  timeoutMs?: TimeoutSource;
  /** Retries for idempotent GETs on broken connections, 502/503/504 and 429 with Retry-After. Default 2. */
  retries?: number;
  /** Bounded fan-out over nodes. Default 8. */
  concurrency?: number;
  session?: SessionProvider;
  /**
   * The virtual cluster that SQL, sessions and schema come from on a cluster with
   * cluster virtualization; unset = what the server picks. Nodes, ranges, hot ranges,
   * health and events always come from the system cluster.
   */
  virtualCluster?: string;
  /** Called once when the server's default virtual cluster turns out to be an application one. */
  onVirtualized?: () => void;
  /** Already known to serve an application virtual cluster by default (saves the first 501). */
  virtualized?: boolean;
}

export interface HotRangesResult {
  ranges: HotRange[];
  errors: NodeError[];
}

export interface NodeRangesResult {
  nodeId: number;
  ranges: RangeInfo[];
  /** Offset of the node's next page when it has more ranges than `limit`. */
  next?: number;
  error?: Error;
}

/** One statement for `sql/`: its text, with `$1…` placeholders matched by `arguments`. */
export type SqlStatement = string | { sql: string; arguments?: readonly unknown[] };

export interface SessionsQuery {
  username?: string;
  excludeClosed?: boolean;
  limit?: number;
  start?: string;
}

export interface ClusterApi {
  readonly baseUrl: string;

  login(username: string, password: string, opts?: RequestOptions): Promise<string>;
  logout(opts?: RequestOptions): Promise<void>;
  /** Resolves when the node is up (and ready, if asked); throws a ClusterApiError otherwise. */
  health(ready: boolean, opts?: RequestOptions): Promise<void>;

  nodesPage(page: { limit: number; offset?: number }, opts?: RequestOptions): Promise<OffsetPage<NodeStatus>>;
  allNodes(opts?: RequestOptions): AsyncIterable<NodeStatus>;

  nodeRangesPage(
    nodeId: number | 'local',
    page: { limit: number; offset?: number; rangeIds?: number[] },
    opts?: RequestOptions,
  ): Promise<OffsetPage<RangeInfo>>;
  /** Ranges of many nodes with bounded concurrency; a failed node is reported beside the rest. */
  fanOutNodeRanges(nodeIds: number[], page: { limit: number }, opts?: RequestOptions): Promise<NodeRangesResult[]>;

  hotRangesPage(
    query: { nodeId?: number | 'local'; limit: number; start?: string },
    opts?: RequestOptions,
  ): Promise<CursorPage<HotRange>>;
  /** Every page, de-duplicated by range id. */
  hotRanges(query?: { nodeId?: number | 'local'; pageSize?: number }, opts?: RequestOptions): Promise<HotRangesResult>;

  rangeDetail(rangeId: number, opts?: RequestOptions): Promise<RangeDetail>;

  sessionsPage(query: SessionsQuery & { limit: number }, opts?: RequestOptions): Promise<CursorPage<Session>>;
  allSessions(query?: SessionsQuery, opts?: RequestOptions): AsyncIterable<CursorPage<Session>>;

  eventsPage(
    page: { limit: number; offset?: number; type?: string; targetId?: number },
    opts?: RequestOptions,
  ): Promise<OffsetPage<ClusterEvent>>;
  usersPage(page: { limit: number; offset?: number }, opts?: RequestOptions): Promise<OffsetPage<string>>;
  databasesPage(page: { limit: number; offset?: number }, opts?: RequestOptions): Promise<OffsetPage<string>>;
  databaseGrantsPage(
    database: string,
    page: { limit: number; offset?: number },
    opts?: RequestOptions,
  ): Promise<OffsetPage<Grant>>;
  tablesPage(
    database: string,
    page: { limit: number; offset?: number },
    opts?: RequestOptions,
  ): Promise<OffsetPage<string>>;
  tableDetails(database: string, table: string, opts?: RequestOptions): Promise<TableDetails>;
  alertingRules(opts?: RequestOptions): Promise<AlertingRules>;

  /** The SQL layer's executor (src/api/sql): typed columns, truncation flag, SqlError with SQLSTATE. */
  executeSql(batch: SqlBatch, opts?: RequestOptions): Promise<SqlBatchResult>;
  sql(
    statements: SqlStatement[],
    options?: { database?: string; execute?: boolean; applicationName?: string },
    opts?: RequestOptions,
  ): Promise<SqlResult>;
  /** A workload read (src/api/sql/workload) planned for the cluster's version. */
  workload<K extends WorkloadKind>(kind: K, query: WorkloadQuery<K>, opts?: RunOptions): Promise<WorkloadAnswer<K>>;
  /** `CANCEL QUERY $1` through `sql/`. */
  cancelQuery(queryId: string, opts?: RequestOptions): Promise<void>;
  /** `CANCEL SESSION $1` (the hex id) through `sql/`. */
  cancelSession(sessionIdHex: string, opts?: RequestOptions): Promise<void>;

  /** Virtual clusters the current session is signed in to (`/virtual_clusters`); [] on clusters without virtualization. */
  virtualClusters(opts?: RequestOptions): Promise<string[]>;

  // The DB Console's metrics routes (src/api/metrics). `/ts/query` and `/_admin/v1/` take the
  // session as a cookie; their 401 is `forbidden`, never a sign-out or a renewal.
  /** Stored 10 s series (`POST /ts/query`), one per query in the order asked. */
  tsQuery(req: TsRequest, opts?: MetricsRequestOptions): Promise<TsSeries[]>;
  /** One node's current values (`/_status/vars`, no sign-in needed): the node answering, or node `nodeId`. */
  statusVars(nodeId?: number, opts?: MetricsRequestOptions): Promise<StatusVars>;
  /** The metric catalogue (`/_admin/v1/metricmetadata`), keyed by name without the series prefix. */
  metricMetadata(opts?: MetricsRequestOptions): Promise<Record<string, MetricMetadata>>;
}
