import assert from 'node:assert/strict';
import type { NodeStatus } from '../../../src/api/cluster/models';
import {
  DEFAULT_THRESHOLDS,
  RULE_ORDER,
  evaluateHealthRules,
  saneThresholds,
  toRuleView,
  worstRule,
  type RuleId,
  type RuleInputs,
  type RuleResult,
} from '../../../src/domain/health/rules';
import { node } from '../modelFixtures';

const T = DEFAULT_THRESHOLDS;
const MS = 1e6;
const GiB = 1024 ** 3;

/** A node with one store (store id = node id), healthy figures unless overridden. */
function n(
  id: number,
  liveness: NodeStatus['liveness'] = 'live',
  over: { metrics?: Record<string, number>; store?: Record<string, number>; version?: string } = {},
): NodeStatus {
  return {
    ...node(id, liveness),
    ...(over.version !== undefined ? { version: over.version } : {}),
    metrics: { 'clock-offset.meannanos': 1 * MS, 'sql.service.latency-p99': 20 * MS, 'sql.conns': 5, ...over.metrics },
    storeMetrics: {
      [String(id)]: {
        'ranges.unavailable': 0,
        'ranges.underreplicated': 0,
        'capacity.used': 40 * GiB,
        'capacity.available': 60 * GiB,
        ...over.store,
      },
    },
  };
}

function evaluate(nodes: NodeStatus[] | undefined, extra: Partial<RuleInputs> = {}, t = T): RuleResult[] {
  return evaluateHealthRules({ ready: true, ...(nodes ? { nodes } : {}), ...extra }, t);
}

function rule(results: RuleResult[], id: RuleId): RuleResult {
  const r = results.find((x) => x.id === id);
  assert.ok(r, `rule ${id} present`);
  return r;
}

const state = (nodes: NodeStatus[], id: RuleId, t = T) => rule(evaluate(nodes, {}, t), id).state;

describe('domain: health rules', () => {
  it('answers every rule once, in the fixed order, all ok for a healthy cluster', () => {
    const results = evaluate([n(1), n(2), n(3)]);
    assert.deepEqual(
      results.map((r) => r.id),
      RULE_ORDER,
    );
    for (const r of results) assert.equal(r.state, 'ok', `${r.id}: ${r.value}`);
    assert.equal(worstRule(results), undefined);
  });

  describe('gateway', () => {
    it('warns when the gateway is not ready, even without nodes', () => {
      const r = rule(evaluateHealthRules({ ready: false }, T), 'gateway');
      assert.equal(r.state, 'warning');
      assert.equal(r.summary, 'gateway not ready');
      assert.equal(rule(evaluate([n(1)]), 'gateway').state, 'ok');
    });
  });

  describe('nodes', () => {
    it('names a dead node as a warning, with live / total', () => {
      const r = rule(evaluate([n(1), n(2), n(3, 'dead')]), 'nodes');
      assert.equal(r.state, 'warning');
      assert.equal(r.summary, 'n3 dead');
      assert.equal(r.value, '2 / 3 live');
      assert.equal(r.count, 1);
      assert.equal(r.chart, 'replication');
      assert.match(r.details[0]!, /^n3 dead \(10\.0\.0\.3:26257\)$/);
    });
    it('groups suspect, dead and unknown-liveness nodes by label', () => {
      const r = rule(evaluate([n(1), n(2, 'unavailable'), n(3, 'dead'), n(5, 'dead'), n(6, 'unknown')]), 'nodes');
      assert.equal(r.state, 'warning');
      assert.equal(r.summary, 'n2 suspect · n3, n5 dead · n6 liveness unknown');
      assert.equal(r.count, 4);
    });
    it('shortens a long list of down nodes for the status bar', () => {
      const r = rule(evaluate([n(1), ...[2, 3, 4, 5, 6].map((id) => n(id, 'dead'))]), 'nodes');
      assert.equal(r.summary, 'n2, n3, n4 +2 more dead');
    });
    it('ignores decommissioned nodes; lists draining and decommissioning ones but stays ok', () => {
      const r = rule(evaluate([n(1), n(2, 'draining'), n(3, 'decommissioning'), n(4, 'decommissioned')]), 'nodes');
      assert.equal(r.state, 'ok');
      assert.equal(r.value, '3 / 3 live');
      assert.equal(r.details.length, 2);
      assert.match(r.details.join('\n'), /n2 draining/);
      assert.match(r.details.join('\n'), /n3 decommissioning/);
      assert.doesNotMatch(r.details.join('\n'), /n4/);
    });
    it('does not read a decommissioned node’s stale figures in any rule', () => {
      const gone = n(4, 'decommissioned', {
        version: 'v19.1.0',
        metrics: { 'clock-offset.meannanos': 900 * MS, 'sql.service.latency-p99': 9000 * MS },
        store: { 'ranges.unavailable': 7, 'ranges.underreplicated': 7, 'capacity.used': 99, 'capacity.available': 1 },
      });
      for (const r of evaluate([n(1), gone])) assert.equal(r.state, 'ok', r.id);
    });
    it('is unknown when nodes/ listed no member at all', () => {
      const r = rule(evaluate([n(4, 'decommissioned')]), 'nodes');
      assert.equal(r.state, 'unknown');
      assert.equal(r.value, 'nodes/ listed no nodes');
    });
  });

  describe('ranges', () => {
    it('unavailable: 0 is ok, 1 or more is critical, summed over up nodes’ stores', () => {
      assert.equal(state([n(1), n(2)], 'unavailableRanges'), 'ok');
      const one = rule(evaluate([n(1), n(2, 'live', { store: { 'ranges.unavailable': 1 } })]), 'unavailableRanges');
      assert.equal(one.state, 'critical');
      assert.equal(one.summary, '1 unavailable range');
      const many = rule(
        evaluate([
          n(1, 'live', { store: { 'ranges.unavailable': 2 } }),
          n(2, 'live', { store: { 'ranges.unavailable': 3 } }),
        ]),
        'unavailableRanges',
      );
      assert.equal(many.count, 5);
      assert.equal(many.summary, '5 unavailable ranges');
      assert.deepEqual(many.details, ['n1 (s1): 2', 'n2 (s2): 3']);
    });
    it('under-replicated: 0 is ok, 1 or more is a warning', () => {
      assert.equal(state([n(1)], 'underReplicatedRanges'), 'ok');
      const r = rule(evaluate([n(1, 'live', { store: { 'ranges.underreplicated': 2 } })]), 'underReplicatedRanges');
      assert.equal(r.state, 'warning');
      assert.equal(r.summary, '2 under-replicated ranges');
      assert.equal(r.value, '2');
    });
    it('adds every store of a node with several, and skips dead nodes’ stale stores', () => {
      const multi: NodeStatus = {
        ...n(1),
        storeMetrics: { '1': { 'ranges.underreplicated': 1 }, '7': { 'ranges.underreplicated': 4 } },
      };
      const dead = n(2, 'dead', { store: { 'ranges.underreplicated': 100 } });
      const r = rule(evaluate([multi, dead]), 'underReplicatedRanges');
      assert.equal(r.count, 5);
      assert.deepEqual(r.details, ['n1 (s1): 1', 'n1 (s7): 4']);
    });
    it('without store metrics (before v23.2) uses the fallback, else says what is missing', () => {
      const old = [1, 2].map((id) => ({ ...n(id), storeMetrics: {} }));
      const unknown = rule(evaluate(old), 'unavailableRanges');
      assert.equal(unknown.state, 'unknown');
      assert.equal(unknown.value, "this version's nodes/ has no store metrics (v23.2+)");
      const fb = evaluate(old, { fallback: { 'ranges.underreplicated': 3, 'ranges.unavailable': 0 } });
      assert.equal(rule(fb, 'underReplicatedRanges').state, 'warning');
      assert.equal(rule(fb, 'underReplicatedRanges').count, 3);
      assert.equal(rule(fb, 'unavailableRanges').state, 'ok');
      assert.match(rule(fb, 'unavailableRanges').details[0]!, /time series/);
      assert.equal(
        rule(evaluate(old, { fallback: { 'ranges.unavailable': NaN } }), 'unavailableRanges').state,
        'unknown',
      );
    });
    it('counts the stores that reported in a mixed cluster and names the nodes that sent none', () => {
      const r = rule(
        evaluate([n(1, 'live', { store: { 'ranges.underreplicated': 1 } }), { ...n(2), storeMetrics: {} }]),
        'underReplicatedRanges',
      );
      assert.equal(r.count, 1);
      assert.match(r.details.join('\n'), /n2: no store metrics, not counted/);
    });
    it('is unknown when stores exist but none reported the metric, or no node is up', () => {
      const bare = { ...n(1), storeMetrics: { '1': { 'capacity.used': 1 } } };
      assert.equal(rule(evaluate([bare]), 'unavailableRanges').value, 'no store reported ranges.unavailable');
      assert.equal(rule(evaluate([n(1, 'dead')]), 'unavailableRanges').state, 'unknown');
    });
  });

  describe('version skew', () => {
    it('is ok on one version and a warning on two, with the nodes of each as runs', () => {
      assert.equal(state([n(1), n(2)], 'versionSkew'), 'ok');
      const r = rule(evaluate([n(1), n(2), n(3), n(4, 'live', { version: 'v25.2.0' })]), 'versionSkew');
      assert.equal(r.state, 'warning');
      assert.deepEqual(r.details, ['v25.1.2 on n1–n3', 'v25.2.0 on n4']);
      assert.equal(r.value, 'v25.1.2 on n1–n3, v25.2.0 on n4');
      assert.equal(r.summary, 'mixed versions: v25.1.2, v25.2.0');
      assert.equal(r.count, 2);
    });
    it('orders versions as releases, not as text, and ignores down nodes', () => {
      const r = rule(
        evaluate([
          n(1, 'live', { version: 'v25.1.10' }),
          n(2, 'live', { version: 'v25.1.9' }),
          n(3, 'dead', { version: 'v24.1.0' }),
        ]),
        'versionSkew',
      );
      assert.deepEqual(r.details, ['v25.1.9 on n2', 'v25.1.10 on n1']);
    });
    it('says how many versions when there are too many to list', () => {
      const r = rule(evaluate([1, 2, 3, 4].map((id) => n(id, 'live', { version: `v25.${id}.0` }))), 'versionSkew');
      assert.equal(r.summary, '4 versions running');
    });
    it('leaves out nodes that reported no version, and is unknown if none did', () => {
      const r = rule(evaluate([n(1), n(2, 'live', { version: '' })]), 'versionSkew');
      assert.equal(r.state, 'ok');
      assert.match(r.details.join(), /n2: version not reported/);
      assert.equal(rule(evaluate([n(1, 'live', { version: '' })]), 'versionSkew').state, 'unknown');
    });
  });

  describe('clock offset', () => {
    const at = (ms: number, t = T) =>
      state([n(1), n(2, 'live', { metrics: { 'clock-offset.meannanos': ms * MS } })], 'clockOffset', t);
    it('warns at clockOffsetMs, not just below it', () => {
      assert.equal(at(249.999), 'ok');
      assert.equal(at(250), 'warning');
      assert.equal(at(250.001), 'warning');
    });
    it('is critical at 80% of --max-offset, where nodes stop themselves', () => {
      assert.equal(at(399.999), 'warning');
      assert.equal(at(400), 'critical');
      assert.equal(at(400.001), 'critical');
      assert.equal(at(300, { ...T, maxOffsetMs: 250 }), 'critical', '0.8 × 250 = 200');
    });
    it('reads the size of a negative offset', () => {
      assert.equal(at(-260), 'warning');
      const r = rule(evaluate([n(1, 'live', { metrics: { 'clock-offset.meannanos': -420 * MS } })]), 'clockOffset');
      assert.equal(r.state, 'critical');
      assert.equal(r.summary, 'n1 clock offset 420 ms');
    });
    it('says the maximum against the limit', () => {
      const r = rule(evaluate([n(1, 'live', { metrics: { 'clock-offset.meannanos': 3 * MS } })]), 'clockOffset');
      assert.equal(r.value, 'max 3.0 ms (limit 250 ms)');
      assert.equal(r.chart, 'clockOffset');
      const w = rule(
        evaluate([n(1), n(3, 'live', { metrics: { 'clock-offset.meannanos': 300 * MS } })]),
        'clockOffset',
      );
      assert.equal(w.count, 1);
      assert.equal(w.details[0], 'n3: 300 ms');
    });
    it('ignores down nodes and is unknown when no up node reported an offset', () => {
      assert.equal(
        state([n(1), n(2, 'dead', { metrics: { 'clock-offset.meannanos': 900 * MS } })], 'clockOffset'),
        'ok',
      );
      const none = { ...n(1), metrics: {} };
      assert.equal(rule(evaluate([none]), 'clockOffset').value, 'no live node reported clock-offset.meannanos');
    });
  });

  describe('store capacity', () => {
    /** A store `percent` full of 100 GiB usable. */
    const full = (percent: number) => ({ 'capacity.used': percent * GiB, 'capacity.available': (100 - percent) * GiB });
    const at = (percent: number, t = T) => state([n(1), n(2, 'live', { store: full(percent) })], 'storeCapacity', t);
    it('warns at capacityPercent, not just below it', () => {
      assert.equal(at(79.99), 'ok');
      assert.equal(at(80), 'warning');
      assert.equal(at(80.01), 'warning');
    });
    it('is critical at 95%, whatever the setting', () => {
      assert.equal(at(94.99), 'warning');
      assert.equal(at(95), 'critical');
      assert.equal(at(95.01), 'critical');
      assert.equal(at(96, { ...T, capacityPercent: 98 }), 'critical');
      assert.equal(at(90, { ...T, capacityPercent: 98 }), 'ok');
    });
    it('counts used / (used + available), not the disk’s raw capacity', () => {
      const r = rule(
        evaluate([
          n(1, 'live', { store: { capacity: 1000 * GiB, 'capacity.used': 85 * GiB, 'capacity.available': 15 * GiB } }),
        ]),
        'storeCapacity',
      );
      assert.equal(r.state, 'warning');
      assert.equal(r.summary, '1 store ≥ 80% full');
      assert.equal(r.value, 'max 85% (limit 80%)');
      assert.deepEqual(r.details, ['s1 on n1: 85% (85.0 GiB of 100 GiB)']);
    });
    it('names the critical stores in the summary', () => {
      const r = rule(
        evaluate([n(1, 'live', { store: full(97) }), n(2, 'live', { store: full(85) }), n(3)]),
        'storeCapacity',
      );
      assert.equal(r.state, 'critical');
      assert.equal(r.summary, '1 store ≥ 95% full');
      assert.equal(r.count, 2);
      assert.equal(r.chart, 'capacity');
    });
    it('is unknown without store metrics, or when no store reported both figures', () => {
      assert.equal(
        rule(evaluate([{ ...n(1), storeMetrics: {} }]), 'storeCapacity').value,
        "this version's nodes/ has no store metrics (v23.2+)",
      );
      const half = n(1, 'live', { store: { 'capacity.available': NaN } });
      assert.equal(rule(evaluate([half]), 'storeCapacity').state, 'unknown');
      const empty = n(1, 'live', { store: { 'capacity.used': 0, 'capacity.available': 0 } });
      assert.equal(rule(evaluate([empty]), 'storeCapacity').state, 'unknown');
    });
  });

  describe('p99 latency', () => {
    const at = (ms: number) =>
      state([n(1), n(2, 'live', { metrics: { 'sql.service.latency-p99': ms * MS } })], 'p99Latency');
    it('warns at p99LatencyMs, not just below it, and never goes critical', () => {
      assert.equal(at(999.999), 'ok');
      assert.equal(at(1000), 'warning');
      assert.equal(at(1000.001), 'warning');
      assert.equal(at(60_000), 'warning');
    });
    it('names the slowest node', () => {
      const r = rule(
        evaluate([n(1), n(4, 'live', { metrics: { 'sql.service.latency-p99': 1250 * MS } })]),
        'p99Latency',
      );
      assert.equal(r.summary, 'p99 1250 ms on n4');
      assert.equal(r.value, 'max 1250 ms (limit 1000 ms)');
      assert.equal(r.chart, 'latency');
    });
  });

  describe('without nodes/', () => {
    it('makes every node-derived rule unknown, saying exactly why', () => {
      const results = evaluate(undefined, { nodesUnavailable: '403 needs VIEWCLUSTERMETADATA' });
      assert.deepEqual(
        results.map((r) => r.id),
        RULE_ORDER,
      );
      for (const r of results.slice(1)) {
        assert.equal(r.state, 'unknown', r.id);
        assert.equal(r.value, 'nodes/ could not be read: 403 needs VIEWCLUSTERMETADATA');
      }
      assert.equal(results[0]!.state, 'ok');
      assert.equal(worstRule(results), undefined, 'unknown is not wrong');
      assert.equal(evaluate(undefined)[1]!.value, 'nodes/ was not read');
    });
  });

  describe('hostile inputs', () => {
    it('skips NaN, infinite and negative figures instead of printing them', () => {
      const bad = n(1, 'live', {
        metrics: { 'clock-offset.meannanos': NaN, 'sql.service.latency-p99': Infinity },
        store: { 'ranges.unavailable': NaN, 'ranges.underreplicated': -4, 'capacity.used': Infinity },
      });
      const results = evaluate([bad]);
      for (const r of results) {
        assert.doesNotMatch(`${r.summary} ${r.value} ${r.details.join(' ')}`, /NaN|Infinity/, r.id);
        assert.ok(Number.isFinite(r.count), r.id);
      }
      assert.equal(rule(results, 'clockOffset').state, 'unknown');
      assert.equal(rule(results, 'unavailableRanges').state, 'unknown');
    });
    it('survives missing maps and junk entries', () => {
      const noMaps = { ...node(1, 'live') } as Partial<NodeStatus>;
      delete noMaps.metrics;
      delete noMaps.storeMetrics;
      const junk = [noMaps, null, 42, { ...n(2), storeMetrics: { '2': null } }] as unknown as NodeStatus[];
      const results = evaluate(junk);
      assert.equal(results.length, RULE_ORDER.length);
      assert.equal(rule(results, 'nodes').value, '2 / 2 live');
    });
    it('falls back to the defaults for thresholds that are not positive numbers', () => {
      assert.deepEqual(saneThresholds({ capacityPercent: NaN, clockOffsetMs: -1, maxOffsetMs: 0, p99LatencyMs: 50 }), {
        ...T,
        p99LatencyMs: 50,
      });
      assert.deepEqual(saneThresholds(undefined), T);
      const r = evaluate(
        [n(1, 'live', { store: { 'capacity.used': 85, 'capacity.available': 15 } })],
        {},
        {
          ...T,
          capacityPercent: NaN,
        },
      );
      assert.equal(rule(r, 'storeCapacity').state, 'warning');
    });
  });

  describe('worstRule and toRuleView', () => {
    const r = (id: RuleId, s: RuleResult['state']): RuleResult => ({
      id,
      title: id,
      state: s,
      summary: `${id} summary`,
      value: `${id} value`,
      count: 0,
      details: [],
    });
    it('prefers critical over warning, whatever the order', () => {
      assert.equal(worstRule([r('nodes', 'warning'), r('p99Latency', 'critical')])?.id, 'p99Latency');
    });
    it('breaks ties by rule order, not by array position', () => {
      assert.equal(
        worstRule([r('p99Latency', 'warning'), r('underReplicatedRanges', 'warning')])?.id,
        'underReplicatedRanges',
      );
      assert.equal(worstRule([r('storeCapacity', 'critical'), r('gateway', 'critical')])?.id, 'gateway');
    });
    it('is undefined when nothing is warning or critical', () => {
      assert.equal(worstRule([r('nodes', 'ok'), r('clockOffset', 'unknown')]), undefined);
      assert.equal(worstRule([]), undefined);
    });
    it('shows the summary when wrong and the value otherwise', () => {
      assert.deepEqual(toRuleView({ ...r('clockOffset', 'warning'), chart: 'clockOffset' }), {
        id: 'clockOffset',
        title: 'clockOffset',
        state: 'warning',
        value: 'clockOffset summary',
        chart: 'clockOffset',
      });
      const ok = toRuleView(r('gateway', 'ok'));
      assert.equal(ok.value, 'gateway value');
      assert.ok(!('chart' in ok));
      assert.equal(toRuleView(r('nodes', 'unknown')).value, 'nodes value');
    });
  });
});
