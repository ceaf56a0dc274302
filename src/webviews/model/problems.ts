// The problem list of a range: per replica the flags the server reports, and
// for the whole range their union plus what can be derived from the replicas
// (no lease in the history, a leaseholder that holds no replica, nodes that
// did not answer). The names come from domain/rangeProblems.
import * as l10n from '@vscode/l10n';
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
      out.push({ severity: problemSeverity(n), message: l10n.t('{0} (reported by {1})', n, nodeList(on)) });
    }
  }
  // The lease history is kept in memory per replica and a restart empties it: that
  // says nothing about the lease itself (the `no lease` flag does).
  if (d.replicas.length && !d.leaseHistory.length && !seen.has('no lease')) {
    out.push({
      severity: 'info',
      message:
        d.leaseholderNodeId !== undefined
          ? l10n.t(
              'the lease history is empty (nodes keep it in memory; a restart clears it); the hot-range report names n{0} as leaseholder',
              d.leaseholderNodeId,
            )
          : l10n.t(
              'the lease history is empty (nodes keep it in memory; a restart clears it); the leaseholder is unknown',
            ),
    });
  }
  if (
    d.leaseholderNodeId !== undefined &&
    d.replicas.length &&
    !d.replicas.some((r) => r.nodeId === d.leaseholderNodeId)
  ) {
    out.push({
      severity: 'warning',
      message: l10n.t('leaseholder n{0} holds no replica the nodes reported', d.leaseholderNodeId),
    });
  }
  const failed = d.replicas.filter((r) => r.error !== undefined);
  if (failed.length)
    out.push({ severity: 'warning', message: l10n.t('{0} did not answer', nodeList(failed.map((r) => r.nodeId))) });
  return out;
}
