// The simulated cluster's user databases (movr, bank, the hostile-named one) in
// the SQL engine, through the real client (ClusterClient.executeSql →
// POST /api/v2/sql/) and, where the wire itself is the point (every digit of an
// INT8 or DECIMAL, the caret of a syntax error, the echo of execute: false), raw
// HTTP.
import assert from 'node:assert/strict';
import { isSqlError, type SqlError } from '../../../../src/api/sql';
import type { SqlBatch, SqlRow } from '../../../../src/api/sql/types';
import type { ClusterClient } from '../../../../src/api/cluster/client';
import { startClusterSimulator, type RunningClusterSim } from '../../../../src/sim';
import { EMOJI, XSS_IMG, XSS_SCRIPT } from '../../../../src/sim/data/hostile';
import { translateFor, type NameContext } from '../../../../src/sim/sql/rewrite';
import { engineSchema } from '../../../../src/sim/sql/userTables';
import { rejection, signedInClient } from '../../api/cluster/simClient';
import type { Json } from '../simHttp';

const TWO_53 = 2n ** 53n;

async function sqlRejection(p: Promise<unknown>): Promise<SqlError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isSqlError(e), `not a SqlError: ${String(e)}`);
    return e;
  }
  assert.fail('expected a SqlError');
}

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

describe('sim sql: user databases through sql/', function () {
  this.timeout(60_000);
  let sim: RunningClusterSim;
  let admin: ClusterClient;
  let viewer: ClusterClient;
  let adminToken: string;

  /** Rows of the one statement of a batch. */
  const rows = async (c: ClusterClient, sql: string, extra: Partial<SqlBatch> = {}): Promise<SqlRow[]> =>
    (await c.executeSql({ statements: [{ sql }], ...extra })).statements[0]?.rows ?? [];
  /** The raw answer, for what the wire itself carries. */
  const raw = async (body: Record<string, unknown>): Promise<{ status: number; text: string; json: Json }> => {
    const res = await fetch(`${sim.clusterUrl}/api/v2/sql/`, {
      method: 'POST',
      headers: { 'X-Cockroach-API-Session': adminToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ execute: true, ...body }),
    });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) };
  };

  before(async function () {
    this.timeout(120_000);
    sim = await startClusterSimulator({ profile: 'v25', nodes: 3, seed: 7, rangesPerNode: 20 });
    const a = await signedInClient(sim, 'admin');
    admin = a.client;
    adminToken = a.session.token as string;
    viewer = (await signedInClient(sim, 'viewer')).client;
    // Starts the engine once for every test below (seconds on a busy machine).
    await admin.executeSql({ database: 'movr', statements: [{ sql: 'SELECT 1 AS warm' }] }, { timeoutMs: 90_000 });
  });
  after(() => sim?.close());

  describe('reading', () => {
    it('resolves unqualified names in the request’s database, with CockroachDB’s type names', async () => {
      const r = await admin.executeSql({
        database: 'movr',
        statements: [
          { sql: 'SELECT id, city, rider_id, start_time, revenue FROM rides ORDER BY start_time, id LIMIT 5' },
          { sql: 'SELECT count(*) AS n FROM rides' },
        ],
      });
      const [first, count] = r.statements;
      assert.deepEqual(
        first?.columns.map((c) => `${c.name}:${c.type}:${c.oid}`),
        [
          'id:UUID:2950',
          'city:STRING:25',
          'rider_id:UUID:2950',
          'start_time:TIMESTAMPTZ:1184',
          'revenue:DECIMAL(10,2):1700',
        ],
      );
      assert.equal(first?.rows.length, 5);
      assert.equal(first?.tag, 'SELECT');
      for (const row of first?.rows ?? []) {
        assert.match(String(row.id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.match(String(row.start_time), /^2025-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      assert.equal(Number(count?.rows[0]?.n), 3000);
      // The product's default database has no tables: the same name does not resolve there.
      const e = await sqlRejection(rows(admin, 'SELECT count(*) FROM rides'));
      assert.equal(e.sqlState, '42P01');
    });

    it('resolves db.schema.table, db.table, schema.table and db.schema.table.column as CockroachDB does', async () => {
      const [n] = await rows(
        admin,
        `SELECT (SELECT count(*) FROM movr.public.rides) AS three, (SELECT count(*) FROM movr.rides) AS two,
                (SELECT count(*) FROM bank.audit.audit_log) AS audit,
                (SELECT max(movr.public.users.city) FROM movr.public.users) AS col`,
      );
      assert.deepEqual(
        [Number(n?.three), Number(n?.two), Number(n?.audit), n?.col],
        [3000, 3000, 400, 'washington dc'],
      );
      const [s] = await rows(
        admin,
        'SELECT count(*) AS n FROM audit.audit_log a JOIN public.accounts b ON true LIMIT 1',
        {
          database: 'bank',
        },
      );
      assert.equal(Number(s?.n), 400 * 1000);
      const [j] = await rows(
        admin,
        `SELECT count(*) AS n FROM bank.public.transfers t JOIN bank.public.accounts a ON a.id = t.src`,
      );
      assert.equal(Number(j?.n), 2500);
      // crdb_internal and information_schema stay what they are, with or without a database in front.
      const [jobs] = await rows(admin, 'SELECT count(*) AS n FROM movr.crdb_internal.jobs', { database: 'bank' });
      assert.ok(Number(jobs?.n) > 10);
    });

    it('hostile database and table names resolve quoted, and their contents come back byte for byte', async () => {
      const notes = await rows(admin, `SELECT body FROM ${q(XSS_IMG)}.public.notes ORDER BY id`);
      assert.equal(notes.length, 60);
      assert.ok(notes.some((x) => x.body === XSS_SCRIPT));
      const ledger = await rows(admin, `SELECT memo, entry_no FROM ${q(`ledger ${EMOJI}`)} ORDER BY entry_no LIMIT 3`, {
        database: 'bank',
      });
      assert.equal(ledger.length, 3);
      const xss = await rows(admin, `SELECT ${q(XSS_IMG)} AS v FROM movr.public.${q(XSS_SCRIPT)} LIMIT 3`);
      assert.equal(xss.length, 3);
    });

    it('reads work for a user without admin', async () => {
      const [n] = await rows(viewer, 'SELECT count(*) AS n FROM transfers', { database: 'bank' });
      assert.equal(Number(n?.n), 2500);
    });
  });

  describe('exact values', () => {
    it('INT8 beyond 2^53 arrives digit for digit: a bigint in the client, every digit on the wire', async () => {
      const got = await rows(admin, 'SELECT id, id::STRING AS text FROM bank.public.accounts ORDER BY id LIMIT 50');
      assert.equal(got.length, 50);
      for (const row of got) {
        assert.equal(typeof row.id, 'bigint', String(row.id));
        assert.ok((row.id as bigint) > TWO_53);
        assert.equal((row.id as bigint).toString(), row.text);
      }
      const wire = await raw({ statements: [{ sql: 'SELECT id FROM bank.public.accounts ORDER BY id LIMIT 1' }] });
      assert.ok(wire.text.includes(`"id":${String(got[0]?.text)}`), wire.text);
    });

    it('DECIMAL is a bare JSON number with every digit, in apd’s notation; ::STRING is exact for any reader', async () => {
      const got = await rows(
        admin,
        `SELECT balance, balance::STRING AS text FROM bank.public.accounts
         WHERE length(balance::STRING) > 25 ORDER BY id LIMIT 5`,
      );
      assert.equal(got.length, 5);
      const wire = await raw({
        statements: [
          {
            sql: `SELECT balance FROM bank.public.accounts WHERE length(balance::STRING) > 25 ORDER BY id LIMIT 5`,
          },
          { sql: `SELECT 0.0000001::DECIMAL AS small, 12.50::DECIMAL(10,2) AS money, 'NaN'::DECIMAL AS nan` },
        ],
      });
      for (const row of got) {
        const text = String(row.text);
        assert.match(text, /^-?\d{21}\.\d{9}$/);
        assert.ok(wire.text.includes(`"balance":${text}`), `${text} not on the wire`);
        // Whatever the reader does with a 30-digit number, it is that number.
        assert.equal(Number(row.balance), Number(text));
      }
      assert.ok(wire.text.includes('"small":1E-7,"money":12.50,"nan":"NaN"'), wire.text);
    });

    it('JSONB documents come inline, integers beyond 2^64 kept; STRING[], BOOL, BYTES and NULLs as CockroachDB writes them', async () => {
      const promo = await rows(
        admin,
        `SELECT code, rules FROM promo_codes WHERE rules IS NOT NULL ORDER BY code LIMIT 5`,
        {
          database: 'movr',
        },
      );
      for (const p of promo) {
        const rules = p.rules as Record<string, unknown>;
        assert.equal(typeof rules.max_uses, 'bigint');
        assert.ok((rules.max_uses as bigint) >= 2n ** 64n);
        assert.ok(Array.isArray(rules.regions) && typeof rules.stackable === 'boolean');
      }
      const r = await admin.executeSql({
        database: 'movr',
        statements: [
          { sql: 'SELECT ext, tags, electric FROM vehicles ORDER BY id' },
          { sql: 'SELECT photo FROM users ORDER BY id' },
          { sql: 'SELECT revenue, end_time FROM rides WHERE end_time IS NULL LIMIT 3' },
        ],
        maxResultBytes: 1_000_000,
      });
      const [vehicles, users, open] = r.statements;
      assert.deepEqual(
        vehicles?.columns.map((c) => c.type),
        ['JSONB', 'STRING[]', 'BOOL'],
      );
      const v = vehicles?.rows ?? [];
      assert.ok(v.some((x) => x.ext === null) && v.some((x) => x.tags === null) && v.some((x) => x.electric === null));
      assert.ok(
        v.some((x) => Array.isArray(x.tags) && x.tags.length === 0),
        'an empty array',
      );
      assert.ok(v.some((x) => Array.isArray(x.tags) && x.tags.length > 1));
      assert.ok(v.every((x) => x.electric === null || typeof x.electric === 'boolean'));
      const ext = v.find((x) => x.ext !== null)?.ext as Record<string, unknown>;
      assert.equal(typeof ext.serial, 'bigint');
      assert.ok(v.every((x) => x.ext === null || (x.ext as { serial: bigint }).serial > 10n ** 19n - 1n));
      assert.equal(users?.columns[0]?.type, 'BYTES');
      const photos = users?.rows.map((x) => x.photo) ?? [];
      assert.ok(photos.some((x) => x === null));
      assert.ok(photos.filter((x) => x !== null).every((x) => /^\\x[0-9a-f]{16}$/.test(String(x))));
      assert.ok((open?.rows.length ?? 0) > 0);
      assert.ok(open?.rows.every((x) => x.revenue === null && x.end_time === null));
    });

    it('is a function of the seed', async () => {
      const other = await startClusterSimulator({ profile: 'v25', nodes: 1, seed: 7 });
      try {
        const c = (await signedInClient(other, 'admin')).client;
        await c.executeSql({ statements: [{ sql: 'SELECT 1 AS warm' }], database: 'bank' }, { timeoutMs: 90_000 });
        const sqlText = 'SELECT id, balance::STRING AS b FROM bank.public.accounts ORDER BY id LIMIT 20';
        assert.deepEqual(await rows(c, sqlText), await rows(admin, sqlText));
      } finally {
        await other.close();
      }
    });
  });

  describe('writes', () => {
    it('INSERT, UPDATE and DELETE change what later statements read, and report rows affected', async () => {
      const before = Number((await rows(admin, 'SELECT count(*) AS n FROM rides', { database: 'movr' }))[0]?.n);
      const id = 9_223_372_036_854_775_000n;
      const r = await admin.executeSql({
        database: 'movr',
        statements: [
          {
            sql: 'INSERT INTO rides (city, revenue) VALUES ($1, $2), ($1, NULL) RETURNING city, revenue',
            arguments: ['rome', '12.34'],
          },
          {
            sql: `UPDATE rides SET revenue = revenue + 1
                  WHERE city = 'rome' AND revenue = 12.34 AND start_time > now() - INTERVAL '1 day'`,
          },
          {
            sql: 'INSERT INTO bank.public.accounts (id, balance) VALUES ($1, $2)',
            arguments: [id, '123456789012345678901234567890.5'],
          },
        ],
      });
      const [ins, upd, acct] = r.statements;
      assert.deepEqual(
        [ins?.tag, ins?.rowsAffected, ins?.rows.length, ins?.columns.map((c) => c.type)],
        ['INSERT', 0, 2, ['STRING', 'DECIMAL(10,2)']],
      );
      assert.deepEqual([upd?.tag, upd?.rowsAffected, acct?.tag, acct?.rowsAffected], ['UPDATE', 1, 'INSERT', 1]);
      const after = Number((await rows(admin, 'SELECT count(*) AS n FROM rides', { database: 'movr' }))[0]?.n);
      assert.equal(after, before + 2);
      const back = (
        await admin.executeSql({
          statements: [
            { sql: 'SELECT id, balance::STRING AS b FROM bank.public.accounts WHERE id = $1', arguments: [id] },
          ],
        })
      ).statements[0]?.rows[0];
      assert.deepEqual([back?.id, back?.b], [id, '123456789012345678901234567890.5']);
      const del = await admin.executeSql({
        statements: [
          { sql: `DELETE FROM movr.public.rides WHERE city = 'rome' AND start_time > now() - INTERVAL '1 day'` },
        ],
      });
      assert.deepEqual([del.statements[0]?.tag, del.statements[0]?.rowsAffected], ['DELETE', 2]);
      assert.equal(Number((await rows(admin, 'SELECT count(*) AS n FROM movr.rides'))[0]?.n), before);
    });

    it('DDL: CockroachDB’s INT and SERIAL are INT8; ALTER and DROP work; a dropped table is 42P01 by its name', async () => {
      const r = await admin.executeSql({
        database: 'bank',
        statements: [
          { sql: 'CREATE TABLE rides (id SERIAL PRIMARY KEY, n INT, label STRING, at TIMESTAMPTZ DEFAULT now())' },
          { sql: "INSERT INTO rides (n, label) VALUES (1, 'a'), (2, NULL)" },
          { sql: 'ALTER TABLE rides ADD COLUMN tags STRING[]' },
          { sql: 'CREATE INDEX rides_n_idx ON rides (n) STORING (label)' },
          { sql: 'SELECT id, n, label, tags FROM rides ORDER BY n' },
        ],
      });
      assert.deepEqual(
        r.statements.map((s) => s.tag),
        ['CREATE TABLE', 'INSERT', 'ALTER TABLE', 'CREATE INDEX', 'SELECT'],
      );
      const sel = r.statements[4];
      assert.deepEqual(
        sel?.columns.map((c) => c.type),
        ['INT8', 'INT8', 'STRING', 'STRING[]'],
      );
      assert.equal(typeof sel?.rows[0]?.id, 'bigint', 'unique_rowid() is beyond 2^53');
      assert.deepEqual(
        sel?.rows.map((x) => [x.n, x.label, x.tags]),
        [
          [1, 'a', null],
          [2, null, null],
        ],
      );
      const dropped = await admin.executeSql({ database: 'bank', statements: [{ sql: 'DROP TABLE rides' }] });
      assert.equal(dropped.statements[0]?.tag, 'DROP TABLE');
      const e = await sqlRejection(rows(admin, 'SELECT * FROM rides', { database: 'bank' }));
      assert.equal(e.sqlState, '42P01');
      assert.equal(e.details.serverMessage, 'relation "rides" does not exist');
      const q3 = await sqlRejection(rows(admin, 'SELECT * FROM bank.public.rides'));
      assert.equal(q3.details.serverMessage, 'relation "bank.public.rides" does not exist');
      // movr's rides are untouched.
      assert.equal(Number((await rows(admin, 'SELECT count(*) AS n FROM movr.rides'))[0]?.n), 3000);
    });

    it('a schema created in a database is one more engine schema; what admin creates, the viewer reads', async () => {
      await admin.executeSql({
        database: 'bank',
        statements: [
          { sql: 'CREATE SCHEMA IF NOT EXISTS reports' },
          { sql: 'CREATE TABLE reports.daily (d DATE PRIMARY KEY, total DECIMAL(12,2))' },
          { sql: "INSERT INTO bank.reports.daily VALUES ('2025-06-01', 10.5), ('2025-06-02', NULL)" },
        ],
      });
      const got = await viewer.executeSql({ statements: [{ sql: 'SELECT * FROM bank.reports.daily ORDER BY d' }] });
      const st = got.statements[0];
      assert.deepEqual(
        st?.columns.map((c) => `${c.name}:${c.type}`),
        ['d:DATE', 'total:DECIMAL(12,2)'],
      );
      assert.deepEqual(st?.rows, [
        { d: '2025-06-01', total: 10.5 },
        { d: '2025-06-02', total: null },
      ]);
      const e = await sqlRejection(rows(viewer, 'DROP SCHEMA reports CASCADE', { database: 'bank' }));
      assert.equal(e.sqlState, '42501');
      await admin.executeSql({ database: 'bank', statements: [{ sql: 'DROP SCHEMA reports CASCADE' }] });
      const gone = await sqlRejection(rows(admin, 'SELECT * FROM bank.reports.daily'));
      assert.equal(gone.details.serverMessage, 'relation "bank.reports.daily" does not exist');
    });

    it('one transaction per request: a failing statement rolls back the writes before it', async () => {
      const count = async (): Promise<number> =>
        Number((await rows(admin, 'SELECT count(*) AS n FROM movr.public.promo_codes'))[0]?.n);
      const before = await count();
      const e = await sqlRejection(
        admin.executeSql({
          database: 'movr',
          statements: [
            { sql: "INSERT INTO promo_codes (code) VALUES ('rolled_back')" },
            { sql: 'SELECT nope FROM rides' },
          ],
        }),
      );
      assert.deepEqual(
        [e.sqlState, e.statementIndex, e.details.serverMessage],
        ['42703', 1, 'column "nope" does not exist'],
      );
      assert.equal(await count(), before);
    });

    it('a user without admin gets CockroachDB’s 42501 for every write, and nothing changes', async () => {
      const cases: Array<[string, string]> = [
        ["INSERT INTO rides (city) VALUES ('x')", 'user viewer does not have INSERT privilege on relation rides'],
        ["UPDATE rides SET city = 'x'", 'user viewer does not have UPDATE privilege on relation rides'],
        ['DELETE FROM rides', 'user viewer does not have DELETE privilege on relation rides'],
        ['DROP TABLE rides', 'user viewer does not have DROP privilege on relation rides'],
        ['ALTER TABLE rides ADD COLUMN x INT', 'user viewer does not have CREATE privilege on relation rides'],
        ['CREATE TABLE mine (a INT)', 'user viewer does not have CREATE privilege on schema public'],
      ];
      for (const [sql, message] of cases) {
        const e = await sqlRejection(rows(viewer, sql, { database: 'movr' }));
        assert.deepEqual([e.sqlState, e.details.serverMessage], ['42501', message], sql);
        assert.equal(e.kind, 'forbidden');
      }
      assert.equal(Number((await rows(viewer, 'SELECT count(*) AS n FROM movr.public.rides'))[0]?.n), 3000);
      // Nobody writes to crdb_internal, not even an admin.
      const e = await sqlRejection(rows(admin, 'DELETE FROM crdb_internal.cluster_locks'));
      assert.deepEqual(
        [e.sqlState, e.details.serverMessage],
        ['42501', 'user admin does not have DELETE privilege on relation cluster_locks'],
      );
    });

    it('statement types the SQL API refuses stay refused (TRUNCATE too before v26)', async () => {
      for (const sql of ['TRUNCATE rides', 'SET database = bank', 'BEGIN', 'CREATE USER x', 'PAUSE JOB 1']) {
        const r = await raw({ database: 'movr', statements: [{ sql }] });
        assert.deepEqual(
          [r.status, r.json.error.message, r.json.error.code],
          [400, 'disallowed statement type', 'XXUUU'],
          sql,
        );
      }
      const e = await rejection(rows(admin, 'TRUNCATE rides', { database: 'movr' }));
      assert.equal(e.kind, 'badRequest');
    });
  });

  describe('limits and errors', () => {
    it('max_result_size cuts a few thousand rows to a prefix and says so', async () => {
      const sqlText = 'SELECT id, city, revenue FROM movr.public.rides ORDER BY id';
      const full = await rows(admin, sqlText, { maxResultBytes: 10_000_000 });
      assert.equal(full.length, 3000);
      const cut = await admin.executeSql({ statements: [{ sql: sqlText }], maxResultBytes: 5_000 });
      assert.equal(cut.truncated, true);
      const st = cut.statements[0];
      assert.equal(st?.truncated, true);
      assert.ok((st?.rows.length ?? 0) > 5 && (st?.rows.length ?? 0) < 100, String(st?.rows.length));
      assert.deepEqual(st?.rows, full.slice(0, st?.rows.length));
      const wire = await raw({ statements: [{ sql: sqlText }], max_result_size: 5_000 });
      assert.equal(wire.json.execution.txn_results[0].error.message, 'executing stmt 1: max result size exceeded');
      assert.equal(wire.json.error.message, 'executing stmt 1: max result size exceeded');
    });

    it('a syntax error is a 400 with the position as CockroachDB’s caret, mapped through rewritten names', async () => {
      const sqlText = "SELECT id FROM movr.public.rides WHERE city = = 'rome'";
      const r = await raw({ statements: [{ sql: sqlText }] });
      assert.equal(r.status, 400);
      assert.deepEqual(Object.keys(r.json), ['error']);
      assert.equal(r.json.error.code, '42601');
      assert.equal(r.json.error.message, 'parsing statement 1: at or near "=": syntax error');
      const col = sqlText.indexOf('= =') + 2;
      assert.equal(r.json.error.detail, `source SQL:\n${sqlText}\n${' '.repeat(col)}^\n--\n${sqlText}`);
      // Multi-line, and a caret column in bytes as Go counts them.
      const line2 = `  '${EMOJI}' AS x `;
      const multi = `SELECT 1 AS a,\n${line2}FROMM rides`;
      const m = await raw({ statements: [{ sql: 'SELECT 1' }, { sql: multi }] });
      assert.equal(m.json.error.message, 'parsing statement 2: at or near "fromm": syntax error');
      const caret = ' '.repeat(Buffer.byteLength(line2));
      assert.equal(m.json.error.detail, `source SQL:\n${multi}\n${caret}^\n--\n${multi}`);
      const end = await raw({ statements: [{ sql: 'SELECT city FROM rides WHERE' }] });
      assert.equal(end.json.error.message, 'parsing statement 1: at or near "EOF": syntax error');
      // Through the client: a bad request naming CockroachDB's words.
      const e = await rejection(rows(admin, sqlText));
      assert.equal(e.kind, 'badRequest');
      assert.match(e.message, /at or near "=": syntax error/);
    });

    it('nothing runs when any statement does not parse', async () => {
      const count = async (): Promise<number> =>
        Number((await rows(admin, 'SELECT count(*) AS n FROM movr.users'))[0]?.n);
      const before = await count();
      const r = await raw({ statements: [{ sql: 'DELETE FROM movr.public.users' }, { sql: 'SELEC 1' }] });
      assert.equal(r.status, 400);
      assert.equal(await count(), before);
    });

    it('execute: false parses only: the request comes back, nothing runs, a syntax error is still a 400', async () => {
      const count = async (): Promise<number> =>
        Number((await rows(admin, 'SELECT count(*) AS n FROM movr.vehicles'))[0]?.n);
      const before = await count();
      const dry = await admin.executeSql({
        database: 'movr',
        execute: false,
        statements: [{ sql: 'DELETE FROM vehicles' }],
      });
      assert.deepEqual(dry.statements, []);
      assert.equal(await count(), before);
      const r = await raw({ execute: false, database: 'movr', statements: [{ sql: 'DELETE FROM vehicles' }] });
      assert.deepEqual(r.json, {
        num_statements: 1,
        request: {
          timeout: '5s',
          max_result_size: 10000,
          database: 'movr',
          application_name: '$ api-v2-sql',
          execute: false,
          separate_txns: false,
          stop_on_error: false,
          statements: [{ sql: 'DELETE FROM vehicles' }],
        },
      });
      const bad = await raw({ execute: false, statements: [{ sql: 'DELETE FROMM vehicles' }] });
      assert.deepEqual([bad.status, bad.json.error.code], [400, '42601']);
    });

    it('the request’s database and application name are the session’s', async () => {
      const [r] = await rows(admin, "SELECT current_database() AS db, current_setting('application_name') AS app", {
        database: 'bank',
        applicationName: 'run-sql-test',
      });
      assert.deepEqual([r?.db, r?.app], ['bank', 'run-sql-test']);
    });
  });
});

describe('sim sql: CockroachDB names → the engine’s schemas (rewrite.ts)', () => {
  const names = (database: string): NameContext => ({
    database,
    isDatabase: (n) => ['movr', 'bank', 'defaultdb', XSS_IMG].includes(n),
    hasSchema: (db, s) =>
      s === 'public' ||
      ['crdb_internal', 'information_schema', 'pg_catalog'].includes(s) ||
      (db === 'bank' && s === 'audit'),
    isVirtual: (s) => ['crdb_internal', 'information_schema', 'pg_catalog'].includes(s),
    engineSchema,
  });
  const tr = (sql: string, db = 'movr'): string => translateFor(sql, names(db)).sql;

  it('maps db.schema.table, db.table, schema.table and columns qualified by them', () => {
    assert.equal(tr('SELECT * FROM movr.public.rides'), 'SELECT * FROM "movr".rides');
    assert.equal(tr('SELECT * FROM bank.rides'), 'SELECT * FROM "bank".rides');
    assert.equal(tr('SELECT * FROM audit.audit_log', 'bank'), 'SELECT * FROM "bank.audit".audit_log');
    assert.equal(tr('SELECT * FROM bank . audit . audit_log'), 'SELECT * FROM "bank.audit" . audit_log');
    assert.equal(
      tr('SELECT public.rides.city, movr.public.rides.* FROM public.rides'),
      'SELECT "movr".rides.city, "movr".rides.* FROM "movr".rides',
    );
    assert.equal(tr('SELECT r.city FROM rides AS r'), 'SELECT r.city FROM rides AS r');
    assert.equal(tr(`SELECT * FROM ${q(XSS_IMG)}.public.notes`), `SELECT * FROM ${q(XSS_IMG)}.notes`);
  });

  it('leaves the virtual schemas, literals and quoted names alone; an unknown database cannot resolve', () => {
    assert.equal(tr('SELECT * FROM crdb_internal.jobs'), 'SELECT * FROM crdb_internal.jobs');
    assert.equal(tr('SELECT * FROM movr.crdb_internal.jobs'), 'SELECT * FROM crdb_internal.jobs');
    assert.equal(
      tr(`SELECT 'movr.public.rides', "movr.public.rides"`),
      `SELECT 'movr.public.rides', "movr.public.rides"`,
    );
    assert.equal(tr('SELECT * FROM nodb.public.t'), 'SELECT * FROM "nodb.public".t');
  });

  it('names schemas in CREATE/DROP SCHEMA and SET SCHEMA; CockroachDB’s INT, SERIAL, STORING and index hints', () => {
    assert.equal(tr('CREATE SCHEMA IF NOT EXISTS reports'), 'CREATE SCHEMA IF NOT EXISTS "movr.reports"');
    assert.equal(tr('DROP SCHEMA a, bank.b CASCADE'), 'DROP SCHEMA "movr.a", "bank.b" CASCADE');
    assert.equal(tr('ALTER TABLE t SET SCHEMA reports'), 'ALTER TABLE t SET SCHEMA "movr.reports"');
    assert.equal(
      tr('CREATE TABLE t (id SERIAL PRIMARY KEY, n INT, m INTEGER)'),
      'CREATE TABLE t (id INT8 NOT NULL DEFAULT unique_rowid() PRIMARY KEY, n INT8, m INT8)',
    );
    assert.equal(tr('SELECT n::INT FROM t'), 'SELECT n::INT8 FROM t');
    assert.equal(tr('CREATE INDEX i ON t (a) STORING (b)'), 'CREATE INDEX i ON t (a) INCLUDE (b)');
    assert.equal(tr('SELECT * FROM rides@rides_pkey WHERE a @> b'), 'SELECT * FROM rides WHERE a @> b');
    assert.equal(tr('SELECT * FROM rides@{FORCE_INDEX=rides_pkey} r'), 'SELECT * FROM rides r');
  });

  it('maps engine positions back into the statement as written', () => {
    const sql = 'SELECT x FROM movr.public.rides WHERE 🪳 = 1';
    const t = translateFor(sql, names('movr'));
    const at = (needle: string): number => Array.from(t.sql).indexOf(needle) + 1;
    assert.equal(t.origin(at('W')), sql.indexOf('WHERE'));
    assert.equal(t.origin(at('🪳')), sql.indexOf('🪳'));
    assert.equal(
      t.origin(Array.from(t.sql).indexOf('"') + 1),
      sql.indexOf('movr'),
      'inside a rewritten name: its start',
    );
  });
});

describe('sim sql: user databases on v26', function () {
  this.timeout(60_000);
  it('TRUNCATE is allowed (cockroachdb#151159); crdb_internal stays locked behind a database name too', async () => {
    const sim = await startClusterSimulator({ profile: 'v26', nodes: 1, seed: 3 });
    try {
      const c = (await signedInClient(sim, 'admin')).client;
      const r = await c.executeSql(
        {
          database: 'bank',
          statements: [{ sql: 'TRUNCATE transfers' }, { sql: 'SELECT count(*) AS n FROM transfers' }],
        },
        { timeoutMs: 90_000 },
      );
      assert.deepEqual(
        r.statements.map((s) => [s.tag, s.rows[0]?.n]),
        [
          ['TRUNCATE', undefined],
          ['SELECT', 0],
        ],
      );
      const e = await sqlRejection(c.executeSql({ statements: [{ sql: 'SELECT * FROM movr.crdb_internal.jobs' }] }));
      assert.equal(e.sqlState, '42501');
      assert.equal(e.internalsLocked, true);
      const missing = await sqlRejection(
        c.executeSql({ statements: [{ sql: `SELECT * FROM bank.public."ledger ${EMOJI}x"` }] }),
      );
      assert.equal(
        missing.details.serverMessage,
        `relation "bank.public.\\"ledger 🪳🔥 crdb 👩\\u200d💻 ñ 漢字x\\"" does not exist`,
      );
    } finally {
      await sim.close();
    }
  });
});
