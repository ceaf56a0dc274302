// The simulator's EXPLAIN: PostgreSQL's plan lines (as PGlite prints them for the
// simulator's schema) redrawn in CockroachDB's shape.
import assert from 'node:assert/strict';
import { explainText, isExplainAnalyze } from '../../../../src/sim/sql/explain';
import { parseExplain } from '../../../../src/api/sql/explainPlan';

const VISIBLE = `((COALESCE(current_setting('sim.admin'::text, true), 'on'::text) = 'on'::text) OR (user_name = current_setting('sim.user'::text, true)))`;

describe('sim sql: EXPLAIN in CockroachDB shape', () => {
  it('a seq scan: the header, `• scan` with table@pkey and FULL SCAN; the simulator’s own filter is hidden', () => {
    const out = explainText(['Seq Scan on jobs  (cost=0.00..13.60 rows=36 width=408)', `  Filter: ${VISIBLE}`]);
    assert.deepEqual(out, [
      'distribution: local',
      'vectorized: true',
      '',
      '• scan',
      '  estimated row count: 36',
      '  table: jobs@jobs_pkey',
      '  spans: FULL SCAN',
    ]);
  });

  it('limit → sort → filter → scan, drawn with │ and └──; casts and qualifiers dropped', () => {
    const out = explainText([
      'Limit  (cost=14.06..14.07 rows=5 width=16)',
      '  ->  Sort  (cost=14.06..14.07 rows=12 width=16)',
      '        Sort Key: jobs.created DESC, jobs.job_id',
      '        ->  Seq Scan on jobs  (cost=0.00..14.05 rows=12 width=16)',
      `              Filter: ((status = 'running'::text) AND ${VISIBLE})`,
    ]);
    assert.deepEqual(out.slice(3), [
      '• limit',
      '│',
      '└── • sort',
      '    │ estimated row count: 12',
      '    │ order: -created,+job_id',
      '    │',
      '    └── • filter',
      '        │ estimated row count: 12',
      "        │ filter: status = 'running'",
      '        │',
      '        └── • scan',
      '              estimated row count: 12',
      '              table: jobs@jobs_pkey',
      '              spans: FULL SCAN',
    ]);
  });

  it('a hash join under a streaming group: ├── / └── children, equality, the Hash node folded away', () => {
    const out = explainText([
      'GroupAggregate  (cost=26.52..26.54 rows=1 width=40)',
      '  Group Key: jobs.status',
      '  ->  Sort  (cost=26.52..26.52 rows=1 width=32)',
      '        Sort Key: jobs.status',
      '        ->  Hash Join  (cost=13.61..26.51 rows=1500 width=32)',
      '              Hash Cond: (l.table_id = jobs.job_id)',
      '              ->  Seq Scan on cluster_locks l  (cost=0.00..12.10 rows=210 width=8)',
      '              ->  Hash  (cost=13.60..13.60 rows=1 width=40)',
      '                    ->  Seq Scan on jobs  (cost=0.00..13.60 rows=1000 width=40)',
      `                          Filter: ${VISIBLE}`,
    ]);
    assert.deepEqual(out.slice(3), [
      '• group (streaming)',
      '│ estimated row count: 1',
      '│ group by: status',
      '│',
      '└── • sort',
      '    │ estimated row count: 1',
      '    │ order: +status',
      '    │',
      '    └── • hash join',
      '        │ estimated row count: 1,500',
      '        │ equality: (table_id) = (job_id)',
      '        │',
      '        ├── • scan',
      '        │     estimated row count: 210',
      '        │     table: cluster_locks@cluster_locks_pkey',
      '        │     spans: FULL SCAN',
      '        │',
      '        └── • scan',
      '              estimated row count: 1,000',
      '              table: jobs@jobs_pkey',
      '              spans: FULL SCAN',
    ]);
  });

  it('join types as CockroachDB names them', () => {
    const op = (name: string) =>
      explainText([
        `${name}  (cost=1.00..2.00 rows=1 width=8)`,
        '  Hash Cond: ((a.x = b.x) AND (a.y = b.y))',
        '  ->  Seq Scan on a  (cost=0.00..1.00 rows=1 width=8)',
        '  ->  Hash  (cost=1.00..1.00 rows=1 width=8)',
        '        ->  Seq Scan on b  (cost=0.00..1.00 rows=1 width=8)',
      ]).slice(3, 6);
    assert.deepEqual(op('Hash Left Join'), [
      '• hash join (left outer)',
      '│ estimated row count: 1',
      '│ equality: (x, y) = (x, y)',
    ]);
    assert.equal(op('Hash Right Semi Join')[0], '• hash join (right semi)');
    assert.equal(op('Hash Anti Join')[0], '• hash join (anti)');
    assert.equal(op('Hash Full Join')[0], '• hash join (full outer)');
  });

  it('an index scan: table@index and the spans of its condition', () => {
    const spans = (cond: string) =>
      explainText([
        'Index Scan using pg_class_oid_index on pg_class  (cost=0.27..8.29 rows=1 width=64)',
        `  Index Cond: ${cond}`,
      ]).slice(3);
    assert.deepEqual(spans("(oid = '1259'::oid)"), [
      '• scan',
      '  estimated row count: 1',
      '  table: pg_class@pg_class_oid_index',
      '  spans: [/1259 - /1259]',
    ]);
    assert.equal(spans("(relname = 'x'::name)")[3], "  spans: [/'x' - /'x']");
    assert.equal(spans("(oid > '5'::oid)")[3], '  spans: (/5 - ]');
    assert.equal(spans("(oid <= '5'::oid)")[3], '  spans: [ - /5]');
    assert.equal(spans("((oid > '5'::oid) AND (oid < '9'::oid))")[3], '  spans: LIMITED SCAN');
  });

  it('subqueries and CTEs go under `• root`, as CockroachDB draws them', () => {
    const init = explainText([
      'Result  (cost=13.61..13.62 rows=1 width=12)',
      '  InitPlan 1',
      '    ->  Aggregate  (cost=13.60..13.61 rows=1 width=8)',
      '          ->  Seq Scan on jobs  (cost=0.00..13.60 rows=36 width=8)',
      `                Filter: ${VISIBLE}`,
    ]).slice(3);
    assert.deepEqual(init, [
      '• root',
      '│',
      '├── • values',
      '│',
      '└── • subquery',
      '    │ id: @S1',
      '    │ exec mode: one row',
      '    │',
      '    └── • group (scalar)',
      '        │ estimated row count: 1',
      '        │',
      '        └── • scan',
      '              estimated row count: 36',
      '              table: jobs@jobs_pkey',
      '              spans: FULL SCAN',
    ]);
    const cte = explainText([
      'CTE Scan on x  (cost=13.60..13.62 rows=1 width=408)',
      '  CTE x',
      '    ->  Seq Scan on jobs  (cost=0.00..13.60 rows=1 width=408)',
    ]).slice(3);
    assert.deepEqual(cte.slice(0, 5), [
      '• root',
      '│',
      '├── • scan buffer',
      '│     estimated row count: 1',
      '│     label: buffer 1 (x)',
    ]);
    assert.ok(cte.includes('    └── • buffer') && cte.includes('        │ label: buffer 1 (x)'), cte.join('\n'));
  });

  it('EXPLAIN ANALYZE: planning and execution time, actual row counts and times; a soft limit under LIMIT', () => {
    const out = explainText(
      [
        'Limit  (cost=0.00..14.05 rows=1 width=408) (actual time=0.060..0.070 rows=3.00 loops=1)',
        '  Buffers: shared hit=1',
        '  ->  Seq Scan on jobs  (cost=0.00..14.05 rows=1 width=408) (actual time=0.057..0.061 rows=3.00 loops=1)',
        `        Filter: ((status = 'running'::text) AND ${VISIBLE})`,
        '        Rows Removed by Filter: 6',
        '        Buffers: shared hit=1',
        'Planning Time: 0.203 ms',
        'Execution Time: 1520.5 ms',
      ],
      { analyze: true },
    );
    assert.deepEqual(out, [
      'planning time: 203µs',
      'execution time: 1.5s',
      'distribution: local',
      'vectorized: true',
      'plan type: custom',
      '',
      '• limit',
      '│',
      '└── • filter',
      '    │ sql nodes: n1',
      '    │ actual row count: 3',
      '    │ execution time: 61µs',
      '    │ estimated row count: 1',
      "    │ filter: status = 'running'",
      '    │',
      '    └── • scan',
      '          sql nodes: n1',
      '          kv nodes: n1',
      '          actual row count: 9',
      '          KV time: 61µs',
      '          KV rows decoded: 9',
      '          estimated row count: 1',
      '          table: jobs@jobs_pkey',
      '          spans: FULL SCAN (SOFT LIMIT)',
    ]);
  });

  it('loops multiply rows and time; never-executed operators count zero', () => {
    const out = explainText(
      [
        'Nested Loop  (cost=0.00..2.00 rows=4 width=8) (actual time=0.010..2.500 rows=8.00 loops=1)',
        '  ->  Seq Scan on a  (cost=0.00..1.00 rows=2 width=4) (actual time=0.001..0.002 rows=2.00 loops=1)',
        '  ->  Seq Scan on b  (cost=0.00..1.00 rows=2 width=4) (actual time=0.100..0.600 rows=4.00 loops=2)',
        '  ->  Seq Scan on c  (cost=0.00..1.00 rows=2 width=4) (never executed)',
      ],
      { analyze: true },
    );
    assert.ok(out.includes('│ execution time: 3ms'), out.join('\n'));
    assert.ok(out.includes('│     actual row count: 8') && out.includes('│     KV time: 1ms'), out.join('\n'));
    assert.ok(out.includes('      actual row count: 0'), out.join('\n'));
  });

  it('EXPLAIN of a write: the mutation operator over its scan', () => {
    const out = explainText([
      'Delete on cluster_locks  (cost=0.00..12.10 rows=0 width=0)',
      '  ->  Seq Scan on cluster_locks  (cost=0.00..12.10 rows=210 width=6)',
    ]);
    assert.deepEqual(out.slice(3, 7), ['• delete', '│ estimated row count: 0', '│ from: cluster_locks', '│']);
  });

  it('operators without a mapping keep PostgreSQL’s name; odd input never throws', () => {
    assert.equal(explainText(['Tid Scan on t  (cost=0.00..1.00 rows=1 width=4)'])[3], '• tid scan');
    assert.deepEqual(explainText([]), ['distribution: local', 'vectorized: true', '']);
    assert.deepEqual(explainText(['garbage', '  ->  ', 'Filter: x']), ['distribution: local', 'vectorized: true', '']);
  });

  it('what it prints parses back into the same tree with the client’s parser', () => {
    const out = explainText([
      'Hash Join  (cost=13.61..26.51 rows=7 width=32)',
      '  Hash Cond: (l.table_id = jobs.job_id)',
      '  ->  Seq Scan on cluster_locks l  (cost=0.00..12.10 rows=210 width=8)',
      '  ->  Hash  (cost=13.60..13.60 rows=1 width=40)',
      '        ->  Index Scan using jobs_status_idx on jobs  (cost=0.00..13.60 rows=3 width=40)',
      "              Index Cond: (status = 'failed'::text)",
    ]);
    const p = parseExplain(out, false);
    assert.equal(p.root?.operator, 'hash join');
    assert.deepEqual(
      p.root?.children.map((c) => [c.table, c.index, c.spans, c.fullScan, c.estimatedRows]),
      [
        ['cluster_locks', 'cluster_locks_pkey', 'FULL SCAN', true, 210],
        ['jobs', 'jobs_status_idx', "[/'failed' - /'failed']", false, 3],
      ],
    );
  });

  it('isExplainAnalyze', () => {
    assert.equal(isExplainAnalyze('EXPLAIN ANALYZE SELECT 1'), true);
    assert.equal(isExplainAnalyze('  -- why slow?\nexplain analyse (verbose) SELECT 1'), true);
    assert.equal(isExplainAnalyze('EXPLAIN SELECT 1'), false);
    assert.equal(isExplainAnalyze("SELECT 'EXPLAIN ANALYZE'"), false);
  });
});
