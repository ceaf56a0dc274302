// The simulated cluster's user databases (data/schema.ts: movr, bank, the
// hostile-named one, defaultdb) as tables in the SQL engine, with rows derived
// from the seed alone.
//
// Mapping: CockroachDB's (database, schema) is one PostgreSQL schema, named
// after the database for `public` and `database.schema` otherwise (movr.public
// → "movr", bank.audit → "bank.audit"). The rewriter (rewrite.ts) turns
// `db.schema.table`, `schema.table` and `db.table` into that schema; the
// request's `database` becomes the search path. `system` has no schema: its
// tables are not modelled, so names in it do not resolve.
//
// Privileges: statements run as one of two PostgreSQL roles. `sim_admin` owns
// the user schemas and their tables (DML and DDL work on the engine's copy and
// persist for the simulator process); `sim_reader`, for users without admin,
// may only read. Neither may write to crdb_internal, information_schema or the
// simulator's own schemas, which CockroachDB refuses to root as well.
//
// Rows exercise exact encoding: INT8 ids beyond 2^53 (unique_rowid-like),
// DECIMAL with up to 30 significant digits, JSONB with integers beyond 2^64,
// TIMESTAMPTZ, UUID, STRING[], BOOL, BYTES and NULLs. Columns the catalogue in
// data/schema.ts does not list are added here (EXTRA_COLUMNS); hidden columns
// (NOT VISIBLE) are left out, since PostgreSQL would show them in `SELECT *`.

import { DATABASES, type ColumnDef, type TableDef } from '../data/schema';
import { HOSTILE_STRINGS, HOSTILE_USERNAMES, XSS_IMG, XSS_SCRIPT, EMOJI } from '../data/hostile';
import { Rng, mix } from '../prng';
import { toJson } from '../json';

export const ADMIN_ROLE = 'sim_admin';
export const READER_ROLE = 'sim_reader';

/** Schemas every CockroachDB database has; they are not per-database in the engine. */
export const VIRTUAL_SCHEMAS: ReadonlySet<string> = new Set([
  'crdb_internal',
  'information_schema',
  'pg_catalog',
  'pg_extension',
]);

/** Databases whose tables exist in the engine (`system` is only listed, not modelled). */
export const USER_DATABASES = DATABASES.filter((d) => d.name !== 'system');

/** Every database the cluster lists, for name resolution (`db.table`, `db.schema.table`). */
export const DATABASE_NAMES: ReadonlySet<string> = new Set(DATABASES.map((d) => d.name));

/** The engine schema of CockroachDB's (database, schema). */
export function engineSchema(db: string, schema: string): string {
  return schema === 'public' ? db : `${db}.${schema}`;
}

/** CockroachDB's (database, schema) of an engine schema, for messages; undefined for the simulator's own. */
export function crdbSchemaOf(pgSchema: string): { db: string; schema: string } | undefined {
  let best: string | undefined;
  for (const db of DATABASE_NAMES)
    if ((pgSchema === db || pgSchema.startsWith(`${db}.`)) && (best === undefined || db.length > best.length))
      best = db;
  if (best === undefined) return undefined;
  return { db: best, schema: pgSchema === best ? 'public' : pgSchema.slice(best.length + 1) };
}

/** Always quoted: engine schema names contain dots and hostile characters. */
export function pgIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// ---- Columns ----------------------------------------------------------------

const col = (name: string, type: string, nullable = true): ColumnDef => ({ name, type, nullable });

/** Columns the rows need beyond data/schema.ts's catalogue, by `db/schema/table`. */
const EXTRA_COLUMNS: Record<string, ColumnDef[]> = {
  'movr/public/users': [col('photo', 'BYTES')],
  'movr/public/vehicles': [col('ext', 'JSONB'), col('tags', 'STRING[]'), col('electric', 'BOOL')],
  'movr/public/promo_codes': [col('usage_count', 'INT8')],
  [`bank/public/ledger ${EMOJI}`]: [col('entry_no', 'INT8', false)],
  'bank/audit/audit_log': [col('event_id', 'INT8', false), col('at', 'TIMESTAMPTZ'), col('payload', 'BYTES')],
};

const keyOf = (db: string, t: TableDef): string => `${db}/${t.schema}/${t.name}`;

export interface UserTable {
  db: string;
  def: TableDef;
  /** Visible columns in order: the catalogue's, then EXTRA_COLUMNS. */
  columns: ColumnDef[];
  /** `"schema"."table"` in the engine. */
  qualified: string;
}

export const USER_TABLES: readonly UserTable[] = USER_DATABASES.flatMap((d) =>
  d.tables.map((def) => ({
    db: d.name,
    def,
    columns: [...def.columns.filter((c) => !c.hidden), ...(EXTRA_COLUMNS[keyOf(d.name, def)] ?? [])],
    qualified: `${pgIdent(engineSchema(d.name, def.schema))}.${pgIdent(def.name)}`,
  })),
);

const PG_TYPES: Record<string, string> = {
  STRING: 'text',
  BYTES: 'bytea',
  DECIMAL: 'numeric',
  INT: 'int8',
  INT8: 'int8',
  INT4: 'int4',
  INT2: 'int2',
  FLOAT8: 'float8',
  FLOAT4: 'float4',
  BOOL: 'bool',
  UUID: 'uuid',
  JSONB: 'jsonb',
  TIMESTAMPTZ: 'timestamptz',
  TIMESTAMP: 'timestamp',
  DATE: 'date',
  INTERVAL: 'interval',
  INET: 'inet',
};

/** A catalogue type (`DECIMAL(10,2)`, `STRING[]`) as PostgreSQL's. */
export function pgType(crdbType: string): string {
  const array = crdbType.endsWith('[]');
  const base = array ? crdbType.slice(0, -2) : crdbType;
  const m = /^([A-Za-z0-9]+)\s*(\(.*\))?$/.exec(base.trim());
  const name = (m?.[1] ?? base).toUpperCase();
  const mod = m?.[2] ?? '';
  const pg = name === 'STRING' && mod ? 'varchar' : (PG_TYPES[name] ?? name.toLowerCase());
  return `${pg}${mod}${array ? '[]' : ''}`;
}

function tableDdl(t: UserTable): string[] {
  const cols = t.columns.map(
    (c) =>
      `${pgIdent(c.name)} ${pgType(c.type)}${c.nullable ? '' : ' NOT NULL'}${c.default_value ? ` DEFAULT ${c.default_value}` : ''}`,
  );
  const pk = t.def.indexes.find((ix) => ix.id === 1);
  if (pk) cols.push(`CONSTRAINT ${pgIdent(pk.name)} PRIMARY KEY (${pk.columns.map(pgIdent).join(', ')})`);
  const out = [`CREATE TABLE ${t.qualified} (${cols.join(', ')})`];
  for (const ix of t.def.indexes.filter((x) => x.id !== 1))
    out.push(
      `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${pgIdent(ix.name)} ON ${t.qualified} (${ix.columns.map(pgIdent).join(', ')})` +
        (ix.storing?.length ? ` INCLUDE (${ix.storing.map(pgIdent).join(', ')})` : ''),
    );
  return out;
}

/** The engine schemas of the user databases (one per database and schema, empty ones included). */
export function userSchemas(): string[] {
  const names = new Set<string>();
  for (const d of USER_DATABASES) {
    names.add(engineSchema(d.name, 'public'));
    for (const t of d.tables) names.add(engineSchema(d.name, t.schema));
  }
  return [...names];
}

/**
 * Roles, CockroachDB-compatible functions, the user schemas and their tables.
 * Runs as the engine's superuser after schema.ts's SCHEMA_DDL, before the rows.
 */
export function userSetupSql(): string {
  const schemas = userSchemas().map(pgIdent);
  const internal = 'crdb_internal, sim_show, sim_data';
  return `
CREATE ROLE ${ADMIN_ROLE} NOLOGIN;
CREATE ROLE ${READER_ROLE} NOLOGIN;
GRANT USAGE ON SCHEMA ${internal} TO ${ADMIN_ROLE}, ${READER_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA crdb_internal, sim_show, information_schema TO ${ADMIN_ROLE}, ${READER_ROLE};
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $sim$ BEGIN
  EXECUTE format('GRANT CREATE ON DATABASE %I TO ${ADMIN_ROLE}', current_database());
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $sim$;
CREATE SEQUENCE public.sim_rowid_seq;
-- unique_rowid(): (10µs ticks since the Unix epoch << 15) | a counter in the node-id bits, as CockroachDB's.
CREATE FUNCTION public.unique_rowid() RETURNS int8 LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog AS
  $$ SELECT ((floor(extract(epoch FROM clock_timestamp()) * 100000)::int8) << 15) | (nextval('public.sim_rowid_seq') % 32768) $$;
-- Found before pg_catalog's (the search path lists public first): the request's database, as CockroachDB answers.
CREATE FUNCTION public.current_database() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('sim.database', true), 'defaultdb') $$;
CREATE FUNCTION public.current_schema() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'public'::text $$;
${schemas.map((s) => `CREATE SCHEMA ${s} AUTHORIZATION ${ADMIN_ROLE};`).join('\n')}
SET ROLE ${ADMIN_ROLE};
${USER_TABLES.flatMap(tableDdl)
  .map((s) => `${s};`)
  .join('\n')}
RESET ROLE;
`;
}

/** After the rows: the reader sees every user table, also those created later by statements. */
export function userGrantsSql(): string {
  const schemas = userSchemas().map(pgIdent).join(', ');
  return `
GRANT USAGE ON SCHEMA ${schemas} TO ${READER_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA ${schemas} TO ${READER_ROLE};
ALTER DEFAULT PRIVILEGES FOR ROLE ${ADMIN_ROLE} GRANT SELECT ON TABLES TO ${READER_ROLE};
ALTER DEFAULT PRIVILEGES FOR ROLE ${ADMIN_ROLE} GRANT SELECT ON SEQUENCES TO ${READER_ROLE};
ALTER DEFAULT PRIVILEGES FOR ROLE ${ADMIN_ROLE} GRANT USAGE ON SCHEMAS TO ${READER_ROLE};
`;
}

// ---- Rows -------------------------------------------------------------------

/** Rows are a function of the seed only (not of the start time), so two simulators agree. */
const ANCHOR_MS = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY_MS = 86_400_000;
const USER_KIND = 201;

const ROW_COUNTS: Record<string, number> = {
  'movr/public/users': 500,
  'movr/public/vehicles': 400,
  'movr/public/rides': 3000,
  'movr/public/promo_codes': 200,
  'bank/public/accounts': 1000,
  'bank/public/transfers': 2500,
  [`bank/public/ledger ${EMOJI}`]: 300,
  'bank/audit/audit_log': 400,
};
const DEFAULT_ROWS = 60;

const CITIES = [
  'new york',
  'boston',
  'washington dc',
  'seattle',
  'san francisco',
  'los angeles',
  'amsterdam',
  'paris',
  'rome',
];
const FIRST = ['Ana', 'Bo', 'Chen', 'Dana', 'Eli', 'Femi', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Lena', 'Mia', 'Noor'];
const LAST = ['Adams', 'Brown', 'Costa', 'Diaz', 'Evans', 'Fujita', 'García', 'Hughes', 'Ivanova', 'Jones', "O'Neil"];
const STREETS = ['Main St', 'Oak Ave', 'Pine Rd', 'Elm St', 'Harbor Way', 'Canal St', 'Via Roma', 'Rue de Rivoli'];
const VEHICLE_TYPES = ['skateboard', 'bike', 'scooter'];
const VEHICLE_STATUS = ['available', 'in_use', 'lost'];
const BRANDS = ['Pedego', 'Boosted', 'Segway', 'Radwagon', 'Kona'];
const COLORS = ['red', 'yellow', 'blue', 'green', 'black'];
const TAGS = ['city', 'commute', 'cargo', 'kids', 'night', 'electric'];
const AUDIT_ACTIONS = ['login', 'logout', 'transfer', 'open_account', 'close_account', 'change_limit'];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const iso = (ms: number): string => new Date(ms).toISOString();

function uuid(r: Rng): string {
  const h = Array.from({ length: 8 }, () => hex(r.int(0, 0xffff), 4)).join('');
  const variant = hex(8 + r.int(0, 3), 1);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** unique_rowid()'s layout: 10µs ticks << 15 | node id; ~5.7e18 for 2025, far beyond 2^53. */
function rowid(ms: number, sub: number, node: number): bigint {
  return ((BigInt(ms) * 100n + BigInt(sub % 100)) << 15n) | BigInt(node);
}

function digits(r: Rng, n: number): string {
  let s = String(r.int(1, 9));
  while (s.length < n) s += String(r.int(0, 9));
  return s;
}

/** Money with two decimals, as text: DECIMAL never goes through a double on the way in. */
function money(r: Rng, maxUnits: number): string {
  return `${r.int(0, maxUnits)}.${String(r.int(0, 99)).padStart(2, '0')}`;
}

function bytes(r: Rng, n: number): string {
  return `\\x${Array.from({ length: n }, () => hex(r.int(0, 255), 2)).join('')}`;
}

type Row = Record<string, unknown>;
/** Values generated so far, so later tables can reference earlier ones (owner_id, src, …). */
type Pools = Map<string, unknown[]>;
type TableGen = (i: number, r: Rng, pools: Pools) => Row;

const pick = (r: Rng, pools: Pools, key: string): unknown => {
  const xs = pools.get(key);
  return xs && xs.length > 0 ? r.pick(xs) : null;
};

const GENERATORS: Record<string, TableGen> = {
  'movr/public/users': (i, r) => ({
    id: uuid(r),
    city: CITIES[i % CITIES.length],
    name: `${r.pick(FIRST)} ${r.pick(LAST)}`,
    address: r.chance(0.05) ? null : `${r.int(1, 9999)} ${r.pick(STREETS)}`,
    credit_card: r.chance(0.1) ? null : digits(r, 16),
    photo: r.chance(0.3) ? null : bytes(r, 8),
  }),
  'movr/public/vehicles': (i, r, p) => ({
    id: uuid(r),
    city: CITIES[i % CITIES.length],
    type: r.pick(VEHICLE_TYPES),
    owner_id: pick(r, p, 'movr/public/users/id'),
    creation_time: iso(ANCHOR_MS - r.int(30, 700) * DAY_MS),
    status: r.pick(VEHICLE_STATUS),
    ext: r.chance(0.1)
      ? null
      : {
          brand: r.pick(BRANDS),
          color: r.pick(COLORS),
          battery: r.round2(r.float()),
          // An integer JSON.parse cannot hold: JSONB keeps every digit.
          serial: 10n ** 19n + BigInt(i) * 7919n,
          features: TAGS.filter(() => r.chance(0.3)),
        },
    tags: r.chance(0.1) ? null : TAGS.filter(() => r.chance(0.25)),
    electric: r.chance(0.05) ? null : r.chance(0.6),
  }),
  'movr/public/rides': (i, r, p) => {
    const start = ANCHOR_MS - r.int(0, 60 * 24 * 60) * 60_000;
    const open = r.chance(0.03);
    return {
      id: uuid(r),
      city: CITIES[i % CITIES.length],
      rider_id: pick(r, p, 'movr/public/users/id'),
      vehicle_id: pick(r, p, 'movr/public/vehicles/id'),
      start_time: iso(start),
      end_time: open ? null : iso(start + r.int(60, 5400) * 1000),
      revenue: open ? null : money(r, 99),
    };
  },
  'movr/public/promo_codes': (i, r) => ({
    code: `${r.pick(['spring', 'summer', 'welcome', 'ride', 'late_night'])}_${i}`,
    description: i % 23 === 0 ? (HOSTILE_STRINGS[i % HOSTILE_STRINGS.length] as string) : `promo ${i}`,
    creation_time: iso(ANCHOR_MS - r.int(1, 365) * DAY_MS),
    rules: r.chance(0.05)
      ? null
      : {
          type: r.pick(['percent_discount', 'free_ride', 'fixed_discount']),
          value: `${r.int(5, 50)}%`,
          max_uses: 18_446_744_073_709_551_616n + BigInt(i),
          regions: CITIES.filter(() => r.chance(0.2)),
          stackable: r.chance(0.5),
        },
    usage_count: r.chance(0.2) ? null : r.int(0, 250_000),
  }),
  [`movr/public/${XSS_SCRIPT}`]: (i, r) => ({
    id: uuid(r),
    [XSS_IMG]: HOSTILE_STRINGS[i % HOSTILE_STRINGS.length],
  }),
  'bank/public/accounts': (i, r) => {
    // Most balances are everyday amounts; every seventh has 30 significant digits.
    const huge = i % 7 === 3;
    const balance = huge ? `${digits(r, 21)}.${digits(r, 9)}` : money(r, 250_000);
    return {
      id: rowid(ANCHOR_MS - 400 * DAY_MS + i * 86_399, i, 1 + (i % 3)),
      balance: i % 97 === 0 ? null : i % 41 === 0 ? `-${balance}` : balance,
    };
  },
  'bank/public/transfers': (i, r, p) => ({
    id: uuid(r),
    src: pick(r, p, 'bank/public/accounts/id'),
    dst: pick(r, p, 'bank/public/accounts/id'),
    amount: i % 11 === 0 ? `${r.int(0, 999)}.${String(r.int(0, 999_999)).padStart(6, '0')}` : money(r, 20_000),
    at: iso(ANCHOR_MS - r.int(0, 90 * 24 * 3600) * 1000),
  }),
  [`bank/public/ledger ${EMOJI}`]: (i, r) => ({
    id: uuid(r),
    memo: i % 5 === 0 ? (HOSTILE_STRINGS[i % HOSTILE_STRINGS.length] as string) : r.chance(0.1) ? null : `entry ${i}`,
    entry_no: rowid(ANCHOR_MS - 30 * DAY_MS + i * 5_003, i, 2),
  }),
  'bank/audit/audit_log': (i, r) => ({
    id: uuid(r),
    actor: i % 13 === 0 ? HOSTILE_USERNAMES[i % HOSTILE_USERNAMES.length] : r.pick(['root', 'admin', 'app_user']),
    action: r.pick(AUDIT_ACTIONS),
    event_id: rowid(ANCHOR_MS - 10 * DAY_MS + i * 1_777, i, 3),
    at: iso(ANCHOR_MS - r.int(0, 10 * 24 * 3600) * 1000),
    payload: r.chance(0.5) ? null : bytes(r, 12),
  }),
};

/** A value by type, for tables the generators above do not know (the catalogue may grow). */
function genericValue(c: ColumnDef, i: number, r: Rng): unknown {
  if (c.nullable && r.chance(0.05)) return null;
  const t = c.type.toUpperCase();
  if (t.endsWith('[]')) return [`${c.name} ${i}`];
  if (t === 'UUID') return uuid(r);
  if (t.startsWith('INT')) return rowid(ANCHOR_MS + i * 1000, i, 1);
  if (t.startsWith('DECIMAL')) return money(r, 9999);
  if (t.startsWith('TIMESTAMP')) return iso(ANCHOR_MS - r.int(0, 30 * 24 * 3600) * 1000);
  if (t === 'JSONB') return { n: i };
  if (t === 'BOOL') return r.chance(0.5);
  if (t === 'BYTES') return bytes(r, 4);
  return i % 9 === 0 ? HOSTILE_STRINGS[i % HOSTILE_STRINGS.length] : `${c.name} ${i}`;
}

/** Every user table's rows for a seed, in catalogue order (referenced tables first). */
export function userTableRows(seed: number): Array<{ table: UserTable; rows: Row[] }> {
  const pools: Pools = new Map();
  return USER_TABLES.map((table, ti) => {
    const key = keyOf(table.db, table.def);
    const r = new Rng(mix(seed, USER_KIND, ti));
    const gen = GENERATORS[key];
    const rows = Array.from({ length: ROW_COUNTS[key] ?? DEFAULT_ROWS }, (_, i) => {
      const base = gen ? gen(i, r, pools) : {};
      return Object.fromEntries(
        table.columns.map((c) => [c.name, c.name in base ? base[c.name] : genericValue(c, i, r)]),
      );
    });
    for (const c of table.columns)
      pools.set(
        `${key}/${c.name}`,
        rows.map((x) => x[c.name]),
      );
    return { table, rows };
  });
}

/** One INSERT per table; the JSON keeps INT8 and JSONB integers digit for digit (json.ts). */
export function userLoadSql(table: UserTable): string {
  return `INSERT INTO ${table.qualified} SELECT * FROM pg_catalog.jsonb_populate_recordset(NULL::${table.qualified}, $1::jsonb)`;
}

export const rowsJson = (rows: Row[]): string => toJson(rows);
