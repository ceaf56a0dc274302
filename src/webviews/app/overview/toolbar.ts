// The overview's controls: refresh, auto-refresh and export in the header; the
// chart window (presets or custom start/end), per-node series and "reset zoom"
// above the charts. They only report changes; main.ts owns the state and decides
// what to re-fetch. Drop-downs are native <select>s (simple to drive from UI tests).
import * as l10n from '@vscode/l10n';
import type { OverviewPreset, OverviewWindow } from '../../protocol/overview';
import { el } from '../common/dom';
import { button } from '../common/states';
import { INTERVALS, WINDOW_PRESETS, type OverviewViewState } from './viewState';

export interface ToolbarEvents {
  onRefresh(): void;
  onAutoRefresh(on: boolean, intervalSec: number): void;
  onExport(): void;
  onWindow(w: OverviewWindow): void;
  onPerNode(on: boolean): void;
  onResetZoom(): void;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO → the local "YYYY-MM-DDTHH:MM" a datetime-local input shows. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time, no offset) → ISO; undefined when empty or invalid. */
function fromLocalInput(v: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export class Toolbar {
  /** Refresh, auto-refresh, export: beside the header. */
  readonly header: HTMLElement;
  /** Window, per node, reset zoom: above the charts. */
  readonly charts: HTMLElement;
  readonly exportStatus: HTMLElement;
  private readonly windowSelect: HTMLSelectElement;
  private readonly customBox: HTMLElement;
  private readonly start: HTMLInputElement;
  private readonly end: HTMLInputElement;
  private readonly perNodeNote: HTMLElement;
  private readonly zoomReset: HTMLElement;

  constructor(state: OverviewViewState, ev: ToolbarEvents) {
    // ---- Refresh and auto-refresh (as in the other panels) ----
    const auto = el('input', { type: 'checkbox', 'data-testid': 'auto-refresh' });
    auto.checked = state.autoRefresh;
    const interval = el('select', {
      'data-testid': 'auto-refresh-interval',
      'aria-label': l10n.t('Auto-refresh interval'),
    });
    for (const s of INTERVALS)
      interval.append(el('option', { value: String(s) }, s < 60 ? l10n.t('{0} s', s) : l10n.t('{0} min', s / 60)));
    interval.value = String(state.intervalSec);
    const emitAuto = () => ev.onAutoRefresh(auto.checked, Number(interval.value));
    auto.addEventListener('change', emitAuto);
    interval.addEventListener('change', emitAuto);
    this.exportStatus = el('span', {
      class: 'muted export-status',
      'data-testid': 'export-status',
      role: 'status',
      'aria-live': 'polite',
    });
    this.header = el(
      'div',
      { class: 'toolbar header-tools' },
      button(l10n.t('Refresh'), 'refresh', ev.onRefresh),
      el('label', {}, auto, l10n.t('Auto-refresh every')),
      interval,
      button(l10n.t('Save as JSON'), 'export-json', ev.onExport, {
        secondary: '',
        title: l10n.t('Save the figures and charts shown'),
      }),
      this.exportStatus,
    );

    // ---- Window ----
    this.windowSelect = el('select', { 'data-testid': 'window-select', 'aria-label': l10n.t('Time window') });
    for (const p of WINDOW_PRESETS) this.windowSelect.append(el('option', { value: p.value }, p.label));
    this.windowSelect.value = state.window.preset;
    this.start = el('input', {
      type: 'datetime-local',
      'data-testid': 'window-start',
      'aria-label': l10n.t('Window start'),
    });
    this.end = el('input', { type: 'datetime-local', 'data-testid': 'window-end', 'aria-label': l10n.t('Window end') });
    if (state.window.preset === 'custom') {
      this.start.value = toLocalInput(state.window.start ?? '');
      if (state.window.end) this.end.value = toLocalInput(state.window.end);
    }
    this.customBox = el(
      'span',
      { class: 'custom-window', 'data-testid': 'custom-window' },
      el('label', {}, l10n.t('From'), ' ', this.start),
      el('label', {}, l10n.t('to'), ' ', this.end),
    );
    this.customBox.hidden = state.window.preset !== 'custom';
    const emitCustom = () => {
      const start = fromLocalInput(this.start.value);
      if (!start) return;
      const end = fromLocalInput(this.end.value);
      ev.onWindow(end ? { preset: 'custom', start, end } : { preset: 'custom', start });
    };
    for (const input of [this.start, this.end]) input.addEventListener('change', emitCustom);
    this.windowSelect.addEventListener('change', () => {
      const preset = this.windowSelect.value as OverviewPreset;
      if (preset !== 'custom') {
        this.customBox.hidden = true;
        ev.onWindow({ preset });
        return;
      }
      // A custom window starts as the last hour, for the user to adjust.
      const now = Date.now();
      if (!this.start.value) this.start.value = toLocalInput(new Date(now - 3_600_000).toISOString());
      if (!this.end.value) this.end.value = toLocalInput(new Date(now).toISOString());
      this.customBox.hidden = false;
      emitCustom();
    });

    // ---- Per node ----
    const perNode = el('input', { type: 'checkbox', 'data-testid': 'per-node-toggle' });
    perNode.checked = state.perNode;
    this.perNodeNote = el(
      'span',
      { class: 'muted per-node-note', 'data-testid': 'per-node-note' },
      l10n.t('One series per node: heavier on big clusters.'),
    );
    this.perNodeNote.hidden = !state.perNode;
    perNode.addEventListener('change', () => {
      this.perNodeNote.hidden = !perNode.checked;
      ev.onPerNode(perNode.checked);
    });

    this.zoomReset = button(l10n.t('Reset zoom'), 'zoom-reset', ev.onResetZoom, {
      secondary: '',
      title: l10n.t('Back to the whole window (or double-click a chart)'),
    });
    this.zoomReset.hidden = true;

    this.charts = el(
      'div',
      { class: 'toolbar charts-tools' },
      el('label', {}, l10n.t('Window'), ' ', this.windowSelect),
      this.customBox,
      el(
        'label',
        {
          title: l10n.t(
            'One series per node instead of the cluster aggregate (one more series per node to fetch and draw)',
          ),
        },
        perNode,
        l10n.t('Per node'),
      ),
      this.perNodeNote,
      this.zoomReset,
      el('span', { class: 'muted zoom-hint' }, l10n.t('Drag across a chart to zoom; double-click to reset.')),
    );
  }

  setZoomed(zoomed: boolean): void {
    this.zoomReset.hidden = !zoomed;
  }
}
