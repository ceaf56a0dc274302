import * as assert from 'node:assert/strict';
import {
  codeLanguage,
  findStatementSites,
  LineIndex,
  normalizeCodeSql,
  siteSnippet,
  splitSqlStatements,
  sqlSites,
  statementQuery,
  stringLiterals,
  type SqlSite,
} from '../../../src/domain/sqlInCode';

/** The fingerprints CockroachDB keeps (the simulator's TEMPLATES), as the workload query returns them. */
const RIDES_BY_RIDER = 'SELECT * FROM rides WHERE rider_id = $1';
const VEHICLE_STATUS = 'UPDATE vehicles SET status = $1 WHERE id = $2';
const USERS_BY_CITY = 'SELECT id, city, name FROM users WHERE city = $1 LIMIT $2';
const RIDES_BY_IDS = 'SELECT * FROM rides WHERE city = $1 AND id IN (_, _, __more__)';
const INSERT_RIDE = 'INSERT INTO rides(id, city, rider_id, vehicle_id, start_time) VALUES ($1, $2, $3, $4, now())';

/** The lines (1-based) of `text` where `fingerprint` is issued. */
function linesOf(fingerprint: string, text: string, path: string): number[] {
  const q = statementQuery(fingerprint);
  assert.ok(q, 'a non-empty statement');
  const index = new LineIndex(text);
  return findStatementSites(q, text, path).map((s) => index.position(s.start).line + 1);
}

/** The site's text as the file has it. */
const slice = (text: string, site: SqlSite): string => text.slice(site.start, site.end);

describe('domain: SQL in workspace code (sqlSites, findStatementSites)', () => {
  describe('TypeScript / JavaScript', () => {
    const ts = [
      "import { pool } from './db';", // 1
      '', // 2
      '// SELECT * FROM rides WHERE rider_id = $1 is the hot one', // 3
      'export async function ridesOf(riderId: string) {', // 4
      "  return pool.query('SELECT * FROM rides WHERE rider_id = $1', [riderId]);", // 5
      '}', // 6
      'export const byCity = (city: string, n: number) =>', // 7
      '  sql`SELECT id, city, name', // 8
      '       FROM users', // 9
      '      WHERE city = ${city} LIMIT ${n}`;', // 10
      'export const park = "UPDATE vehicles " +', // 11
      '  "SET status = ? " +', // 12
      '  "WHERE id = ?";', // 13
      '/* UPDATE vehicles SET status = $1 WHERE id = $2 */', // 14
      "const other = 'SELECT * FROM riders WHERE rider_id = $1';", // 15
      'const cols = "SELECT id, city FROM users WHERE city = $1 LIMIT $2";', // 16
      'const re = /"/g; const s = "SELECT * FROM rides WHERE rider_id = :rider";', // 17
      'const ids = (city: string, list: string[]) =>', // 18
      '  "SELECT * FROM rides WHERE city = \'" + city + "\' AND id IN (" + list.join(",") + ")";', // 19
    ].join('\n');

    it('finds single-quoted, template and concatenated SQL on the right lines', () => {
      assert.deepEqual(linesOf(RIDES_BY_RIDER, ts, 'src/rides.ts'), [5, 17]);
      assert.deepEqual(linesOf(USERS_BY_CITY, ts, 'src/rides.ts'), [8]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, ts, 'src/rides.ts'), [11]);
    });

    it('the site spans the literal(s), quotes included', () => {
      const q = statementQuery(VEHICLE_STATUS)!;
      const [site] = findStatementSites(q, ts, 'a.ts');
      assert.equal(slice(ts, site!), '"UPDATE vehicles " +\n  "SET status = ? " +\n  "WHERE id = ?"');
      assert.equal(siteSnippet(site!), 'UPDATE vehicles SET status = ? WHERE id = ?');
      const [tpl] = findStatementSites(statementQuery(USERS_BY_CITY)!, ts, 'a.ts');
      assert.ok(slice(ts, tpl!).startsWith('sql`SELECT') === false && slice(ts, tpl!).startsWith('`SELECT'));
    });

    it('does not match a comment, another table or another column list', () => {
      const lines = linesOf(RIDES_BY_RIDER, ts, 'a.ts');
      assert.ok(!lines.includes(3), 'a // comment mentioning the statement');
      assert.ok(!lines.includes(15), 'riders is another table');
      assert.ok(!linesOf(VEHICLE_STATUS, ts, 'a.ts').includes(14), 'a block comment');
      assert.ok(!linesOf(USERS_BY_CITY, ts, 'a.ts').includes(16), 'another column list');
    });

    it('values joined in with + become constants, a literal list of any length matches __more__', () => {
      assert.deepEqual(linesOf(RIDES_BY_IDS, ts, 'a.ts'), [19]);
    });

    it('Prisma / Knex raw SQL is literal SQL too', () => {
      const code = [
        'await prisma.$queryRaw`SELECT * FROM rides WHERE rider_id = ${id}`;',
        "await knex.raw('UPDATE vehicles SET status = ? WHERE id = ?', ['parked', id]);",
      ].join('\n');
      assert.deepEqual(linesOf(RIDES_BY_RIDER, code, 'x.js'), [1]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, code, 'x.mjs'), [2]);
    });
  });

  describe('Python', () => {
    const py = [
      'import psycopg', // 1
      '', // 2
      '# SELECT * FROM rides WHERE rider_id = %s', // 3
      'def rides_of(cur, rider):', // 4
      '    cur.execute("SELECT * FROM rides WHERE rider_id = %s", (rider,))', // 5
      '', // 6
      'USERS = """', // 7
      '    SELECT id, city, name', // 8
      '      FROM users', // 9
      '     WHERE city = %(city)s', // 10
      '     LIMIT %(n)s', // 11
      '"""', // 12
      'def park(cur, vid):', // 13
      '    cur.execute(', // 14
      "        'UPDATE vehicles SET status = :status '", // 15
      "        'WHERE id = :id',", // 16
      '        {"status": "parked", "id": vid})', // 17
      "    cur.execute(f'SELECT * FROM rides WHERE rider_id = {rider!r}')", // 18
      "    cur.execute(r'SELECT * FROM ride WHERE rider_id = %s')", // 19
    ].join('\n');

    it('finds double-quoted, triple-quoted, implicitly joined and f-string SQL', () => {
      assert.deepEqual(linesOf(RIDES_BY_RIDER, py, 'app/rides.py'), [5, 18]);
      assert.deepEqual(linesOf(USERS_BY_CITY, py, 'app/rides.py'), [7]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, py, 'app/rides.py'), [15]);
    });

    it('a # comment and a different table do not match', () => {
      const lines = linesOf(RIDES_BY_RIDER, py, 'a.py');
      assert.ok(!lines.includes(3) && !lines.includes(19));
    });
  });

  describe('Go', () => {
    const go = [
      'package rides', // 1
      '', // 2
      '// SELECT * FROM rides WHERE rider_id = $1', // 3
      'const ridesOf = `', // 4
      '  SELECT *', // 5
      '    FROM rides', // 6
      '   WHERE rider_id = $1`', // 7
      '', // 8
      'func Park(db *sql.DB, id string) error {', // 9
      "  sep := ','", // 10
      '  _, err := db.Exec("UPDATE vehicles SET status = $1 "+', // 11
      '    "WHERE id = $2", "parked", id)', // 12
      '  _ = sep', // 13
      '  return err', // 14
      '}', // 15
      'var q = fmt.Sprintf("SELECT id, city, name FROM users WHERE city = %v LIMIT %d", c, n)', // 16
      'var wrong = "UPDATE vehicles SET status = $1, type = $2 WHERE id = $3"', // 17
    ].join('\n');

    it('finds raw strings, concatenated strings and fmt verbs', () => {
      assert.deepEqual(linesOf(RIDES_BY_RIDER, go, 'internal/rides.go'), [4]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, go, 'internal/rides.go'), [11]);
      assert.deepEqual(linesOf(USERS_BY_CITY, go, 'internal/rides.go'), [16]);
    });

    it('a rune literal does not open a string, and a longer SET list does not match', () => {
      const sites = sqlSites(go, 'x.go').map((s) => s.normalized);
      assert.ok(sites.includes('update vehicles set status = _, type = _ where id = _'));
      assert.equal(linesOf(VEHICLE_STATUS, go, 'x.go').length, 1);
    });
  });

  describe('Java / Kotlin', () => {
    const java = [
      'class Rides {', // 1
      '  // SELECT * FROM rides WHERE rider_id = ?', // 2
      '  static final String BY_RIDER = "SELECT * FROM rides WHERE rider_id = ?";', // 3
      '  static final String USERS = """', // 4
      '      SELECT id, city, name', // 5
      '        FROM users', // 6
      '       WHERE city = :city', // 7
      '       LIMIT :limit', // 8
      '      """;', // 9
      '  @Query("UPDATE vehicles SET status = ?1 WHERE id = ?2")', // 10
      '  void park(String status, UUID id);', // 11
      "  char q = '\"';", // 12
      '  String s = "UPDATE vehicles SET status = ? WHERE vehicle_id = ?";', // 13
      '  String p = "SELECT * FROM rides WHERE rider_id = " + riderId;', // 14
      '}', // 15
    ].join('\n');

    it('finds strings, text blocks, JPA @Query and a value joined at the end', () => {
      assert.deepEqual(linesOf(RIDES_BY_RIDER, java, 'src/main/java/Rides.java'), [3, 14]);
      assert.deepEqual(linesOf(USERS_BY_CITY, java, 'Rides.java'), [4]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, java, 'Rides.java'), [10]);
    });

    it('a char literal holding a quote does not open a string; another column does not match', () => {
      assert.ok(!linesOf(VEHICLE_STATUS, java, 'Rides.java').includes(13));
      assert.ok(!linesOf(RIDES_BY_RIDER, java, 'Rides.java').includes(2));
    });

    it('Kotlin templates ($id, ${id}) are placeholders', () => {
      const kt =
        'val q = "SELECT * FROM rides WHERE rider_id = ${rider.id}"\nval r = "UPDATE vehicles SET status = $s WHERE id = $id"';
      assert.deepEqual(linesOf(RIDES_BY_RIDER, kt, 'Rides.kt'), [1]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, kt, 'Rides.kt'), [2]);
    });
  });

  describe('SQL files', () => {
    const sql = [
      '-- Queries of the rides service.', // 1
      '-- SELECT * FROM rides WHERE rider_id = $1;', // 2
      '/* UPDATE vehicles SET status = $1 WHERE id = $2; */', // 3
      'SELECT *', // 4
      '  FROM Rides', // 5
      ' WHERE rider_id = $1;', // 6
      '', // 7
      "UPDATE vehicles SET status = 'parked' WHERE id = 'a1b2';", // 8
      'SELECT * FROM rides WHERE city = $1 AND id IN (1, 2, 3, 4, 5);', // 9
      "INSERT INTO rides (id, city, rider_id, vehicle_id, start_time) VALUES ($1, 'nyc', $2, $3, now());", // 10
      'SELECT \'a;b\' AS x, $$ ; $$ FROM t; SELECT * FROM "rides" WHERE rider_id = 42;', // 11
      'SELECT * FROM ride_events WHERE rider_id = $1;', // 12
    ].join('\n');

    it('matches statement by statement, at the first token', () => {
      assert.deepEqual(linesOf(RIDES_BY_RIDER, sql, 'db/queries.sql'), [4, 11]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, sql, 'db/queries.sql'), [8]);
      assert.deepEqual(linesOf(RIDES_BY_IDS, sql, 'db/queries.sql'), [9]);
      assert.deepEqual(linesOf(INSERT_RIDE, sql, 'db/queries.sql'), [10]);
    });

    it('commented-out statements and another table do not match', () => {
      assert.ok(!linesOf(RIDES_BY_RIDER, sql, 'q.sql').includes(2));
      assert.ok(!linesOf(VEHICLE_STATUS, sql, 'q.sql').includes(3));
      assert.ok(!linesOf(RIDES_BY_RIDER, sql, 'q.sql').includes(12));
    });

    it('splits at ; outside strings, dollar quotes and comments', () => {
      const parts = splitSqlStatements("SELECT 'a;b'; -- x;y\nSELECT $f$ ; $f$; /* ; */ SELECT e'\\';' ;");
      assert.deepEqual(
        parts.map((p) => p.text),
        ["SELECT 'a;b'", 'SELECT $f$ ; $f$', "SELECT e'\\';'"],
      );
      assert.deepEqual(splitSqlStatements('-- only a comment\n ; ;'), []);
    });
  });

  describe('other languages', () => {
    it('C#, Rust, Ruby, PHP, MyBatis XML', () => {
      const cs =
        'var q = @"SELECT * FROM rides\n WHERE rider_id = @rider";\nvar r = $"UPDATE vehicles SET status = {s} WHERE id = {id}";';
      assert.deepEqual(linesOf(RIDES_BY_RIDER, cs, 'Rides.cs'), [1]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, cs, 'Rides.cs'), [3]);
      const rs = 'fn f<\'a>(x: &\'a str) {}\nlet q = r#"SELECT * FROM rides WHERE rider_id = $1"#;';
      assert.deepEqual(linesOf(RIDES_BY_RIDER, rs, 'src/lib.rs'), [2]);
      const rb =
        'rows = conn.exec_params(<<~SQL, [rider])\n  SELECT * FROM rides\n  WHERE rider_id = $1\nSQL\n# SELECT * FROM rides WHERE rider_id = $1';
      assert.deepEqual(linesOf(RIDES_BY_RIDER, rb, 'app/models/ride.rb'), [1]);
      const php =
        "<?php\n$q = 'UPDATE vehicles SET status = ' . $s . ' WHERE id = :id';\n# SELECT * FROM rides WHERE rider_id = ?";
      assert.deepEqual(linesOf(VEHICLE_STATUS, php, 'rides.php'), [2]);
      assert.deepEqual(linesOf(RIDES_BY_RIDER, php, 'rides.php'), []);
      const xml = [
        '<mapper namespace="Rides">',
        '  <select id="byRider" resultType="Ride">',
        '    SELECT * FROM rides WHERE rider_id = #{riderId}',
        '  </select>',
        '  <update id="park"><![CDATA[UPDATE vehicles SET status = #{s} WHERE id = #{id}]]></update>',
        '</mapper>',
      ].join('\n');
      assert.deepEqual(linesOf(RIDES_BY_RIDER, xml, 'mappers/RideMapper.xml'), [3]);
      assert.deepEqual(linesOf(VEHICLE_STATUS, xml, 'mappers/RideMapper.xml'), [5]);
    });
  });

  describe('normalisation of code placeholders and quoting', () => {
    const SAME: ReadonlyArray<[string, string]> = [
      ['SELECT * FROM rides WHERE rider_id = ?', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = :rider_id', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = %s', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = %(rider)s', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = @rider', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = #{riderId}', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = {}', RIDES_BY_RIDER],
      ['select * from "rides" where "rider_id" = 7', RIDES_BY_RIDER],
      ['SELECT * FROM `rides` WHERE `rider_id` = ?', RIDES_BY_RIDER],
      ['SELECT * FROM rides WHERE rider_id = $1 /* v2 */', RIDES_BY_RIDER],
      ["SELECT * FROM rides WHERE city = 'x' AND id IN (?, ?, ?)", RIDES_BY_IDS],
    ];
    for (const [code, fp] of SAME)
      it(`same: ${code}`, () => assert.equal(normalizeCodeSql(code), normalizeCodeSql(fp)));

    it('casts and operators that look like placeholders are kept', () => {
      assert.equal(normalizeCodeSql('SELECT x::INT8 FROM t'), 'select x::int8 from t');
      assert.equal(normalizeCodeSql('SELECT * FROM t WHERE j @> $1'), 'select * from t where j @> _');
      assert.notEqual(normalizeCodeSql('SELECT * FROM "Rides"'), normalizeCodeSql('SELECT * FROM rides'));
    });
  });

  describe('the lexer', () => {
    it('knows the languages by file name', () => {
      assert.equal(codeLanguage('a/b/c.SQL'), 'sql');
      assert.equal(codeLanguage('x.tsx'), 'js');
      assert.equal(codeLanguage('V1__init.sql'), 'sql');
      assert.equal(codeLanguage('Makefile'), undefined);
      assert.equal(codeLanguage('dir.d/file'), undefined);
    });

    it('undoes escapes and reports literal offsets', () => {
      const text = 'x = "SELECT \\"a\\"\\n FROM t"; y = \'it\\\'s\'';
      const [a, b] = stringLiterals(text, 'js');
      assert.equal(a!.value, 'SELECT "a"\n FROM t');
      assert.equal(a!.verbatim, false);
      assert.equal(text.slice(a!.start, a!.end), '"SELECT \\"a\\"\\n FROM t"');
      assert.equal(b!.value, "it's");
    });

    it('an unterminated string stops at its line, and a file without SQL costs nothing', () => {
      const text = 'const a = "open\nconst b = "SELECT * FROM rides WHERE rider_id = $1";';
      assert.deepEqual(linesOf(RIDES_BY_RIDER, text, 'a.ts'), [2]);
      assert.deepEqual(sqlSites('const a = 1;\n'.repeat(1000), 'a.ts'), []);
      assert.deepEqual(sqlSites('SELECT 1', 'README'), []);
    });

    it('a string with several statements matches each of them', () => {
      const text = 'db.exec("BEGIN; UPDATE vehicles SET status = $1 WHERE id = $2; COMMIT")';
      assert.deepEqual(linesOf(VEHICLE_STATUS, text, 'a.ts'), [1]);
    });

    it('a line index maps offsets to 0-based lines and characters', () => {
      const idx = new LineIndex('ab\ncd\n\nef');
      assert.deepEqual(idx.position(0), { line: 0, character: 0 });
      assert.deepEqual(idx.position(4), { line: 1, character: 1 });
      assert.deepEqual(idx.position(7), { line: 3, character: 0 });
    });
  });
});
