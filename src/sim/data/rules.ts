// Prometheus rules as `rules/` returns them: YAML of a map keyed by group name
// (PrometheusRuleExporter.PrintAsYAML), not a rule file with a `groups:` list.

import YAML from 'yaml';

const RULES = {
  'rules/alerts': {
    rules: [
      {
        alert: 'UnavailableRanges',
        expr: '(sum by(instance, cluster) (ranges_unavailable)) > 0',
        for: '10m0s',
        labels: { severity: 'critical' },
        annotations: { summary: 'Instance {{ $labels.instance }} has {{ $value }} unavailable ranges' },
      },
      {
        alert: 'StoreDiskLow',
        expr: ':node_capacity_available:ratio{job="cockroachdb"} < 0.15',
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Store {{ $labels.store }} on node {{ $labels.instance }} at {{ $value }} available disk fraction',
        },
      },
      {
        alert: 'ClockOffsetNearMax',
        expr: 'clock_offset_meannanos > 300 * 1000 * 1000',
        for: '5m0s',
        labels: { severity: 'testing' },
      },
    ],
  },
  'rules/recording': {
    rules: [
      { record: 'node:capacity', expr: 'sum without(store) (capacity{job="cockroachdb"})' },
      { record: 'cluster:capacity', expr: 'sum without(instance) (node:capacity{job="cockroachdb"})' },
      {
        record: 'node:capacity_available:ratio',
        expr: 'sum without(store) (capacity_available) / sum without(store) (capacity)',
      },
    ],
  },
};

// Go's yaml.v2 does not fold long lines.
export const RULES_YAML = YAML.stringify(RULES, { lineWidth: 0 });
