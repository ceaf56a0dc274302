// The EXPLAIN parser on CockroachDB's real output, and end to end through the
// simulator's sql/ route. Fixtures are verbatim copies (their source beside each):
// the docs' are as `cockroach sql` prints them (indented two spaces), the logic
// tests' have `·` for blank rows, as the logic-test format writes them.
import assert from 'node:assert/strict';
import { parseExplain } from '../../../../src/api/sql/explainPlan';
import { sqlExecutorOf } from '../../../../src/api/sql';
import type { PlanNode } from '../../../../src/webviews/protocol/sqlResults';
import { startClusterSimulator, type RunningClusterSim } from '../../../../src/sim';
import { signedInClient } from '../cluster/simClient';

const rows = (text: string): string[] => text.replace(/^\n/, '').replace(/\n$/, '').split('\n');

// cockroachdb/docs src/current/v26.1/explain.md (commit 372f4f8), "Default statement plans".
const DOCS_SORT_FILTER_SCAN = rows(`
  distribution: full
  vectorized: true

  • sort
  │ estimated row count: 12,385
  │ order: +revenue
  │
  └── • filter
      │ estimated row count: 12,385
      │ filter: revenue > 90
      │
      └── • scan
            estimated row count: 125,000 (100% of the table; stats collected 19 minutes ago)
            table: rides@rides_pkey
            spans: FULL SCAN

  index recommendations: 1
  1. type: index creation
     SQL command: CREATE INDEX ON rides (revenue) STORING (vehicle_city, rider_id, vehicle_id, start_address, end_address, start_time, end_time);
`);

// cockroachdb/docs src/current/v26.1/explain.md (commit 372f4f8), "Join queries" (hash join).
const DOCS_HASH_JOIN = rows(`
  distribution: full
  vectorized: true

  • hash join
  │ estimated row count: 124,482
  │ equality: (rider_id) = (id)
  │
  ├── • scan
  │     estimated row count: 125,000 (100% of the table; stats collected 13 minutes ago)
  │     table: rides@rides_pkey
  │     spans: FULL SCAN
  │
  └── • scan
        estimated row count: 12,500 (100% of the table; stats collected 14 minutes ago)
        table: users@users_pkey
        spans: FULL SCAN

  index recommendations: 2
  1. type: index creation
     SQL command: CREATE INDEX ON rides (rider_id) STORING (vehicle_city, vehicle_id, start_address, end_address, start_time, end_time, revenue);
  1. type: index creation
     SQL command: CREATE INDEX ON users (id) STORING (name, address, credit_card);
`);

// cockroachdb/docs src/current/v26.1/explain.md (commit 372f4f8), "Insert queries" (ON CONFLICT).
const DOCS_INSERT_ON_CONFLICT = rows(`
  distribution: local
  vectorized: true

  • insert
  │ into: users(id, city, name, address, credit_card)
  │ auto commit
  │ arbiter indexes: users_pkey, users_city_id_name_key
  │
  └── • lookup join (anti)
      │ estimated row count: 0
      │ table: users@users_city_id_name_key
      │ equality: (city_cast, column1, name_cast) = (city,id,name)
      │ equality cols are key
      │
      └── • cross join (anti)
          │ estimated row count: 0
          │
          ├── • values
          │     size: 4 columns, 1 row
          │
          └── • scan
                estimated row count: 1 (<0.01% of the table; stats collected 18 minutes ago)
                table: users@users_city_id_name_key
                spans: [/'new york'/'c28f5c28-f5c2-4000-8000-000000000026' - /'new york'/'c28f5c28-f5c2-4000-8000-000000000026']
`);

// cockroachdb/docs src/current/v26.1/explain.md (commit 372f4f8), "VERBOSE option".
const DOCS_VERBOSE = rows(`
  distribution: full
  vectorized: true

  • sort
  │ columns: (id, city, vehicle_city, rider_id, vehicle_id, start_address, end_address, start_time, end_time, revenue, id, city, name, address, credit_card)
  │ ordering: +revenue
  │ estimated row count: 14,087
  │ order: +revenue
  │
  └── • hash join (inner)
      │ columns: (id, city, vehicle_city, rider_id, vehicle_id, start_address, end_address, start_time, end_time, revenue, id, city, name, address, credit_card)
      │ estimated row count: 14,087
      │ equality: (rider_id) = (id)
      │
      ├── • scan
      │     columns: (id, city, vehicle_city, rider_id, vehicle_id, start_address, end_address, start_time, end_time, revenue)
      │     estimated row count: 14,087 (11% of the table; stats collected 29 minutes ago)
      │     table: rides@rides_pkey
      │     spans: /"new york"-/"new york"/PrefixEnd
      │
      └── • scan
            columns: (id, city, name, address, credit_card)
            estimated row count: 12,500 (100% of the table; stats collected 42 seconds ago)
            table: users@users_pkey
            spans: FULL SCAN
`);

// cockroachdb/cockroach pkg/sql/opt/exec/execbuilder/testdata/explain_analyze (commit 00a1bd95),
// "EXPLAIN ANALYZE DELETE FROM kv WHERE true RETURNING *".
const LOGIC_ANALYZE_DELETE = rows(`
planning time: 10µs
execution time: 100µs
distribution: <hidden>
plan type: custom
rows decoded from KV: 4 (32 B, 8 KVs, 4 gRPC calls)
regions: <hidden>
·
• delete
│ sql nodes: <hidden>
│ regions: <hidden>
│ execution time: 0µs
│ actual row count: 4
│ from: kv
│ auto commit
│
└── • scan
      sql nodes: <hidden>
      kv nodes: <hidden>
      regions: <hidden>
      KV time: 0µs
      KV rows decoded: 4
      actual row count: 4
      missing stats
      table: kv@kv_pkey
      spans: FULL SCAN
      locking strength: for update
`);

// cockroachdb/cockroach pkg/sql/opt/exec/execbuilder/testdata/explain_analyze (commit 00a1bd95),
// "EXPLAIN ANALYZE SHOW TABLES" (virtual tables, a partial index, seven levels).
const LOGIC_ANALYZE_SHOW_TABLES = rows(`
planning time: 10µs
execution time: 100µs
distribution: <hidden>
plan type: custom
regions: <hidden>
·
• sort
│ sql nodes: <hidden>
│ regions: <hidden>
│ execution time: 0µs
│ order: +nspname,+relname
│
└── • render
    │ execution time: 0µs
    │
    └── • hash join (left outer)
        │ sql nodes: <hidden>
        │ regions: <hidden>
        │ execution time: 0µs
        │ equality: (column85) = (table_id)
        │
        ├── • render
        │   │ execution time: 0µs
        │   │
        │   └── • hash join (left outer)
        │       │ sql nodes: <hidden>
        │       │ regions: <hidden>
        │       │ execution time: 0µs
        │       │ equality: (column66) = (table_id)
        │       │ right cols are key
        │       │
        │       ├── • render
        │       │   │ execution time: 0µs
        │       │   │
        │       │   └── • hash join (right outer)
        │       │       │ sql nodes: <hidden>
        │       │       │ regions: <hidden>
        │       │       │ execution time: 0µs
        │       │       │ equality: (oid) = (relowner)
        │       │       │
        │       │       ├── • virtual table
        │       │       │     sql nodes: <hidden>
        │       │       │     regions: <hidden>
        │       │       │     execution time: 0µs
        │       │       │     table: pg_roles@primary
        │       │       │
        │       │       └── • hash join
        │       │           │ sql nodes: <hidden>
        │       │           │ regions: <hidden>
        │       │           │ execution time: 0µs
        │       │           │ equality: (oid) = (relnamespace)
        │       │           │
        │       │           ├── • filter
        │       │           │   │ sql nodes: <hidden>
        │       │           │   │ regions: <hidden>
        │       │           │   │ execution time: 0µs
        │       │           │   │ filter: nspname NOT IN ('crdb_internal', 'information_schema', __more1_10__, 'pg_extension')
        │       │           │   │
        │       │           │   └── • virtual table
        │       │           │         sql nodes: <hidden>
        │       │           │         regions: <hidden>
        │       │           │         execution time: 0µs
        │       │           │         table: pg_namespace@primary
        │       │           │
        │       │           └── • filter
        │       │               │ sql nodes: <hidden>
        │       │               │ regions: <hidden>
        │       │               │ execution time: 0µs
        │       │               │ filter: relkind IN ('S', 'm', __more1_10__, 'v')
        │       │               │
        │       │               └── • virtual table
        │       │                     sql nodes: <hidden>
        │       │                     regions: <hidden>
        │       │                     execution time: 0µs
        │       │                     table: pg_class@primary
        │       │
        │       └── • distinct
        │           │ sql nodes: <hidden>
        │           │ regions: <hidden>
        │           │ execution time: 0µs
        │           │ distinct on: table_id
        │           │
        │           └── • virtual table
        │                 sql nodes: <hidden>
        │                 regions: <hidden>
        │                 execution time: 0µs
        │                 table: table_row_statistics@primary
        │
        └── • virtual table
              sql nodes: <hidden>
              regions: <hidden>
              execution time: 0µs
              table: tables@tables_database_name_idx (partial index)
              spans: [/'test' - /'test']
`);

// cockroachdb/docs src/current/v26.1/explain-analyze.md (commit 08ce6aa), the join with LIMIT 100.
const DOCS_ANALYZE_JOIN = rows(`
  planning time: 2ms
  execution time: 7ms
  distribution: local
  vectorized: true
  plan type: custom
  rows decoded from KV: 515 (90 KiB, 2 gRPC calls)
  cumulative time spent in KV: 6ms
  maximum memory usage: 590 KiB
  network usage: 0 B (0 messages)
  regions: us-east1
  sql cpu time: 511µs
  estimated RUs consumed: 0
  isolation level: serializable
  priority: normal
  quality of service: regular

  • limit
  │ count: 100
  │
  └── • hash join
      │ sql nodes: n1
      │ regions: us-east1
      │ actual row count: 100
      │ estimated max memory allocated: 320 KiB
      │ estimated max sql temp disk usage: 0 B
      │ sql cpu time: 214µs
      │ estimated row count: 56
      │ equality: (vehicle_id, city) = (id, city)
      │ right cols are key
      │
      ├── • scan
      │     sql nodes: n1
      │     kv nodes: n1
      │     regions: us-east1
      │     actual row count: 500
      │     KV time: 3ms
      │     KV contention time: 0µs
      │     KV rows decoded: 500
      │     KV bytes read: 87 KiB
      │     KV gRPC calls: 1
      │     estimated max memory allocated: 250 KiB
      │     sql cpu time: 264µs
      │     estimated row count: 500 (100% of the table; stats collected 4 days ago)
      │     table: rides@rides_pkey
      │     spans: FULL SCAN
      │
      └── • scan
            sql nodes: n1
            kv nodes: n1
            regions: us-east1
            actual row count: 15
            KV time: 3ms
            KV contention time: 0µs
            KV rows decoded: 15
            KV bytes read: 2.4 KiB
            KV gRPC calls: 1
            estimated max memory allocated: 20 KiB
            sql cpu time: 32µs
            estimated row count: 15 (100% of the table; stats collected 4 days ago)
            table: vehicles@vehicles_pkey
            spans: FULL SCAN
`);

// cockroachdb/docs src/current/v26.1/explain-analyze.md (commit 08ce6aa), "EXPLAIN ANALYZE (DISTSQL)".
const DOCS_ANALYZE_DISTSQL = rows(`
  planning time: 580µs
  execution time: 4ms
  distribution: full
  vectorized: true
  plan type: custom
  rows decoded from KV: 500 (87 KiB, 1 gRPC calls)
  cumulative time spent in KV: 4ms
  maximum memory usage: 240 KiB
  network usage: 0 B (0 messages)
  regions: us-east1
  kv cpu time: 1ms
  sql cpu time: 300µs
  estimated RUs consumed: 0
  isolation level: serializable
  priority: normal
  quality of service: regular

  • group (streaming)
  │ sql nodes: n1
  │ regions: us-east1
  │ actual row count: 9
  │ sql cpu time: 78µs
  │ estimated row count: 9
  │ group by: city
  │ ordered: +city
  │
  └── • scan
        sql nodes: n1
        kv nodes: n1
        regions: us-east1
        actual row count: 500
        KV time: 4ms
        KV contention time: 0µs
        KV rows decoded: 500
        KV bytes read: 87 KiB
        KV gRPC calls: 1
        estimated max memory allocated: 130 KiB
        sql cpu time: 222µs
        estimated row count: 500 (100% of the table; stats collected 4 days ago)
        table: rides@rides_pkey
        spans: FULL SCAN

  Diagram: https://cockroachdb.github.io/distsqlplan/decode.html#eJyUU9FO6z...
`);

// cockroachdb/cockroach pkg/sql/opt/exec/execbuilder/testdata/explain (commit 00bdf71),
// "EXPLAIN (VERBOSE) SELECT * FROM t WITH ORDINALITY LIMIT 1 OFFSET 1" (no table statistics).
const LOGIC_VERBOSE_MISSING_STATS = rows(`
distribution: local
vectorized: true
·
• limit
│ columns: (k, v, "ordinality")
│ estimated row count: 1 (missing stats)
│ offset: 1
│
└── • ordinality
    │ columns: (k, v, "ordinality")
    │ estimated row count: 2 (missing stats)
    │
    └── • scan
          columns: (k, v)
          estimated row count: 2 (missing stats)
          table: t@primary
          spans: LIMITED SCAN
          limit: 2
`);

// cockroachdb/cockroach pkg/sql/opt/exec/execbuilder/testdata/explain (commit 00bdf71), "EXPLAIN SELECT 1 FROM system.jobs WHERE FALSE".
const LOGIC_NOROWS = rows(`
distribution: local
vectorized: true
·
• norows
`);

// Not verbatim: a scan with a soft limit, an inaccurate estimate and its warning, built from the
// strings pkg/sql/opt/exec/explain/emit.go prints (spansStr "FULL SCAN (SOFT LIMIT)"; the
// "  ----------------------  WARNING: …" table suffix and the trailing AddWarning line), around
// the hash-join tree of DOCS_ANALYZE_JOIN.
const SOFT_LIMIT_AND_WARNING = rows(`
planning time: 2ms
execution time: 3ms
distribution: local
vectorized: true
plan type: custom

• limit
│ count: 100
│
└── • filter
    │ sql nodes: n1
    │ actual row count: 100
    │ estimated row count: 4,942
    │ filter: created_at > '2023-01-01 00:00:00+00'
    │
    └── • scan
          sql nodes: n1
          kv nodes: n1
          actual row count: 301
          estimated row count: 301 - 14,825 (100% of the table; stats collected 1 day ago)
          table: payments@payments_pkey  ----------------------  WARNING: the row count estimate is inaccurate, consider running 'ANALYZE payments'
          spans: FULL SCAN (SOFT LIMIT)

WARNING: the row count estimate on table "payments" is inaccurate, consider running 'ANALYZE payments'
`);

const attr = (n: PlanNode | undefined, key: string): string | undefined =>
  n?.attributes.find((a) => a.key === key)?.value;

function all(n: PlanNode | undefined): PlanNode[] {
  return n ? [n, ...n.children.flatMap(all)] : [];
}

describe('api/sql: EXPLAIN plans (real CockroachDB output)', () => {
  it('sort → filter → scan: header, operators, attributes, estimates, full scan, the index recommendation', () => {
    const p = parseExplain(DOCS_SORT_FILTER_SCAN, false);
    assert.equal(p.analyze, false);
    assert.equal(p.text, DOCS_SORT_FILTER_SCAN.join('\n'));
    assert.deepEqual(p.header, [
      { key: 'distribution', value: 'full' },
      { key: 'vectorized', value: 'true' },
    ]);
    const sort = p.root!;
    assert.equal(sort.operator, 'sort');
    assert.deepEqual(sort.attributes, [
      { key: 'estimated row count', value: '12,385' },
      { key: 'order', value: '+revenue' },
    ]);
    assert.equal(sort.estimatedRows, 12385);
    const filter = sort.children[0]!;
    assert.equal(filter.operator, 'filter');
    assert.equal(attr(filter, 'filter'), 'revenue > 90');
    const scan = filter.children[0]!;
    assert.deepEqual(
      { op: scan.operator, table: scan.table, index: scan.index, spans: scan.spans, full: scan.fullScan },
      { op: 'scan', table: 'rides', index: 'rides_pkey', spans: 'FULL SCAN', full: true },
    );
    assert.equal(scan.estimatedRows, 125000);
    assert.equal(scan.children.length, 0);
    assert.equal(sort.fullScan, false);
    assert.deepEqual(p.hints, [
      'Full scan of rides@rides_pkey (about 125,000 rows): it reads every row of the table; an index on the columns the query filters on would avoid it.',
      'Create the recommended index: CREATE INDEX ON rides (revenue) STORING (vehicle_city, rider_id, vehicle_id, start_address, end_address, start_time, end_time);',
    ]);
  });

  it('a join: both children in order, one hint per full scan, each recommendation', () => {
    const p = parseExplain(DOCS_HASH_JOIN, false);
    assert.equal(p.root?.operator, 'hash join');
    assert.equal(attr(p.root, 'equality'), '(rider_id) = (id)');
    assert.deepEqual(
      p.root?.children.map((c) => `${c.table}@${c.index} ${c.estimatedRows} ${c.fullScan}`),
      ['rides@rides_pkey 125000 true', 'users@users_pkey 12500 true'],
    );
    assert.equal(p.hints.length, 4);
    assert.match(p.hints[0]!, /^Full scan of rides@rides_pkey/);
    assert.match(p.hints[1]!, /^Full scan of users@users_pkey/);
    assert.equal(
      p.hints[3],
      'Create the recommended index: CREATE INDEX ON users (id) STORING (name, address, credit_card);',
    );
  });

  it('bare flags (auto commit, equality cols are key), a constrained scan and no hints', () => {
    const p = parseExplain(DOCS_INSERT_ON_CONFLICT, false);
    const ops = all(p.root).map((n) => n.operator);
    assert.deepEqual(ops, ['insert', 'lookup join (anti)', 'cross join (anti)', 'values', 'scan']);
    assert.deepEqual(p.root?.attributes, [
      { key: 'into', value: 'users(id, city, name, address, credit_card)' },
      { key: 'auto commit', value: '' },
      { key: 'arbiter indexes', value: 'users_pkey, users_city_id_name_key' },
    ]);
    const lookup = p.root!.children[0]!;
    assert.equal(lookup.table, 'users');
    assert.equal(lookup.index, 'users_city_id_name_key');
    assert.ok(lookup.attributes.some((a) => a.key === 'equality cols are key' && a.value === ''));
    const scan = all(p.root).at(-1)!;
    assert.equal(scan.fullScan, false);
    assert.match(scan.spans!, /^\[\/'new york'\//);
    assert.equal(scan.estimatedRows, 1);
    assert.equal(lookup.children[0]?.children[0]?.operator, 'values');
    assert.deepEqual(p.hints, []);
  });

  it('VERBOSE: columns and ordering attributes, physical spans, only the unconstrained scan is full', () => {
    const p = parseExplain(DOCS_VERBOSE, false);
    assert.equal(p.root?.attributes[0]?.key, 'columns');
    assert.equal(p.root?.children[0]?.operator, 'hash join (inner)');
    const [rides, users] = p.root!.children[0]!.children;
    assert.equal(rides?.spans, '/"new york"-/"new york"/PrefixEnd');
    assert.equal(rides?.fullScan, false);
    assert.equal(users?.fullScan, true);
    assert.deepEqual(p.hints, [
      'Full scan of users@users_pkey (about 12,500 rows): it reads every row of the table; an index on the columns the query filters on would avoid it.',
    ]);
  });

  it('EXPLAIN ANALYZE (logic-test rows, · for blank): execution statistics, missing stats, locking', () => {
    const p = parseExplain(LOGIC_ANALYZE_DELETE, true);
    assert.equal(p.analyze, true);
    assert.deepEqual(
      p.header.map((h) => h.key),
      ['planning time', 'execution time', 'distribution', 'plan type', 'rows decoded from KV', 'regions'],
    );
    assert.equal(p.header[4]?.value, '4 (32 B, 8 KVs, 4 gRPC calls)');
    assert.equal(p.root?.operator, 'delete');
    assert.equal(attr(p.root, 'actual row count'), '4');
    const scan = p.root!.children[0]!;
    assert.equal(attr(scan, 'locking strength'), 'for update');
    assert.ok(scan.attributes.some((a) => a.key === 'missing stats'));
    assert.equal(scan.estimatedRows, undefined);
    assert.deepEqual(p.hints, [
      'Full scan of kv@kv_pkey: it reads every row of the table; an index on the columns the query filters on would avoid it.',
      'kv has no table statistics, so the row estimates are guesses; run ANALYZE kv to collect them.',
    ]);
    // The same rows as the SQL API returns them: blank strings instead of ·.
    const api = parseExplain(
      LOGIC_ANALYZE_DELETE.map((l) => (l === '·' ? '' : l)),
      true,
    );
    assert.deepEqual({ ...api, text: '' }, { ...p, text: '' });
  });

  it('a deep tree: every node under its parent, a partial index, virtual tables are not full scans', () => {
    const p = parseExplain(LOGIC_ANALYZE_SHOW_TABLES, true);
    const nodes = all(p.root);
    assert.equal(nodes.length, 16);
    const shape = (n: PlanNode): unknown => (n.children.length ? [n.operator, n.children.map(shape)] : n.operator);
    assert.deepEqual(shape(p.root!), [
      'sort',
      [
        [
          'render',
          [
            [
              'hash join (left outer)',
              [
                [
                  'render',
                  [
                    [
                      'hash join (left outer)',
                      [
                        [
                          'render',
                          [
                            [
                              'hash join (right outer)',
                              [
                                'virtual table',
                                [
                                  'hash join',
                                  [
                                    ['filter', ['virtual table']],
                                    ['filter', ['virtual table']],
                                  ],
                                ],
                              ],
                            ],
                          ],
                        ],
                        ['distinct', ['virtual table']],
                      ],
                    ],
                  ],
                ],
                'virtual table',
              ],
            ],
          ],
        ],
      ],
    ]);
    const last = p.root!.children[0]!.children[0]!.children[1]!;
    assert.deepEqual(
      [last.table, last.index, last.spans],
      ['tables', 'tables_database_name_idx', "[/'test' - /'test']"],
    );
    assert.equal(
      attr(
        nodes.find((n) => n.operator === 'distinct'),
        'distinct on',
      ),
      'table_id',
    );
    assert.ok(nodes.every((n) => !n.fullScan));
    assert.deepEqual(p.hints, []);
  });

  it('EXPLAIN ANALYZE from the docs: the long header, actual row counts beside estimates', () => {
    const p = parseExplain(DOCS_ANALYZE_JOIN, true);
    assert.equal(p.header.length, 15);
    assert.deepEqual(p.header.at(-1), { key: 'quality of service', value: 'regular' });
    assert.equal(p.root?.operator, 'limit');
    assert.equal(attr(p.root, 'count'), '100');
    const join = p.root!.children[0]!;
    assert.equal(join.estimatedRows, 56);
    assert.equal(attr(join, 'actual row count'), '100');
    assert.deepEqual(
      join.children.map((c) => [c.table, attr(c, 'actual row count'), c.estimatedRows, c.fullScan]),
      [
        ['rides', '500', 500, true],
        ['vehicles', '15', 15, true],
      ],
    );
  });

  it('DISTSQL: the Diagram line after the tree is kept in the header', () => {
    const p = parseExplain(DOCS_ANALYZE_DISTSQL, true);
    assert.equal(p.root?.operator, 'group (streaming)');
    assert.equal(p.root?.children[0]?.operator, 'scan');
    assert.deepEqual(p.header.at(-1), {
      key: 'Diagram',
      value: 'https://cockroachdb.github.io/distsqlplan/decode.html#eJyUU9FO6z...',
    });
  });

  it('VERBOSE without statistics: "(missing stats)" estimates, LIMITED SCAN is not a full scan', () => {
    const p = parseExplain(LOGIC_VERBOSE_MISSING_STATS, false);
    const scan = all(p.root).at(-1)!;
    assert.deepEqual(
      [scan.table, scan.index, scan.spans, scan.fullScan, scan.estimatedRows],
      ['t', 'primary', 'LIMITED SCAN', false, 2],
    );
    assert.equal(p.root?.estimatedRows, 1);
    assert.deepEqual(p.hints, [
      't has no table statistics, so the row estimates are guesses; run ANALYZE t to collect them.',
    ]);
  });

  it('a one-node plan', () => {
    const p = parseExplain(LOGIC_NOROWS, false);
    assert.deepEqual(p.root, { operator: 'norows', attributes: [], fullScan: false, children: [] });
  });

  it('soft limit, a range estimate, the inaccurate-estimate suffix and warning', () => {
    const p = parseExplain(SOFT_LIMIT_AND_WARNING, true);
    const scan = all(p.root).at(-1)!;
    assert.deepEqual(
      [scan.table, scan.index, scan.fullScan, scan.estimatedRows],
      ['payments', 'payments_pkey', true, 14825],
    );
    assert.equal(scan.spans, 'FULL SCAN (SOFT LIMIT)');
    assert.deepEqual(p.hints, [
      'Full scan of payments@payments_pkey (about 14,825 rows) with a soft limit: it stops once enough rows are found, but may read every row of the table.',
      'The row count estimates for payments are far from the actual counts; run ANALYZE payments to refresh its statistics.',
    ]);
    // The warning is a hint, not a header line.
    assert.ok(p.header.every((h) => !h.key.startsWith('WARNING')));
  });

  it('a full scan of a secondary index says so', () => {
    const p = parseExplain(['distribution: local', '', '• scan', '  table: t@t_v_idx', '  spans: FULL SCAN'], false);
    assert.match(p.hints[0]!, /^Full scan of t@t_v_idx: it reads every entry of that index;/);
  });
});

describe('api/sql: EXPLAIN plans (odd input)', () => {
  it('never throws, and keeps what it cannot place', () => {
    const odd: unknown[][] = [
      [],
      [''],
      ['•'],
      ['• '],
      ['│ orphan attribute'],
      ['• scan', '│', '│', '└──'],
      ['└── • child without a parent'],
      [null, undefined, 42, '• x'],
      ['garbage', '•• scan', ':::', ': value', 'key:'],
      Array.from({ length: 500 }, (_, i) => `${'    '.repeat(i % 40)}└── • n${i}`),
    ];
    for (const lines of odd) {
      const p = parseExplain(lines as string[], false);
      assert.equal(typeof p.text, 'string');
      assert.ok(Array.isArray(p.header) && Array.isArray(p.hints));
    }
    const g = parseExplain(['garbage', 'key:', ': value'], false);
    assert.deepEqual(g.header, [
      { key: 'garbage', value: '' },
      { key: 'key', value: '' },
      { key: ': value', value: '' },
    ]);
  });

  it('other EXPLAIN modes (OPT) come back as header lines, with no tree', () => {
    // cockroachdb/docs src/current/v26.1/explain.md (commit 372f4f8), "OPT option".
    const p = parseExplain(
      ['sort', ' └── select', '      ├── scan rides', '      └── filters', '           └── revenue > 90'],
      false,
    );
    assert.equal(p.root, undefined);
    assert.equal(p.header.length, 5);
    assert.deepEqual(p.hints, []);
  });

  it('rows with embedded newlines (the whole plan in one string) parse the same', () => {
    const one = parseExplain([DOCS_HASH_JOIN.join('\n')], false);
    const many = parseExplain(DOCS_HASH_JOIN, false);
    assert.deepEqual(one, many);
  });

  it('a second top-level tree goes under a synthetic root', () => {
    const p = parseExplain(['• scan', '  table: a@a_pkey', '  spans: FULL SCAN', '• scan', '  table: b@b_pkey'], false);
    assert.equal(p.root?.operator, 'root');
    assert.deepEqual(
      p.root?.children.map((c) => c.table),
      ['a', 'b'],
    );
  });
});

describe('api/sql: EXPLAIN end to end through the simulator', function () {
  this.timeout(60_000);
  let sim: RunningClusterSim;
  let run: (sql: string) => Promise<string[]>;

  before(async function () {
    this.timeout(60_000);
    sim = await startClusterSimulator({ profile: 'v25', nodes: 3, rangesPerNode: 5 });
    const { client } = await signedInClient(sim, 'admin');
    const exec = sqlExecutorOf(client);
    run = async (sql) => {
      const res = await exec.execute({ statements: [{ sql }] });
      const st = res.statements[0]!;
      assert.deepEqual(
        st.columns.map((c) => [c.name, c.type]),
        [['info', 'STRING']],
      );
      return st.rows.map((r) => String(r.info));
    };
  });
  after(() => sim?.close());

  it('EXPLAIN SELECT … WHERE … ORDER BY … LIMIT: the parsed tree, the full scan and its hint', async () => {
    const lines = await run(
      `EXPLAIN SELECT job_id FROM crdb_internal.jobs WHERE status = 'running' ORDER BY created DESC LIMIT 5`,
    );
    const p = parseExplain(lines, false);
    assert.deepEqual(p.header, [
      { key: 'distribution', value: 'local' },
      { key: 'vectorized', value: 'true' },
    ]);
    assert.deepEqual(
      all(p.root).map((n) => n.operator),
      ['limit', 'sort', 'filter', 'scan'],
    );
    const [, sort, filter, scan] = all(p.root);
    assert.equal(attr(sort, 'order'), '-created');
    assert.equal(attr(filter, 'filter'), "status = 'running'");
    assert.deepEqual([scan?.table, scan?.index, scan?.spans, scan?.fullScan], ['jobs', 'jobs_pkey', 'FULL SCAN', true]);
    assert.ok(
      all(p.root)
        .filter((n) => n.operator !== 'limit')
        .every((n) => n.estimatedRows !== undefined),
    );
    assert.equal(p.hints.length, 1);
    assert.match(p.hints[0]!, /^Full scan of jobs@jobs_pkey/);
  });

  it('EXPLAIN ANALYZE: execution time in the header, actual row counts on the operators', async () => {
    const lines = await run(`EXPLAIN ANALYZE SELECT status, count(*) FROM crdb_internal.jobs GROUP BY status`);
    const p = parseExplain(lines, true);
    const keys = p.header.map((h) => h.key);
    assert.ok(keys.includes('planning time') && keys.includes('execution time'), keys.join());
    assert.match(p.header.find((h) => h.key === 'execution time')!.value, /^\d+(\.\d)?(µs|ms|s)$/);
    const group = all(p.root).find((n) => n.operator.startsWith('group'))!;
    const scan = all(p.root).find((n) => n.operator === 'scan')!;
    const statuses = Number(attr(group, 'actual row count'));
    assert.ok(statuses > 1, `group: ${statuses}`);
    assert.ok(Number(attr(scan, 'actual row count')?.replace(/,/g, '')) >= statuses);
    assert.ok(attr(scan, 'KV time'));
    assert.equal(scan.fullScan, true);
  });

  it('an index scan (a catalogue table) has spans from its condition, and no full-scan hint', async () => {
    const p = parseExplain(await run(`EXPLAIN SELECT relname FROM pg_class WHERE oid = 1259`), false);
    assert.equal(p.root?.operator, 'scan');
    assert.deepEqual(
      [p.root?.table, p.root?.index, p.root?.spans],
      ['pg_class', 'pg_class_oid_index', '[/1259 - /1259]'],
    );
    assert.deepEqual(p.hints, []);
  });

  it('a write to crdb_internal is refused as CockroachDB refuses it, even to EXPLAIN; EXPLAIN of a user-table write is planned', async () => {
    await assert.rejects(
      run('EXPLAIN ANALYZE DELETE FROM crdb_internal.cluster_locks'),
      /42501|does not have DELETE privilege/,
    );
    await assert.rejects(run('EXPLAIN DELETE FROM crdb_internal.cluster_locks'), /DELETE privilege/);
    const p = parseExplain(await run('EXPLAIN DELETE FROM movr.public.rides'), false);
    assert.equal(p.root?.operator, 'delete');
    assert.equal(p.root?.children[0]?.fullScan, true);
  });
});
