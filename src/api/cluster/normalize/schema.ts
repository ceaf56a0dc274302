// users/, databases/, databases/{db}/grants/, databases/{db}/tables/ and
// databases/{db}/tables/{t}/ → names, Grant, TableDetails. Mostly protobuf
// payloads: omitted zero fields and `null` lists become defaults.
import type { Grant, TableColumn, TableDetails, TableIndexColumn } from '../models';
import { arr, bool, isObj, num, obj, optNum, optStr, str } from './values';

export function normalizeUsers(body: unknown): string[] {
  // `users: [{username}]`; plain strings tolerated.
  return arr(obj(body).users)
    .map((u) => (isObj(u) ? str(u.username ?? u.name) : str(u)))
    .filter((u) => u !== '');
}

export function normalizeDatabases(body: unknown): string[] {
  return arr(obj(body).databases)
    .map((d) => (isObj(d) ? str(d.name) : str(d)))
    .filter((d) => d !== '');
}

export function normalizeTableNames(body: unknown): string[] {
  const b = obj(body);
  return arr(b.table_names ?? b.tables)
    .map((t) => str(t))
    .filter((t) => t !== '');
}

function normalizeGrant(v: unknown): Grant {
  const g = obj(v);
  return { user: str(g.user ?? g.grantee), privileges: arr(g.privileges).map((p) => str(p)) };
}

export function normalizeGrants(body: unknown): Grant[] {
  return arr(obj(body).grants).map(normalizeGrant);
}

function normalizeColumn(v: unknown): TableColumn {
  const c = obj(v);
  const col: TableColumn = { name: str(c.name), type: str(c.type), nullable: bool(c.nullable), hidden: bool(c.hidden) };
  const def = optStr(c.default_value);
  if (def) col.defaultValue = def;
  const gen = optStr(c.generation_expression);
  if (gen) col.generationExpression = gen;
  return col;
}

function normalizeIndexColumn(v: unknown): TableIndexColumn {
  const i = obj(v);
  return {
    name: str(i.name),
    unique: bool(i.unique),
    seq: num(i.seq),
    column: str(i.column),
    direction: str(i.direction),
    storing: bool(i.storing),
    implicit: bool(i.implicit),
  };
}

export function normalizeTableDetails(body: unknown, database: string, table: string): TableDetails {
  const b = obj(body);
  const details: TableDetails = {
    database,
    table,
    rangeCount: num(b.range_count),
    columns: arr(b.columns).filter(isObj).map(normalizeColumn),
    indexes: arr(b.indexes).filter(isObj).map(normalizeIndexColumn),
    grants: arr(b.grants).filter(isObj).map(normalizeGrant),
    createStatement: str(b.create_table_statement),
  };
  const id = optNum(b.descriptor_id);
  if (id !== undefined) details.descriptorId = id;
  const zone = optStr(b.configure_zone_statement);
  if (zone) details.zoneConfigStatement = zone;
  return details;
}
