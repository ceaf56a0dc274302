// The metrics routes a node serves beside /api/v2/: `POST /ts/query`,
// `GET /_admin/v1/metricmetadata` (both behind the DB Console's cookie authentication,
// pkg/server/authserver/authentication.go) and `/_status/vars` (no authentication at all,
// proxied to another node by `remote_node_id`, pkg/server/node_http_router.go).

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SYSTEM_TENANT } from '../auth';
import { BUILD_TIMESTAMP_METRIC, METRICS, METRIC_TYPE, NODE_ID_METRIC, isTenantMetric } from '../data/metricsCatalog';
import type { MetricDef } from '../data/metricsCatalog';
import { nowNanos } from '../data/series';
import { nodeExists } from '../data/topology';
import { MSG_INTERNAL, sendJson, sendText } from '../http';
import type { SimState } from '../state';
import { defaultTenant, readCookie, selectTenant, sessionForTenant } from '../tenants';
import { runTsQuery } from './tsQuery';
import type { TsRequestSpec } from './tsRequest';
import { GatewayError, parseTsRequest, sendGatewayError } from './tsRequest';
import { varsText } from './vars';

const TS_QUERY = 'ts/query';
const METADATA = '_admin/v1/metricmetadata';
const VARS = '_status/vars';
const PATHS = new Set([TS_QUERY, METADATA, VARS]);
const MAX_BODY = 4 * 1024 * 1024;

/** `pathname` without its leading slash when it is one of these routes. */
export function metricsPath(pathname: string): string | undefined {
  const path = pathname.replace(/^\//, '');
  return PATHS.has(path) ? path : undefined;
}

/** The mux answers every failure the same way; the JWT alternative came with v24.3 (and backports). */
function authFailure(sim: SimState): string {
  return sim.profile === 'v21' || sim.profile === 'v23'
    ? 'a valid authentication cookie is required'
    : 'a valid authentication cookie or JWT is required';
}

/** The `session` cookie (not the API header) for the virtual cluster serving the request. */
function cookieSignedIn(sim: SimState, req: IncomingMessage, tenant: string): boolean {
  if (sim.insecure) return true;
  const cookie = readCookie(req, 'session');
  if (!cookie) return false;
  const token = sessionForTenant(cookie, readCookie(req, 'tenant') || defaultTenant(sim));
  return sim.store.check(token, tenant).ok;
}

/** Resolves after `ms`, or false as soon as the client hangs up. */
function waitUnlessClosed(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

/** The whole body, or undefined past the limit (read to the end all the same, so the answer arrives). */
function readLimited(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Dead nodes slow a query down (cockroachdb#129409): any source it reads that is down. */
function readsDownNode(sim: SimState, spec: TsRequestSpec): boolean {
  if (sim.down.size === 0) return false;
  return spec.queries.some((q) => q.sources.length === 0 || q.sources.some((s) => sim.down.has(Number(s))));
}

async function tsQuery(sim: SimState, req: IncomingMessage, res: ServerResponse, tenant: string): Promise<void> {
  // grpc-gateway routes only POST here; anything else falls through to its NotFound.
  if (req.method !== 'POST') return sendText(res, 404, 'Not Found');
  const body = await readLimited(req);
  let answer: unknown;
  let spec: TsRequestSpec;
  try {
    if (body === undefined) throw new GatewayError(3, 'http: request body too large');
    spec = parseTsRequest(body);
    answer = runTsQuery(sim.topo, spec, tenant, nowNanos());
  } catch (e) {
    if (e instanceof GatewayError) return sendGatewayError(res, e);
    throw e;
  }
  if (readsDownNode(sim, spec) && !(await waitUnlessClosed(res, sim.deadNodeDelayMs))) return;
  sendJson(res, 200, answer);
}

function metadataEntry(def: MetricDef): Record<string, unknown> {
  const metricType =
    def.kind === 'counter' ? METRIC_TYPE.COUNTER : def.kind === 'histogram' ? METRIC_TYPE.HISTOGRAM : METRIC_TYPE.GAUGE;
  return { name: def.name, help: def.help, measurement: def.measurement, unit: def.unit, metricType };
}

function metricMetadata(req: IncomingMessage, res: ServerResponse, tenant: string): void {
  if (req.method !== 'GET') return sendText(res, 404, 'Not Found');
  const defs = [NODE_ID_METRIC, BUILD_TIMESTAMP_METRIC, ...METRICS].filter(
    (d) => tenant === SYSTEM_TENANT || d === NODE_ID_METRIC || d === BUILD_TIMESTAMP_METRIC || isTenantMetric(d.name),
  );
  const metadata: Record<string, unknown> = {};
  for (const def of [...defs].sort((a, b) => a.name.localeCompare(b.name))) metadata[def.name] = metadataEntry(def);
  sendJson(res, 200, { metadata });
}

async function vars(sim: SimState, req: IncomingMessage, res: ServerResponse, url: URL, tenant: string): Promise<void> {
  const raw = url.searchParams.get('remote_node_id') || readCookie(req, 'remote_node_id') || 'local';
  let nodeId = 1;
  if (raw !== 'local') {
    if (!/^[0-9]+$/.test(raw) || Number(raw) > 2 ** 31 - 1) {
      return sendText(
        res,
        400,
        `server: error parsing nodeID from request: ${raw}: strconv.ParseInt: parsing "${raw}": invalid syntax`,
      );
    }
    nodeId = Number(raw);
  }
  if (nodeId !== 1) {
    // Gossip knows no address for a node that never joined: a 400 the user can fix.
    if (!nodeExists(sim.topo, nodeId)) {
      return sendText(
        res,
        400,
        `unable to get address for nodeID: ${nodeId}: unable to look up descriptor for n${nodeId}`,
      );
    }
    // A dead node's address is still known: the reverse proxy dials it, gives up, and
    // answers httputil.ReverseProxy's bare 502.
    if (sim.down.has(nodeId)) {
      if (!(await waitUnlessClosed(res, sim.deadNodeDelayMs))) return;
      res.writeHead(502, { 'Content-Length': 0 });
      res.end();
      return;
    }
  }
  const text = varsText(sim.topo, nodeId, tenant);
  res.writeHead(200, {
    'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Serves one of the routes after the shared count/latency/stall steps (server.ts). */
export async function handleMetrics(
  sim: SimState,
  path: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const tenant = selectTenant(sim, req, url.searchParams);
  sim.countTenant(tenant, path);
  if (path !== VARS && !cookieSignedIn(sim, req, tenant)) return sendText(res, 401, authFailure(sim));
  if (sim.shouldFail()) return sendText(res, 500, MSG_INTERNAL);
  if (sim.garbagePrefix !== undefined && path.startsWith(sim.garbagePrefix)) {
    res.writeHead(200, { 'Content-Type': path === VARS ? 'text/plain' : 'application/json' });
    res.end('json: unsupported value: NaN\n<html><body>not json</body></html>');
    return;
  }
  if (path === TS_QUERY) return tsQuery(sim, req, res, tenant);
  if (path === METADATA) return metricMetadata(req, res, tenant);
  return vars(sim, req, res, url, tenant);
}
