import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parse as losslessParse, stringify as losslessStringify } from 'lossless-json';
import {
  cellText,
  clipboardField,
  columnText,
  compareNumericText,
  exportKeys,
  firstLine,
  isJsonType,
  isNumericType,
  numericKind,
  numericRanks,
  parseTableRef,
  positionIn,
  prettyJson,
  resultToCsv,
  tsvRow,
} from '../../../src/webviews/model/resultValues';

/** Sorts with the comparator under test. */
const sorted = (xs: string[]) => [...xs].sort(compareNumericText);

describe('webviews: SQL result values', () => {
  describe('type names', () => {
    it('knows CockroachDB’s numeric types, with or without precision, in any case', () => {
      for (const t of ['INT8', 'INT4', 'INT2', 'INT', 'int8', 'BIGINT', 'SMALLINT', 'INTEGER', 'OID'])
        assert.equal(numericKind(t), 'int', t);
      for (const t of ['FLOAT8', 'FLOAT4', 'FLOAT', 'REAL', 'DOUBLE PRECISION', 'double  precision'])
        assert.equal(numericKind(t), 'float', t);
      for (const t of ['DECIMAL', 'DECIMAL(10,2)', 'NUMERIC', 'numeric(5)', 'DECIMAL (12, 4)'])
        assert.equal(numericKind(t), 'decimal', t);
      for (const t of ['STRING', 'INT8[]', 'DECIMAL[]', 'INTERVAL', 'TIMESTAMPTZ', 'BOOL', 'UUID', 'INET', 'BYTES', ''])
        assert.equal(isNumericType(t), false, t);
    });
    it('knows JSON and JSONB, not their arrays', () => {
      assert.ok(isJsonType('JSONB') && isJsonType('json') && isJsonType(' JSONB '));
      assert.ok(!isJsonType('JSONB[]') && !isJsonType('STRING'));
    });
  });

  describe('exact numeric order', () => {
    it('orders INT8 beyond 2^53 exactly (Number would call these equal)', () => {
      assert.equal(Number('9007199254740993'), Number('9007199254740992'), 'the premise');
      assert.ok(compareNumericText('9007199254740993', '9007199254740992') > 0);
      assert.deepEqual(sorted(['9223372036854775807', '-9223372036854775808', '9007199254740993', '0', '-1']), [
        '-9223372036854775808',
        '-1',
        '0',
        '9007199254740993',
        '9223372036854775807',
      ]);
    });
    it('orders decimals by value, not by text: signs, lengths, fractions, exponents', () => {
      assert.deepEqual(sorted(['10', '9.99', '-10', '-9.99', '0.001', '.5', '1E+2', '1e-3', '99', '-0.5']), [
        '-10',
        '-9.99',
        '-0.5',
        '0.001',
        '1e-3',
        '.5',
        '9.99',
        '10',
        '99',
        '1E+2',
      ]);
      assert.equal(compareNumericText('1.50', '1.5'), 0, 'trailing zeros do not change the value');
      assert.equal(compareNumericText('0012', '12'), 0);
      assert.equal(compareNumericText('-0', '0.000'), 0, 'zero is zero');
      assert.ok(compareNumericText('123456789012345678901234567890.000001', '123456789012345678901234567890') > 0);
      assert.ok(compareNumericText('-123456789012345678901234567890.1', '-123456789012345678901234567890') < 0);
    });
    it('puts NaN first, then -Infinity, the numbers, +Infinity; text that is no number last', () => {
      assert.deepEqual(sorted(['Infinity', '1', 'abc', 'NaN', '-Infinity', '-1e308']), [
        'NaN',
        '-Infinity',
        '-1e308',
        '1',
        'Infinity',
        'abc',
      ]);
      assert.equal(compareNumericText('inf', '+Infinity'), 0);
    });
    it('agrees with BigInt on random integers of 1 to 40 digits', () => {
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const ints = Array.from({ length: 400 }, () => {
        const len = 1 + Math.floor(rnd() * 40);
        const digits = Array.from({ length: len }, () => Math.floor(rnd() * 10)).join('');
        return `${rnd() < 0.5 ? '-' : ''}${digits}`;
      });
      const byBigInt = [...ints].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
      assert.deepEqual(
        sorted(ints).map((x) => BigInt(x)),
        byBigInt.map((x) => BigInt(x)),
      );
    });
    it('ranks values so that sorting by the rank is the exact order; equal values share a rank; NULL has none', () => {
      // In order: 1 (rank 0), 2 and 2.0 (rank 1, the position of the first of them), …992 (3), …993 (4).
      assert.deepEqual(numericRanks(['2', null, '1', '2.0', '9007199254740993', '9007199254740992']), [
        1,
        undefined,
        0,
        1,
        4,
        3,
      ]);
      assert.deepEqual(numericRanks([]), []);
    });
  });

  describe('JSON pretty-printing', () => {
    it('lays JSON out as JSON.stringify(…, null, 2) does', () => {
      for (const text of [
        '{"a": 1, "b": [true, false, null], "c": {}, "d": [], "e": {"f": "g"}}',
        '[]',
        '{}',
        '"x"',
        '3',
        '[[[]]]',
      ])
        assert.equal(prettyJson(text), JSON.stringify(JSON.parse(text), null, 2), text);
    });
    it('keeps numbers exactly as written: beyond 2^53, trailing zeros, exponents', () => {
      const text = '{"big": 12345678901234567890, "dec": 1.50, "e": -2.5E+10, "list": [9007199254740993]}';
      const pretty = prettyJson(text)!;
      assert.match(pretty, /"big": 12345678901234567890,/);
      assert.match(pretty, /"dec": 1\.50,/);
      assert.match(pretty, /"e": -2\.5E\+10,/);
      assert.match(pretty, /^ {4}9007199254740993$/m);
      // Same value as lossless-json reads it: nothing but whitespace changed.
      assert.equal(losslessStringify(losslessParse(pretty)), losslessStringify(losslessParse(text)));
      assert.notEqual(JSON.stringify(JSON.parse(text), null, 2), pretty, 'JSON.parse would have rounded');
    });
    it('copies strings verbatim, escapes and structural characters inside them included', () => {
      const text = '{"k\\"ey": "a, b: [c] {d}", "u": "\\u00e9\\n<script>"}';
      assert.equal(prettyJson(text), '{\n  "k\\"ey": "a, b: [c] {d}",\n  "u": "\\u00e9\\n<script>"\n}');
    });
    it('says undefined for text that is not JSON', () => {
      for (const bad of [
        '',
        '{',
        '[1,]',
        '{"a":}',
        '{"a" 1}',
        '[1 2]',
        '{"a":1}}',
        '01',
        'NaN',
        "{'a': 1}",
        '"unterminated',
        '{1: 2}',
        '[1]]',
        '"\\x"',
        '"tab\there"',
        '{,}',
        '[,1]',
      ])
        assert.equal(prettyJson(bad), undefined, JSON.stringify(bad));
    });
    it('survives hostile nesting: no recursion, and a layout too big to show is refused', () => {
      const nested = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);
      const p = prettyJson(nested(1000)) ?? '';
      assert.ok(p.startsWith('[\n  [\n    ['));
      assert.equal(p.split('\n').length, 2001);
      assert.equal(prettyJson(nested(100_000)), undefined, 'ten billion spaces of indentation');
      assert.equal(prettyJson('[1, 2]', '  ', 5), undefined, 'over the limit');
    });
  });

  describe('copy', () => {
    it('a row is tab-separated, a column newline-separated; NULL as NULL', () => {
      assert.equal(tsvRow(['1', null, 'x']), '1\tNULL\tx');
      assert.equal(columnText(['1', null, 'x']), '1\nNULL\nx');
      assert.equal(cellText(null), 'NULL');
      assert.equal(cellText('a\tb\n"c"'), 'a\tb\n"c"', 'a single cell is copied exactly');
    });
    it('quotes fields holding tabs, line breaks or a leading quote, as spreadsheets paste them', () => {
      assert.equal(clipboardField('a\tb'), '"a\tb"');
      assert.equal(clipboardField('two\nlines'), '"two\nlines"');
      assert.equal(clipboardField('"q" here'), '"""q"" here"');
      assert.equal(clipboardField('say "hi"'), 'say "hi"', 'inner quotes alone need nothing');
      assert.equal(tsvRow(['a\tb', 'c']).split('\t').length, 3, 'the tab stays inside its quoted field');
    });
  });

  describe('CSV export', () => {
    const cols = [
      { name: 'id', type: 'INT8' },
      { name: 'amount', type: 'DECIMAL(10,2)' },
      { name: 'note', type: 'STRING' },
    ];
    it('writes numbers exactly — negative ones without the formula quote — and text defused', () => {
      const csv = resultToCsv(cols, [
        ['-9223372036854775808', '-1.50', '-2+3'],
        ['9007199254740993', '1E+2', '=HYPERLINK("x")'],
        [null, null, null],
      ]);
      assert.equal(
        csv,
        'id,amount,note\r\n-9223372036854775808,-1.50,\'-2+3\r\n9007199254740993,1E+2,"\'=HYPERLINK(""x"")"\r\n,,\r\n',
      );
    });
    it('a numeric column’s value that is not a plain number is text, and defused like text', () => {
      assert.equal(resultToCsv([{ name: 'n', type: 'INT8' }], [['-1+1']]), "n\r\n'-1+1\r\n");
      assert.equal(resultToCsv([{ name: '-1', type: 'INT8' }], []), "'-1\r\n", 'a header is text');
    });
    it('parses back to the same values (hostile ones included)', () => {
      const rows = [
        ['1', '2.50', '<script>alert(1)</script>'],
        ['2', '0.10', 'line\nbreak, "quoted"'],
      ];
      assert.deepEqual(parse(resultToCsv(cols, rows)), [cols.map((c) => c.name), ...rows]);
    });
  });

  it('export keys are the column names, made unique, never __proto__', () => {
    assert.deepEqual(exportKeys(['a', 'b', 'a', 'a (2)', '__proto__', '?column?', '?column?']), [
      'a',
      'b',
      'a (2)',
      'a (2) (2)',
      '__proto__ (2)',
      '?column?',
      '?column? (2)',
    ]);
  });

  it('an error position becomes line, column and the line’s text (in characters)', () => {
    assert.deepEqual(positionIn('SELECT 1\nFROM nosuch', 15), { line: 2, column: 6, lineText: 'FROM nosuch' });
    assert.deepEqual(positionIn('SELECT 1', 1), { line: 1, column: 1, lineText: 'SELECT 1' });
    assert.deepEqual(positionIn('SELECT 1', 9), { line: 1, column: 9, lineText: 'SELECT 1' }, 'just past the end');
    assert.deepEqual(
      positionIn("SELECT '😀' x", 10),
      { line: 1, column: 10, lineText: "SELECT '😀' x" },
      'an emoji is one',
    );
    assert.deepEqual(positionIn('a\r\nb', 4), { line: 2, column: 1, lineText: 'b' });
    for (const bad of [0, -1, 10, 1.5, Number.NaN]) assert.equal(positionIn('SELECT 1', bad), undefined, String(bad));
  });

  it('a statement’s first line, and whether more follows', () => {
    assert.deepEqual(firstLine('SELECT 1'), { text: 'SELECT 1', more: false });
    assert.deepEqual(firstLine('\n  SELECT *\n  FROM t'), { text: 'SELECT *', more: true });
    assert.deepEqual(firstLine('SELECT 1;\n   \n'), { text: 'SELECT 1;', more: false });
  });

  it('table@index from a plan: the table without its index, the database of a three-part name', () => {
    assert.deepEqual(parseTableRef('users@users_pkey'), { table: 'users', index: 'users_pkey' });
    assert.deepEqual(parseTableRef('users'), { table: 'users' });
    assert.deepEqual(parseTableRef('public.users@idx'), { table: 'public.users', index: 'idx' });
    assert.deepEqual(parseTableRef('movr.public.users@primary'), {
      database: 'movr',
      table: 'public.users',
      index: 'primary',
    });
    assert.deepEqual(parseTableRef('"my@table"@"odd.idx"'), { table: '"my@table"', index: '"odd.idx"' });
    assert.deepEqual(parseTableRef('"a.b".c@i'), { table: '"a.b".c', index: 'i' });
  });
});
