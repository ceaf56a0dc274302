import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { HOT_COLUMNS, presentColumns } from '../../../src/webviews/model/columns';
import { exportFileName, safeFileName, toCsv, viewToCsv, viewToJson } from '../../../src/webviews/model/exporting';
import { rollUp, rollupColumns } from '../../../src/webviews/model/rollup';
import { hot } from './fixtures';

/** One field as toCsv writes it: a single-cell CSV without its row delimiters. */
function csvField(v: string | number | undefined): string {
  return toCsv([], [[v]])
    .replace(/\r\n$/, '')
    .replace(/^\r\n/, '');
}

/** Reads the export back with a CSV library, as a spreadsheet or a script would. */
function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true }) as string[][];
}

describe('webviews: CSV export', () => {
  it('quotes fields with commas, quotes and line breaks; doubles quotes', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(''), '');
  });
  it('defuses formulas in text cells (= + - @ tab CR) with a leading quote', () => {
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\tx'), "'\tx");
    assert.equal(csvField('a=b'), 'a=b', 'only a leading sign matters');
  });
  it('writes numbers as numbers, negative ones included', () => {
    assert.equal(csvField(-1.5), '-1.5');
    assert.equal(csvField(12), '12');
    assert.equal(csvField(Number.NaN), '');
  });
  it('uses CRLF line ends and ends with one', () => {
    assert.equal(toCsv(['a', 'b'], [[1, 'x']]), 'a,b\r\n1,x\r\n');
  });
  it('exports the visible columns of the current view, and parses back', () => {
    const rows = [
      hot(7, {
        qps: 12.5,
        tables: ['=cmd|"/c calc"!A0'],
        databases: ['db,one'],
        indexes: ['line\nbreak'],
        replicaNodeIds: [1, 2],
        leaseholderNodeId: 2,
      }),
      hot(8, { qps: 3, tables: ['<script>window.__xss=1</script>'] }),
    ];
    const cols = presentColumns(rows);
    const parsed = parseCsv(viewToCsv(cols, rows));
    assert.deepEqual(
      parsed[0],
      cols.map((c) => c.label),
    );
    const rec = Object.fromEntries(cols.map((c, i) => [c.key, parsed[1]![i]]));
    assert.equal(rec.rangeId, '7');
    assert.equal(rec.qps, '12.5', 'raw number, not the formatted 12.5 text');
    assert.equal(rec.table, `'=cmd|"/c calc"!A0`);
    assert.equal(rec.database, 'db,one');
    assert.equal(rec.index, 'line\nbreak');
    assert.equal(rec.replicaNodeIds, 'n1, n2');
    assert.equal(rec.leaseholderNodeId, 'n2');
    assert.equal(parsed[2]![cols.findIndex((c) => c.key === 'table')], '<script>window.__xss=1</script>');
    assert.equal(parsed.length, 3);
  });
  it('exports roll-up rows', () => {
    const rolled = rollUp(
      [hot(1, { qps: 2, leaseholderNodeId: 1 }), hot(2, { qps: 3, leaseholderNodeId: 2 })],
      'table',
    );
    const parsed = parseCsv(viewToCsv(rollupColumns(rolled, 'table'), rolled));
    assert.deepEqual(parsed[0]!.slice(0, 4), ['Database', 'Table', 'Ranges', 'QPS (sum)']);
    assert.deepEqual(parsed[1]!.slice(0, 4), ['db', 't', '2', '5']);
  });
});

describe('webviews: JSON export', () => {
  it('keeps keys, raw values and arrays; omits absent values; carries metadata', () => {
    const rows = [hot(7, { qps: 1.25, cpuTimePerSecond: 9 }), hot(8, { qps: 2 })];
    const cols = HOT_COLUMNS.filter((c) =>
      ['rangeId', 'qps', 'cpuTimePerSecond', 'replicaNodeIds', 'table'].includes(c.key),
    );
    const doc = JSON.parse(viewToJson(cols, rows, { cluster: 'prod' }));
    assert.equal(doc.cluster, 'prod');
    assert.deepEqual(doc.columns, ['rangeId', 'qps', 'cpuTimePerSecond', 'replicaNodeIds', 'table']);
    assert.deepEqual(doc.rows[0], {
      rangeId: 7,
      qps: 1.25,
      cpuTimePerSecond: 9,
      replicaNodeIds: [1, 2, 3],
      table: ['t'],
    });
    assert.ok(!('cpuTimePerSecond' in doc.rows[1]));
  });
  it('exports roll-up rows by their own keys', () => {
    const rolled = rollUp([hot(1, { qps: 2 })], 'table');
    const doc = JSON.parse(viewToJson(rollupColumns(rolled, 'table'), rolled));
    assert.equal(doc.rows[0].table, 't');
    assert.equal(doc.rows[0].qps, 2);
  });
  it('suggests a safe file name', () => {
    const at = new Date('2026-11-24T08:05:00Z');
    assert.equal(exportFileName('prod east', 'hot-ranges', 'csv', at), 'hot-ranges-prod-east-2026-11-24T08-05.csv');
    assert.equal(exportFileName('../<script>', 'hot-tables', 'json', at), 'hot-tables-script-2026-11-24T08-05.json');
    assert.equal(exportFileName('', 'hot-ranges', 'csv', at), 'hot-ranges-cluster-2026-11-24T08-05.csv');
  });
});

describe('webviews: export file name from the webview', () => {
  it('keeps a plain file name with the right extension whatever the webview sends', () => {
    assert.equal(safeFileName('hot-ranges.csv', 'csv'), 'hot-ranges.csv');
    assert.equal(safeFileName('../../etc/passwd', 'csv'), 'etc-passwd.csv');
    assert.equal(safeFileName('a\\b:c*?"<>|\u0001d', 'json'), 'a-b-c-d.json');
    assert.equal(safeFileName('', 'json'), 'export.json');
    assert.equal(safeFileName('x.JSON', 'json'), 'x.JSON');
  });
});
