// `/ts/query` on the wire, without a server: the request body and the tolerant reading of answers.
import assert from 'node:assert/strict';
import { ApiError } from '../../../../src/api/http/errors';
import { buildTsQueryBody, parseTsResponse, samplePeriodMs } from '../../../../src/api/metrics/tsQuery';
import type { TsQuery } from '../../../../src/api/metrics/types';

const T0 = 1_760_000_000_000; // ms

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `not an ApiError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a throw');
}

describe('metrics: /ts/query request', () => {
  it('writes nanoseconds as exact decimal strings and enums as integers', () => {
    const body = JSON.parse(
      buildTsQueryBody({
        startMs: T0,
        endMs: T0 + 3_600_000,
        sampleMs: 30_000,
        queries: [
          { name: 'cr.node.sql.query.count', derivative: 'NON_NEGATIVE_DERIVATIVE', sources: ['1', '3'] },
          {
            name: 'cr.store.capacity.available',
            downsampler: 'MAX',
            sourceAggregator: 'MIN',
            derivative: 'DERIVATIVE',
          },
        ],
      }),
    );
    assert.deepEqual(body, {
      start_nanos: '1760000000000000000',
      end_nanos: '1760003600000000000',
      sample_nanos: '30000000000',
      queries: [
        { name: 'cr.node.sql.query.count', downsampler: 1, source_aggregator: 2, derivative: 2, sources: ['1', '3'] },
        { name: 'cr.store.capacity.available', downsampler: 3, source_aggregator: 4, derivative: 1 },
      ],
    });
  });

  it('rounds the sample period up to a multiple of 10 s (default 10 s)', () => {
    assert.equal(samplePeriodMs(undefined), 10_000);
    assert.equal(samplePeriodMs(1), 10_000);
    assert.equal(samplePeriodMs(10_000), 10_000);
    assert.equal(samplePeriodMs(10_001), 20_000);
    assert.equal(samplePeriodMs(59_000), 60_000);
    const body = JSON.parse(
      buildTsQueryBody({ startMs: T0, endMs: T0 + 1, queries: [{ name: 'cr.node.sys.uptime' }] }),
    );
    assert.equal(body.sample_nanos, '10000000000');
    assert.deepEqual(body.queries[0], {
      name: 'cr.node.sys.uptime',
      downsampler: 1,
      source_aggregator: 2,
      derivative: 0,
    });
    assert.equal(thrown(() => samplePeriodMs(0)).kind, 'badRequest');
    assert.equal(thrown(() => samplePeriodMs(Number.NaN)).kind, 'badRequest');
  });

  it('refuses windows and names the server would refuse or silently answer empty', () => {
    const q = [{ name: 'cr.node.sql.conns' }];
    for (const [startMs, endMs] of [
      [T0, T0],
      [T0 + 1, T0],
      [Number.NaN, T0],
      [-5, T0],
    ] as const) {
      assert.equal(thrown(() => buildTsQueryBody({ startMs, endMs, queries: q })).kind, 'badRequest');
    }
    const bad = thrown(() => buildTsQueryBody({ startMs: T0, endMs: T0 + 1, queries: [{ name: 'sql.conns' }] }));
    assert.match(bad.message, /cr\.node\. or cr\.store\..*sql\.conns/);
    const odd = { name: 'cr.node.sql.conns', downsampler: 'MEDIAN' } as unknown as TsQuery;
    assert.equal(thrown(() => buildTsQueryBody({ startMs: T0, endMs: T0 + 1, queries: [odd] })).kind, 'badRequest');
  });
});

describe('metrics: /ts/query answer', () => {
  const queries: TsQuery[] = [
    { name: 'cr.node.sql.query.count', derivative: 'NON_NEGATIVE_DERIVATIVE' },
    { name: 'cr.store.capacity', sources: ['2'] },
  ];

  it('matches results to queries by position, ms timestamps from strings or numbers', () => {
    const text = JSON.stringify({
      results: [
        {
          query: { name: 'cr.node.sql.query.count', downsampler: 1, source_aggregator: 2, derivative: 2 },
          datapoints: [
            { timestamp_nanos: '1760000000000000000', value: 1.5 },
            { timestamp_nanos: '1760000010000000000', value: 2 },
          ],
        },
        {
          query: { name: 'cr.store.capacity', downsampler: 'MAX', source_aggregator: 'SUM', derivative: 'NONE' },
          datapoints: [{ timestamp_nanos: 1760000000000000000, value: '1e12' }],
        },
      ],
    });
    const [a, b] = parseTsResponse(text, 200, queries);
    assert.deepEqual(a, {
      query: {
        name: 'cr.node.sql.query.count',
        downsampler: 'AVG',
        sourceAggregator: 'SUM',
        derivative: 'NON_NEGATIVE_DERIVATIVE',
      },
      timestamps: [T0, T0 + 10_000],
      values: [1.5, 2],
    });
    // The echo's enums (names here) say what the server ran; the asked sources are kept.
    assert.deepEqual(b!.query, {
      name: 'cr.store.capacity',
      downsampler: 'MAX',
      sourceAggregator: 'SUM',
      derivative: 'NONE',
      sources: ['2'],
    });
    assert.deepEqual(b!.timestamps, [T0]);
    assert.deepEqual(b!.values, [1e12]);
  });

  it('reads a missing datapoints list as empty, an omitted value as 0 and sorts by time', () => {
    const text = JSON.stringify({
      results: [
        { query: { name: 'cr.node.sql.query.count' } },
        {
          datapoints: [
            { timestamp_nanos: '1760000020000000000', value: 3 },
            { timestamp_nanos: '1760000000000000000' },
            { timestampNanos: '1760000010000000000', value: 'NaN' },
          ],
        },
      ],
    });
    const [a, b] = parseTsResponse(text, 200, queries);
    assert.deepEqual(a!.timestamps, []);
    assert.deepEqual(a!.values, []);
    assert.deepEqual(b!.timestamps, [T0, T0 + 10_000, T0 + 20_000]);
    assert.deepEqual(b!.values, [0, Number.NaN, 3]);
  });

  it('answers no queries with no series', () => {
    assert.deepEqual(parseTsResponse('{}', 200, []), []);
  });

  it('rejects garbage as malformed, naming the route', () => {
    const cases: string[] = [
      '<html>login</html>',
      '',
      '[]',
      '{"results": {}}',
      '{"results": []}',
      '{"results": [{}, {}, {}]}',
      '{"results": [{"datapoints": {}}, {}]}',
      '{"results": [{"datapoints": [{"timestamp_nanos": "soon", "value": 1}]}, {}]}',
      '{"results": [{"datapoints": [{"timestamp_nanos": "1", "value": "lots"}]}, {}]}',
      '{"results": [{"datapoints": [7]}, {}]}',
      '{"results": [{"query": {"name": "cr.node.other"}}, {}]}',
    ];
    for (const text of cases) {
      const err = thrown(() => parseTsResponse(text, 200, queries));
      assert.equal(err.kind, 'malformed', text);
      assert.match(err.message, /^\/ts\/query answered HTTP 200 with /, text);
      assert.equal(err.details.route, '/ts/query');
    }
  });
});
