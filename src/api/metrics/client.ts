// The metrics routes a node serves beside the Cluster API: their paths, parameters,
// authentication and error wording. ClusterClient delegates here, on its own requester
// (same session provider, time-out, abort and virtual cluster). Wire formats are in
// ./tsQuery, ./vars and ./metadata.
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import type { MetricsRequestOptions } from '../cluster/api';
import type { ClusterRequester } from '../cluster/requester';
import { METRIC_METADATA_ROUTE, parseMetricMetadata } from './metadata';
import { buildTsQueryBody, parseTsResponse, TS_QUERY_ROUTE } from './tsQuery';
import type { MetricMetadata, StatusVars, TsRequest, TsSeries } from './types';
import { parseStatusVars, STATUS_VARS_ROUTE } from './vars';

/** The classic text format: a node that can also write OpenMetrics or protobuf must not pick those. */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4'; // l10n-ignore: HTTP Accept header

export class MetricsClient {
  constructor(private readonly req: ClusterRequester) {}

  async tsQuery(request: TsRequest, opts: MetricsRequestOptions = {}): Promise<TsSeries[]> {
    const body = buildTsQueryBody(request);
    if (request.queries.length === 0) return [];
    const { scope = 'system', ...rest } = opts;
    // A POST: the transport never retries it, so a slow query is not run twice.
    const res = await this.req.send({
      ...rest,
      method: 'POST',
      route: TS_QUERY_ROUTE,
      // Node and store series are recorded by the system cluster.
      scope,
      auth: 'cookie',
      body,
      contentType: 'application/json',
    });
    return parseTsResponse(typeof res.data === 'string' ? res.data : '', res.status, request.queries);
  }

  async statusVars(nodeId?: number, opts: MetricsRequestOptions = {}): Promise<StatusVars> {
    if (nodeId !== undefined && (!Number.isSafeInteger(nodeId) || nodeId <= 0))
      throw new ApiError('badRequest', l10n.t('Node id must be a positive integer (got {0}).', nodeId), {
        route: STATUS_VARS_ROUTE,
      });
    const { scope = 'system', ...rest } = opts;
    const remote = nodeId !== undefined;
    const n = String(nodeId);
    const down = l10n.t('Node n{0} did not answer – it may be down, restarting or no longer in the cluster.', n);
    const res = await this.req.send({
      ...rest,
      route: STATUS_VARS_ROUTE,
      scope,
      // Served without authentication (the Prometheus scrape endpoint).
      auth: false,
      accept: PROMETHEUS_TEXT,
      params: { remote_node_id: nodeId },
      ...(remote
        ? {
            // The node answering proxies to node N: 400 when it knows no address for N, a bare
            // 502 from its reverse proxy when N does not answer (pkg/server/node_http_router.go).
            messages: {
              400: l10n.t('Node n{0} is not in the cluster (no address is known for it).', n),
              404: l10n.t('Node n{0} was not found in the cluster.', n),
              500: down,
              502: down,
            },
            // Reaching another node costs the server's dial timeout when that node is dead: once.
            retry: false as const,
          }
        : {}),
    });
    const vars = parseStatusVars(typeof res.data === 'string' ? res.data : '', res.status);
    if (remote && vars.nodeId !== undefined && vars.nodeId !== nodeId)
      throw new ApiError(
        'malformed',
        l10n.t('{0} for node n{1} answered with the metrics of node n{2}.', STATUS_VARS_ROUTE, n, vars.nodeId),
        { status: res.status, route: STATUS_VARS_ROUTE },
      );
    return vars;
  }

  async metricMetadata(opts: MetricsRequestOptions = {}): Promise<Record<string, MetricMetadata>> {
    const { scope = 'system', ...rest } = opts;
    const res = await this.req.send({ ...rest, route: METRIC_METADATA_ROUTE, scope, auth: 'cookie' });
    return parseMetricMetadata(this.req.parseBody(res, METRIC_METADATA_ROUTE), res.status);
  }
}
