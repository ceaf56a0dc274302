// The open sessions of a cluster, and which of them holds an open transaction:
// the way from a contention event or a lock (which name only transaction ids)
// to a session that can be cancelled.
import type { ClusterApi, RequestOptions } from '../api/cluster/api';
import type { Session } from '../api/cluster/models';

/** Enough pages for every open session of a busy cluster, bounded so a huge one costs a known amount. */
const MAX_SESSION_PAGES = 20;

export interface OpenSessions {
  sessions: Session[];
  /** Nodes that did not answer, ascending. */
  missing: number[];
}

export async function openSessions(
  client: Pick<ClusterApi, 'allSessions'>,
  opts: RequestOptions = {},
): Promise<OpenSessions> {
  const sessions: Session[] = [];
  const missing = new Set<number>();
  let pages = 0;
  for await (const page of client.allSessions({ excludeClosed: true }, opts)) {
    for (const s of page.items) if (s.status !== 'closed') sessions.push(s);
    for (const e of page.errors) missing.add(e.nodeId);
    if (++pages >= MAX_SESSION_PAGES) break;
  }
  return { sessions, missing: [...missing].sort((a, b) => a - b) };
}

/** Open transactions of live sessions by transaction id (lower-case UUID text). */
export function byTransaction(sessions: readonly Session[]): Map<string, Session> {
  const byTxn = new Map<string, Session>();
  for (const s of sessions) {
    if (s.activeTxnId) byTxn.set(s.activeTxnId.toLowerCase(), s);
    for (const q of s.activeQueries) if (q.txnId) byTxn.set(q.txnId.toLowerCase(), s);
  }
  return byTxn;
}

export async function sessionsByTxn(
  client: Pick<ClusterApi, 'allSessions'>,
  opts: RequestOptions = {},
): Promise<Map<string, Session>> {
  return byTransaction((await openSessions(client, opts)).sessions);
}
