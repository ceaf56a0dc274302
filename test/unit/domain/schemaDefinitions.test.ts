import * as assert from 'node:assert/strict';
import {
  displayTableName,
  findTableDefinitions,
  isMigrationPath,
  parseSqlName,
  tableTargetFromText,
  type TableTarget,
} from '../../../src/domain/schemaDefinitions';
import { LineIndex } from '../../../src/domain/sqlInCode';

const SCHEMA = [
  '-- The schema of the shop.', // 1
  '-- CREATE TABLE "order" (id INT8 PRIMARY KEY);', // 2
  'CREATE TABLE IF NOT EXISTS "order" (', // 3
  '  id UUID PRIMARY KEY,', // 4
  '  placed_at TIMESTAMPTZ', // 5
  ');', // 6
  'CREATE TABLE "crème ""brûlée""" (id INT8 PRIMARY KEY, note STRING);', // 7
  'CREATE TABLE stock.levels (sku STRING PRIMARY KEY, qty INT8);', // 8
  'create table shop.public.Orders_Archive (id UUID);', // 9
  'CREATE TABLE "Orders" (id UUID);', // 10
  "INSERT INTO levels VALUES ('CREATE TABLE levels', 1);", // 11
  'CREATE TEMP TABLE scratch (x INT8);', // 12
  'CREATE TABLE levels_history (sku STRING);', // 13
  'CREATE TABLE "Levels" (sku STRING);', // 14
].join('\n');

/** The 1-based lines of the definitions found, and what each wrote. */
function found(text: string, path: string, t: TableTarget): Array<[number, string]> {
  const index = new LineIndex(text);
  return findTableDefinitions(text, path, t).map((d) => {
    assert.equal(text.slice(d.start, d.end), d.written, 'the offsets select the name as written');
    return [index.position(d.start).line + 1, d.written];
  });
}

describe('domain: table definitions in workspace files', () => {
  it('reads SQL names: quoted, qualified, reserved', () => {
    assert.deepEqual(parseSqlName('"crème ""brûlée"""'), [{ name: 'crème "brûlée"', quoted: true }]);
    assert.deepEqual(parseSqlName('stock.levels'), [
      { name: 'stock', quoted: false },
      { name: 'levels', quoted: false },
    ]);
    assert.deepEqual(
      parseSqlName('DB . Public . "T"')?.map((p) => p.name),
      ['db', 'public', 'T'],
    );
    assert.equal(parseSqlName('a.b.c.d'), undefined);
    assert.equal(parseSqlName('"open'), undefined);
    assert.equal(parseSqlName('two words'), undefined);
    assert.deepEqual(tableTargetFromText('stock.levels'), { schema: 'stock', table: 'levels' });
    assert.deepEqual(tableTargetFromText('db.public.t'), { database: 'db', schema: 'public', table: 't' });
    assert.deepEqual(tableTargetFromText('"order"'), { table: 'order' });
    assert.deepEqual(tableTargetFromText('ORDER'), { table: 'order' });
    // Not SQL: the stored name itself.
    assert.deepEqual(tableTargetFromText('ledger 🪳'), { table: 'ledger 🪳' });
    assert.equal(tableTargetFromText('  '), undefined);
    assert.equal(displayTableName({ schema: 'public', table: 'order' }), 'public."order"');
    assert.equal(displayTableName({ table: 'crème "brûlée"' }), '"crème ""brûlée"""');
  });

  it('finds CREATE TABLE IF NOT EXISTS of a reserved-word table, not its comment', () => {
    assert.deepEqual(found(SCHEMA, 'db/schema.sql', { table: 'order' }), [[3, '"order"']]);
  });

  it('finds a quoted name with quotes and accents inside', () => {
    assert.deepEqual(found(SCHEMA, 'db/schema.sql', { table: 'crème "brûlée"' }), [[7, '"crème ""brûlée"""']]);
    assert.deepEqual(found(SCHEMA, 'db/schema.sql', tableTargetFromText('"crème ""brûlée"""')!), [
      [7, '"crème ""brûlée"""'],
    ]);
  });

  it('schema-qualified names: the parts both sides give must agree', () => {
    assert.deepEqual(found(SCHEMA, 'schema.sql', { schema: 'stock', table: 'levels' }), [[8, 'stock.levels']]);
    assert.deepEqual(found(SCHEMA, 'schema.sql', { database: 'stock', schema: 'public', table: 'levels' }), [
      [8, 'stock.levels'],
    ]);
    assert.deepEqual(found(SCHEMA, 'schema.sql', { schema: 'public', table: 'levels' }), [[8, 'stock.levels']]);
    assert.deepEqual(found(SCHEMA, 'schema.sql', { schema: 'warehouse', table: 'levels' }), []);
    assert.deepEqual(found(SCHEMA, 'schema.sql', { database: 'shop', schema: 'public', table: 'orders_archive' }), [
      [9, 'shop.public.Orders_Archive'],
    ]);
    assert.deepEqual(found(SCHEMA, 'schema.sql', { database: 'other', schema: 'public', table: 'orders_archive' }), []);
  });

  it('unquoted names compare without case, quoted ones exactly', () => {
    assert.deepEqual(found(SCHEMA, 's.sql', tableTargetFromText('ORDERS_ARCHIVE')!), [
      [9, 'shop.public.Orders_Archive'],
    ]);
    assert.deepEqual(found(SCHEMA, 's.sql', { table: 'Orders' }), [[10, '"Orders"']]);
    assert.deepEqual(found(SCHEMA, 's.sql', { table: 'orders' }), []);
    assert.deepEqual(found(SCHEMA, 's.sql', { table: 'Levels' }), [[14, '"Levels"']]);
    assert.deepEqual(
      found(SCHEMA, 's.sql', { table: 'levels' }).map(([l]) => l),
      [8],
      'not levels_history, not "Levels", not the CREATE TABLE inside a string',
    );
    assert.deepEqual(found(SCHEMA, 's.sql', { table: 'scratch' }), [[12, 'scratch']]);
  });

  it('an exact (qualified) definition sorts before a loose one', () => {
    const text = 'CREATE TABLE levels (a INT8);\nCREATE TABLE stock.levels (a INT8);';
    assert.deepEqual(found(text, 'm.sql', { schema: 'stock', table: 'levels' }), [
      [2, 'stock.levels'],
      [1, 'levels'],
    ]);
  });

  it('CREATE TABLE in code strings and migration DSLs', () => {
    const ts = 'export const up = (db) => db.query(`\n  CREATE TABLE IF NOT EXISTS stock.levels (sku STRING)\n`);';
    assert.deepEqual(found(ts, 'src/migrations/001_levels.ts', { schema: 'stock', table: 'levels' }), [
      [2, 'stock.levels'],
    ]);
    const go = 'const ddl = "CREATE TABLE \\"order\\" (id UUID)"';
    const [d] = findTableDefinitions(go, 'internal/db/schema.go', { table: 'order' });
    assert.ok(d && go.slice(d.start, d.end) === '"CREATE TABLE \\"order\\" (id UUID)"', 'the whole literal');
    const rb = 'class CreateLevels < ActiveRecord::Migration[7.1]\n  def change\n    create_table :levels do |t|';
    assert.deepEqual(found(rb, 'db/migrate/20240101_create_levels.rb', { table: 'levels' }), [[3, 'levels']]);
    const py = "def upgrade():\n    op.create_table(\n        'order',\n        sa.Column('id', sa.Integer))";
    assert.deepEqual(found(py, 'alembic/versions/1_order.py', { table: 'order' }), [[3, 'order']]);
    const knex = "exports.up = (knex) => knex.schema.createTable('levels', (t) => {});";
    assert.deepEqual(found(knex, 'migrations/2024_levels.js', { table: 'levels' }), [[1, 'levels']]);
    assert.deepEqual(found(knex, 'src/app.js', { table: 'levels' }), [], 'DSLs only count in migration folders');
    const xml = '<changeSet id="1">\n  <createTable tableName="levels" schemaName="stock">';
    assert.deepEqual(found(xml, 'liquibase/changelog.xml', { table: 'levels' }), [[2, 'levels']]);
  });

  it('knows the common migration folders and file names', () => {
    for (const p of [
      'migrations/001.sql',
      'db/migrate/2024_x.rb',
      'src/main/resources/db/migration/V1__init.sql',
      'V2_1__add.sql',
      'prisma/migrations/2024/migration.sql',
      'schema/tables.sql',
      '000001_init.up.sql',
      'flyway/V3__x.sql',
      'liquibase/changes.xml',
    ])
      assert.ok(isMigrationPath(p), p);
    assert.ok(!isMigrationPath('src/rides.ts'));
  });

  it('a file that never names the table is not parsed', () => {
    assert.deepEqual(findTableDefinitions('CREATE TABLE a (x INT8);'.repeat(1000), 'a.sql', { table: 'zzz' }), []);
    assert.deepEqual(findTableDefinitions('SELECT 1', 'a.sql', { table: 'a' }), []);
  });
});
