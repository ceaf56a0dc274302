// /_status/vars as Prometheus text (read with the maintained parser), the metricmetadata
// catalogue, and the node-level values nodes/ reports beside them.
import assert from 'node:assert/strict';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { PrometheusFamily } from 'parse-prometheus-text-format';
import { HISTOGRAM_QUANTILES, METRICS, seriesNames } from '../../../src/sim/data/metricsCatalog';
import { vars } from './metricsHttp';
import type { Json, Sim } from './simHttp';
import { getJson, login, startSim } from './simHttp';

async function families(sim: Sim, query = ''): Promise<PrometheusFamily[]> {
  const res = await vars(sim, query);
  assert.equal(res.status, 200);
  return parsePrometheusTextFormat(`${await res.text()}\n`);
}

const promName = (name: string): string => name.replace(/[^a-zA-Z0-9_:]/g, '_');

describe('cluster sim: /_status/vars and metricmetadata', () => {
  let sim: Sim;
  let token: string;
  before(async () => {
    sim = await startSim({ nodes: 5 });
    token = await login(sim);
  });
  after(() => sim.close());

  it('is Prometheus text with HELP and TYPE for every metric, every sample labelled node_id, store metrics store', async () => {
    const res = await vars(sim);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    assert.match(text, /^# HELP sql_service_latency Latency of SQL request execution$/m);
    assert.match(text, /^# TYPE sql_query_count counter$/m);
    // Go's %g, as prometheus/common writes floats.
    assert.match(text, /^capacity\{store="1",node_id="1"\} 5\.36870912e\+11$/m);
    const fams = parsePrometheusTextFormat(`${text}\n`);
    const byName = new Map(fams.map((f) => [f.name, f]));
    for (const m of METRICS) {
      const f = byName.get(promName(m.name));
      assert.ok(f, m.name);
      assert.equal(f.type, m.kind.toUpperCase());
      assert.ok(f.help.length > 0);
    }
    for (const f of fams.filter((x) => x.type !== 'HISTOGRAM')) {
      for (const s of f.metrics) {
        assert.equal(s.labels?.node_id, '1', f.name);
        const isStore = METRICS.some((m) => m.level === 'store' && promName(m.name) === f.name);
        assert.equal(s.labels?.store, isStore ? '1' : undefined, f.name);
      }
    }
    assert.match(text, /^sql_service_latency_bucket\{node_id="1",le="\+Inf"\} /m);
    assert.match(text, /^sql_service_latency_count\{node_id="1"\} /m);
  });

  it('exports the node_id gauge with the node’s addresses and build_timestamp with the profile’s tag', async () => {
    const fams = await families(sim);
    const nodeId = fams.find((f) => f.name === 'node_id')!.metrics[0]!;
    assert.equal(nodeId.value, '1');
    assert.deepEqual(nodeId.labels, {
      advertise_addr: 'crdb-node-1.sim.internal:26257',
      http_addr: 'crdb-node-1.sim.internal:8080',
      sql_addr: 'crdb-node-1.sim.internal:26257',
      node_id: '1',
    });
    const build = fams.find((f) => f.name === 'build_timestamp')!.metrics[0]!;
    assert.deepEqual(build.labels, { tag: 'v25.2.4', go_version: 'go1.23.7', node_id: '1' });
    assert.equal(Number(build.value), Date.UTC(2025, 5, 1, 12) / 1000);
    const v23 = await startSim({ nodes: 1, profile: 'v23' });
    try {
      const text = await (await vars(v23)).text();
      assert.match(text, /^build_timestamp\{tag="v23\.2\.9",go_version="go1\.23\.7",node_id="1"\} 1\.7487792e\+09$/m);
    } finally {
      await v23.close();
    }
  });

  it('serves another node through remote_node_id; local is the gateway', async () => {
    const three = await families(sim, '?remote_node_id=3');
    assert.equal(three.find((f) => f.name === 'node_id')!.metrics[0]!.value, '3');
    for (const f of three.filter((x) => x.type !== 'HISTOGRAM')) {
      for (const s of f.metrics) assert.equal(s.labels?.node_id, '3');
    }
    assert.equal(three.find((f) => f.name === 'capacity')!.metrics[0]!.labels?.store, '3');
    const local = await families(sim, '?remote_node_id=local');
    assert.equal(local.find((f) => f.name === 'node_id')!.metrics[0]!.value, '1');
    const byCookie = await vars(sim, '', { Cookie: 'remote_node_id=2' });
    assert.match(await byCookie.text(), /^node_id\{.*\} 2$/m);
  });

  it('answers an unknown or malformed remote_node_id with 400', async () => {
    const unknown = await vars(sim, '?remote_node_id=99');
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /unable to get address for nodeID: 99: unable to look up descriptor for n99/);
    const bad = await vars(sim, '?remote_node_id=two');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /error parsing nodeID from request: two/);
  });

  it('lists every served series and every exported family in metricmetadata, enums as integers', async () => {
    const res = await fetch(`${sim.clusterUrl}/_admin/v1/metricmetadata`, { headers: { Cookie: `session=${token}` } });
    assert.equal(res.status, 200);
    const { metadata } = (await res.json()) as { metadata: Record<string, Json> };
    assert.deepEqual(metadata['sql.query.count'], {
      name: 'sql.query.count',
      help: 'Number of SQL operations started including queries, and transaction control statements',
      measurement: 'SQL Statements',
      unit: 3,
      metricType: 0,
    });
    assert.equal(metadata['sql.service.latency'].metricType, 4);
    assert.equal(metadata['sql.service.latency'].unit, 4);
    assert.equal(metadata['capacity'].unit, 1);
    assert.equal(metadata['sql.conns'].metricType, 1);
    const quantile = new RegExp(`(${HISTOGRAM_QUANTILES.join('|')})$`);
    for (const full of seriesNames()) {
      const key = full.replace(/^cr\.(node|store)\./, '').replace(quantile, '');
      assert.ok(metadata[key], `${full} → ${key}`);
    }
    const exported = new Set(Object.keys(metadata).map(promName));
    for (const f of await families(sim)) assert.ok(exported.has(f.name), f.name);
  });

  it('reports node-level values in nodes/ that agree with the node’s vars, and no store metrics among them', async () => {
    const nodes = (await getJson(sim, 'nodes/', token)).nodes as Json[];
    const fams = await families(sim, '?remote_node_id=2');
    const value = (name: string): number => Number(fams.find((f) => f.name === name)!.metrics[0]!.value);
    const two = nodes.find((n) => n.node_id === 2);
    assert.equal(two.metrics['sys.rss'] > 0, true);
    assert.ok(Math.abs(two.metrics['sql.conns'] - value('sql_conns')) <= 10);
    assert.equal(two.store_metrics['2'].capacity, value('capacity'));
    assert.equal(two.store_metrics['2']['ranges.underreplicated'], value('ranges_underreplicated'));
    assert.equal(two.store_metrics['2'].replicas, value('replicas'));
    for (const n of nodes) {
      const m = n.metrics;
      assert.ok(Math.abs(m['clock-offset.meannanos']) < 5_000_000);
      assert.ok(m['sql.service.latency-p50'] > 0 && m['sql.service.latency-p50'] < m['sql.service.latency-p99']);
      assert.ok(m['sql.conns'] >= 0);
      for (const key of ['capacity', 'capacity.used', 'ranges.underreplicated', 'ranges.unavailable', 'replicas']) {
        assert.equal(key in m, false, key);
      }
      const s = n.store_metrics[String(n.node_id)];
      for (const key of [
        'capacity',
        'capacity.used',
        'capacity.available',
        'ranges',
        'replicas',
        'replicas.leaseholders',
        'ranges.underreplicated',
        'ranges.unavailable',
        'ranges.overreplicated',
      ]) {
        assert.equal(typeof s[key], 'number', key);
      }
      assert.equal(s.capacity, s['capacity.used'] + s['capacity.available']);
    }
    assert.ok(nodes[1].store_metrics['2']['capacity.used'] / nodes[1].store_metrics['2'].capacity > 0.72);
  });

  it('carries the same store metrics in the seed spec’s store_statuses', async () => {
    const seed = await startSim({ nodes: 3, profile: 'seed-spec' });
    try {
      const t = await login(seed);
      const nodes = (await getJson(seed, 'nodes/', t)).nodes as Json[];
      const status = nodes[0].store_statuses[0];
      assert.equal(status.desc.store_id, 1);
      assert.equal(typeof status.metrics['ranges.underreplicated'], 'number');
      assert.equal(status.metrics.capacity, 500 * 1024 ** 3);
    } finally {
      await seed.close();
    }
  });
});
