// The peer of the explorer's SQL activity and Hot ranges panels: DB Console's own table
// components from @cockroachlabs/cluster-ui, bundled by bench/peer.mjs for
// bench/webview/peer.html. The rows are the explorer bench's own (same generators, same seed
// as bench/webview/sqlActivity.html and bench/webview/index.html), mapped into the shapes DB
// Console hands these components (AggregateStatistics with protobuf Longs; HotRangesResponseV2
// hot ranges). window.peer.prepare() builds the props untimed; window.peer.mount() renders.
/* global window */
import {
  makeStatementsColumns,
  Pagination,
  populateRegionNodeForStatements,
  SortedTable,
  StatementsSortedTable,
  util,
} from '@cockroachlabs/cluster-ui';
import Long from 'long';
import React from 'react';
import ReactDOM from 'react-dom';
import { Link, MemoryRouter } from 'react-router-dom';

const h = React.createElement;
/** DB Console's page size on both pages (StatementsPage's state, the hot ranges page's PAGE_SIZE). */
const PAGE_SIZE = 50;

// ---- the explorer bench's rows (copies of the generators in bench/webview/*.html) ----

const APPS = ['movr-api', 'bank-ledger', 'analytics', '$ cockroach sql', 'billing', 'search'];
const TABLES = ['users', 'rides', 'vehicles', 'accounts', 'transfers', 'promo_codes', 'audit_log'];
function statementRows(n) {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const hex = (i) => (i * 2654435761).toString(16).padStart(8, '0').slice(-8) + i.toString(16).padStart(8, '0');
  return Array.from({ length: n }, (_, i) => {
    const table = TABLES[i % TABLES.length];
    const count = Math.floor(rnd() * 50000) + 1;
    const mean = 0.0005 + rnd() ** 3 * 2;
    const fullScan = i % 11 === 0;
    return {
      fingerprintId: hex(i),
      appName: APPS[i % APPS.length],
      database: i % 2 ? 'movr' : 'bank',
      query: `SELECT id, name, c${i % 97} FROM ${table} WHERE id = $1 AND k${i} > $2 LIMIT $3`,
      querySummary: `SELECT id, name, c${i % 97} FROM ${table}`,
      executionCount: count,
      totalTime: count * mean,
      meanLatency: mean,
      ...(i % 13 ? { p99Latency: mean * (2 + rnd() * 3) } : {}),
      cpuNanos: mean * 3e8 * rnd(),
      rowsRead: fullScan ? rnd() * 1e5 : rnd() * 40,
      rowsWritten: i % 4 === 0 ? 1 : 0,
      contention: i % 9 === 0 ? mean * 0.4 : 0,
      retries: i % 5 === 0 ? Math.floor(rnd() * 4) : 0,
      fullScan,
      indexRecommendations: fullScan ? [`creation : CREATE INDEX ON ${table} (k${i});`] : [],
      lastExecAt: new Date(Date.now() - rnd() * 3_600_000).toISOString(),
    };
  });
}

const locality = (id) => `region=r${id % 3},zone=z${id % 9}`;
function hotRangeRows(n) {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => {
    const nodeId = (i % 100) + 1;
    const table = `table_${i % 60}`;
    return {
      rangeId: i + 1,
      nodeId,
      qps: rnd() * 5000,
      cpuTimePerSecond: rnd() * 1e6,
      writesPerSecond: rnd() * 900,
      readsPerSecond: rnd() * 4000,
      writeBytesPerSecond: rnd() * 1e6,
      readBytesPerSecond: rnd() * 1e7,
      leaseholderNodeId: nodeId,
      replicaNodeIds: [nodeId, (nodeId % 100) + 1, ((nodeId + 1) % 100) + 1],
      storeId: nodeId,
      databases: [`db_${i % 7}`],
      tables: [table],
      indexes: [i % 3 ? 'primary' : `${table}_idx`],
      locality: locality(nodeId),
    };
  });
}

// ---- mapped into DB Console's shapes ----

const stat = (mean, spread = 0.25) => ({ mean, squared_diffs: (mean * spread) ** 2 });
const NODES = [1, 2, 3].map((n) => Long.fromInt(n));

/** One explorer StatementRow as the AggregateStatistics DB Console's StatementsPage builds from /_status/combinedstmts. */
function toAggregate(r, aggregatedTs) {
  const count = Long.fromNumber(r.executionCount);
  const sampled = Math.max(1, Math.round(r.executionCount / 100));
  const m = r.meanLatency;
  const p99 = r.p99Latency ?? 0;
  return {
    aggregatedFingerprintID: BigInt(`0x${r.fingerprintId}`).toString(),
    aggregatedFingerprintHexID: r.fingerprintId,
    label: r.query,
    summary: r.querySummary,
    aggregatedTs,
    implicitTxn: true,
    fullScan: r.fullScan,
    database: r.database,
    applicationName: r.appName,
    stats: {
      count,
      first_attempt_count: Long.fromNumber(Math.max(0, r.executionCount - r.retries)),
      max_retries: Long.fromInt(r.retries),
      service_lat: stat(m),
      parse_lat: stat(m * 0.02),
      plan_lat: stat(m * 0.1),
      run_lat: stat(m * 0.85),
      overhead_lat: stat(m * 0.03),
      idle_lat: stat(0),
      rows_read: stat(r.rowsRead),
      rows_written: stat(r.rowsWritten),
      bytes_read: stat(r.rowsRead * 120),
      num_rows: stat(r.rowsRead),
      exec_stats: {
        count: Long.fromNumber(sampled),
        network_bytes: stat(r.rowsRead * 60),
        max_mem_usage: stat(10240 + r.rowsRead * 200),
        contention_time: stat(r.contention),
        network_messages: stat(3),
        max_disk_usage: stat(0),
        cpu_sql_nanos: stat(r.cpuNanos),
      },
      latency_info: { p50: m * 0.8, p90: m * 1.5, p99, min: m * 0.3, max: Math.max(p99, m) * 1.2 },
      last_exec_timestamp: { seconds: Long.fromNumber(Math.floor(Date.parse(r.lastExecAt) / 1000)), nanos: 0 },
      nodes: NODES,
      regions: ['us-east1'],
      plan_gists: ['AgHUAQIABQAAAAHYAQIAiA=='],
      index_recommendations: r.indexRecommendations,
      sql_type: 'TypeDML',
    },
  };
}

/** One explorer HotRangeRow as a cockroach.server.serverpb.HotRangesResponseV2.IHotRange. */
const toHotRange = (r) => ({
  range_id: r.rangeId,
  node_id: r.nodeId,
  qps: r.qps,
  cpu_time_per_second: r.cpuTimePerSecond,
  writes_per_second: r.writesPerSecond,
  reads_per_second: r.readsPerSecond,
  write_bytes_per_second: r.writeBytesPerSecond,
  read_bytes_per_second: r.readBytesPerSecond,
  leaseholder_node_id: r.leaseholderNodeId,
  replica_node_ids: r.replicaNodeIds,
  store_id: r.storeId,
  databases: r.databases,
  tables: r.tables,
  indexes: r.indexes,
  schema_name: 'public',
});

// ---- the components, wired the way DB Console wires them ----

const noop = () => {};

/**
 * StatementsPage's statements table: makeStatementsColumns over all rows (bar-chart scales,
 * workload share), the default visible columns (ColumnsSelector's isSelectedColumn with no
 * saved choice), StatementsSortedTable sorted by the component over every row and paginated
 * 50 a page, then DB Console's Pagination. All of it re-runs on a sort change, as it does in
 * DB Console (the sort setting is page state there too). Left out: search, filters, the
 * column selector and the time-scale header above the table.
 */
function StatementsTable({ statements, nodeRegions, totalWorkload, sortSetting: initialSort }) {
  const [sortSetting, setSortSetting] = React.useState(initialSort);
  const [pagination, setPagination] = React.useState({ pageSize: PAGE_SIZE, current: 1 });
  const activateDiagnosticsRef = React.useRef(null);
  const regions = [...new Set(Object.values(nodeRegions))];
  populateRegionNodeForStatements(statements, nodeRegions);
  const columns = makeStatementsColumns(
    statements,
    [],
    totalWorkload,
    'statement',
    false,
    false,
    '',
    activateDiagnosticsRef,
    noop,
    noop,
  )
    .filter((c) => !(c.name === 'regions' && regions.length < 2))
    .filter((c) => !(c.name === 'regionNodes' && regions.length < 2))
    .filter((c) => c.showByDefault !== false || c.alwaysShow === true);
  window.peer.columnNames = columns.map((c) => c.name);
  return h(
    React.Fragment,
    null,
    h(
      'section',
      { className: 'cl-table-container' },
      h(StatementsSortedTable, {
        className: 'statements-table',
        data: statements,
        columns,
        sortSetting,
        onChangeSortSetting: setSortSetting,
        pagination,
      }),
    ),
    h(Pagination, {
      pageSize: pagination.pageSize,
      current: pagination.current,
      total: statements.length,
      onChange: (current) => setPagination({ ...pagination, current }),
    }),
  );
}

const round2 = (v) => Math.round(v * 100) / 100;
/**
 * The Hot ranges page's table. DB Console's HotRangesTable lives in db-console, which is not
 * published; this is cluster-ui's SortedTable (the component it renders) with the same 14
 * columns, cells formatted with cluster-ui's util, sorted over every row, 50 a page, and
 * cluster-ui's Pagination. Header tooltips (antd's, in DB Console) are plain titles here.
 */
function hotRangeColumns(localityOf) {
  const text = (name, title, value, format = (v) => v) => ({
    name,
    title,
    cell: (r) => format(value(r)),
    sort: value,
  });
  return [
    {
      name: 'rangeId',
      title: 'Range ID',
      cell: (r) => h(Link, { to: `/reports/range/${r.range_id}` }, r.range_id),
      sort: (r) => r.range_id,
    },
    text('qps', 'QPS', (r) => r.qps, round2),
    text('cpuPerSecond', 'CPU', (r) => r.cpu_time_per_second, util.Duration),
    text('writesPerSecond', 'Write (keys)', (r) => r.writes_per_second, round2),
    text('writeBytesPerSecond', 'Write (bytes)', (r) => r.write_bytes_per_second, util.Bytes),
    text('readsPerSecond', 'Read (keys)', (r) => r.reads_per_second, round2),
    text('readsBytesPerSecond', 'Read (bytes)', (r) => r.read_bytes_per_second, util.Bytes),
    {
      name: 'nodes',
      title: 'Nodes',
      cell: (r) =>
        h(
          React.Fragment,
          null,
          r.replica_node_ids.map((id, i, all) =>
            h(Link, { to: `/node/${id}`, key: id }, id, i < all.length - 1 ? ', ' : null),
          ),
        ),
      sort: (r) => r.replica_node_ids[0],
    },
    text('storeId', 'Store ID', (r) => r.store_id),
    text('leaseholder', 'Leaseholder', (r) => r.leaseholder_node_id),
    text('database', 'Database', (r) => r.databases.join(', ')),
    text('table', 'Table', (r) => r.tables.join(', ')),
    text('index', 'Index', (r) => r.indexes.join(', ')),
    text('locality', 'Locality', (r) => localityOf.get(r.node_id)),
  ];
}

function HotRangesTable({ hotRanges, localityOf, sortSetting: initialSort }) {
  const [sortSetting, setSortSetting] = React.useState(initialSort);
  const [pagination, setPagination] = React.useState({ pageSize: PAGE_SIZE, current: 1 });
  const columns = hotRangeColumns(localityOf);
  window.peer.columnNames = columns.map((c) => c.name);
  return h(
    'div',
    { className: 'section' },
    h(SortedTable, {
      data: hotRanges,
      columns,
      sortSetting,
      onChangeSortSetting: setSortSetting,
      pagination,
    }),
    h(Pagination, {
      pageSize: pagination.pageSize,
      current: pagination.current,
      total: hotRanges.length,
      onChange: (current) => setPagination({ ...pagination, current }),
    }),
  );
}

let prepared;
window.peer = {
  columnNames: [],
  /** Builds the props (untimed): the rows as DB Console's selectors would hold them. */
  prepare(kind, n) {
    if (kind === 'statements') {
      const aggregatedTs = Math.floor(Date.now() / 3_600_000) * 3600;
      const statements = statementRows(n).map((r) => toAggregate(r, aggregatedTs));
      const nodeRegions = { 1: 'us-east1', 2: 'us-east1', 3: 'us-east1' };
      // The server's stmts_total_runtime_secs: the sum the page divides by for "% of all runtime".
      const totalWorkload = util.calculateTotalWorkload(statements);
      // Opened like the explorer's panel, by total time (DB Console's "% of all runtime").
      prepared = h(StatementsTable, {
        statements,
        nodeRegions,
        totalWorkload,
        sortSetting: { ascending: false, columnTitle: 'workloadPct' },
      });
      return statements.length;
    }
    const hotRanges = hotRangeRows(n).map(toHotRange);
    const localityOf = new Map(Array.from({ length: 100 }, (_, i) => [i + 1, locality(i + 1)]));
    // Opened like both the explorer's panel and DB Console: by QPS, descending.
    prepared = h(HotRangesTable, { hotRanges, localityOf, sortSetting: { ascending: false, columnTitle: 'qps' } });
    return hotRanges.length;
  },
  /** Renders the prepared table into `root` (React 16 legacy mode: synchronous). */
  mount(root) {
    ReactDOM.render(h(MemoryRouter, null, prepared), root);
  },
  unmount(root) {
    ReactDOM.unmountComponentAtNode(root);
  },
};
