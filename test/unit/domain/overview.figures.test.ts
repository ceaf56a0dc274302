import assert from 'node:assert/strict';
import type { NodeStatus } from '../../../src/api/cluster/models';
import { DEFAULT_THRESHOLDS, evaluateHealthRules } from '../../../src/domain/health/rules';
import { overviewPayload, type OverviewInput } from '../../../src/domain/overview/figures';
import { nodeRows } from '../../../src/domain/overview/nodeRows';
import type { FigureSource, OverviewCard, OverviewPayload } from '../../../src/domain/overview/types';
import { node } from '../modelFixtures';

const GiB = 1024 ** 3;
const MS = 1e6;
const GATEWAY: FigureSource = { at: '2026-09-01T10:42:13.000Z', from: 'n1', version: 'v25.1.2', route: 'nodes/' };

function n(
  id: number,
  liveness: NodeStatus['liveness'] = 'live',
  over: { region?: string; metrics?: Record<string, number>; store?: Record<string, number>; version?: string } = {},
): NodeStatus {
  return {
    ...node(id, liveness, over.region ?? 'us-east1'),
    ...(over.version ? { version: over.version } : {}),
    metrics: { 'sql.conns': 10, 'sql.service.latency-p99': 20 * MS, ...over.metrics },
    storeMetrics: {
      [String(id)]: {
        ranges: 100,
        'ranges.underreplicated': 0,
        'ranges.unavailable': 0,
        'ranges.overreplicated': 0,
        replicas: 300,
        'replicas.leaseholders': 100,
        'capacity.used': 25 * GiB,
        'capacity.available': 75 * GiB,
        capacity: 200 * GiB,
        ...over.store,
      },
    },
  };
}

function payload(nodes: NodeStatus[] | undefined, extra: Partial<OverviewInput> = {}): OverviewPayload {
  const rules = evaluateHealthRules({ ready: true, ...(nodes ? { nodes } : {}) }, DEFAULT_THRESHOLDS);
  return overviewPayload({ ...(nodes ? { nodes } : {}), gateway: GATEWAY, rules, ...extra });
}

function cardOf(p: OverviewPayload, id: string): OverviewCard {
  const c = p.cards.find((x) => x.id === id);
  assert.ok(c, `card ${id}`);
  return c;
}

describe('domain: overview figures', () => {
  it('has every card, each with its source, state and (where a series shows it) chart', () => {
    const p = payload([n(1), n(2), n(3)], {
      qpsNow: { value: 312.4, source: { ...GATEWAY, route: '/ts/query' } },
    });
    assert.deepEqual(
      p.cards.map((c) => c.id),
      ['nodes', 'regions', 'versions', 'capacity', 'ranges', 'leaseholders', 'connections', 'qps', 'p99'],
    );
    for (const c of p.cards) {
      assert.equal(c.state, 'ok', c.id);
      assert.ok(c.source.route, c.id);
      assert.equal(c.unavailable, undefined, c.id);
    }
    assert.deepEqual(Object.fromEntries(p.cards.map((c) => [c.id, c.chart])), {
      nodes: 'replication',
      regions: undefined,
      versions: undefined,
      capacity: 'capacity',
      ranges: 'replication',
      leaseholders: undefined,
      connections: 'connections',
      qps: 'qps',
      p99: 'latency',
    });
    assert.equal(cardOf(p, 'capacity').source.route, 'nodes/');
    assert.equal(cardOf(p, 'qps').source.route, '/ts/query');
    assert.equal(p.fetchedAt, GATEWAY.at);
    assert.deepEqual(p.source, GATEWAY);
    assert.equal(p.rules.length, 8);
  });

  it('counts nodes by liveness, decommissioned left out', () => {
    const p = payload([n(1), n(2), n(3, 'dead'), n(4, 'draining'), n(5, 'decommissioned')]);
    const c = cardOf(p, 'nodes');
    assert.equal(c.value, '3 / 4 live');
    assert.equal(c.detail, '1 dead · 0 suspect · 1 draining');
    assert.equal(c.state, 'warning');
  });

  it('lists regions with their up / total, warning where a region lost a node', () => {
    const p = payload([n(1), n(2, 'dead'), n(3, 'live', { region: 'eu-west1' })]);
    const c = cardOf(p, 'regions');
    assert.equal(c.value, '2 regions');
    assert.equal(c.detail, 'eu-west1 1/1 · us-east1 1/2');
    assert.equal(c.state, 'warning');
  });

  it('says when no node has a region', () => {
    const c = cardOf(payload([1, 2].map((id) => ({ ...n(id), locality: [] }))), 'regions');
    assert.equal(c.value, 'no region set');
    assert.equal(c.state, 'ok');
  });

  it('names the version, or the skew from the rule', () => {
    assert.equal(cardOf(payload([n(1), n(2)]), 'versions').value, 'v25.1.2');
    const skew = cardOf(payload([n(1), n(2), n(3, 'live', { version: 'v25.2.0' })]), 'versions');
    assert.equal(skew.value, '2 versions');
    assert.equal(skew.detail, 'v25.1.2 on n1, n2 · v25.2.0 on n3');
    assert.equal(skew.state, 'warning');
  });

  it('adds capacity over up nodes as used of used + available', () => {
    const p = payload([n(1), n(2), n(3, 'dead', { store: { 'capacity.used': 1000 * GiB } })]);
    const c = cardOf(p, 'capacity');
    assert.equal(c.value, '50.0 GiB of 200 GiB');
    assert.equal(c.detail, '25% used · 150 GiB available');
  });

  it('takes the capacity state from the rule (the fullest store), not the cluster average', () => {
    const p = payload([
      n(1, 'live', { store: { 'capacity.used': 90 * GiB, 'capacity.available': 10 * GiB } }),
      n(2),
      n(3),
    ]);
    assert.equal(cardOf(p, 'capacity').state, 'warning');
  });

  it('counts ranges and their problems, critical when any is unavailable', () => {
    const ok = cardOf(payload([n(1), n(2)]), 'ranges');
    assert.equal(ok.value, '200 ranges');
    assert.equal(ok.detail, '0 under-replicated · 0 unavailable · 0 over-replicated');
    const under = cardOf(payload([n(1, 'live', { store: { 'ranges.underreplicated': 2 } })]), 'ranges');
    assert.equal(under.state, 'warning');
    const over = cardOf(payload([n(1, 'live', { store: { 'ranges.overreplicated': 1 } })]), 'ranges');
    assert.equal(over.state, 'warning');
    const down = cardOf(
      payload([n(1, 'live', { store: { 'ranges.underreplicated': 2, 'ranges.unavailable': 1 } })]),
      'ranges',
    );
    assert.equal(down.state, 'critical');
    assert.equal(down.detail, '2 under-replicated · 1 unavailable · 0 over-replicated');
  });

  it('shows the leaseholder spread per node', () => {
    const p = payload([
      n(1),
      n(2, 'live', { store: { 'replicas.leaseholders': 130 } }),
      n(3, 'live', { store: { 'replicas.leaseholders': 95 } }),
    ]);
    const c = cardOf(p, 'leaseholders');
    assert.equal(c.value, '95–130 per node');
    assert.equal(c.detail, 'spread 35 · 325 on 3 nodes');
    assert.equal(cardOf(payload([n(1), n(2)]), 'leaseholders').value, '100 per node');
  });

  it('adds SQL connections over up nodes, and reads p99 and QPS now', () => {
    const p = payload(
      [
        n(1),
        n(2, 'live', { metrics: { 'sql.conns': 1500, 'sql.service.latency-p99': 1200 * MS } }),
        n(3, 'dead', { metrics: { 'sql.conns': 99 } }),
      ],
      { qpsNow: { value: 4.25, source: { ...GATEWAY, route: '/ts/query' } } },
    );
    assert.equal(cardOf(p, 'connections').value, '1,510');
    assert.equal(cardOf(p, 'p99').value, '1200 ms');
    assert.equal(cardOf(p, 'p99').detail, 'slowest: n2');
    assert.equal(cardOf(p, 'p99').state, 'warning');
    assert.equal(cardOf(p, 'qps').value, '4.3 /s');
    assert.equal(cardOf(payload([n(1)], { qpsNow: { value: 12_345, source: GATEWAY } }), 'qps').value, '12,345 /s');
  });

  it('says QPS is unknown without a recent sample', () => {
    const c = cardOf(payload([n(1)]), 'qps');
    assert.equal(c.state, 'unknown');
    assert.match(c.unavailable!, /cr\.node\.sql\.query\.count/);
    assert.equal(c.source.route, '/ts/query');
    assert.equal(cardOf(payload([n(1)], { qpsNow: { value: NaN, source: GATEWAY } }), 'qps').state, 'unknown');
  });

  it('without nodes/, every node card says why and the table is empty', () => {
    const why = {
      reason: 'This user may not read the node list (nodes/).',
      whatToDo: 'GRANT SYSTEM VIEWCLUSTERMETADATA',
    };
    const p = payload(undefined, { nodesUnavailable: why, qpsNow: { value: 50, source: GATEWAY } });
    assert.deepEqual(p.nodes, []);
    assert.deepEqual(p.nodesUnavailable, why);
    for (const c of p.cards.filter((x) => x.id !== 'qps')) {
      assert.equal(c.state, 'unknown', c.id);
      assert.equal(c.unavailable, why.reason, c.id);
      assert.equal(c.value, '—');
    }
    assert.equal(cardOf(p, 'qps').value, '50 /s');
  });

  it('on servers without store metrics, the store cards say which version they need', () => {
    const p = payload([1, 2].map((id) => ({ ...n(id), storeMetrics: {} })));
    for (const id of ['capacity', 'ranges', 'leaseholders']) {
      assert.equal(cardOf(p, id).state, 'unknown', id);
      assert.equal(cardOf(p, id).unavailable, "this version's nodes/ has no store metrics (v23.2+)");
    }
    assert.equal(cardOf(p, 'nodes').state, 'ok');
  });

  it('never prints NaN from hostile figures', () => {
    const bad = n(1, 'live', {
      metrics: { 'sql.conns': NaN, 'sql.service.latency-p99': Infinity },
      store: { ranges: NaN, 'capacity.used': -1, 'replicas.leaseholders': NaN },
    });
    const p = payload([bad, null as unknown as NodeStatus]);
    assert.doesNotMatch(JSON.stringify(p), /NaN|Infinity|null/);
  });
});

describe('domain: overview node rows', () => {
  it('is one row per node by id, with locality, liveness and per-node store sums', () => {
    const two: NodeStatus = {
      ...n(2, 'live', { region: 'eu-west1' }),
      storeMetrics: {
        '2': { 'capacity.used': 10 * GiB, 'capacity.available': 30 * GiB, replicas: 5, 'replicas.leaseholders': 2 },
        '9': { 'capacity.used': 30 * GiB, 'capacity.available': 30 * GiB, replicas: 7, 'replicas.leaseholders': 3 },
      },
    };
    const rows = nodeRows([n(3, 'unavailable'), two, n(1)], DEFAULT_THRESHOLDS);
    assert.deepEqual(
      rows.map((r) => r.nodeId),
      [1, 2, 3],
    );
    assert.deepEqual(rows[1], {
      nodeId: 2,
      address: '10.0.0.2:26257',
      region: 'eu-west1',
      zone: 'eu-west1-b',
      liveness: 'live',
      state: 'ok',
      version: 'v25.1.2',
      usedBytes: 40 * GiB,
      capacityBytes: 100 * GiB,
      usedPercent: 40,
      replicas: 12,
      leaseholders: 5,
      sqlConnections: 10,
    });
    assert.equal(rows[2]!.liveness, 'suspect');
    assert.equal(rows[2]!.state, 'warning');
  });
  it('marks full stores, leaves blanks where a figure is missing, and greys out decommissioned nodes', () => {
    const full = n(1, 'live', { store: { 'capacity.used': 96 * GiB, 'capacity.available': 4 * GiB } });
    const warn = n(2, 'live', { store: { 'capacity.used': 81 * GiB, 'capacity.available': 19 * GiB } });
    const old: NodeStatus = { ...n(3), storeMetrics: {}, locality: [], metrics: {} };
    const rows = nodeRows([full, warn, old, n(4, 'decommissioned')], DEFAULT_THRESHOLDS);
    assert.equal(rows[0]!.state, 'critical');
    assert.equal(rows[1]!.state, 'warning');
    assert.equal(rows[2]!.state, 'ok');
    assert.equal(rows[2]!.region, '(unknown)');
    for (const k of ['zone', 'usedBytes', 'capacityBytes', 'usedPercent', 'replicas', 'leaseholders', 'sqlConnections'])
      assert.ok(!(k in rows[2]!), k);
    assert.equal(rows[3]!.state, 'unknown');
    assert.equal(rows[3]!.liveness, 'decommissioned');
  });
});
