// `/_admin/v1/metricmetadata` JSON, without a server.
import assert from 'node:assert/strict';
import { ApiError } from '../../../../src/api/http/errors';
import { parseMetricMetadata } from '../../../../src/api/metrics/metadata';

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `not an ApiError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a throw');
}

describe('metrics: /_admin/v1/metricmetadata', () => {
  it('reads units and types as integers or names, the key as the name when it is missing', () => {
    const meta = parseMetricMetadata({
      metadata: {
        'sql.query.count': {
          name: 'sql.query.count',
          help: 'Number of SQL queries executed',
          measurement: 'SQL Statements',
          unit: 3,
          metricType: 0,
        },
        'capacity.available': { help: 'Available storage capacity', measurement: 'Storage', unit: 'BYTES' },
        'sql.service.latency': { help: 'Latency', measurement: 'Latency', unit: '4', metric_type: 'HISTOGRAM' },
        'sys.uptime': { help: 'Process uptime', measurement: 'Uptime', unit: 6, metricType: 1 },
        weird: 'not an object',
        // As JSON.parse makes it: an own key, which must not become the result's prototype.
        ...JSON.parse('{"__proto__": {"help": "hostile"}}'),
      },
    });
    assert.deepEqual(meta['sql.query.count'], {
      name: 'sql.query.count',
      help: 'Number of SQL queries executed',
      measurement: 'SQL Statements',
      unit: 'COUNT',
      metricType: 'COUNTER',
    });
    assert.deepEqual(meta['capacity.available'], {
      name: 'capacity.available',
      help: 'Available storage capacity',
      measurement: 'Storage',
      unit: 'BYTES',
    });
    assert.equal(meta['sql.service.latency']!.unit, 'NANOSECONDS');
    assert.equal(meta['sql.service.latency']!.metricType, 'HISTOGRAM');
    assert.equal(meta['sys.uptime']!.unit, 'SECONDS');
    assert.equal(meta['sys.uptime']!.metricType, 'GAUGE');
    assert.deepEqual(Object.keys(meta).sort(), [
      'capacity.available',
      'sql.query.count',
      'sql.service.latency',
      'sys.uptime',
    ]);
    assert.equal(Object.getPrototypeOf(meta), Object.prototype);
  });

  it('maps every unit value', () => {
    const units = [
      'UNSET',
      'BYTES',
      'CONST',
      'COUNT',
      'NANOSECONDS',
      'PERCENT',
      'SECONDS',
      'TIMESTAMP_NS',
      'TIMESTAMP_SEC',
    ];
    const meta = parseMetricMetadata({
      metadata: Object.fromEntries(units.map((_, i) => [`m${i}`, { help: '', measurement: '', unit: i }])),
    });
    assert.deepEqual(
      units.map((_, i) => meta[`m${i}`]!.unit),
      units,
    );
  });

  it('rejects an answer without a metadata object', () => {
    const err = thrown(() => parseMetricMetadata({ error: 'x' }, 200));
    assert.equal(err.kind, 'malformed');
    assert.match(err.message, /\/_admin\/v1\/metricmetadata/);
  });
});
