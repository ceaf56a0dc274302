// Rows of SHOW CLUSTER SESSIONS / SHOW CLUSTER QUERIES from the same session
// model as sessions/, rebuilt whenever a statement reads them, so cancels and
// down nodes show up as they do on the Cluster API.

import { STATUS, sessionModel } from '../data/sessions';
import { runningQuery, sessionColumns, sqlTimestamp } from './sessionRow';
import { nodeIds } from '../data/topology';
import type { SimState } from '../state';

export function liveSessionRows(sim: SimState): {
  sessions: Array<Record<string, unknown>>;
  queries: Array<Record<string, unknown>>;
} {
  const sessions: Array<Record<string, unknown>> = [];
  const queries: Array<Record<string, unknown>> = [];
  for (const nodeId of nodeIds(sim.topo)) {
    // A down node's sessions are simply missing (the real server adds a warning row).
    if (sim.down.has(nodeId)) continue;
    for (let i = 0; i < sim.topo.sessionsPerNode; i++) {
      const m = sessionModel(sim.topo, nodeId, i, sim);
      if (m.status === STATUS.closed) continue;
      const w = m.wire;
      const q = runningQuery(m);
      // kv_txn is the session's open transaction (active_txn.id on sessions/), the one locks and contention name.
      const txn = w.active_txn as { id?: string } | undefined;
      sessions.push({
        ...sessionColumns(nodeId, m),
        num_txns_executed: w.num_txns_executed ?? 0,
        active_query_start: q ? sqlTimestamp(q.start) : null,
        kv_txn: txn?.id ?? null,
        max_alloc_bytes: w.max_alloc_bytes ?? 0,
        trace_id: 0,
        goroutine_id: 1000 + i,
        authentication_method: 'password',
      });
      if (q)
        queries.push({
          query_id: q.id,
          txn_id: q.txn_id,
          node_id: nodeId,
          session_id: m.idHex,
          user_name: m.username,
          start: sqlTimestamp(q.start),
          query: q.sql,
          client_address: w.client_address ?? '',
          application_name: w.application_name ?? '',
          distributed: q.is_distributed === true,
          full_scan: q.is_full_scan === true,
          phase: q.phase === 1 ? 'executing' : 'preparing',
        });
    }
  }
  return { sessions, queries };
}
