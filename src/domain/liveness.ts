// Node liveness as people read it: the DB Console says "suspect" where the API
// says `unavailable`, and the tree colours, the status bar and the filters all
// need the same split between up, being worked on, and down.
import type { Liveness } from '../api/cluster/models';

export const LIVENESS_LABEL: Record<Liveness, string> = {
  live: 'live',
  unknown: 'unknown',
  dead: 'dead',
  unavailable: 'suspect',
  decommissioning: 'decommissioning',
  decommissioned: 'decommissioned',
  draining: 'draining',
  starting: 'starting',
};

export type LivenessSeverity = 'ok' | 'warn' | 'down';

/** Healthy, needing attention (an operator is working on it), or down. */
export function livenessSeverity(l: Liveness): LivenessSeverity {
  if (l === 'live') return 'ok';
  if (l === 'dead' || l === 'unavailable' || l === 'unknown') return 'down';
  return 'warn';
}

const SEVERITY_ORDER: readonly LivenessSeverity[] = ['ok', 'warn', 'down'];

/** Every liveness label once, up first, then being worked on, then down: the choices of the node filter. */
export function livenessFilterLabels(): string[] {
  const all = Object.keys(LIVENESS_LABEL) as Liveness[];
  return SEVERITY_ORDER.flatMap((s) => all.filter((l) => livenessSeverity(l) === s).map((l) => LIVENESS_LABEL[l]));
}
