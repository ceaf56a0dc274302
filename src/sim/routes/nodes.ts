// nodes/, nodes/{node_id}/ranges/ and ranges/{range_id}/ (pkg/server/api_v2_ranges.go).

import { nodeStatusWire } from '../data/nodes';
import { ZERO_RANGE_INFO, rangeInfoWire, rangeModel } from '../data/ranges';
import { nodeExists, nodeHoldsRange, nodeIds, rangeCountOfNode, rangeExists, rangeOfNodeAt } from '../data/topology';
import { MSG_INTERNAL, sendError, sendJson } from '../http';
import { offsetPage, parseOffsetParams } from '../paging';
import type { Ctx, Route } from '../router';

function nodes(ctx: Ctx): void {
  const { sim } = ctx;
  const page = offsetPage(sim.topo.nodeCount, parseOffsetParams(ctx.query), (a, b) => {
    const out: unknown[] = [];
    for (let id = a + 1; id <= b; id++) out.push(nodeStatusWire(sim.topo, id, sim.down));
    return out;
  });
  sendJson(ctx.res, 200, { nodes: page.items, next: page.next });
}

/** `local` is the node this HTTP server runs on: node 1. */
export function parseNodeId(raw: string): number | undefined {
  if (raw === 'local') return 1;
  if (!/^[0-9]+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n > 0 && n <= 2 ** 31 - 1 ? n : undefined;
}

export function unreachable(nodeId: number): string {
  return `failed to connect to n${nodeId} at crdb-node-${nodeId}.sim.internal:26257: initial connection heartbeat failed: rpc error: code = Unavailable desc = connection error: dial tcp: connect: connection refused`;
}

/** Resolves after `ms`, or early when the client hangs up (then there is nobody to answer). */
function waitUnlessClosed(res: Ctx['res'], ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

async function nodeRanges(ctx: Ctx): Promise<void> {
  const { sim, res, query } = ctx;
  const t = sim.topo;
  const nodeId = parseNodeId(ctx.params[0] ?? '');
  if (nodeId === undefined) return sendError(res, sim.profile, 400, 'invalid node ID');
  // The status RPC to an unknown or unreachable node fails only when the server's own dial
  // gives up, seconds later; the handler then hides why behind the generic 500.
  if (!nodeExists(t, nodeId) || sim.down.has(nodeId)) {
    if (!(await waitUnlessClosed(res, sim.deadNodeDelayMs))) return;
    return sendError(res, sim.profile, 500, MSG_INTERNAL);
  }
  const filter = query.get('ranges');
  let ids: number[] | undefined;
  if (filter !== null && filter !== '') {
    ids = [];
    for (const part of filter.split(',')) {
      if (!/^\s*[0-9]+\s*$/.test(part)) return sendError(res, sim.profile, 400, 'invalid range ID');
      const id = Number(part);
      if (nodeHoldsRange(t, nodeId, id)) ids.push(id);
    }
  }
  const total = ids ? ids.length : rangeCountOfNode(t);
  const page = offsetPage(total, parseOffsetParams(query), (a, b) => {
    const out: unknown[] = [];
    for (let i = a; i < b; i++) {
      const rangeId = ids ? (ids[i] as number) : rangeOfNodeAt(t, nodeId, i);
      out.push(rangeInfoWire(t, rangeModel(t, rangeId, sim.down), nodeId));
    }
    return out;
  });
  sendJson(res, 200, { ranges: page.items, next: page.next });
}

function rangeDetail(ctx: Ctx): void {
  const { sim, res } = ctx;
  const t = sim.topo;
  const raw = ctx.params[0] ?? '';
  const rangeId = Number(raw);
  if (!Number.isSafeInteger(rangeId) || raw.length > 19) return sendError(res, sim.profile, 400, 'invalid range ID');
  const byNode: Record<string, unknown> = {};
  const m = rangeExists(t, rangeId) ? rangeModel(t, rangeId, sim.down) : undefined;
  // Every node is asked; those without a replica answer nothing, failed ones an error.
  for (const id of nodeIds(t)) {
    if (sim.down.has(id)) {
      byNode[String(id)] =
        sim.profile === 'seed-spec'
          ? { ...ZERO_RANGE_INFO, error_message: unreachable(id) }
          : { range_info: ZERO_RANGE_INFO, error: unreachable(id) };
    } else if (m && m.replicas.includes(id)) {
      const info = rangeInfoWire(t, m, id);
      byNode[String(id)] = sim.profile === 'seed-spec' ? info : { range_info: info };
    }
  }
  const body: Record<string, unknown> = { responses_by_node_id: byNode };
  if (sim.profile === 'seed-spec') return sendJson(res, 200, { range_id: rangeId, ...body });
  sendJson(res, 200, body);
}

export const nodeRoutes: Route[] = [
  { re: /^nodes\/$/, auth: 'admin', tenant: false, handle: nodes },
  { re: /^nodes\/([^/]+)\/ranges\/$/, auth: 'admin', tenant: false, handle: nodeRanges },
  { re: /^ranges\/([0-9]+)\/$/, auth: 'admin', tenant: false, handle: rangeDetail },
];
