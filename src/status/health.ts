// Turns a health probe and node liveness into what the status bar shows.
// No vscode import, so the rules are unit-tested on Node.
import type { NodeStatus } from '../api/cluster/models';
import { isApiError } from '../api/http/errors';
import { LIVENESS_LABEL, livenessSeverity } from '../tree/format';

export type HealthState = 'healthy' | 'degraded' | 'unreachable' | 'signedOut' | 'unknown';

export interface Health {
  state: HealthState;
  /** Short text after the cluster name. */
  summary: string;
  /** Lines for the tooltip. */
  details: string[];
  live: number;
  total: number;
}

export function healthFromNodes(ready: boolean, nodes: NodeStatus[]): Health {
  const total = nodes.length;
  const live = nodes.filter((n) => n.liveness === 'live').length;
  const problems = nodes.filter((n) => livenessSeverity(n.liveness) !== 'ok').map((n) => `n${n.nodeId} ${LIVENESS_LABEL[n.liveness]} (${n.address})`);
  if (!ready) problems.unshift('the node answering is not ready (health/?ready=true failed)');
  const state: HealthState = problems.length ? 'degraded' : 'healthy';
  const summary = `${live}/${total} live`;
  return { state, summary, details: problems, live, total };
}

export function healthFromError(error: unknown): Health {
  if (isApiError(error, 'unauthorized')) return { state: 'signedOut', summary: 'signed out', details: ['Sign in to see the cluster health.'], live: 0, total: 0 };
  const message = error instanceof Error ? error.message : String(error);
  return { state: 'unreachable', summary: 'unreachable', details: [message], live: 0, total: 0 };
}

/** Next poll delay: slower while failing (doubling up to 8×) and while the window is unfocused. */
export function nextDelay(baseMs: number, consecutiveFailures: number, focused: boolean): number {
  const backoff = Math.min(8, 2 ** Math.max(0, consecutiveFailures));
  return baseMs * (consecutiveFailures > 0 ? backoff : 1) * (focused ? 1 : 4);
}
