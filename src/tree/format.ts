// Text of tree rows; the formatting they share with the webviews and the status
// bar lives in domain/. No vscode import, so it is unit-tested on Node.
import type { NodeStatus, Session } from '../api/cluster/models';
import { oneLine } from '../domain/format';
import { LIVENESS_LABEL, livenessSeverity } from '../domain/liveness';
import { ageFromNanos, formatDuration } from '../domain/time';

export function nodeDescription(n: NodeStatus, now = Date.now()): string {
  const uptime =
    livenessSeverity(n.liveness) === 'down' ? '' : ` · up ${formatDuration(ageFromNanos(n.startedAt, now))}`;
  return `${n.address} · ${LIVENESS_LABEL[n.liveness]}${uptime}`;
}

export function sessionLabel(s: Session): string {
  return `${s.username || '(unknown user)'} @ ${s.applicationName || '(no application)'}`;
}

export function sessionDescription(s: Session, now = Date.now()): string {
  const q = s.activeQueries[0];
  const age = s.start ? ` · ${formatDuration(now - s.start.getTime())}` : '';
  const what = q ? oneLine(q.sql, 60) : s.status;
  return `${what}${age} · n${s.nodeId}`;
}

/** "2 of 9 nodes did not answer" */
export function partialText(failed: number, total: number | undefined, noun = 'node'): string {
  const of = total && total >= failed ? `${failed} of ${total}` : `${failed}`;
  return `${of} ${noun}${(total ?? failed) === 1 ? '' : 's'} did not answer`;
}
