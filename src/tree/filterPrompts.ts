// The questions Filter… asks on each filterable section. Each resolves to the new
// filter, or undefined when the person cancelled (the filter then stays as it was).
import { livenessFilterLabels } from '../domain/liveness';
import type { Ui } from '../ui/ui';
import { parseRangeIds, type NodeFilter, type RangeFilter, type SessionFilter } from './filters';

async function choose(ui: Ui, labels: string[], title: string): Promise<string | undefined> {
  return (
    await ui.pick(
      labels.map((label) => ({ label })),
      { title },
    )
  )?.label;
}

export async function askNodeFilter(ui: Ui, cur: NodeFilter = {}): Promise<{ filter: NodeFilter } | undefined> {
  const locality = await ui.input({
    title: 'Filter nodes (1/2): locality',
    prompt: 'Part of the locality, e.g. region=us-east1 (empty for any)',
    value: cur.locality ?? '',
  });
  if (locality === undefined) return undefined;
  const liveness = await choose(ui, ['any', ...livenessFilterLabels()], 'Filter nodes (2/2): liveness');
  if (liveness === undefined) return undefined;
  return {
    filter: { ...(locality.trim() ? { locality: locality.trim() } : {}), ...(liveness !== 'any' ? { liveness } : {}) },
  };
}

export async function askSessionFilter(
  ui: Ui,
  cur: SessionFilter = {},
): Promise<{ filter: SessionFilter } | undefined> {
  const user = await ui.input({
    title: 'Filter sessions (1/3): user',
    prompt: 'SQL user (empty for any)',
    value: cur.user ?? '',
  });
  if (user === undefined) return undefined;
  const application = await ui.input({
    title: 'Filter sessions (2/3): application',
    prompt: 'Part of the application name (empty for any)',
    value: cur.application ?? '',
  });
  if (application === undefined) return undefined;
  const status = await choose(ui, ['any', 'active', 'idle', 'closed'], 'Filter sessions (3/3): status');
  if (status === undefined) return undefined;
  return {
    filter: {
      ...(user.trim() ? { user: user.trim() } : {}),
      ...(application.trim() ? { application: application.trim() } : {}),
      ...(status !== 'any' ? { status } : {}),
    },
  };
}

export async function askRangeFilter(
  ui: Ui,
  cur: RangeFilter = {},
): Promise<{ filter: RangeFilter | undefined } | undefined> {
  const text = await ui.input({
    title: 'Filter ranges',
    prompt: 'Range ids, e.g. 12, 40-45',
    value: cur.rangeIds?.join(', ') ?? '',
    validateInput: (v) =>
      !v.trim() || parseRangeIds(v) ? undefined : 'Range ids separated by commas, ranges as 40-45',
  });
  if (text === undefined) return undefined;
  const ids = parseRangeIds(text);
  return { filter: ids ? { rangeIds: ids } : undefined };
}
