// The problem list of a range: per replica the flags the server reports, and
// for the whole range their union plus what can be derived from the replicas
// (no lease in the history, a leaseholder that holds no replica, nodes that
// did not answer). Names match the DB Console's Range Report.
import type { ProblemFlags, RangeDetailsPayload, ReplicaView } from '../protocol/data';

export type Severity = 'problem' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  message: string;
}

const FLAG_NAMES: ReadonlyArray<[keyof Omit<ProblemFlags, 'other'>, string]> = [
  ['unavailable', 'unavailable'],
  ['underreplicated', 'under-replicated'],
  ['overreplicated', 'over-replicated'],
  ['leaderNotLeaseHolder', 'leader not leaseholder'],
  ['noRaftLeader', 'no raft leader'],
  ['noLease', 'no lease'],
  ['quiescentEqualsTicking', 'quiescent equals ticking'],
  ['raftLogTooLarge', 'raft log too large'],
];

/** `circuitBreakerError` / `circuit_breaker_error` → `circuit breaker error`. */
function humanise(flag: string): string {
  return flag
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

export function problemNames(p: ProblemFlags | undefined): string[] {
  if (!p) return [];
  const names = FLAG_NAMES.filter(([k]) => p[k]).map(([, n]) => n);
  for (const o of p.other) {
    const n = humanise(o);
    if (n && !names.includes(n)) names.push(n);
  }
  return names;
}

/** Unavailable and no-lease stop traffic; the rest degrade it. */
export function problemSeverity(name: string): Severity {
  return name === 'unavailable' || name === 'no lease' || name === 'no raft leader' || name === 'under-replicated' ? 'problem' : 'warning';
}

export function replicaProblems(r: ReplicaView): string[] {
  return problemNames(r.problems);
}

export function rangeFindings(d: RangeDetailsPayload): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of d.replicas) {
    for (const n of replicaProblems(r)) {
      if (seen.has(n)) continue;
      seen.add(n);
      const on = d.replicas.filter((x) => replicaProblems(x).includes(n)).map((x) => `n${x.nodeId}`);
      out.push({ severity: problemSeverity(n), message: `${n} (reported by ${on.join(', ')})` });
    }
  }
  // The lease history is kept in memory per replica and a restart empties it: that
  // says nothing about the lease itself (the `no lease` flag does).
  if (d.replicas.length && !d.leaseHistory.length && !seen.has('no lease')) {
    const who = d.leaseholderNodeId !== undefined ? `the hot-range report names n${d.leaseholderNodeId} as leaseholder` : 'the leaseholder is unknown';
    out.push({ severity: 'info', message: `the lease history is empty (nodes keep it in memory; a restart clears it); ${who}` });
  }
  if (d.leaseholderNodeId !== undefined && d.replicas.length && !d.replicas.some((r) => r.nodeId === d.leaseholderNodeId)) {
    out.push({ severity: 'warning', message: `leaseholder n${d.leaseholderNodeId} holds no replica the nodes reported` });
  }
  const failed = d.replicas.filter((r) => r.error !== undefined);
  if (failed.length) out.push({ severity: 'warning', message: `${failed.map((r) => `n${r.nodeId}`).join(', ')} did not answer` });
  return out;
}
