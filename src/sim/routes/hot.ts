// ranges/hot/: per-replica entries, cursor-paged node by node, in the shape of
// the profile's version (v21 map, v22.1–v24.3 flat names, v25.1+ name arrays).

import type { RangeModel } from '../data/ranges';
import { rangeModel } from '../data/ranges';
import { nodeExists, nodeIds } from '../data/topology';
import { sendError, sendJson } from '../http';
import type { NodeSource } from '../paging';
import { parsePositiveInt, walkCursor } from '../paging';
import type { Ctx, Route } from '../router';
import type { SimState } from '../state';
import { parseNodeId, unreachable } from './nodes';

interface HotEntry {
  nodeId: number;
  wire: Record<string, unknown>;
}

const quoteDotted = (s: string): string => (s.includes('.') ? `"${s}"` : s);
const uniq = (xs: string[]): string[] => [...new Set(xs)];

/** pkg/server/apiutil/index_names.go: qualify only when a range spans several tables/databases. */
function names(m: RangeModel): { databases: string[]; tables: string[]; indexes: string[] } {
  const databases = uniq(m.slots.map((s) => quoteDotted(s.db.name)));
  const multiDb = databases.length > 1;
  const tables = uniq(m.slots.map((s) => (multiDb ? `${quoteDotted(s.db.name)}.` : '') + quoteDotted(s.table.name)));
  const multiTable = tables.length > 1;
  const indexes = uniq(
    m.slots.map((s) => {
      const prefix = multiDb
        ? `${quoteDotted(s.db.name)}.${quoteDotted(s.table.name)}.`
        : multiTable
          ? `${quoteDotted(s.table.name)}.`
          : '';
      return prefix + quoteDotted(s.index.name);
    }),
  );
  return { databases, tables, indexes };
}

function entry(sim: SimState, nodeId: number, rangeId: number): HotEntry {
  const m = rangeModel(sim.topo, rangeId, sim.down);
  const first = m.slots[0];
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  switch (sim.profile) {
    case 'v21':
      return {
        nodeId,
        wire: {
          range_id: rangeId,
          start_key: m.startKey,
          end_key: m.endKey,
          store_id: nodeId,
          queries_per_second: m.qps,
        },
      };
    case 'seed-spec':
      return {
        nodeId,
        wire: {
          range_id: rangeId,
          node_id: nodeId,
          qps: m.qps,
          table_name: first?.table.name,
          db_name: first?.db.name,
          index_name: first?.index.name,
          schema_name: first?.table.schema,
        },
      };
    default: {
      const load = {
        writes_per_second: r2(m.qps * 0.2),
        reads_per_second: r2(m.qps * 2.5),
        write_bytes_per_second: r2(m.qps * 96),
        read_bytes_per_second: r2(m.qps * 730),
        cpu_time_per_second: r2(m.qps * 18_000),
      };
      const where =
        sim.profile === 'v23'
          ? {
              table_name: first?.table.name ?? '',
              database_name: first?.db.name ?? '',
              index_name: first?.index.name ?? '',
            }
          : names(m);
      return {
        nodeId,
        wire: {
          range_id: rangeId,
          node_id: nodeId,
          qps: m.qps,
          ...load,
          leaseholder_node_id: m.leaseholder,
          ...where,
          schema_name: first?.table.schema ?? '',
          replica_node_ids: m.replicas,
          store_id: nodeId,
        },
      };
    }
  }
}

function hotRanges(ctx: Ctx): void {
  const { sim, query, res } = ctx;
  const t = sim.topo;
  let ids = nodeIds(t);
  const rawNode = query.get('node_id');
  if (rawNode !== null && rawNode !== '') {
    const id = parseNodeId(rawNode);
    if (id === undefined) return sendError(res, sim.profile, 400, 'invalid node ID');
    ids = [id];
  }
  const source = (nodeId: number): NodeSource<HotEntry> => {
    if (!nodeExists(t, nodeId)) return { ok: false, error: `node ${nodeId} not found` };
    if (sim.down.has(nodeId))
      return { ok: false, error: `error requesting hot ranges from node ${nodeId} (DEAD): ${unreachable(nodeId)}` };
    const list = sim.hot.listFor(nodeId);
    return {
      ok: true,
      count: list.length,
      slice: (a, b) => Array.from(list.subarray(a, b), (rangeId) => entry(sim, nodeId, rangeId)),
    };
  };
  const page = walkCursor(ids, query.get('start') ?? undefined, parsePositiveInt(query.get('limit')), source);
  const responseError = page.errors.length
    ? page.errors.map((e) => ({ error_message: e.message, node_id: e.nodeId }))
    : undefined;
  if (sim.profile === 'v21') {
    const byNode: Record<string, unknown[]> = {};
    for (const e of page.items) (byNode[String(e.nodeId)] ??= []).push(e.wire);
    return sendJson(res, 200, { ranges_by_node_id: byNode, response_error: responseError, next: page.next });
  }
  // A nil Go slice marshals as null.
  const ranges = page.items.length ? page.items.map((e) => e.wire) : null;
  sendJson(res, 200, { ranges, response_error: responseError, next: page.next });
}

export const hotRoutes: Route[] = [{ re: /^ranges\/hot\/$/, auth: 'admin', tenant: false, handle: hotRanges }];
