// A ClusterApi that loads the real client (axios, the YAML parser, the lossless
// JSON reader) on its first call. Activation builds one per configured cluster
// without paying for that code until a row is expanded.
import type { ClusterApi, ClusterClientOptions, RequestOptions, SessionsQuery } from '../api/cluster/api';
import type { CursorPage, NodeStatus, Session } from '../api/cluster/models';

type Client = ClusterApi;

export class LazyClusterClient implements ClusterApi {
  private client: Promise<Client> | undefined;
  readonly baseUrl: string;

  constructor(private readonly options: ClusterClientOptions) {
    this.baseUrl = options.baseUrl;
  }

  private real(): Promise<Client> {
    this.client ??= import('../api/cluster/client').then(({ ClusterClient }) => new ClusterClient(this.options));
    return this.client;
  }

  login: ClusterApi['login'] = async (...a) => (await this.real()).login(...a);
  logout: ClusterApi['logout'] = async (...a) => (await this.real()).logout(...a);
  health: ClusterApi['health'] = async (...a) => (await this.real()).health(...a);
  nodesPage: ClusterApi['nodesPage'] = async (...a) => (await this.real()).nodesPage(...a);
  nodeRangesPage: ClusterApi['nodeRangesPage'] = async (...a) => (await this.real()).nodeRangesPage(...a);
  fanOutNodeRanges: ClusterApi['fanOutNodeRanges'] = async (...a) => (await this.real()).fanOutNodeRanges(...a);
  hotRangesPage: ClusterApi['hotRangesPage'] = async (...a) => (await this.real()).hotRangesPage(...a);
  hotRanges: ClusterApi['hotRanges'] = async (...a) => (await this.real()).hotRanges(...a);
  rangeDetail: ClusterApi['rangeDetail'] = async (...a) => (await this.real()).rangeDetail(...a);
  sessionsPage: ClusterApi['sessionsPage'] = async (...a) => (await this.real()).sessionsPage(...a);
  eventsPage: ClusterApi['eventsPage'] = async (...a) => (await this.real()).eventsPage(...a);
  usersPage: ClusterApi['usersPage'] = async (...a) => (await this.real()).usersPage(...a);
  databasesPage: ClusterApi['databasesPage'] = async (...a) => (await this.real()).databasesPage(...a);
  databaseGrantsPage: ClusterApi['databaseGrantsPage'] = async (...a) => (await this.real()).databaseGrantsPage(...a);
  tablesPage: ClusterApi['tablesPage'] = async (...a) => (await this.real()).tablesPage(...a);
  tableDetails: ClusterApi['tableDetails'] = async (...a) => (await this.real()).tableDetails(...a);
  alertingRules: ClusterApi['alertingRules'] = async (...a) => (await this.real()).alertingRules(...a);
  sql: ClusterApi['sql'] = async (...a) => (await this.real()).sql(...a);
  executeSql: ClusterApi['executeSql'] = async (...a) => (await this.real()).executeSql(...a);
  workload: ClusterApi['workload'] = async (...a) => (await this.real()).workload(...a);
  cancelQuery: ClusterApi['cancelQuery'] = async (...a) => (await this.real()).cancelQuery(...a);
  cancelSession: ClusterApi['cancelSession'] = async (...a) => (await this.real()).cancelSession(...a);
  virtualClusters: ClusterApi['virtualClusters'] = async (...a) => (await this.real()).virtualClusters(...a);
  tsQuery: ClusterApi['tsQuery'] = async (...a) => (await this.real()).tsQuery(...a);
  statusVars: ClusterApi['statusVars'] = async (...a) => (await this.real()).statusVars(...a);
  metricMetadata: ClusterApi['metricMetadata'] = async (...a) => (await this.real()).metricMetadata(...a);

  async *allNodes(opts?: RequestOptions): AsyncIterable<NodeStatus> {
    yield* (await this.real()).allNodes(opts);
  }

  async *allSessions(query?: SessionsQuery, opts?: RequestOptions): AsyncIterable<CursorPage<Session>> {
    yield* (await this.real()).allSessions(query, opts);
  }
}
