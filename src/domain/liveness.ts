// Node liveness as people read it: the DB Console says "suspect" where the API
// says `unavailable`, and the tree colours, the status bar and the filters all
// need the same split between up, being worked on, and down.
import * as l10n from '@vscode/l10n';
import type { Liveness } from '../api/cluster/models';

export const LIVENESS_LABEL: Record<Liveness, string> = {
  live: l10n.t('live'),
  unknown: l10n.t('unknown'),
  dead: l10n.t('dead'),
  unavailable: l10n.t('suspect'),
  decommissioning: l10n.t('decommissioning'),
  decommissioned: l10n.t('decommissioned'),
  draining: l10n.t('draining'),
  starting: l10n.t('starting'),
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
