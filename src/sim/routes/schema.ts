// databases/… routes (pkg/server/api_v2_sql_schema.go).

import {
  DATABASES,
  createTableStatement,
  findDatabase,
  findTable,
  qualifiedTableName,
  quoteIdent,
} from '../data/schema';
import { sendError, sendJson } from '../http';
import { offsetPage, parseOffsetParams } from '../paging';
import type { Ctx, Route } from '../router';

function databases(ctx: Ctx): void {
  const names = DATABASES.map((d) => d.name);
  const page = offsetPage(names.length, parseOffsetParams(ctx.query), (a, b) => names.slice(a, b), true);
  sendJson(ctx.res, 200, { databases: page.items, next: page.next });
}

function database(ctx: Ctx): void {
  const db = findDatabase(ctx.params[0] ?? '');
  if (!db) return sendError(ctx.res, ctx.sim.profile, 404, 'database not found');
  sendJson(ctx.res, 200, { descriptor_id: db.id });
}

function grants(ctx: Ctx): void {
  const db = findDatabase(ctx.params[0] ?? '');
  if (!db) return sendError(ctx.res, ctx.sim.profile, 404, 'database not found');
  const page = offsetPage(db.grants.length, parseOffsetParams(ctx.query), (a, b) => db.grants.slice(a, b), true);
  sendJson(ctx.res, 200, { grants: page.items, next: page.next });
}

function tables(ctx: Ctx): void {
  const db = findDatabase(ctx.params[0] ?? '');
  if (!db) return sendError(ctx.res, ctx.sim.profile, 404, 'database not found');
  const names = db.tables.map(qualifiedTableName);
  const page = offsetPage(names.length, parseOffsetParams(ctx.query), (a, b) => names.slice(a, b), true);
  sendJson(ctx.res, 200, { table_names: page.items, next: page.next });
}

function tableDetails(ctx: Ctx): void {
  const db = findDatabase(ctx.params[0] ?? '');
  const t = db && findTable(db, ctx.params[1] ?? '');
  if (!db || !t) return sendError(ctx.res, ctx.sim.profile, 404, 'database or table not found');
  const columns = t.columns.map((c) => ({
    name: c.name,
    type: c.type,
    nullable: c.nullable || undefined,
    default_value: c.default_value,
    hidden: c.hidden || undefined,
  }));
  const indexes = t.indexes.flatMap((ix) => [
    ...ix.columns.map((col, i) => ({
      name: ix.name,
      unique: ix.unique || undefined,
      seq: i + 1,
      column: col,
      direction: 'ASC',
    })),
    ...(ix.storing ?? []).map((col, i) => ({
      name: ix.name,
      unique: ix.unique || undefined,
      seq: ix.columns.length + i + 1,
      column: col,
      direction: 'N/A',
      storing: true,
    })),
  ]);
  const rangeCount = 1 + ((t.id * 7) % 40);
  const zone = `ALTER TABLE ${quoteIdent(db.name)}.${quoteIdent(t.schema)}.${quoteIdent(t.name)} CONFIGURE ZONE USING\n\trange_min_bytes = 134217728,\n\trange_max_bytes = 536870912,\n\tgc.ttlseconds = 14400,\n\tnum_replicas = 3`;
  sendJson(ctx.res, 200, {
    grants: db.grants.map((g) => ({ user: g.user, privileges: g.privileges })),
    columns,
    indexes,
    range_count: rangeCount,
    create_table_statement: createTableStatement(t),
    zone_config: {
      range_min_bytes: 134217728,
      range_max_bytes: 536870912,
      gc: { ttl_seconds: 14400 },
      num_replicas: 3,
      constraints: null,
      lease_preferences: null,
    },
    // 1 = CLUSTER: the table inherits the default zone.
    zone_config_level: 1,
    descriptor_id: t.id,
    configure_zone_statement: zone,
    stats_last_created_at: '2025-06-01T00:00:00Z',
    data_total_bytes: rangeCount * 64 * 1024 * 1024,
  });
}

export const schemaRoutes: Route[] = [
  { re: /^databases\/$/, auth: 'user', tenant: false, handle: databases },
  { re: /^databases\/([\w.]+)\/$/, auth: 'user', tenant: false, handle: database },
  { re: /^databases\/([\w.]+)\/grants\/$/, auth: 'user', tenant: false, handle: grants },
  { re: /^databases\/([\w.]+)\/tables\/$/, auth: 'user', tenant: false, handle: tables },
  { re: /^databases\/([\w.]+)\/tables\/([\w.]+)\/$/, auth: 'user', tenant: false, handle: tableDetails },
];
