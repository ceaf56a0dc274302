// The columns SHOW CLUSTER SESSIONS and SHOW CLUSTER QUERIES share with the
// explorer's sessions query, from one session of the model behind sessions/.

import { STATUS, type SessionModel } from '../data/sessions';

const STATUS_NAME: Record<number, string> = {
  [STATUS.active]: 'ACTIVE',
  [STATUS.idle]: 'IDLE',
  [STATUS.closed]: 'CLOSED',
};

/** TIMESTAMP printed by CockroachDB: `2025-06-01 12:00:00.123456`, microseconds, no zone. */
export function sqlTimestamp(iso: unknown): string | null {
  if (typeof iso !== 'string' || iso === '') return null;
  return iso
    .replace('T', ' ')
    .replace(/Z$/, '')
    .replace(/(\.\d{6})\d+$/, '$1');
}

/** The running statement of a session, as the wire model has it (at most one). */
export function runningQuery(m: SessionModel): Record<string, unknown> | undefined {
  const q = m.wire.active_queries;
  return (Array.isArray(q) ? q[0] : undefined) as Record<string, unknown> | undefined;
}

export function sessionColumns(nodeId: number, m: SessionModel): Record<string, unknown> {
  const w = m.wire;
  const q = runningQuery(m);
  return {
    node_id: nodeId,
    session_id: m.idHex,
    status: STATUS_NAME[m.status] ?? 'ACTIVE',
    user_name: m.username,
    client_address: w.client_address ?? '',
    application_name: w.application_name ?? '',
    active_queries: q ? q.sql : '',
    last_active_query: w.last_active_query ?? '',
    session_start: sqlTimestamp(w.start),
    alloc_bytes: w.alloc_bytes ?? 0,
  };
}
