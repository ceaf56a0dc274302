// What the Cluster overview panel remembers across hides and window reloads
// (webview state): the cluster id the serializer restores from, the chart window,
// per-node series, auto-refresh and where the page was scrolled. Read back
// defensively: it is JSON that an older build (or anything) may have written.
import * as l10n from '@vscode/l10n';
import type { OverviewPreset, OverviewWindow } from '../../protocol/overview';
import { INTERVALS } from '../hotRanges/viewState';

export { INTERVALS };

export interface OverviewViewState {
  clusterId?: string;
  window: OverviewWindow;
  /** One series per node: asked for, never the default (heavier on big clusters). */
  perNode: boolean;
  autoRefresh: boolean;
  intervalSec: number;
  /** window.scrollY when last saved. */
  scrollY: number;
}

export const WINDOW_PRESETS: ReadonlyArray<{ value: OverviewPreset; label: string }> = [
  { value: '1h', label: l10n.t('Last hour') },
  { value: '6h', label: l10n.t('Last 6 hours') },
  { value: '1d', label: l10n.t('Last day') },
  { value: '7d', label: l10n.t('Last 7 days') },
  { value: 'custom', label: l10n.t('Custom…') },
];

export const DEFAULT_STATE: OverviewViewState = {
  window: { preset: '1h' },
  perNode: false,
  autoRefresh: false,
  // The stored series have a 10 s resolution; every 30 s shows movement without asking too often.
  intervalSec: 30,
  scrollY: 0,
};

const isoDate = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)) ? v : undefined;

function readWindow(raw: unknown): OverviewWindow {
  const w = (raw ?? {}) as Record<string, unknown>;
  const preset = WINDOW_PRESETS.find((p) => p.value === w.preset)?.value;
  if (!preset) return DEFAULT_STATE.window;
  if (preset !== 'custom') return { preset };
  const start = isoDate(w.start);
  if (!start) return DEFAULT_STATE.window;
  const end = isoDate(w.end);
  return end ? { preset, start, end } : { preset, start };
}

export function readState(raw: Partial<Record<keyof OverviewViewState, unknown>>): OverviewViewState {
  const clusterId = typeof raw.clusterId === 'string' && raw.clusterId ? raw.clusterId : undefined;
  const scrollY = typeof raw.scrollY === 'number' && Number.isFinite(raw.scrollY) && raw.scrollY > 0 ? raw.scrollY : 0;
  return {
    ...(clusterId ? { clusterId } : {}),
    window: readWindow(raw.window),
    perNode: raw.perNode === true,
    autoRefresh: raw.autoRefresh === true,
    intervalSec: INTERVALS.includes(raw.intervalSec as number)
      ? (raw.intervalSec as number)
      : DEFAULT_STATE.intervalSec,
    scrollY,
  };
}
