import assert from 'node:assert/strict';
import { normalizeSql, sameFingerprint } from '../../../src/domain/fingerprint';

/** Statements as code or a session has them, each with the fingerprint CockroachDB keeps statistics under. */
const SAME: ReadonlyArray<[string, string]> = [
  // Constants, placeholders, case and spacing.
  ["SELECT * FROM rides WHERE city = 'boston'", 'SELECT * FROM rides WHERE city = $1'],
  ['select  *\n\tfrom   Rides\nwhere CITY=$1', 'SELECT * FROM rides WHERE city = $1'],
  ['SELECT * FROM rides WHERE city = ? AND id = ?', 'SELECT * FROM rides WHERE city = $1 AND id = $2'],
  ['SELECT * FROM rides WHERE city = _', 'SELECT * FROM rides WHERE city = $1'],
  [
    'UPDATE accounts SET balance = balance - 10 WHERE id = 42',
    'UPDATE accounts SET balance = balance - $1 WHERE id = $2',
  ],
  ['SELECT id FROM t WHERE x > -1.5e3', 'SELECT id FROM t WHERE x > _'],
  ['SELECT id FROM t WHERE x > - 2', 'SELECT id FROM t WHERE x > $1'],
  ['SELECT 0x1F, .5, 3., 1E+10', 'SELECT _, _, _, _'],
  ['SELECT * FROM t WHERE ok = true AND gone = FALSE', 'SELECT * FROM t WHERE ok = _ AND gone = _'],
  ['UPDATE t SET v = NULL WHERE k = 1', 'UPDATE t SET v = _ WHERE k = $1'],
  // Literal lists however long, and CockroachDB's shortened forms.
  [
    'SELECT * FROM rides WHERE city = $1 AND id IN (_, _, __more__)',
    "select * from rides where city = 'nyc' and id in (1, 2, 3, 4, 5)",
  ],
  ['SELECT * FROM rides WHERE id IN (_, _, __more1_10__)', 'SELECT * FROM rides WHERE id IN ($1)'],
  ['SELECT * FROM rides WHERE id IN (_, __more10_100__)', 'SELECT * FROM rides WHERE id IN ($1, $2, $3)'],
  ['SELECT * FROM t WHERE id = ANY (ARRAY[1, 2, 3])', 'SELECT * FROM t WHERE id = ANY (ARRAY[_, _, __more__])'],
  [
    'SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4), (5, 6))',
    'SELECT * FROM t WHERE (a, b) IN ((_, _), (__more1_10__))',
  ],
  [
    "INSERT INTO bank.public.\"ledger\" (memo) VALUES ('a'), ('b'), ('c')",
    'INSERT INTO bank.public.ledger(memo) VALUES (__more__)',
  ],
  ['INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)', 'INSERT INTO t(a, b) VALUES (_, _), (__more1_10__)'],
  // Comments go, wherever they are.
  ['SELECT * FROM rides WHERE rider_id = $1 /* v1 */', 'SELECT * FROM rides WHERE rider_id = $1'],
  ['UPDATE vehicles SET status = $1 WHERE id = $2 -- v2', 'UPDATE vehicles SET status = $1 WHERE id = $2'],
  ['SELECT /* a /* nested */ comment */ 1', 'SELECT _'],
  ['-- leading\nSELECT 1 -- trailing', 'SELECT _'],
  // Strings with quotes (and comment markers) inside.
  ["SELECT * FROM t WHERE note = 'it''s -- not a comment'", 'SELECT * FROM t WHERE note = $1'],
  ["SELECT * FROM t WHERE note = e'it\\'s /* no */'", 'SELECT * FROM t WHERE note = $1'],
  ["SELECT b'\\x00', x'ff', B'0101', n'x'", 'SELECT _, _, _, _'],
  // Quoted names: "rides" is rides; other quoted names keep their case and spaces.
  ['SELECT "id" FROM "rides"', 'select id from rides'],
  ['SELECT * FROM "My Table" WHERE "Weird ""col""" = 1', 'SELECT * FROM "My Table" WHERE "Weird ""col""" = $1'],
  ['SELECT * FROM "ledger 🪳 漢字" WHERE memo = $1', 'SELECT * FROM "ledger 🪳 漢字" WHERE memo = \'x\''],
  // Casts, operators and punctuation spacing; the trailing semicolon.
  ['SELECT $1::INT8, x :: STRING FROM t;', 'SELECT _::int8, x::string FROM t'],
  ["SELECT metadata->>'query' FROM s", 'SELECT metadata ->> $1 FROM s'],
  ['SELECT count ( * ) FROM vehicles WHERE status = $1 ;;', 'SELECT count(*) FROM vehicles WHERE status = _'],
  ['SELECT a.b , c . d FROM t', 'select a.b, c.d from t'],
  // Unicode names outside quotes are lower-cased too.
  ['SELECT Ñame FROM Tabla', 'select ñame from tabla'],
];

const DIFFERENT: ReadonlyArray<[string, string]> = [
  ['SELECT * FROM rides WHERE city = $1', 'SELECT * FROM users WHERE city = $1'],
  ['SELECT * FROM rides WHERE city = $1', 'SELECT * FROM rides WHERE city > $1'],
  ['SELECT * FROM "Rides"', 'SELECT * FROM rides'],
  ['SELECT a - 1 FROM t', 'SELECT a FROM t'],
  ['SELECT * FROM t WHERE x IS NULL', 'SELECT * FROM t WHERE x = NULL'],
  ['SELECT * FROM t WHERE id IN (SELECT id FROM u)', 'SELECT * FROM t WHERE id IN ($1)'],
  ["SELECT 'a' FROM t", 'SELECT a FROM t'],
  ['SELECT * FROM t LIMIT 10', 'SELECT * FROM t'],
];

describe('domain: statement fingerprints (normalizeSql, sameFingerprint)', () => {
  it('prints the comparable form', () => {
    assert.equal(
      normalizeSql('SELECT * FROM rides WHERE city = $1 AND id IN (_, _, __more__)'),
      'select * from rides where city = _ and id in (_)',
    );
    assert.equal(
      normalizeSql("select * from Rides where city = 'boston' and id in (1, 2, 3, 4) -- hot"),
      'select * from rides where city = _ and id in (_)',
    );
    assert.equal(normalizeSql('INSERT INTO ledger(memo) VALUES (__more__);'), 'insert into ledger(memo) values (_)');
    assert.equal(normalizeSql('SELECT count(*) FROM t'), 'select count(*) from t');
    assert.equal(normalizeSql('SELECT "A""b" FROM x'), 'select "A""b" from x');
    assert.equal(normalizeSql('SELECT x::INT8[] FROM t'), 'select x::int8[] from t');
    assert.equal(normalizeSql('SELECT a[1] FROM t'), 'select a[_] from t');
    assert.equal(normalizeSql('SELECT * FROM t WHERE x IS NOT NULL'), 'select * from t where x is not null');
  });

  for (const [a, b] of SAME)
    it(`same: ${a.replace(/\s+/g, ' ').slice(0, 70)}`, () => {
      assert.equal(normalizeSql(a), normalizeSql(b));
      assert.ok(sameFingerprint(a, b));
      assert.ok(sameFingerprint(b, a));
    });

  for (const [a, b] of DIFFERENT)
    it(`different: ${a} / ${b}`, () => {
      assert.notEqual(normalizeSql(a), normalizeSql(b));
      assert.ok(!sameFingerprint(a, b));
    });

  it('is idempotent: the normal form normalises to itself', () => {
    for (const [a, b] of [...SAME, ...DIFFERENT])
      for (const s of [a, b]) assert.equal(normalizeSql(normalizeSql(s)), normalizeSql(s), s);
  });

  it('keeps the case and content of quoted names, and never lets a string swallow the rest', () => {
    assert.equal(
      normalizeSql(`SELECT "<script>alert(1)</script>".* FROM "<script>alert(1)</script>"`),
      'select "<script>alert(1)</script>".* from "<script>alert(1)</script>"',
    );
    // Unterminated string, quoted name and comment run to the end without throwing.
    assert.equal(normalizeSql("SELECT 'open"), 'select _');
    assert.equal(normalizeSql('SELECT "Open'), 'select "Open"');
    assert.equal(normalizeSql('SELECT 1 /* open'), 'select _');
  });

  it('an empty statement (or only a comment) matches nothing', () => {
    assert.equal(normalizeSql(''), '');
    assert.equal(normalizeSql('  -- nothing\n /* here */ ; '), '');
    assert.ok(!sameFingerprint('', ''));
    assert.ok(!sameFingerprint('-- a', '-- b'));
  });

  it('handles a long statement (a 120-value IN list, 60 columns) in linear time', () => {
    const cols = Array.from({ length: 60 }, (_, i) => `r.col_${i} AS "alias_${i}"`).join(', ');
    const ids = Array.from({ length: 120 }, (_, i) => `'${100_000_000 + i}'`).join(', ');
    const sql = `SELECT ${cols} FROM movr.public.rides AS r WHERE r.city IN ('new york', 'boston') AND r.id IN (${ids}) LIMIT 500`;
    const fp = `SELECT ${cols.replace(/"/g, '')} FROM movr.public.rides AS r WHERE r.city IN (_, _) AND r.id IN (_, _, __more__) LIMIT _`;
    const t = Date.now();
    for (let i = 0; i < 50; i++) assert.ok(sameFingerprint(sql, fp));
    assert.ok(Date.now() - t < 2000);
  });
});
