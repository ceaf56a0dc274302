// Rows of SHOW CLUSTER SESSIONS / SHOW CLUSTER QUERIES from the same session
// model as sessions/, rebuilt whenever a statement reads them, so cancels and
// down nodes show up as they do on the Cluster API.

import { STATUS, sessionModel } from '../data/sessions';
import { nodeIds } from '../data/topology';
import type { SimState } from '../state';

const STATUS_NAME: Record<number, string> = {
  [STATUS.active]: 'ACTIVE',
  [STATUS.idle]: 'IDLE',
  [STATUS.closed]: 'CLOSED',
};

/** SHOW … SESSIONS prints TIMESTAMP without a zone. */
const ts = (iso: unknown): string | null => (typeof iso === 'string' && iso !== '' ? iso.replace(/Z$/, '') : null);

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
      const q = (Array.isArray(w.active_queries) ? w.active_queries[0] : undefined) as
        Record<string, unknown> | undefined;
      sessions.push({
        node_id: nodeId,
        session_id: m.idHex,
        status: STATUS_NAME[m.status] ?? 'ACTIVE',
        user_name: m.username,
        client_address: w.client_address ?? '',
        application_name: w.application_name ?? '',
        active_queries: q ? q.sql : '',
        last_active_query: w.last_active_query ?? '',
        num_txns_executed: w.num_txns_executed ?? 0,
        session_start: ts(w.start),
        active_query_start: q ? ts(q.start) : null,
        kv_txn: q ? q.txn_id : null,
        alloc_bytes: w.alloc_bytes ?? 0,
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
          start: ts(q.start),
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
