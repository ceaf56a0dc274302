// A control port for a simulator running as its own process (the demo, the
// extension-host and UI tiers): tests change its behaviour at run time over HTTP.
// It listens on a separate 127.0.0.1 port so the cluster's own routes stay exactly
// what a real node serves.
//   POST /down-nodes?ids=3,4   POST /fail-rate?p=0.2   POST /stall?route=nodes/ (empty clears)
//   POST /garbage?route=...    POST /expire-sessions    POST /not-ready?on=1
//   POST /virtual?on=1         POST /latency?ms=20      GET  /stats
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimControl } from './types';

export async function startControlServer(control: SimControl): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    const q = url.searchParams;
    const on = q.get('on') === '1' || q.get('on') === 'true';
    const route = q.get('route') || undefined;
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
        control.setDownNodes((q.get('ids') ?? '').split(',').filter(Boolean).map(Number));
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
