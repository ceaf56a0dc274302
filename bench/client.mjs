// Cluster API client against the simulator, in this process over real sockets. The
// fan-out against a simulator in its own process is bench/fanout.mjs.
// Bundled by bench/build.mjs (it imports the TypeScript sources, as the extension bundle does).
import { ClusterClient } from '../src/api/cluster/client.ts';
import { hotRangeRow } from '../src/webviews/convert.ts';
import { rollUp } from '../src/webviews/model/rollup.ts';
import { startSim } from './sim.mjs';
import { pairedRatio, sideBySideRuns, summarize, timeMs } from './stats.mjs';

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
    const t = await sideBySideRuns({ client: viaClient, fetch: viaFetch }, 9);
    return { client: summarize(t.client), fetch: summarize(t.fetch), ratio: pairedRatio(t.client, t.fetch) };
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
    return { fetch: summarize(fetchTimes), rollUp: summarize(rollTimes), rows: result.ranges.length };
  } finally {
    await sim.close();
  }
}

export async function benchClient() {
  return { nodes: await nodesListing(), hot: await hotRanges() };
}
