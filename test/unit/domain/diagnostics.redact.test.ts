import assert from 'node:assert/strict';
import {
  REDACTED,
  maskCredentials,
  maskSqlLiterals,
  redactor,
  secretMasker,
} from '../../../src/domain/diagnostics/redact';
import { normalizeSql } from '../../../src/domain/fingerprint';

describe('domain: diagnostics redaction', () => {
  describe('secrets', () => {
    it('replaces every occurrence, also URL- and JSON-escaped', () => {
      const mask = secretMasker(['s3cr3t/t0k+n"x']);
      assert.equal(mask('a s3cr3t/t0k+n"x b s3cr3t/t0k+n"x'), `a ${REDACTED} b ${REDACTED}`);
      assert.equal(mask(`?token=${encodeURIComponent('s3cr3t/t0k+n"x')}`), `?token=${REDACTED}`);
      assert.equal(mask(JSON.stringify({ t: 's3cr3t/t0k+n"x' })), `{"t":"${REDACTED}"}`);
    });
    it('prefers the longest secret and does not rewrite its own marker', () => {
      const mask = secretMasker(['abc', 'abcdef', 'red', '']);
      assert.equal(mask('abcdef abc'), `${REDACTED} ${REDACTED}`);
      assert.equal(mask(mask('abcdef red')), `${REDACTED} ${REDACTED}`);
      assert.equal(secretMasker([])('unchanged'), 'unchanged');
    });
  });

  describe('credentials', () => {
    const cases: Array<[string, string]> = [
      ['password=hunter2&x=1', `password=${REDACTED}&x=1`],
      ['sslpassword: hunter2', `sslpassword: ${REDACTED}`],
      ['{"Password":"hunter2"}', `{"Password":"${REDACTED}"}`],
      ["CREATE USER bob WITH PASSWORD 'hun''ter2'", `CREATE USER bob WITH PASSWORD '${REDACTED}'`],
      ["ALTER ROLE bob PASSWORD e'a\\'b'", `ALTER ROLE bob PASSWORD '${REDACTED}'`],
      ['postgresql://bob:hunter2@db:26257/app', `postgresql://bob:${REDACTED}@db:26257/app`],
      ['postgres://root:@db', `postgres://root:${REDACTED}@db`],
      ['Authorization: Bearer eyJhbGciOi.x.y', `Authorization: Bearer ${REDACTED}`],
      ['authorization=Basic dXNlcjpwYXNz', `authorization=Basic ${REDACTED}`],
      ['got bearer abc123== back', `got bearer ${REDACTED} back`],
      ['Cookie: session=CIGA; other=1', `Cookie: ${REDACTED}`],
      ['Set-Cookie: session=CIGA; Path=/; HttpOnly', `Set-Cookie: ${REDACTED}`],
      ['session=CIGAEhB', `session=${REDACTED}`],
      ['X-Cockroach-API-Session: CIGAEhB', `X-Cockroach-API-Session: ${REDACTED}`],
      [
        's3://b/k?AWS_SECRET_ACCESS_KEY=wJalr&AUTH=specified',
        `s3://b/k?AWS_SECRET_ACCESS_KEY=${REDACTED}&AUTH=specified`,
      ],
      ['api_key=xyz', `api_key=${REDACTED}`],
    ];
    for (const [raw, masked] of cases) it(`masks ${raw}`, () => assert.equal(maskCredentials(raw), masked));
    it('leaves ordinary text alone and is idempotent', () => {
      const plain = 'SET session_timeout = 5; node n3 is draining';
      assert.equal(maskCredentials(plain), plain);
      for (const [raw] of cases) assert.equal(maskCredentials(maskCredentials(raw)), maskCredentials(raw), raw);
    });
  });

  describe('SQL literals', () => {
    it('replaces strings, numbers, dollar-quoted bodies and comments, keeping the rest as written', () => {
      assert.equal(
        maskSqlLiterals("SELECT * FROM Users WHERE email = 'a@b.c' AND id IN (1, 2.5, -3e4, 0x1F) LIMIT 10"),
        'SELECT * FROM Users WHERE email = _ AND id IN (_, _, -_, _) LIMIT _',
      );
      assert.equal(maskSqlLiterals("SELECT e'it\\'s', b'x', x'ff', B'101'"), 'SELECT _, _, _, _');
      assert.equal(
        maskSqlLiterals('CREATE FUNCTION f() AS $$ SELECT 42 $$; SELECT $t$x$t$'),
        'CREATE FUNCTION f() AS _; SELECT _',
      );
      assert.equal(maskSqlLiterals("SELECT 1 /* user='bob' */ -- trace 99\nFROM t"), 'SELECT _ /*_*/ --_\nFROM t');
    });
    it('keeps placeholders and identifiers with digits', () => {
      assert.equal(
        maskSqlLiterals('SELECT c1 FROM t2 WHERE a = $1 AND t2.c3 = $12'),
        'SELECT c1 FROM t2 WHERE a = $1 AND t2.c3 = $12',
      );
    });
    it('hides the rest of the text after a quote that does not close', () => {
      assert.equal(maskSqlLiterals("INSERT INTO t VALUES ('secret and more"), 'INSERT INTO t VALUES (_');
      assert.equal(maskSqlLiterals("x = 'a'' b"), 'x = _');
    });
    it('hides literals inside double quotes too: too much rather than too little', () => {
      assert.equal(
        maskSqlLiterals(`{"Statement":"INSERT INTO t VALUES ('pii', 42)"}`),
        `{"Statement":"INSERT INTO t VALUES (_, _)"}`,
      );
    });
    it('agrees with normalizeSql: masking first does not change the fingerprint', () => {
      for (const sql of [
        "SELECT * FROM rides WHERE city = 'boston' AND id IN (1, 2, 3)",
        'UPDATE accounts SET balance = balance - 10 WHERE id = 42',
        "INSERT INTO t (a, b) VALUES ('x', 1), ('y', 2)",
        // Not `x > -1`: normalizeSql folds a sign only into a number it lexed itself.
        'SELECT * FROM t WHERE x > 1.5e3 AND y = $1',
      ])
        assert.equal(normalizeSql(maskSqlLiterals(sql)), normalizeSql(sql), sql);
    });
  });

  describe('redactor', () => {
    const r = redactor({ includeSqlLiterals: false, secrets: ['TOKEN123'] });
    it('masks secrets and credentials in text, and also literals in SQL', () => {
      assert.equal(
        r.text("token TOKEN123 password='x' WHERE a = 'keep'"),
        `token ${REDACTED} password='${REDACTED}' WHERE a = 'keep'`,
      );
      assert.equal(r.sql("SELECT 'TOKEN123', 5"), 'SELECT _, _');
    });
    it('keeps literals when asked, still masking secrets and passwords', () => {
      const keep = redactor({ includeSqlLiterals: true, secrets: ['TOKEN123'] });
      assert.equal(
        keep.sql("SELECT 'TOKEN123', 5, 'ok' FROM t WHERE password = 'p'"),
        `SELECT '${REDACTED}', 5, 'ok' FROM t WHERE password = '${REDACTED}'`,
      );
    });
    it('walks JSON event info: values as SQL, numbers kept, credential keys masked', () => {
      const info = JSON.stringify({
        EventType: 'create_role',
        Statement: "CREATE USER ‹bob› WITH PASSWORD '‹x›'",
        DescriptorID: 52,
        Password: 12345,
        Nested: [{ note: "WHERE id = 'p'" }],
      });
      const out = JSON.parse(r.info(info)) as Record<string, unknown>;
      assert.equal(out.Statement, `CREATE USER ‹bob› WITH PASSWORD _`);
      assert.equal(out.DescriptorID, 52);
      assert.equal(out.Password, REDACTED);
      assert.deepEqual(out.Nested, [{ note: 'WHERE id = _' }]);
      assert.equal(r.info("{not json 'x'"), '{not json _');
      assert.equal(r.info('plain 42'), 'plain _');
    });
  });
});
