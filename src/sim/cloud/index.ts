// CockroachDB Cloud API simulator: a real HTTP server on 127.0.0.1 serving
// /api/v1/ with bearer-key auth, Cc-Version checks, per-key rate limiting
// (429 + Retry-After), keyset paging and mutable state. Its ADVANCED cluster
// "prod-orders" points `regions[].ui_dns` at a locally running cluster
// simulator, so the Cloud account → DB Console → Cluster API path runs locally.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { REQUIRED_ROLES } from '../../api/cloud/roles';
import { OTHER_SQL_USERS, SIM_USERS } from '../auth';
import { buildWorld, type CloudWorld, type WireCluster } from './data';
import { GRPC, SimHttpError } from './paging';
import { ROUTES } from './routes';

export const SUPPORTED_CC_VERSIONS = ['2022-09-20', '2023-04-10', '2024-09-16'];
/**
 * The cluster simulator's users (src/sim/auth.ts: `admin`, `viewer`, …) are the
 * ADVANCED cluster's SQL users, so a user listed here can sign in to its DB Console.
 * `root` is left out: Cloud never lists it.
 */
export const DEFAULT_ADVANCED_SQL_USERS = [
  ...SIM_USERS.map((u) => u.username),
  ...OTHER_SQL_USERS.filter((u) => u !== 'root'),
];

export interface CloudSimOptions {
  /** 0 / omitted = any free port. */
  port?: number;
  seed?: number;
  /** DB Console host of the ADVANCED cluster, e.g. "localhost:34567" (a cluster simulator). */
  advancedClusterUiDns: string;
  /** CA file of that cluster simulator; exposed on the handle for callers that hand it to the client. */
  advancedClusterCaFile?: string;
  /** SQL users listed for the ADVANCED cluster; default DEFAULT_ADVANCED_SQL_USERS. */
  advancedClusterSqlUsers?: string[];
  /** Per key; default 10. */
  rateLimitPerSecond?: number;
  /** Retry-After sent with 429s; default = seconds until the window frees a slot, rounded up. Fractions allowed (tests). */
  retryAfterSeconds?: number;
}

export interface CloudRequestRecord {
  /** Arrival time, ms since epoch with sub-ms precision. */
  at: number;
  method: string;
  path: string;
  query: string;
  key: 'admin' | 'restricted' | 'invalid' | 'none';
  /** Cc-Version header as sent (undefined = absent). */
  ccVersion?: string;
  status: number;
}

export interface CloudSimControl {
  readonly advancedClusterId: string;
  /** Raw wire cluster id by name (any state). */
  clusterId(name: string): string;
  /** Requests in arrival order (including rejected ones). */
  requests(): CloudRequestRecord[];
  clearRequests(): void;
  setRateLimitPerSecond(n: number): void;
  setRetryAfterSeconds(s: number | undefined): void;
  setLatency(ms: number): void;
  /** The next `count` authenticated requests (optionally only `method`) get this status and `{code, message}`. */
  failNext(f: {
    count: number;
    status: number;
    code?: number;
    message?: string;
    retryAfterSeconds?: number;
    method?: string;
  }): void;
  /** Shallow-merges wire fields into a cluster, e.g. `{state: 'HIBERNATING'}` to test unknown enums. */
  patchCluster(id: string, patch: Record<string, unknown>): void;
  /** Live wire state (for assertions). */
  world(): CloudWorld;
}

export interface RunningCloudSim {
  cloudUrl: string;
  /** ORG_ADMIN + CLUSTER_ADMIN: every operation works. */
  cloudApiKey: string;
  /** CLUSTER_MONITOR only: lists/reads clusters, 403 on organization, nodes, databases, SQL users, allowlist. */
  restrictedApiKey: string;
  advancedClusterCaFile?: string;
  control: CloudSimControl;
  close(): Promise<void>;
}

const ADMIN_ROLES = new Set(['ORG_ADMIN', 'CLUSTER_ADMIN']);
const RESTRICTED_ROLES = new Set(['CLUSTER_MONITOR']);

function newKey(): string {
  // Shaped like real keys: CCDB1_<id>_<secret>.
  return `CCDB1_${randomBytes(11).toString('base64url')}_${randomBytes(24).toString('base64url')}`;
}

export async function startCloudSimulator(opts: CloudSimOptions): Promise<RunningCloudSim> {
  const world = buildWorld({
    seed: opts.seed ?? 1,
    advancedClusterUiDns: opts.advancedClusterUiDns,
    advancedClusterSqlUsers: opts.advancedClusterSqlUsers ?? DEFAULT_ADVANCED_SQL_USERS,
  });
  const adminKey = newKey();
  const restrictedKey = newKey();
  let rateLimit = opts.rateLimitPerSecond ?? 10;
  let retryAfterOverride = opts.retryAfterSeconds;
  let latencyMs = 0;
  const log: CloudRequestRecord[] = [];
  const windows = new Map<string, number[]>();
  const faults: Array<{
    count: number;
    status: number;
    code: number;
    message: string;
    retryAfterSeconds?: number;
    method?: string;
  }> = [];
  const now = (): number => performance.timeOrigin + performance.now();

  function send(
    res: http.ServerResponse,
    rec: CloudRequestRecord,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    rec.status = status;
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  /** Sliding one-second window per key; only admitted requests count. */
  function admit(key: string, at: number): number | undefined {
    const w = windows.get(key) ?? [];
    while (w.length > 0 && w[0]! <= at - 1000) w.shift();
    windows.set(key, w);
    if (w.length >= rateLimit) {
      const wait = retryAfterOverride ?? Math.max(1, Math.ceil((w[0]! + 1000 - at) / 1000));
      return wait;
    }
    w.push(at);
    return undefined;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const at = now();
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = (req.method ?? 'GET').toUpperCase();
    const rec: CloudRequestRecord = { at, method, path: url.pathname, query: url.search, key: 'none', status: 0 };
    log.push(rec);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));

    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    const key = m?.[1];
    rec.key = key === adminKey ? 'admin' : key === restrictedKey ? 'restricted' : key ? 'invalid' : 'none';
    if (rec.key === 'none' || rec.key === 'invalid') {
      return send(res, rec, 401, {
        code: GRPC.UNAUTHENTICATED,
        message: 'unauthenticated: invalid or missing bearer token',
        details: [],
      });
    }
    const version = req.headers['cc-version'];
    if (version !== undefined) rec.ccVersion = String(version);
    if (version !== undefined && !SUPPORTED_CC_VERSIONS.includes(String(version))) {
      return send(res, rec, 400, { code: GRPC.INVALID_ARGUMENT, message: 'invalid Cc-Version', details: [] });
    }
    const wait = admit(key!, at);
    if (wait !== undefined) {
      return send(
        res,
        rec,
        429,
        { code: GRPC.RESOURCE_EXHAUSTED, message: 'rate limit exceeded', details: [] },
        { 'Retry-After': String(wait) },
      );
    }
    const fi = faults.findIndex((f) => !f.method || f.method === method);
    if (fi >= 0) {
      const f = faults[fi]!;
      if (--f.count <= 0) faults.splice(fi, 1);
      const h: Record<string, string> =
        f.retryAfterSeconds !== undefined ? { 'Retry-After': String(f.retryAfterSeconds) } : {};
      return send(res, rec, f.status, { code: f.code, message: f.message, details: [] }, h);
    }

    const route = ROUTES.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      const known = ROUTES.some((r) => r.pattern.test(url.pathname));
      return send(res, rec, known ? 405 : 404, {
        code: known ? GRPC.UNIMPLEMENTED : GRPC.NOT_FOUND,
        message: known ? 'method not allowed' : 'Not Found',
        details: [],
      });
    }
    const roles = rec.key === 'admin' ? ADMIN_ROLES : RESTRICTED_ROLES;
    if (!(REQUIRED_ROLES[route.op] as readonly string[]).some((r) => roles.has(r))) {
      return send(res, rec, 403, {
        code: GRPC.PERMISSION_DENIED,
        message: 'user does not have permission to perform this action',
        details: [],
      });
    }
    let body: Record<string, unknown> = {};
    if (chunks.length > 0) {
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        return send(res, rec, 400, {
          code: GRPC.INVALID_ARGUMENT,
          message: 'request body is not valid JSON',
          details: [],
        });
      }
    }
    try {
      const params = route.pattern.exec(url.pathname)!.slice(1);
      return send(res, rec, 200, route.handle({ world, params, query: url.searchParams, body }));
    } catch (e) {
      if (e instanceof SimHttpError) return send(res, rec, e.status, { code: e.code, message: e.message, details: [] });
      return send(res, rec, 500, { code: 13, message: `internal error: ${(e as Error).message}`, details: [] });
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 13, message: String(e) }));
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const findCluster = (id: string): WireCluster => {
    const c = world.clusters.get(id);
    if (!c) throw new Error(`no simulated cluster ${id}`);
    return c.cluster;
  };

  const control: CloudSimControl = {
    advancedClusterId: world.advancedClusterId,
    clusterId(name) {
      for (const c of world.clusters.values()) if (c.cluster.name === name) return c.cluster.id;
      throw new Error(`no simulated cluster named ${name}`);
    },
    requests: () => [...log],
    clearRequests: () => void log.splice(0),
    setRateLimitPerSecond: (n) => void (rateLimit = n),
    setRetryAfterSeconds: (s) => void (retryAfterOverride = s),
    setLatency: (ms) => void (latencyMs = ms),
    failNext(f) {
      faults.push({
        count: f.count,
        status: f.status,
        code: f.code ?? (f.status === 429 ? GRPC.RESOURCE_EXHAUSTED : 13),
        message: f.message ?? (f.status === 429 ? 'rate limit exceeded' : 'injected failure'),
        ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}),
        ...(f.method !== undefined ? { method: f.method.toUpperCase() } : {}),
      });
    },
    patchCluster: (id, patch) => void Object.assign(findCluster(id), patch),
    world: () => world,
  };

  return {
    cloudUrl: `http://127.0.0.1:${port}`,
    cloudApiKey: adminKey,
    restrictedApiKey: restrictedKey,
    ...(opts.advancedClusterCaFile !== undefined ? { advancedClusterCaFile: opts.advancedClusterCaFile } : {}),
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
