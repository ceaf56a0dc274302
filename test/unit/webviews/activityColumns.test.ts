// The SQL activity panel's model: column keys, texts and sort values, the local
// filters, the drop-down options, export of the shown rows, and the view state
// read back from what the webview saved.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import {
  ACTIVITY_LIMIT,
  STATEMENT_COLUMNS,
  TRANSACTION_COLUMNS,
  activityOptions,
  activityRowKey,
  countText,
  filterStatements,
  filterTransactions,
  isEmptyActivityFilter,
  meanText,
  secondsText,
  transactionText,
} from '../../../src/webviews/model/activityColumns';
import { columnByKey } from '../../../src/webviews/model/columns';
import { viewToCsv, viewToJson } from '../../../src/webviews/model/exporting';
import { nextSort, sortRows } from '../../../src/webviews/model/sort';
import type { StatementRow, TransactionRow } from '../../../src/webviews/protocol/workload';
import { DEFAULT_STATE, readState } from '../../../src/webviews/app/sqlActivity/viewState';

function stmt(id: string, over: Partial<StatementRow> = {}): StatementRow {
  return {
    fingerprintId: id.padStart(16, '0'),
    appName: 'movr-api',
    database: 'movr',
    query: `SELECT * FROM t${id}`,
    querySummary: `SELECT * FROM t${id}`,
    executionCount: 1,
    totalTime: 1,
    meanLatency: 1,
    cpuNanos: 0,
    rowsRead: 0,
    rowsWritten: 0,
    contention: 0,
    retries: 0,
    fullScan: false,
    indexRecommendations: [],
    ...over,
  };
}

function txn(id: string, over: Partial<TransactionRow> = {}): TransactionRow {
  return {
    fingerprintId: id.padStart(16, '0'),
    appName: 'bank-ledger',
    statementFingerprintIds: [],
    statementSummaries: [],
    executionCount: 1,
    totalTime: 1,
    meanLatency: 1,
    cpuNanos: 0,
    rowsRead: 0,
    rowsWritten: 0,
    contention: 0,
    retries: 0,
    ...over,
  };
}

const ids = (rs: Array<{ fingerprintId: string }>) => rs.map((r) => r.fingerprintId.replace(/^0+/, ''));
const stmtCol = (key: string) => {
  const c = columnByKey(STATEMENT_COLUMNS, key);
  assert.ok(c, `a ${key} column`);
  return c;
};

describe('webviews: SQL activity formatting', () => {
  it('counts get thousands separators and round; means keep one decimal below 10', () => {
    assert.equal(countText(1234567), '1,234,567');
    assert.equal(countText(999.6), '1,000');
    assert.equal(countText(-4200), '-4,200');
    assert.equal(countText(undefined), '');
    assert.equal(countText(Number.NaN), '');
    assert.equal(meanText(2.345), '2.3');
    assert.equal(meanText(12_345.4), '12,345');
    assert.equal(meanText(undefined), '');
  });
  it('seconds read as µs, ms, s, then minutes and hours', () => {
    assert.equal(secondsText(0), '0');
    assert.equal(secondsText(0.00042), '420 µs');
    assert.equal(secondsText(0.0123), '12.3 ms');
    assert.equal(secondsText(4.561), '4.56 s');
    assert.equal(secondsText(302), '5m 2s');
    assert.equal(secondsText(3 * 3600 + 300), '3h 5m');
    assert.equal(secondsText(undefined), '');
    assert.equal(secondsText(Number.POSITIVE_INFINITY), '');
  });
});

describe('webviews: SQL activity columns', () => {
  it('statements and transactions have the documented keys, in order', () => {
    assert.deepEqual(
      STATEMENT_COLUMNS.map((c) => c.key),
      [
        'query',
        'appName',
        'database',
        'executionCount',
        'totalTime',
        'meanLatency',
        'p99Latency',
        'cpuNanos',
        'rowsRead',
        'rowsWritten',
        'contention',
        'retries',
        'fullScan',
        'indexRecommendations',
        'fingerprintId',
      ],
    );
    assert.deepEqual(
      TRANSACTION_COLUMNS.map((c) => c.key),
      [
        'statementSummaries',
        'appName',
        'executionCount',
        'totalTime',
        'meanLatency',
        'p99Latency',
        'cpuNanos',
        'rowsRead',
        'rowsWritten',
        'contention',
        'retries',
        'fingerprintId',
      ],
    );
    assert.equal(ACTIVITY_LIMIT, 10_000);
  });

  it('cells show the figures people read', () => {
    const r = stmt('a1', {
      query: 'SELECT *\n  FROM rides\n WHERE rider_id = $1',
      executionCount: 12_000,
      totalTime: 90.5,
      meanLatency: 0.0042,
      p99Latency: 0.25,
      cpuNanos: 2_500_000,
      rowsRead: 4.25,
      rowsWritten: 1500,
      contention: 0.0005,
      retries: 3,
      fullScan: true,
      indexRecommendations: ['creation : CREATE INDEX ON rides (rider_id);', 'creation : x'],
    });
    const text = Object.fromEntries(STATEMENT_COLUMNS.map((c) => [c.key, c.text(r)]));
    assert.deepEqual(text, {
      query: 'SELECT *\n  FROM rides\n WHERE rider_id = $1',
      appName: 'movr-api',
      database: 'movr',
      executionCount: '12,000',
      totalTime: '1m 30s',
      meanLatency: '4.2 ms',
      p99Latency: '250.0 ms',
      cpuNanos: '2.5 ms',
      rowsRead: '4.3',
      rowsWritten: '1,500',
      contention: '500 µs',
      retries: '3',
      fullScan: 'yes',
      indexRecommendations: '2',
      fingerprintId: '00000000000000a1',
    });
    const plain = stmt('a2');
    assert.equal(stmtCol('fullScan').text(plain), '—');
    assert.equal(stmtCol('indexRecommendations').text(plain), '—');
    assert.equal(stmtCol('p99Latency').text(plain), '', 'no p99: blank');
    // A statement without text falls back to its summary.
    assert.equal(STATEMENT_COLUMNS[0]!.text(stmt('a3', { query: '', querySummary: 'SELECT FROM t' })), 'SELECT FROM t');
  });

  it('a transaction reads as its statements, or their count when the cluster names none', () => {
    assert.equal(
      transactionText(txn('1', { statementSummaries: ['SELECT balance FROM accounts', 'UPDATE accounts SET _'] })),
      'SELECT balance FROM accounts ; UPDATE accounts SET _',
    );
    assert.equal(transactionText(txn('2', { statementFingerprintIds: ['a', 'b', 'c'] })), '3 statements');
    assert.equal(transactionText(txn('3', { statementFingerprintIds: ['a'] })), '1 statement');
    assert.equal(transactionText(txn('4')), '');
    assert.equal(TRANSACTION_COLUMNS[0]!.value(txn('4')), undefined, 'an unnamed transaction sorts last');
  });

  it('sorts by every column; p99 absent goes last; default is total time descending', () => {
    const rows = [
      stmt('1', { totalTime: 5, p99Latency: 0.3, executionCount: 10, appName: 'b', fullScan: true }),
      stmt('2', { totalTime: 50, executionCount: 30, appName: 'a' }),
      stmt('3', { totalTime: 0.5, p99Latency: 0.9, executionCount: 20, appName: 'C', indexRecommendations: ['x'] }),
    ];
    const by = (key: string, dir: 'asc' | 'desc') => ids(sortRows(rows, stmtCol(key), dir));
    assert.deepEqual(by('totalTime', 'desc'), ['2', '1', '3']);
    assert.deepEqual(by('p99Latency', 'desc'), ['3', '1', '2']);
    assert.deepEqual(by('p99Latency', 'asc'), ['1', '3', '2'], 'absent last in both directions');
    assert.deepEqual(by('executionCount', 'asc'), ['1', '3', '2']);
    assert.deepEqual(by('appName', 'asc'), ['2', '1', '3'], 'case-insensitive');
    assert.deepEqual(by('fullScan', 'desc'), ['1', '2', '3'], 'full scans first, ties in input order');
    assert.deepEqual(by('indexRecommendations', 'desc'), ['3', '1', '2']);
    // Clicking P99 starts descending (numbers biggest first); again flips.
    const first = nextSort({ key: 'totalTime', dir: 'desc' }, 'p99Latency', true);
    assert.deepEqual(first, { key: 'p99Latency', dir: 'desc' });
    assert.deepEqual(nextSort(first, 'p99Latency', true), { key: 'p99Latency', dir: 'asc' });
  });

  it('10,000 rows sort by a numeric column in well under the 20 ms the panel has', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      stmt(i.toString(16), { cpuNanos: (i * 7919) % 10_007, p99Latency: i % 3 ? i / 1000 : undefined }),
    );
    const cpu = stmtCol('cpuNanos');
    sortRows(rows, cpu, 'desc'); // warm-up
    const t = performance.now();
    const sorted = sortRows(rows, cpu, 'desc');
    const ms = performance.now() - t;
    assert.equal(sorted.length, 10_000);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1]!.cpuNanos >= sorted[i]!.cpuNanos);
    assert.ok(ms < 100, `sorting took ${ms.toFixed(1)} ms`);
  });

  it('rows are keyed by fingerprint and application (one fingerprint runs in several apps)', () => {
    assert.equal(activityRowKey(stmt('ab', { appName: 'x/y' })), '00000000000000ab/x/y');
    assert.notEqual(activityRowKey(stmt('ab', { appName: 'a' })), activityRowKey(stmt('ab', { appName: 'b' })));
  });
});

describe('webviews: SQL activity filters', () => {
  const rows = [
    stmt('1', { appName: 'movr-api', database: 'movr', query: 'SELECT * FROM Rides WHERE id = $1' }),
    stmt('2', {
      appName: 'bank-ledger',
      database: 'bank',
      query: 'UPDATE accounts SET balance = $1',
      querySummary: 'UPDATE accounts SET balance = _',
    }),
    stmt('3', { appName: '', database: 'bank', query: 'SELECT 1', querySummary: 'SELECT _ FROM hidden_summary' }),
    stmt('4', { appName: '$ internal-job-scheduler', database: '', query: 'SELECT * FROM system.jobs' }),
  ];

  it('an empty filter keeps every row (a copy)', () => {
    assert.ok(isEmptyActivityFilter({}));
    assert.ok(isEmptyActivityFilter({ text: '  ' }));
    assert.ok(!isEmptyActivityFilter({ app: '' }), "'' is a real application name");
    const all = filterStatements(rows, {});
    assert.deepEqual(ids(all), ['1', '2', '3', '4']);
    assert.notEqual(all, rows);
  });

  it('application and database match exactly, including the empty application name', () => {
    assert.deepEqual(ids(filterStatements(rows, { app: 'bank-ledger' })), ['2']);
    assert.deepEqual(ids(filterStatements(rows, { app: '' })), ['3']);
    assert.deepEqual(ids(filterStatements(rows, { app: 'bank' })), [], 'no prefix match');
    assert.deepEqual(ids(filterStatements(rows, { database: 'bank' })), ['2', '3']);
    assert.deepEqual(ids(filterStatements(rows, { database: 'bank', app: '' })), ['3']);
  });

  it('search is a case-insensitive substring of the text, the summary, the application or the fingerprint', () => {
    assert.deepEqual(ids(filterStatements(rows, { text: 'rides where' })), ['1']);
    assert.deepEqual(ids(filterStatements(rows, { text: 'HIDDEN_summary' })), ['3']);
    assert.deepEqual(ids(filterStatements(rows, { text: 'ledger' })), ['2']);
    assert.deepEqual(ids(filterStatements(rows, { text: '$ internal' })), ['4']);
    assert.deepEqual(ids(filterStatements(rows, { text: '0000000000000002' })), ['2']);
    assert.deepEqual(ids(filterStatements(rows, { text: ' select ' })), ['1', '3', '4'], 'trimmed');
    assert.deepEqual(ids(filterStatements(rows, { text: 'select accounts' })), [], 'one substring, not words');
    assert.deepEqual(ids(filterStatements(rows, { text: 'select', database: 'bank' })), ['3']);
  });

  it('transactions filter by application and search their statements; the database filter does not apply', () => {
    const txns = [
      txn('a', { appName: 'bank-ledger', statementSummaries: ['UPDATE accounts SET balance = _'] }),
      txn('b', { appName: 'movr-api', statementSummaries: ['SELECT * FROM rides'], statementFingerprintIds: ['f00d'] }),
    ];
    assert.deepEqual(ids(filterTransactions(txns, { app: 'movr-api' })), ['b']);
    assert.deepEqual(ids(filterTransactions(txns, { text: 'ACCOUNTS' })), ['a']);
    assert.deepEqual(ids(filterTransactions(txns, { text: 'f00d' })), ['b'], 'by a statement fingerprint id');
    assert.deepEqual(ids(filterTransactions(txns, { database: 'nope' })), ['a', 'b']);
  });

  it('the drop-downs list each application and database once, naturally sorted', () => {
    assert.deepEqual(activityOptions([...rows, stmt('5', { appName: 'app10' }), stmt('6', { appName: 'app9' })]), {
      apps: ['', '$ internal-job-scheduler', 'app9', 'app10', 'bank-ledger', 'movr-api'],
      databases: ['bank', 'movr'],
    });
    assert.deepEqual(activityOptions([txn('1'), txn('2', { appName: 'x' })]), {
      apps: ['bank-ledger', 'x'],
      databases: [],
    });
  });
});

describe('webviews: SQL activity export', () => {
  const hostile = stmt('1', {
    query: '=HYPERLINK("http://x")\nSELECT "a,b" FROM t',
    appName: '<script>alert(1)</script>',
    p99Latency: 0.5,
    fullScan: true,
    indexRecommendations: ['creation : CREATE INDEX ON t (a);'],
  });

  it('CSV has the shown columns, the exact text (formula-escaped) and raw numbers', () => {
    const csv = viewToCsv(STATEMENT_COLUMNS, [hostile, stmt('2')]);
    const [header, first, second] = parse(csv, { relax_column_count: false }) as string[][];
    assert.deepEqual(
      header,
      STATEMENT_COLUMNS.map((c) => c.label),
    );
    assert.equal(first![0], '\'=HYPERLINK("http://x")\nSELECT "a,b" FROM t');
    assert.equal(first![1], '<script>alert(1)</script>');
    const at = (k: string) => STATEMENT_COLUMNS.findIndex((c) => c.key === k);
    assert.equal(first![at('p99Latency')], '0.5');
    assert.equal(first![at('fullScan')], '1');
    assert.equal(first![at('indexRecommendations')], '1');
    assert.equal(second![at('p99Latency')], '', 'absent stays empty');
    assert.equal(second![at('fullScan')], '0');
  });

  it('JSON keeps the column keys and the raw values (arrays, booleans), absent ones omitted', () => {
    const out = JSON.parse(viewToJson(STATEMENT_COLUMNS, [hostile, stmt('2')], { view: 'statements' }));
    assert.equal(out.view, 'statements');
    assert.deepEqual(
      out.columns,
      STATEMENT_COLUMNS.map((c) => c.key),
    );
    assert.equal(out.rows[0].query, hostile.query);
    assert.equal(out.rows[0].fullScan, true);
    assert.deepEqual(out.rows[0].indexRecommendations, hostile.indexRecommendations);
    assert.equal(out.rows[0].fingerprintId, '0000000000000001');
    assert.ok(!('p99Latency' in out.rows[1]));
    const t = JSON.parse(viewToJson(TRANSACTION_COLUMNS, [txn('9', { statementSummaries: ['SELECT 1'] })]));
    assert.deepEqual(t.rows[0].statementSummaries, ['SELECT 1']);
  });
});

describe('webviews: SQL activity view state', () => {
  it('defaults: statements, last hour, no internal apps, total time descending, auto-refresh off', () => {
    const s = readState({});
    assert.deepEqual(s, DEFAULT_STATE);
    assert.deepEqual(s.sort.statements, { key: 'totalTime', dir: 'desc' });
    assert.deepEqual(s.window, { preset: '1h' });
  });

  it('reads back what it saved, the cluster id included', () => {
    const saved = {
      clusterId: 'https://db1:8080',
      kind: 'transactions',
      window: { preset: 'custom', start: '2026-01-01T10:00:00.000Z', end: '2026-01-01T12:00:00.000Z' },
      includeInternal: true,
      filter: { app: '', database: 'movr', text: 'rides' },
      sort: { statements: { key: 'p99Latency', dir: 'asc' }, transactions: { key: 'statementSummaries', dir: 'desc' } },
      autoRefresh: true,
      intervalSec: 300,
    };
    assert.deepEqual(readState(saved as never), saved);
  });

  it('drops what an older or tampered state got wrong', () => {
    const s = readState({
      clusterId: 7,
      kind: 'sessions',
      window: { preset: 'custom', start: 'yesterday-ish' },
      includeInternal: 'yes',
      filter: { app: 3, database: null, text: '' },
      sort: { statements: { key: 'statementSummaries', dir: 'up' }, transactions: { key: '__proto__' } },
      autoRefresh: 1,
      intervalSec: 1,
    } as never);
    assert.deepEqual(s, DEFAULT_STATE);
    assert.deepEqual(readState({ window: { preset: '7d', start: 'x' } } as never).window, { preset: '7d' });
    assert.deepEqual(
      readState({ window: { preset: 'custom', start: '2026-01-01T00:00:00Z', end: 5 } } as never).window,
      {
        preset: 'custom',
        start: '2026-01-01T00:00:00Z',
      },
    );
  });
});
