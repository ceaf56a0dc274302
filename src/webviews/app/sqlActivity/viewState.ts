// What the SQL activity panel remembers across hides and window reloads (webview
// state): the cluster id the serializer restores from, and the user's choices —
// kind, window, internal apps, filters, a sort per kind, auto-refresh. Read back
// defensively: it is JSON that an older build (or anything) may have written.
import * as l10n from '@vscode/l10n';
import {
  DEFAULT_ACTIVITY_SORT,
  isStatementColumnKey,
  isTransactionColumnKey,
  type ActivityFilter,
  type StatementColumnKey,
  type TransactionColumnKey,
} from '../../model/activityColumns';
import type { SortSpec } from '../../model/sort';
import type { ActivityKind, ActivityWindow, WindowPreset } from '../../protocol/workload';
import { INTERVALS } from '../hotRanges/viewState';

export { INTERVALS };

export interface ActivityViewState {
  clusterId?: string;
  kind: ActivityKind;
  window: ActivityWindow;
  includeInternal: boolean;
  filter: ActivityFilter;
  sort: { statements: SortSpec<StatementColumnKey>; transactions: SortSpec<TransactionColumnKey> };
  autoRefresh: boolean;
  intervalSec: number;
}

export const WINDOW_PRESETS: ReadonlyArray<{ value: WindowPreset; label: string }> = [
  { value: '1h', label: l10n.t('Last hour') },
  { value: '6h', label: l10n.t('Last 6 hours') },
  { value: '1d', label: l10n.t('Last day') },
  { value: '3d', label: l10n.t('Last 3 days') },
  { value: '7d', label: l10n.t('Last 7 days') },
  { value: 'custom', label: l10n.t('Custom…') },
];

export const DEFAULT_STATE: ActivityViewState = {
  kind: 'statements',
  window: { preset: '1h' },
  includeInternal: false,
  filter: {},
  sort: { statements: DEFAULT_ACTIVITY_SORT, transactions: DEFAULT_ACTIVITY_SORT },
  autoRefresh: false,
  // Statistics are aggregated hourly and a load can be 10,000 rows: no need to poll faster.
  intervalSec: 60,
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const dir = (v: unknown): 'asc' | 'desc' => (v === 'asc' ? 'asc' : 'desc');
const isoDate = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)) ? v : undefined;

function readWindow(raw: unknown): ActivityWindow {
  const w = (raw ?? {}) as Record<string, unknown>;
  const preset = WINDOW_PRESETS.find((p) => p.value === w.preset)?.value;
  if (!preset) return DEFAULT_STATE.window;
  if (preset !== 'custom') return { preset };
  const start = isoDate(w.start);
  if (!start) return DEFAULT_STATE.window;
  const end = isoDate(w.end);
  return end ? { preset, start, end } : { preset, start };
}

function readSort<K extends string>(raw: unknown, isKey: (k: unknown) => k is K): SortSpec<K> | undefined {
  const s = raw as Partial<SortSpec> | undefined;
  return s && isKey(s.key) ? { key: s.key, dir: dir(s.dir) } : undefined;
}

export function readState(raw: Partial<Record<keyof ActivityViewState, unknown>>): ActivityViewState {
  const f = (raw.filter ?? {}) as Record<string, unknown>;
  const filter: ActivityFilter = {};
  // An application named '' is real (a client that set none), so only a string is checked.
  if (typeof f.app === 'string') filter.app = f.app;
  if (typeof f.database === 'string') filter.database = f.database;
  if (str(f.text)) filter.text = str(f.text)!;
  const sorts = (raw.sort ?? {}) as Record<string, unknown>;
  const clusterId = str(raw.clusterId);
  return {
    ...(clusterId ? { clusterId } : {}),
    kind: raw.kind === 'transactions' ? 'transactions' : 'statements',
    window: readWindow(raw.window),
    includeInternal: raw.includeInternal === true,
    filter,
    sort: {
      statements: readSort(sorts.statements, isStatementColumnKey) ?? DEFAULT_STATE.sort.statements,
      transactions: readSort(sorts.transactions, isTransactionColumnKey) ?? DEFAULT_STATE.sort.transactions,
    },
    autoRefresh: raw.autoRefresh === true,
    intervalSec: INTERVALS.includes(raw.intervalSec as number)
      ? (raw.intervalSec as number)
      : DEFAULT_STATE.intervalSec,
  };
}
