// The problem list of a range: per replica the flags the server reports, and
// for the whole range their union plus what can be derived from the replicas
// (no lease in the history, a leaseholder that holds no replica, nodes that
// did not answer). The names come from domain/rangeProblems.
import { nodeList } from '../../domain/format';
import { problemNames, problemSeverity, type ProblemSeverity } from '../../domain/rangeProblems';
import type { RangeDetailsPayload, ReplicaView } from '../protocol/data';

export type Severity = ProblemSeverity | 'info';

export interface Finding {
  severity: Severity;
  message: string;
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
      const on = d.replicas.filter((x) => replicaProblems(x).includes(n)).map((x) => x.nodeId);
      out.push({ severity: problemSeverity(n), message: `${n} (reported by ${nodeList(on)})` });
    }
  }
  // The lease history is kept in memory per replica and a restart empties it: that
  // says nothing about the lease itself (the `no lease` flag does).
  if (d.replicas.length && !d.leaseHistory.length && !seen.has('no lease')) {
    const who =
      d.leaseholderNodeId !== undefined
        ? `the hot-range report names n${d.leaseholderNodeId} as leaseholder`
        : 'the leaseholder is unknown';
    out.push({
      severity: 'info',
      message: `the lease history is empty (nodes keep it in memory; a restart clears it); ${who}`,
    });
  }
  if (
    d.leaseholderNodeId !== undefined &&
    d.replicas.length &&
    !d.replicas.some((r) => r.nodeId === d.leaseholderNodeId)
  ) {
    out.push({
      severity: 'warning',
      message: `leaseholder n${d.leaseholderNodeId} holds no replica the nodes reported`,
    });
  }
  const failed = d.replicas.filter((r) => r.error !== undefined);
  if (failed.length)
    out.push({ severity: 'warning', message: `${nodeList(failed.map((r) => r.nodeId))} did not answer` });
  return out;
}
