import assert from 'node:assert/strict';
import { normalizeRules } from '../../../../../src/api/cluster/normalize/rules';

describe('normalize: alerting rules', () => {
  it('reads the real map keyed by group name', () => {
    const yaml = [
      'rules/alerts:',
      '  rules:',
      '  - alert: InstanceDead',
      '    expr: |',
      '      up{job="cockroachdb"} == 0',
      '    for: 15m',
      '    annotations:',
      '      summary: Instance {{ $labels.instance }} dead',
      '    labels:',
      '      severity: testing',
      '      tier: 2',
      'rules/recording:',
      '  rules:',
      '  - record: node:capacity',
      '    expr: sum(capacity) by (instance)',
      '  - {expr: orphan}',
    ].join('\n');
    const r = normalizeRules(yaml);
    assert.equal(r.rawYaml, yaml);
    assert.equal(r.rules.length, 2);
    assert.deepEqual(r.rules[0], {
      group: 'rules/alerts',
      name: 'InstanceDead',
      kind: 'alert',
      expr: 'up{job="cockroachdb"} == 0',
      for: '15m',
      labels: { severity: 'testing', tier: '2' },
      annotations: { summary: 'Instance {{ $labels.instance }} dead' },
    });
    assert.deepEqual(r.rules[1], {
      group: 'rules/recording',
      name: 'node:capacity',
      kind: 'record',
      expr: 'sum(capacity) by (instance)',
    });
  });

  it('reads a Prometheus groups: list', () => {
    const r = normalizeRules(
      'groups:\n- name: crdb\n  rules:\n  - alert: A\n    expr: x > 1\n- name: rec\n  rules:\n  - record: r\n    expr: y\n',
    );
    assert.deepEqual(
      r.rules.map((x) => [x.group, x.kind, x.name]),
      [
        ['crdb', 'alert', 'A'],
        ['rec', 'record', 'r'],
      ],
    );
  });

  it('accepts an empty document and rejects YAML that is not a mapping or not YAML', () => {
    assert.deepEqual(normalizeRules('').rules, []);
    assert.throws(() => normalizeRules('- a\n- b\n'), SyntaxError);
    assert.throws(() => normalizeRules('a: [unclosed'));
  });
});
