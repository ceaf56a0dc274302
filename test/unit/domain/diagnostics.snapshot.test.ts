import assert from 'node:assert/strict';
import type { NodeStatus } from '../../../src/api/cluster/models';
import { buildSnapshot, type SnapshotInput, type SnapshotJson } from '../../../src/domain/diagnostics/snapshot';
import { DEFAULT_THRESHOLDS, evaluateHealthRules } from '../../../src/domain/health/rules';
import { overviewPayload } from '../../../src/domain/overview/figures';
import type { ChartData, FigureSource } from '../../../src/domain/overview/types';
import { node } from '../modelFixtures';

const TOKEN = 'CIGAEhDq9zX-planted-session-token';
const API_KEY = 'CCDB1_planted_api_key_Zk3';
const PASSWORD = 'hunter2-Pa55';
const LITERAL = 'alice@example.com';
const NUMBER = '8675309';
const TAKEN = new Date('2026-09-01T12:00:00.000Z');
const T = TAKEN.getTime() / 1000;
const SOURCE: FigureSource = { at: TAKEN.toISOString(), from: 'n1', version: 'v25.2.4', route: 'nodes/' };

const nodes: NodeStatus[] = [
  node(1, 'live'),
  node(2, 'dead'),
  { ...node(3, 'live'), address: `10.0.0.3:26257 ${TOKEN}` },
];

function chart(): ChartData {
  return {
    id: 'latency',
    title: 'SQL service latency',
    unit: 'ms',
    timestamps: [T - 7200, T - 1800, T - 600, T],
    series: [
      { label: 'p50', values: [900, 2, null, 4] },
      { label: `p99 ${API_KEY}`, values: [900, 10, 30, 20] },
    ],
    threshold: 1000,
  };
}

function input(over: Partial<SnapshotInput> = {}): SnapshotInput {
  const rules = evaluateHealthRules({ ready: true, nodes }, DEFAULT_THRESHOLDS);
  return {
    clusterName: `prod | <b>east</b> ${TOKEN}`,
    takenAt: TAKEN,
    source: SOURCE,
    overview: overviewPayload({ nodes, gateway: SOURCE, rules }),
    nodes,
    rules,
    hotRanges: [
      { rangeId: 10, nodeId: 1, qps: 5, table: 'users', database: 'app' },
      { rangeId: 11, nodeId: 3, qps: 50, table: 'orders', database: 'app', index: 'orders_pkey' },
      { rangeId: 12, nodeId: 1, qps: 40, table: 'users', database: 'app' },
      { rangeId: 13, nodeId: 2, qps: 1, database: 'system' },
    ],
    statements: [
      {
        query: `SELECT * FROM users WHERE email = '${LITERAL}' AND id = ${NUMBER}`,
        appName: 'api',
        executionCount: 10,
        meanLatencySeconds: 0.002,
      },
      {
        query: `CREATE USER bob WITH PASSWORD '${PASSWORD}'`,
        appName: 'admin',
        executionCount: 1,
        meanLatencySeconds: 0.5,
        p99LatencySeconds: 0.5,
      },
      { query: 'SELECT `x` | y\nFROM t', appName: `<img src=x onerror=alert(1)>`, executionCount: 5 },
    ],
    insights: [
      {
        headline: 'Slow execution',
        query: `UPDATE t SET v = '${LITERAL}'`,
        at: '2026-09-01T11:50:00Z',
        cause: `Authorization: Bearer ${TOKEN}`,
      },
    ],
    jobs: [
      {
        id: '1',
        type: 'BACKUP',
        status: 'running',
        description: `BACKUP INTO 's3://b?AWS_SECRET_ACCESS_KEY=${PASSWORD}'`,
        fractionCompleted: 0.42,
      },
      {
        id: '2',
        type: 'IMPORT',
        status: 'failed',
        description: `IMPORT INTO t CSV DATA ('postgresql://bob:${PASSWORD}@h/db')`,
        error: `row ${NUMBER}: '${LITERAL}' password=${PASSWORD}`,
      },
      { id: '3', type: 'SCHEMA CHANGE', status: 'succeeded', description: 'ALTER TABLE t ADD COLUMN c INT' },
    ],
    events: [
      {
        timestamp: '2026-09-01T11:00:00Z',
        eventType: 'create_role',
        info: JSON.stringify({ Statement: `CREATE ROLE x WITH PASSWORD '${PASSWORD}'`, Token: TOKEN }),
      },
      {
        timestamp: '2026-09-01T11:30:00Z',
        eventType: 'set_cluster_setting',
        info: `SET CLUSTER SETTING x = '${LITERAL}' X-Cockroach-API-Session: ${TOKEN}`,
      },
    ],
    series: [chart()],
    unavailable: { 'hot ranges (some nodes)': `n2: timed out (session=${TOKEN})` },
    ...over,
  };
}

const build = (i: SnapshotInput, includeSqlLiterals = false) =>
  buildSnapshot(i, { includeSqlLiterals, secrets: [TOKEN, API_KEY] });

describe('domain: diagnostics snapshot', () => {
  it('never lets a planted token, API key, password or SQL literal out, in either format', () => {
    const { markdown, json } = build(input());
    const text = JSON.stringify(json);
    for (const [what, s] of [
      ['token', TOKEN],
      ['api key', API_KEY],
      ['password', PASSWORD],
      ['string literal', LITERAL],
      ['number literal', NUMBER],
    ]) {
      assert.ok(!markdown.includes(s!), `${what} in Markdown`);
      assert.ok(!text.includes(s!), `${what} in JSON`);
    }
    assert.match(text, /‹redacted›/);
    assert.match(markdown, /‹redacted›/);
  });

  it('keeps literals when the user opted in, still masking secrets and passwords', () => {
    const { markdown, json } = build(input(), true);
    const text = JSON.stringify(json);
    assert.ok(markdown.includes('alice@example.com'), 'literal kept in Markdown');
    assert.ok(text.includes(LITERAL) && text.includes(NUMBER), 'literals kept in JSON');
    for (const s of [TOKEN, API_KEY, PASSWORD]) {
      assert.ok(!markdown.includes(s), s);
      assert.ok(!text.includes(s), s);
    }
    assert.match(markdown, /SQL literals are kept/);
  });

  it('has every section, with hot ranges grouped into hot tables and jobs split', () => {
    const { markdown, json } = build(input());
    const j = json as SnapshotJson;
    for (const h of [
      'Health rules',
      'Overview',
      'Nodes',
      'Hot ranges (top 20 by QPS)',
      'Hot tables',
      'Top statements',
      'Insights',
      'Running jobs',
      'Failed jobs',
      'Recent events',
      'Key series (last hour)',
      'What could not be read',
    ])
      assert.ok(markdown.includes(`## ${h}\n`), h);
    assert.match(markdown, /Nothing is sent anywhere/);
    assert.deepEqual(
      j.hotRanges!.map((h) => h.rangeId),
      [11, 12, 10, 13],
    );
    assert.deepEqual(
      j.hotTables,
      [
        { database: 'app', table: 'users', qps: 45, ranges: 2, nodeIds: [1] },
        { database: 'app', table: 'orders', qps: 50, ranges: 1, nodeIds: [3] },
        { database: 'system', table: '(no table)', qps: 1, ranges: 1, nodeIds: [2] },
      ].sort((a, b) => b.qps - a.qps),
    );
    assert.deepEqual(
      j.jobs!.running.map((x) => x.id),
      ['1'],
    );
    assert.deepEqual(
      j.jobs!.failed.map((x) => x.id),
      ['2'],
    );
    assert.equal(j.statements![0]!.appName, 'admin', 'by total time');
    assert.deepEqual(
      j.events!.map((e) => e.eventType),
      ['set_cluster_setting', 'create_role'],
    );
    assert.deepEqual(
      j.nodes!.map((n) => `n${n.nodeId} ${n.liveness}`),
      ['n1 live', 'n2 dead', 'n3 live'],
    );
    assert.equal(j.nodes![0]!.startedAt, '2023-11-14T22:13:20.000Z');
    assert.equal(j.rules.length, 8);
    assert.equal(j.format, 'cockroachdb-explorer.diagnostics');
  });

  it('keeps the last hour of each series: arrays in JSON, min / max / last in Markdown', () => {
    const { markdown, json } = build(input());
    const s = (json as { series: ChartData[] }).series[0]!;
    assert.deepEqual(s.timestamps, [T - 1800, T - 600, T]);
    assert.deepEqual(s.series[0]!.values, [2, null, 4]);
    assert.deepEqual(s.series[1]!.values, [10, 30, 20]);
    const row = markdown.split('\n').find((l) => l.includes('p50'));
    assert.equal(row, '| SQL service latency | p50 | 2.0 ms | 4.0 ms | 4.0 ms | 2 |');
    assert.ok(markdown.split('\n').some((l) => /\| p99 ‹redacted› \| 10 ms \| 30 ms \| 20 ms \| 3 \|/.test(l)));
  });

  it('says why a missing section is missing, and "None." for an empty one', () => {
    const { markdown, json } = build(
      input({
        hotRanges: undefined,
        statements: [],
        jobs: undefined,
        series: undefined,
        overview: undefined,
        nodes: undefined,
        unavailable: {
          'hot ranges': 'HTTP 403: needs VIEWACTIVITY',
          jobs: 'timed out',
          series: 'metrics routes refused the session',
        },
      }),
    );
    const section = (title: string) => markdown.split(`## ${title}\n\n`)[1]!.split('\n')[0];
    assert.equal(section('Hot ranges (top 20 by QPS)'), 'Not included: HTTP 403: needs VIEWACTIVITY');
    assert.equal(section('Hot tables'), 'Not included: HTTP 403: needs VIEWACTIVITY');
    assert.equal(section('Running jobs'), 'Not included: timed out');
    assert.equal(section('Key series (last hour)'), 'Not included: metrics routes refused the session');
    assert.equal(section('Overview'), 'Not included: not read');
    assert.equal(section('Top statements'), 'None.');
    const j = json as Record<string, unknown>;
    assert.equal(j.hotRanges, null);
    assert.equal(j.overview, null);
    assert.deepEqual(j.statements, []);
    assert.equal((j.unavailable as Record<string, string>)['hot ranges'], 'HTTP 403: needs VIEWACTIVITY');
  });

  it('escapes hostile text so every table row keeps its columns and no HTML or code span gets through', () => {
    const { markdown } = build(input());
    assert.doesNotMatch(markdown, /(^|[^\\])[<>]/m, 'every < and > is escaped');
    assert.match(markdown, /\\<img src=x onerror=alert\(1\)\\>/);
    assert.match(markdown, /^# Diagnostics snapshot: prod \\\| \\<b\\>east\\<\/b\\> ‹redacted›$/m);
    const unescapedPipes = (line: string) => line.replace(/\\\|/g, '').split('|').length - 1;
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('| ---')) continue;
      const cols = unescapedPipes(lines[i]!);
      for (let k = i + 1; k < lines.length && lines[k]!.startsWith('|'); k++)
        assert.equal(unescapedPipes(lines[k]!), cols, lines[k]);
    }
    const stmt = lines.find((l) => l.includes('FROM t') && l.includes('\\`x\\`'));
    assert.ok(stmt, 'the backticked statement is on one escaped line');
  });

  it('survives hostile and half-filled input', () => {
    const hostile = input({
      takenAt: new Date(NaN),
      rules: [
        {
          id: 'nodes',
          title: 'x\u202eevil',
          state: 'warning',
          summary: 's\u0000',
          value: 'v',
          count: 1,
          details: ['a\nb'],
        },
      ],
      hotRanges: [{ rangeId: 1, nodeId: 1, qps: NaN }],
      statements: [{ query: undefined as unknown as string, appName: 'a', executionCount: NaN }],
      events: [{ timestamp: 'not a date', eventType: 'x' }],
      unavailable: {},
    });
    const { markdown, json } = build(hostile);
    assert.ok(!markdown.includes('\u202e') && !markdown.includes('\u0000'));
    assert.doesNotMatch(JSON.stringify(json), /NaN/);
    assert.match(markdown, /x evil|xevil/);
  });
});
