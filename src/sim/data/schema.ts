// The simulated SQL schema: a few databases with tables, columns and indexes.
// One database and some tables carry hostile names to test escaping; names
// outside `[\w.]+` cannot be addressed through the detail routes, as on a real
// server.

import { EMOJI, XSS_IMG, XSS_SCRIPT } from './hostile';

export interface ColumnDef {
  name: string;
  type: string;
  nullable?: boolean;
  default_value?: string;
  hidden?: boolean;
}

export interface IndexDef {
  name: string;
  id: number;
  unique: boolean;
  columns: string[];
  storing?: string[];
}

export interface TableDef {
  schema: string;
  name: string;
  id: number;
  columns: ColumnDef[];
  indexes: IndexDef[];
}

export interface DatabaseDef {
  name: string;
  id: number;
  tables: TableDef[];
  grants: Array<{ user: string; privileges: string[] }>;
}

let nextId = 104;
function table(
  name: string,
  columns: ColumnDef[],
  extraIndexes: Array<Omit<IndexDef, 'id'>> = [],
  schema = 'public',
): TableDef {
  const id = nextId++;
  const pk: IndexDef = { name: `${name}_pkey`, id: 1, unique: true, columns: [columns[0]?.name ?? 'rowid'] };
  return { schema, name, id, columns, indexes: [pk, ...extraIndexes.map((ix, i) => ({ ...ix, id: i + 2 }))] };
}

const uuid = (name: string): ColumnDef => ({ name, type: 'UUID', default_value: 'gen_random_uuid()' });
const str = (name: string, nullable = true): ColumnDef => ({ name, type: 'STRING', nullable });
const ts = (name: string): ColumnDef => ({ name, type: 'TIMESTAMPTZ', nullable: true, default_value: 'now()' });

const adminGrants = [
  { user: 'admin', privileges: ['ALL'] },
  { user: 'root', privileges: ['ALL'] },
];

function sysTable(name: string, id: number, cols: string[]): TableDef {
  return {
    schema: 'public',
    name,
    id,
    columns: cols.map((c) => ({ name: c, type: 'STRING' })),
    indexes: [{ name: 'primary', id: 1, unique: true, columns: [cols[0] as string] }],
  };
}

export const DATABASES: readonly DatabaseDef[] = [
  {
    name: 'system',
    id: 1,
    tables: [
      sysTable('descriptor', 3, ['id', 'descriptor']),
      sysTable('users', 4, ['username', 'hashedPassword', 'isRole']),
      sysTable('zones', 5, ['id', 'config']),
      sysTable('settings', 6, ['name', 'value', 'lastUpdated']),
      sysTable('lease', 11, ['desc_id', 'version', 'sql_instance_id']),
      sysTable('eventlog', 12, ['timestamp', 'eventType', 'info']),
      sysTable('jobs', 15, ['id', 'status', 'created']),
      sysTable('web_sessions', 19, ['id', 'hashedSecret', 'username']),
    ],
    grants: [
      { user: 'admin', privileges: ['CONNECT'] },
      { user: 'root', privileges: ['CONNECT'] },
    ],
  },
  {
    name: 'defaultdb',
    id: 100,
    tables: [],
    grants: [...adminGrants, { user: 'public', privileges: ['CONNECT'] }],
  },
  {
    name: 'movr',
    id: 101,
    tables: [
      table('users', [uuid('id'), str('city', false), str('name'), str('address'), str('credit_card')]),
      table(
        'vehicles',
        [uuid('id'), str('city', false), str('type'), uuid('owner_id'), ts('creation_time'), str('status')],
        [{ name: 'vehicles_auto_index_fk_city_ref_users', unique: false, columns: ['city', 'owner_id'] }],
      ),
      table(
        'rides',
        [
          uuid('id'),
          str('city', false),
          uuid('rider_id'),
          uuid('vehicle_id'),
          ts('start_time'),
          ts('end_time'),
          { name: 'revenue', type: 'DECIMAL(10,2)', nullable: true },
        ],
        [
          { name: 'rides_auto_index_fk_city_ref_users', unique: false, columns: ['city', 'rider_id'] },
          { name: 'rides_start_time_idx', unique: false, columns: ['start_time'], storing: ['revenue'] },
        ],
      ),
      table('promo_codes', [
        str('code', false),
        str('description'),
        ts('creation_time'),
        { name: 'rules', type: 'JSONB', nullable: true },
      ]),
      table(XSS_SCRIPT, [uuid('id'), str(XSS_IMG)]),
    ],
    grants: [
      ...adminGrants,
      { user: 'app_user', privileges: ['CONNECT', 'CREATE'] },
      { user: 'viewer', privileges: ['CONNECT'] },
    ],
  },
  {
    name: 'bank',
    id: 102,
    tables: [
      table(
        'accounts',
        [
          { name: 'id', type: 'INT8' },
          { name: 'balance', type: 'DECIMAL', nullable: true },
          { name: 'crdb_internal_id_shard_16', type: 'INT8', hidden: true },
        ],
        [{ name: 'accounts_balance_idx', unique: false, columns: ['balance'] }],
      ),
      table('transfers', [
        uuid('id'),
        { name: 'src', type: 'INT8' },
        { name: 'dst', type: 'INT8' },
        { name: 'amount', type: 'DECIMAL' },
        ts('at'),
      ]),
      table(`ledger ${EMOJI}`, [uuid('id'), str('memo')]),
      table('audit_log', [uuid('id'), str('actor'), str('action')], [], 'audit'),
    ],
    grants: [...adminGrants, { user: 'app_user', privileges: ['ALL'] }],
  },
  {
    name: XSS_IMG,
    id: 103,
    tables: [table('notes', [uuid('id'), str('body')])],
    grants: adminGrants,
  },
];

export function findDatabase(name: string): DatabaseDef | undefined {
  return DATABASES.find((d) => d.name === name);
}

/** `schema.table`, double-quoting parts that need it, as `tables/` lists them. */
export function qualifiedTableName(t: TableDef): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

export function quoteIdent(s: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}

/** Accepts `table`, `schema.table` and quoted parts, like the real handler. */
export function findTable(db: DatabaseDef, name: string): TableDef | undefined {
  const parts = name.match(/("([^"]|"")*"|[^.]+)/g) ?? [];
  const unq = parts.map((p) => (p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p));
  const [schema, tbl] = unq.length >= 2 ? [unq[0], unq.slice(1).join('.')] : ['public', unq[0]];
  return db.tables.find((t) => t.schema === schema && t.name === tbl);
}

/** Every (database, table, index) triple; ranges are spread over these. */
export interface IndexSlot {
  db: DatabaseDef;
  table: TableDef;
  index: IndexDef;
}

export const INDEX_SLOTS: readonly IndexSlot[] = DATABASES.flatMap((db) =>
  db.tables.flatMap((t) => t.indexes.map((index) => ({ db, table: t, index }))),
);

export function createTableStatement(t: TableDef): string {
  const cols = t.columns.map(
    (c) =>
      `\t${quoteIdent(c.name)} ${c.type}${c.nullable ? ' NULL' : ' NOT NULL'}${c.default_value ? ` DEFAULT ${c.default_value}` : ''}${c.hidden ? ' NOT VISIBLE' : ''}`,
  );
  const idx = t.indexes.map((ix) =>
    ix.id === 1
      ? `\tCONSTRAINT ${quoteIdent(ix.name)} PRIMARY KEY (${ix.columns.map(quoteIdent).join(', ')} ASC)`
      : `\t${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} (${ix.columns.map(quoteIdent).join(', ')} ASC)${ix.storing ? ` STORING (${ix.storing.join(', ')})` : ''}`,
  );
  return `CREATE TABLE ${quoteIdent(t.schema)}.${quoteIdent(t.name)} (\n${[...cols, ...idx].join(',\n')}\n)`;
}
