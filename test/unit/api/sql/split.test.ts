import assert from 'node:assert/strict';
import { splitStatements, statementAt, tokenizeSql } from '../../../../src/api/sql/split';

/** The statements' texts only. */
const texts = (sql: string): string[] => splitStatements(sql).map((s) => s.sql);

describe('api/sql: statement splitting', () => {
  it('splits on ; and gives ranges that slice back to the statement', () => {
    const text = 'SELECT 1;\n  SELECT 2 ;SELECT 3';
    const st = splitStatements(text);
    assert.deepEqual(
      st.map((s) => s.sql),
      ['SELECT 1', 'SELECT 2', 'SELECT 3'],
    );
    for (const s of st) assert.equal(text.slice(s.start, s.end), s.sql);
    assert.deepEqual(
      st.map((s) => [s.start, s.end]),
      [
        [0, 8],
        [12, 20],
        [22, 30],
      ],
    );
  });

  it('ranges exclude leading and trailing whitespace and comments, and keep inner comments', () => {
    const text = '-- the jobs\n/* all of them */ SELECT /* cols */ * FROM jobs -- done\n;';
    const [s] = splitStatements(text);
    assert.equal(s?.sql, 'SELECT /* cols */ * FROM jobs');
    assert.equal(s?.start, text.indexOf('SELECT'));
  });

  it('drops empty statements (only whitespace, comments or stray semicolons)', () => {
    assert.deepEqual(texts(';;  ; -- nothing\n; /* x */ ;'), []);
    assert.deepEqual(texts(''), []);
    assert.deepEqual(texts('SELECT 1;;\n;SELECT 2;;'), ['SELECT 1', 'SELECT 2']);
  });

  it('ignores ; inside single-quoted strings, with doubled quotes', () => {
    assert.deepEqual(texts("SELECT 'a;b'; SELECT 'it''s; fine'; SELECT ''"), [
      "SELECT 'a;b'",
      "SELECT 'it''s; fine'",
      "SELECT ''",
    ]);
  });

  it("e'…' strings take backslash escapes; plain strings do not", () => {
    assert.deepEqual(texts("SELECT e'a\\';b'; SELECT 2"), ["SELECT e'a\\';b'", 'SELECT 2']);
    assert.deepEqual(texts("SELECT E'\\\\'; SELECT 2"), ["SELECT E'\\\\'", 'SELECT 2']);
    // In a standard string a backslash is just a character: the string ends at the quote.
    assert.deepEqual(texts("SELECT 'a\\'; SELECT 2"), ["SELECT 'a\\'", 'SELECT 2']);
  });

  it("b'…' (escapes, as CockroachDB's scanner), B'…' bit strings and x'…' hex strings", () => {
    assert.deepEqual(texts("SELECT b'\\';'; SELECT 2"), ["SELECT b'\\';'", 'SELECT 2']);
    assert.deepEqual(texts("SELECT x'3b', X'3B'; SELECT B'0101;'"), ["SELECT x'3b', X'3B'", "SELECT B'0101;'"]);
    // An identifier ending in e/b/x is not a prefix.
    assert.deepEqual(texts("SELECT 1 AS e, note'x;y'"), ["SELECT 1 AS e, note'x;y'"]);
  });

  it('ignores ; inside double-quoted identifiers, with doubled quotes', () => {
    assert.deepEqual(texts('SELECT 1 AS "a;b", 2 AS "say ""hi;"""; SELECT 3'), [
      'SELECT 1 AS "a;b", 2 AS "say ""hi;"""',
      'SELECT 3',
    ]);
  });

  it('ignores ; in -- line comments, up to the end of the line', () => {
    assert.deepEqual(texts('SELECT 1 -- not; here\n; SELECT 2 --; x'), ['SELECT 1', 'SELECT 2']);
  });

  it('ignores ; in /* */ comments, which nest as in CockroachDB (ScanComment keeps a depth)', () => {
    assert.deepEqual(texts('SELECT /* a; /* b; */ still; */ 1; SELECT 2'), [
      'SELECT /* a; /* b; */ still; */ 1',
      'SELECT 2',
    ]);
    // An unterminated comment runs to the end.
    assert.deepEqual(texts('SELECT 1 /* open; SELECT 2'), ['SELECT 1']);
  });

  it('dollar quotes: $$…$$ and $tag$…$tag$, with other tags and $ inside', () => {
    const fn = `CREATE FUNCTION f() RETURNS INT LANGUAGE SQL AS $$ SELECT 1; SELECT 2 $$; SELECT 3`;
    assert.deepEqual(texts(fn), [fn.slice(0, fn.indexOf('; SELECT 3')), 'SELECT 3']);
    assert.deepEqual(texts('SELECT $fn$ a; $$ b; $other$ c; $fn$; SELECT 4'), [
      'SELECT $fn$ a; $$ b; $other$ c; $fn$',
      'SELECT 4',
    ]);
    // Unterminated: everything after it is inside the string.
    assert.deepEqual(texts('SELECT $q$ a; SELECT 2'), ['SELECT $q$ a; SELECT 2']);
  });

  it('$1 is a placeholder, not a dollar quote; $ inside an identifier is part of it', () => {
    assert.deepEqual(texts('SELECT $1; SELECT $2::INT; SELECT a$b$ FROM t; SELECT 4'), [
      'SELECT $1',
      'SELECT $2::INT',
      'SELECT a$b$ FROM t',
      'SELECT 4',
    ]);
    assert.deepEqual(
      tokenizeSql('$1 $$x$$').map((t) => t.kind),
      ['param', 'space', 'string'],
    );
  });

  it('keeps a BEGIN ATOMIC … END function body in one statement (as HasMultipleStatements)', () => {
    const fn = 'CREATE FUNCTION f() RETURNS INT LANGUAGE SQL BEGIN ATOMIC SELECT 1; SELECT 2; END';
    assert.deepEqual(texts(`${fn}; SELECT 3`), [fn, 'SELECT 3']);
    // A plain BEGIN is a transaction statement of its own.
    assert.deepEqual(texts('BEGIN; SELECT 1; COMMIT'), ['BEGIN', 'SELECT 1', 'COMMIT']);
  });

  it('tokens concatenate back to the input, including unterminated ones', () => {
    for (const sql of [
      "SELECT 'a''b', e'\\'', \"x\"\"y\", $t$ $ $t$, /* /* */ */ 1.5e-3, 0x1F -- c\n;",
      "SELECT 'open",
      'SELECT "open',
      'SELECT /* open',
      'SELECT $$ open',
      'ü日本 ; ',
    ]) {
      const toks = tokenizeSql(sql);
      assert.equal(toks.map((t) => t.text).join(''), sql);
      for (const t of toks) assert.equal(sql.slice(t.start, t.end), t.text);
    }
    assert.equal(tokenizeSql("SELECT 'open").at(-1)?.unterminated, true);
    assert.equal(tokenizeSql('/* a */').at(-1)?.unterminated, undefined);
  });

  it('offsets are UTF-16 offsets (what positionAt takes), also after non-ASCII text', () => {
    const text = "SELECT '日本😀';\nSELECT 2";
    const st = splitStatements(text);
    assert.equal(st[1]?.start, text.indexOf('SELECT 2'));
    assert.equal(text.slice(st[0]!.start, st[0]!.end), "SELECT '日本😀'");
  });

  it('CRLF line endings', () => {
    assert.deepEqual(texts('SELECT 1;\r\n-- x\r\nSELECT 2;\r\n'), ['SELECT 1', 'SELECT 2']);
  });
});

describe('api/sql: the statement under the cursor', () => {
  const text = 'SELECT 1;\n\nSELECT 2; -- two\n-- about three\nSELECT\n  3';
  const at = (offset: number) => statementAt(text, offset)?.sql;
  const pos = (needle: string, delta = 0) => text.indexOf(needle) + delta;

  it('inside a statement, at its first character and right after its last one', () => {
    assert.equal(at(0), 'SELECT 1');
    assert.equal(at(3), 'SELECT 1');
    assert.equal(at(pos('SELECT 1', 8)), 'SELECT 1');
    assert.equal(at(pos('  3', 2)), 'SELECT\n  3');
    assert.equal(at(text.length), 'SELECT\n  3');
  });

  it('after the ; on the same line: the statement before', () => {
    assert.equal(at(pos(';', 1)), 'SELECT 1');
    assert.equal(at(pos('; -- two', 1)), 'SELECT 2');
    assert.equal(at(pos('-- two', 3)), 'SELECT 2');
  });

  it('on a blank line or a comment line between statements: the statement after', () => {
    assert.equal(at(pos('\n\nSELECT 2', 1)), 'SELECT 2');
    assert.equal(at(pos('-- about', 4)), 'SELECT\n  3');
    assert.equal(at(pos('-- about')), 'SELECT\n  3');
  });

  it('before the first statement: the first; after the last: the last; no statements: undefined', () => {
    assert.equal(statementAt('\n\n  SELECT 1; SELECT 2', 0)?.sql, 'SELECT 1');
    assert.equal(statementAt('SELECT 1;\n\n\n', 12)?.sql, 'SELECT 1');
    assert.equal(statementAt('-- only a comment', 3), undefined);
    assert.equal(statementAt('', 0), undefined);
  });

  it('two statements on one line: the cursor between them picks the one before', () => {
    const line = 'SELECT 1; SELECT 2';
    assert.equal(statementAt(line, 9)?.sql, 'SELECT 1');
    assert.equal(statementAt(line, 10)?.sql, 'SELECT 2');
  });
});
