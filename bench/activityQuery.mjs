// SQL activity's query against the simulator with 10,000 statement fingerprints: the client's
// workload('statements', …) as the panel calls it (version plan, lossless JSON, row parser) plus
// the panel's model of the rows (statementRow), against a bare fetch + JSON.parse of the very
// body the client sent to `POST /api/v2/sql/` (recorded by a pass-through proxy on a warm-up).
// Bundled by bench/build.mjs (it imports the TypeScript sources); the simulator runs in its own
// process (bench/activitySim.ts), so its SQL engine does not share this event loop.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { ClusterClient } from '../src/api/cluster/client.ts';
import { ACTIVITY_LIMIT, ACTIVITY_MAX_RESULT_BYTES } from '../src/webviews/model/activityColumns.ts';
import { statementRow } from '../src/webviews/workloadConvert.ts';
import { sideBySide } from './stats.mjs';

const ROWS = ACTIVITY_LIMIT;
/** A few more than asked for: a fingerprint that ran in none of the simulated hours has no row. */
const FINGERPRINTS = ROWS + 100;
const TIMEOUT_MS = 120_000;

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

/** bench/activitySim.ts in a child process; resolves once it listens. */
async function startActivitySim(root) {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const proc = spawn(tsx, [path.join(root, 'bench', 'activitySim.ts'), String(FINGERPRINTS)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (b) => (stderr += b.toString()));
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator did not start within 30 s')), 30_000);
    readline.createInterface({ input: proc.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
    proc.once('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${c}: ${stderr}`));
    });
  });
  return {
    url: ready.clusterUrl,
    close: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Forwards everything to `target` and keeps the body of the last `POST …/sql/`. */
async function recordingProxy(target) {
  const seen = { body: undefined, headers: undefined };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && /\/api\/v2\/sql\/?$/.test(new URL(req.url, target).pathname)) {
        seen.body = body.toString('utf8');
        seen.headers = { 'content-type': req.headers['content-type'] ?? 'application/json' };
      }
      const out = http.request(new URL(req.url, target), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => res.writeHead(502).end());
      out.end(body);
    });
  });
  const url = await listen(server);
  return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function benchActivityQuery({ runs = 5, root = process.cwd() } = {}) {
  const sim = await startActivitySim(root);
  try {
    // The panel's query: 7 days (every simulated hour), internal apps too, so all fingerprints qualify.
    const query = {
      window: { start: new Date(Date.now() - 7 * 24 * 3_600_000), end: new Date() },
      metric: 'totalTime',
      includeInternal: true,
      limit: ROWS,
    };
    const opts = { maxResultBytes: ACTIVITY_MAX_RESULT_BYTES, timeoutMs: TIMEOUT_MS };
    const proxy = await recordingProxy(sim.url);
    let body;
    let headers;
    try {
      const viaProxy = new ClusterClient({ baseUrl: proxy.url, timeoutMs: TIMEOUT_MS });
      // Also starts the simulator's SQL engine (tens of seconds for this many rows) outside the timings.
      const first = await viaProxy.workload('statements', query, opts);
      if (first.status !== 'ok') throw new Error(`the simulator answered ${first.status}: ${first.reason}`);
      ({ body, headers } = proxy.seen);
      if (!body) throw new Error('the proxy saw no sql/ request');
    } finally {
      await proxy.close();
    }

    const client = new ClusterClient({ baseUrl: sim.url, timeoutMs: TIMEOUT_MS });
    let clientRows = 0;
    let fetchRows = 0;
    let truncated = false;
    const viaClient = async () => {
      const r = await client.workload('statements', query, opts);
      if (r.status !== 'ok') throw new Error(`client: ${r.reason}`);
      clientRows = r.items.map(statementRow).length;
      truncated = r.truncated;
    };
    const viaFetch = async () => {
      const res = await fetch(`${sim.url}/api/v2/sql/`, { method: 'POST', headers, body });
      const parsed = JSON.parse(await res.text());
      fetchRows = parsed.execution?.txn_results?.[0]?.rows?.length ?? 0;
    };
    const t = await sideBySide({ client: viaClient, fetch: viaFetch }, runs);
    if (clientRows !== ROWS || fetchRows !== ROWS)
      throw new Error(`expected ${ROWS} rows both ways, got ${clientRows} (client) and ${fetchRows} (fetch)`);
    return { clientMs: t.client, fetchMs: t.fetch, ratio: t.client / t.fetch, rows: clientRows, truncated };
  } finally {
    await sim.close();
  }
}
