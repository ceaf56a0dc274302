// sessions/: cluster-wide SQL sessions, cursor-paged node by node.

import type { SessionModel } from '../data/sessions';
import { STATUS, sessionModel } from '../data/sessions';
import { nodeIds } from '../data/topology';
import { sendJson } from '../http';
import type { NodeSource } from '../paging';
import { parsePositiveInt, walkCursor } from '../paging';
import type { Ctx, Route } from '../router';
import { unreachable } from './nodes';

function sessions(ctx: Ctx): void {
  const { sim, query, res } = ctx;
  const t = sim.topo;
  const username = query.get('username') ?? '';
  const excludeClosed = sim.profile !== 'v21' && query.get('exclude_closed_sessions') === 'true';
  const filtered = username !== '' || excludeClosed;
  const keep = (s: SessionModel): boolean =>
    (username === '' || s.username === username) && !(excludeClosed && s.status === STATUS.closed);
  const source = (nodeId: number): NodeSource<SessionModel> => {
    if (sim.down.has(nodeId)) return { ok: false, error: unreachable(nodeId) };
    if (!filtered) {
      return {
        ok: true,
        count: t.sessionsPerNode,
        slice: (a, b) => Array.from({ length: b - a }, (_, k) => sessionModel(t, nodeId, a + k, sim)),
      };
    }
    // A node filters before paging, so the cursor index counts matching sessions only.
    const all: SessionModel[] = [];
    for (let i = 0; i < t.sessionsPerNode; i++) {
      const s = sessionModel(t, nodeId, i, sim);
      if (keep(s)) all.push(s);
    }
    return { ok: true, count: all.length, slice: (a, b) => all.slice(a, b) };
  };
  const page = walkCursor(nodeIds(t), query.get('start') ?? undefined, parsePositiveInt(query.get('limit')), source);
  sendJson(res, 200, {
    sessions: page.items.map((s) => s.wire),
    errors: page.errors.length ? page.errors.map((e) => ({ node_id: e.nodeId, message: e.message })) : null,
    internal_app_name_prefix: sim.profile === 'v21' ? undefined : '$ internal',
    next: page.next,
  });
}

export const sessionRoutes: Route[] = [{ re: /^sessions\/$/, auth: 'admin', tenant: false, handle: sessions }];
