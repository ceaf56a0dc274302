// A control port for a simulator running as its own process (the demo, the
// extension-host and UI tiers): tests change its behaviour at run time over HTTP.
// It listens on a separate 127.0.0.1 port so the cluster's own routes stay exactly
// what a real node serves.
//   POST /down-nodes?ids=3,4[&since=<Unix ms, when they went down>]
//   POST /fail-rate?p=0.2   POST /stall?route=nodes/ (empty clears)
//   POST /garbage?route=...    POST /expire-sessions    POST /not-ready?on=1
//   POST /virtual?on=1         POST /latency?ms=20      GET  /stats   GET /info
//   POST /dead-node-delay?ms=200
// With --cloud, the Cloud API simulator's controls too:
//   POST /cloud/fail-next?status=429&retryAfter=1&count=2[&method=GET][&message=…]
//   POST /cloud/rate-limit?n=10   POST /cloud/retry-after?s=1 (empty clears)
//   POST /cloud/latency?ms=20     POST /cloud/clear-requests   GET /cloud/stats
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudSimControl } from './cloud/index';
import type { SimControl } from './types';

/** The part of the Cloud simulator's control surface the control port exposes. */
export type CloudControlPort = Pick<
  CloudSimControl,
  'failNext' | 'setRateLimitPerSecond' | 'setRetryAfterSeconds' | 'setLatency' | 'requests' | 'clearRequests'
>;

function cloudControl(
  cloud: CloudControlPort,
  method: string,
  pathname: string,
  q: URLSearchParams,
): { status: number; body: unknown } {
  const num = (name: string, def?: number): number | undefined => {
    const raw = q.get(name);
    if (raw === null || raw === '') return def;
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`${name} must be a number`);
    return n;
  };
  if (method === 'GET' && pathname === '/cloud/stats') {
    const reqs = cloud.requests();
    return {
      status: 200,
      body: {
        requests: reqs.length,
        byStatus: reqs.reduce<Record<string, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {}),
      },
    };
  }
  if (method !== 'POST') return { status: 405, body: { error: 'POST only' } };
  switch (pathname) {
    case '/cloud/fail-next': {
      const retryAfterSeconds = num('retryAfter');
      const m = q.get('method');
      const message = q.get('message');
      cloud.failNext({
        count: num('count', 1)!,
        status: num('status', 500)!,
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...(m ? { method: m } : {}),
        ...(message ? { message } : {}),
      });
      break;
    }
    case '/cloud/rate-limit':
      cloud.setRateLimitPerSecond(num('n', 10)!);
      break;
    case '/cloud/retry-after':
      cloud.setRetryAfterSeconds(num('s'));
      break;
    case '/cloud/latency':
      cloud.setLatency(num('ms', 0)!);
      break;
    case '/cloud/clear-requests':
      cloud.clearRequests();
      break;
    default:
      return { status: 404, body: { error: `unknown control ${pathname}` } };
  }
  return { status: 200, body: { ok: true } };
}

/**
 * `info` is served as JSON at GET /info (e.g. the URLs of the --tls-fault servers), for
 * test runners that pass on only the ready line's usual fields.
 */
export async function startControlServer(
  control: SimControl,
  cloud?: CloudControlPort,
  info: Record<string, unknown> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    const q = url.searchParams;
    const on = q.get('on') === '1' || q.get('on') === 'true';
    const route = q.get('route') || undefined;
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/cloud/')) {
      if (!cloud) return reply(404, { error: 'no Cloud simulator: start with --cloud' });
      try {
        const r = cloudControl(cloud, req.method ?? 'GET', url.pathname, q);
        return reply(r.status, r.body);
      } catch (e) {
        return reply(400, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (req.method === 'GET' && url.pathname === '/info') return reply(200, info);
    if (req.method === 'GET' && url.pathname === '/tenant-requests') {
      return reply(200, { count: control.tenantRequestCount(q.get('tenant') ?? 'system', q.get('prefix') ?? '') });
    }
    if (req.method === 'GET' && url.pathname === '/stats') {
      return reply(200, {
        requests: control.requestCount(''),
        revokedSessions: control.revokedSessions(),
        activeSessions: control.activeSessionCount(),
        cancelledSessions: control.cancelledSessions(),
        cancelledQueries: control.cancelledQueries(),
      });
    }
    if (req.method !== 'POST') return reply(405, { error: 'POST only' });
    switch (url.pathname) {
      case '/down-nodes':
        control.setDownNodes(
          (q.get('ids') ?? '').split(',').filter(Boolean).map(Number),
          q.get('since') ? Number(q.get('since')) : undefined,
        );
        break;
      case '/fail-rate':
        control.setFailRate(Number(q.get('p') ?? 0));
        break;
      case '/stall':
        control.stallRoute(route);
        break;
      case '/garbage':
        control.garbageRoute(route);
        break;
      case '/expire-sessions':
        control.expireAllSessions();
        break;
      case '/not-ready':
        control.setNotReady(on);
        break;
      case '/virtual':
        control.setVirtualCluster(on);
        break;
      case '/latency':
        control.setLatency(Number(q.get('ms') ?? 0));
        break;
      case '/dead-node-delay':
        control.setDeadNodeDelay(Number(q.get('ms') ?? 0));
        break;
      default:
        return reply(404, { error: `unknown control ${url.pathname}` });
    }
    reply(200, { ok: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
