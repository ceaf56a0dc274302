// Cluster API client against the simulator, in this process over real sockets.
// Bundled by bench/build.mjs (it imports the TypeScript sources, as the extension bundle does).
import { ClusterClient } from '../src/api/cluster/client.ts';
import { hotRangeRow } from '../src/webviews/convert.ts';
import { rollUp } from '../src/webviews/model/rollup.ts';
import { startSim } from './sim.mjs';
import { median, sideBySide, timeMs } from './stats.mjs';

const PAGE = 100;

/** 1,000 nodes in pages of 100: the client (lossless JSON, normalisers) vs bare fetch + JSON.parse. */
async function nodesListing() {
  const sim = await startSim({ nodes: 1000 });
  try {
    const client = new ClusterClient({ baseUrl: sim.url });
    const viaClient = async () => {
      let n = 0;
      for (let offset = 0; offset !== undefined;) {
        const page = await client.nodesPage({ limit: PAGE, offset });
        n += page.items.length;
        offset = page.next;
      }
      if (n !== 1000) throw new Error(`client listed ${n} nodes, expected 1000`);
    };
    const viaFetch = async () => {
      let n = 0;
      for (let offset = 0; offset !== undefined;) {
        const res = await fetch(`${sim.url}/api/v2/nodes/?limit=${PAGE}&offset=${offset}`);
        const body = JSON.parse(await res.text());
        n += body.nodes.length;
        offset = body.next ?? undefined;
      }
      if (n !== 1000) throw new Error(`fetch listed ${n} nodes, expected 1000`);
    };
    const t = await sideBySide({ client: viaClient, fetch: viaFetch }, 9);
    return { clientMs: t.client, fetchMs: t.fetch, ratio: t.client / t.fetch };
  } finally {
    await sim.close();
  }
}

/**
 * Every hot range of 100 nodes × 128 entries: fetch, normalise, de-duplicate; then the
 * panel's roll-up by table (src/webviews/model/rollup.ts) of the rows the host would send.
 */
async function hotRanges() {
  const sim = await startSim({ nodes: 100, hotRangesPerNode: 128 });
  try {
    const client = new ClusterClient({ baseUrl: sim.url });
    let result;
    const fetchTimes = [];
    const rollTimes = [];
    await client.hotRanges(); // warm-up
    for (let i = 0; i < 5; i++) {
      fetchTimes.push(await timeMs(async () => (result = await client.hotRanges())));
      rollTimes.push(
        await timeMs(() =>
          rollUp(
            result.ranges.map((h) => hotRangeRow(h, new Map())),
            'table',
          ),
        ),
      );
    }
    return { ms: median(fetchTimes), rollUpMs: median(rollTimes), rows: result.ranges.length };
  } finally {
    await sim.close();
  }
}

/** First page of ranges of 100 nodes at 20 ms per request vs the ideal ceil(100 / concurrency) × 20 ms. */
async function fanOut() {
  const latencyMs = 20;
  const concurrency = 8; // the client's default
  const sim = await startSim({ nodes: 100, latencyMs });
  try {
    const client = new ClusterClient({ baseUrl: sim.url, concurrency });
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    // Small pages, so the figure is about scheduling the requests, not payload size.
    // The same requests through a bare fetch pool: what the machine and simulator allow,
    // so a miss can be told apart from overhead in the client.
    const bare = () =>
      pool(ids, concurrency, (id) => fetch(`${sim.url}/api/v2/nodes/${id}/ranges/?limit=10`).then((r) => r.json()));
    const t = await sideBySide({ fanOut: () => client.fanOutNodeRanges(ids, { limit: 10 }), bare }, 5);
    const ideal = Math.ceil(ids.length / concurrency) * latencyMs;
    return { ms: t.fanOut, idealMs: ideal, ratio: t.fanOut / ideal, fetchRatio: t.bare / ideal };
  } finally {
    await sim.close();
  }
}

async function pool(items, size, fn) {
  const queue = [...items];
  const worker = async () => {
    while (queue.length) await fn(queue.shift());
  };
  await Promise.all(Array.from({ length: size }, worker));
}

export async function benchClient() {
  return { nodes: await nodesListing(), hot: await hotRanges(), fanOut: await fanOut() };
}
