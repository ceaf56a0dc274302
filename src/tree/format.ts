// Text of tree rows; the formatting they share with the webviews and the status
// bar lives in domain/. No vscode import, so it is unit-tested on Node.
import * as l10n from '@vscode/l10n';
import type { NodeStatus, Session } from '../api/cluster/models';
import { oneLine } from '../domain/format';
import { LIVENESS_LABEL, livenessSeverity } from '../domain/liveness';
import { ageFromNanos, formatDuration } from '../domain/time';

export function nodeDescription(n: NodeStatus, now = Date.now()): string {
  const liveness = LIVENESS_LABEL[n.liveness];
  if (livenessSeverity(n.liveness) === 'down') return `${n.address} · ${liveness}`;
  return l10n.t('{0} · {1} · up {2}', n.address, liveness, formatDuration(ageFromNanos(n.startedAt, now)));
}

export function sessionLabel(s: Session): string {
  return `${s.username || l10n.t('(unknown user)')} @ ${s.applicationName || l10n.t('(no application)')}`;
}

export function sessionDescription(s: Session, now = Date.now()): string {
  const q = s.activeQueries[0];
  const age = s.start ? ` · ${formatDuration(now - s.start.getTime())}` : '';
  const what = q ? oneLine(q.sql, 60) : s.status;
  return `${what}${age} · n${s.nodeId}`;
}

/** "2 of 9 nodes did not answer"; singular when the cluster (or the failure) is one node. */
export function partialText(failed: number, total: number | undefined): string {
  const one = (total ?? failed) === 1;
  if (total && total >= failed)
    return one
      ? l10n.t('{0} of {1} node did not answer', failed, total)
      : l10n.t('{0} of {1} nodes did not answer', failed, total);
  return one ? l10n.t('{0} node did not answer', failed) : l10n.t('{0} nodes did not answer', failed);
}
