// The questions Filter… asks on each filterable section. Each resolves to the new
// filter, or undefined when the person cancelled (the filter then stays as it was).
import * as l10n from '@vscode/l10n';
import { livenessFilterLabels } from '../domain/liveness';
import type { Ui } from '../ui/ui';
import { parseRangeIds, type NodeFilter, type RangeFilter, type SessionFilter } from './filters';

/** A choice shown as `label` that filters by `value` ("any" filters by nothing). */
interface Choice {
  label: string;
  value: string | undefined;
}

/** The chosen value (undefined for "any"), or undefined when the person cancelled. */
async function choose(ui: Ui, choices: Choice[], title: string): Promise<{ value: string | undefined } | undefined> {
  const picked = await ui.pick(choices, { title });
  return picked ? { value: picked.value } : undefined;
}

const anyChoice = (): Choice => ({ label: l10n.t('any'), value: undefined });

export async function askNodeFilter(ui: Ui, cur: NodeFilter = {}): Promise<{ filter: NodeFilter } | undefined> {
  const locality = await ui.input({
    title: l10n.t('Filter nodes (1/2): locality'),
    prompt: l10n.t('Part of the locality, e.g. region=us-east1 (empty for any)'),
    value: cur.locality ?? '',
  });
  if (locality === undefined) return undefined;
  const liveness = await choose(
    ui,
    [anyChoice(), ...livenessFilterLabels().map((label) => ({ label, value: label }))],
    l10n.t('Filter nodes (2/2): liveness'),
  );
  if (liveness === undefined) return undefined;
  return {
    filter: {
      ...(locality.trim() ? { locality: locality.trim() } : {}),
      ...(liveness.value !== undefined ? { liveness: liveness.value } : {}),
    },
  };
}

export async function askSessionFilter(
  ui: Ui,
  cur: SessionFilter = {},
): Promise<{ filter: SessionFilter } | undefined> {
  const user = await ui.input({
    title: l10n.t('Filter sessions (1/3): user'),
    prompt: l10n.t('SQL user (empty for any)'),
    value: cur.user ?? '',
  });
  if (user === undefined) return undefined;
  const application = await ui.input({
    title: l10n.t('Filter sessions (2/3): application'),
    prompt: l10n.t('Part of the application name (empty for any)'),
    value: cur.application ?? '',
  });
  if (application === undefined) return undefined;
  // The values are the session statuses the server reports; the labels are what the picker shows.
  const status = await choose(
    ui,
    [
      anyChoice(),
      { label: l10n.t('active'), value: 'active' },
      { label: l10n.t('idle'), value: 'idle' },
      { label: l10n.t('closed'), value: 'closed' },
    ],
    l10n.t('Filter sessions (3/3): status'),
  );
  if (status === undefined) return undefined;
  return {
    filter: {
      ...(user.trim() ? { user: user.trim() } : {}),
      ...(application.trim() ? { application: application.trim() } : {}),
      ...(status.value !== undefined ? { status: status.value } : {}),
    },
  };
}

export async function askRangeFilter(
  ui: Ui,
  cur: RangeFilter = {},
): Promise<{ filter: RangeFilter | undefined } | undefined> {
  const text = await ui.input({
    title: l10n.t('Filter ranges'),
    prompt: l10n.t('Range ids, e.g. 12, 40-45'),
    value: cur.rangeIds?.join(', ') ?? '',
    validateInput: (v) =>
      !v.trim() || parseRangeIds(v) ? undefined : l10n.t('Range ids separated by commas, ranges as 40-45'),
  });
  if (text === undefined) return undefined;
  const ids = parseRangeIds(text);
  return { filter: ids ? { rangeIds: ids } : undefined };
}
