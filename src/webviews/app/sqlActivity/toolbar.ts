// The SQL activity controls: the Statements | Transactions switch, the time
// window (presets or custom start/end), internal apps, refresh and auto-refresh,
// export, the local filters and the focused row's actions. They only report
// changes; main.ts owns the state and decides what to redraw or re-fetch.
// Every drop-down is a native <select> (simple to drive from UI tests).
import * as l10n from '@vscode/l10n';
import type { ActivityFilter } from '../../model/activityColumns';
import type { ExportFormat } from '../../protocol/messages';
import type { ActivityKind, ActivityWindow, WindowPreset } from '../../protocol/workload';
import { el } from '../common/dom';
import { button } from '../common/states';
import { INTERVALS, WINDOW_PRESETS, type ActivityViewState } from './viewState';

export interface ToolbarEvents {
  onKind(kind: ActivityKind): void;
  onWindow(w: ActivityWindow): void;
  onIncludeInternal(on: boolean): void;
  onFilter(f: ActivityFilter): void;
  onAutoRefresh(on: boolean, intervalSec: number): void;
  onRefresh(): void;
  onExport(format: ExportFormat): void;
  onCopyQuery(): void;
  onOpenAsSql(): void;
  onFindInWorkspace(): void;
}

/**
 * Option values of the name filters: `=` + the exact name, so that '' ("All") never
 * collides with an application literally named '' (clients that set none).
 */
export const nameValue = (name: string): string => `=${name}`;
const nameOf = (value: string): string | undefined => (value.startsWith('=') ? value.slice(1) : undefined);

function select(testid: string, label: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = el('select', { 'data-testid': testid, 'aria-label': label });
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

/** Replaces a name filter's options, keeping `current` selected even when no loaded row has it (a restored filter). */
function fillNames(
  s: HTMLSelectElement,
  allLabel: string,
  names: readonly string[],
  current: string | undefined,
): void {
  const list = current !== undefined && !names.includes(current) ? [...names, current] : names;
  s.replaceChildren(
    el('option', { value: '' }, allLabel),
    ...list.map((n) => el('option', { value: nameValue(n) }, n === '' ? l10n.t('(no application name)') : n)),
  );
  s.value = current === undefined ? '' : nameValue(current);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO → the local "YYYY-MM-DDTHH:MM" a datetime-local input shows. */
export function toLocalInput(iso: string): string {
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
  readonly element: HTMLElement;
  readonly tabs: HTMLElement;
  readonly count: HTMLElement;
  private readonly tabButtons: Record<ActivityKind, HTMLButtonElement>;
  private readonly windowSelect: HTMLSelectElement;
  private readonly customBox: HTMLElement;
  private readonly start: HTMLInputElement;
  private readonly end: HTMLInputElement;
  private readonly internal: HTMLInputElement;
  private readonly search: HTMLInputElement;
  private readonly app: HTMLSelectElement;
  private readonly database: HTMLSelectElement;
  private readonly rowActions: HTMLElement[];
  private filter: ActivityFilter;

  constructor(state: ActivityViewState, ev: ToolbarEvents) {
    this.filter = { ...state.filter };
    const emit = () => ev.onFilter({ ...this.filter });

    // ---- Kind ----
    const tab = (kind: ActivityKind, label: string) =>
      el(
        'button',
        { role: 'tab', id: `kind-${kind}`, 'data-testid': `kind-${kind}`, 'aria-controls': 'activity-content' },
        label,
      );
    this.tabButtons = {
      statements: tab('statements', l10n.t('Statements')),
      transactions: tab('transactions', l10n.t('Transactions')),
    };
    this.tabs = el(
      'div',
      { class: 'tabs', role: 'tablist', 'aria-label': l10n.t('Statements or transactions') },
      this.tabButtons.statements,
      this.tabButtons.transactions,
    );
    for (const k of ['statements', 'transactions'] as const) {
      this.tabButtons[k].addEventListener('click', () => ev.onKind(k));
      this.tabButtons[k].addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        const other = k === 'statements' ? 'transactions' : 'statements';
        ev.onKind(other);
        this.tabButtons[other].focus();
      });
    }

    // ---- Window ----
    this.windowSelect = select('window-select', l10n.t('Time window'), (v) => {
      const preset = v as WindowPreset;
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
      this.emitCustom(ev);
    });
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
    for (const input of [this.start, this.end]) input.addEventListener('change', () => this.emitCustom(ev));
    this.customBox = el(
      'span',
      { class: 'custom-window', 'data-testid': 'custom-window' },
      el('label', {}, l10n.t('From '), this.start),
      el('label', {}, l10n.t('to '), this.end),
    );
    this.customBox.hidden = state.window.preset !== 'custom';

    this.internal = el('input', { type: 'checkbox', 'data-testid': 'internal-toggle' });
    this.internal.checked = state.includeInternal;
    this.internal.addEventListener('change', () => ev.onIncludeInternal(this.internal.checked));

    // ---- Auto-refresh (as in Hot ranges) ----
    const auto = el('input', { type: 'checkbox', 'data-testid': 'auto-refresh' });
    auto.checked = state.autoRefresh;
    const interval = select('auto-refresh-interval', l10n.t('Auto-refresh interval'), () =>
      ev.onAutoRefresh(auto.checked, Number(interval.value)),
    );
    for (const s of INTERVALS)
      interval.append(el('option', { value: String(s) }, s < 60 ? l10n.t('{0} s', s) : l10n.t('{0} min', s / 60)));
    interval.value = String(state.intervalSec);
    auto.addEventListener('change', () => ev.onAutoRefresh(auto.checked, Number(interval.value)));

    // ---- Local filters ----
    this.search = el('input', {
      type: 'search',
      'data-testid': 'search',
      placeholder: l10n.t('Search statements, applications'),
      'aria-label': l10n.t('Search statements and applications'),
      size: 32,
    });
    this.search.value = state.filter.text ?? '';
    this.search.addEventListener('input', () => {
      if (this.search.value) this.filter.text = this.search.value;
      else delete this.filter.text;
      emit();
    });
    const setName = (k: 'app' | 'database', v: string) => {
      const name = nameOf(v);
      if (name === undefined) delete this.filter[k];
      else this.filter[k] = name;
      emit();
    };
    this.app = select('app-filter', l10n.t('Application'), (v) => setName('app', v));
    this.database = select('db-filter', l10n.t('Database'), (v) => setName('database', v));
    const clear = button(
      l10n.t('Clear filters'),
      'clear-filters',
      () => {
        this.filter = {};
        this.search.value = '';
        this.app.value = '';
        this.database.value = '';
        emit();
      },
      { secondary: '' },
    );

    this.count = el('span', { class: 'muted', 'data-testid': 'row-count', 'aria-live': 'polite' });
    this.rowActions = [
      button(l10n.t('Copy query'), 'copy-query', ev.onCopyQuery, {
        secondary: '',
        title: l10n.t('Copy the focused row’s SQL'),
      }),
      button(l10n.t('Open as SQL'), 'open-as-sql', ev.onOpenAsSql, {
        secondary: '',
        title: l10n.t('Open the focused row’s SQL in a new editor (nothing runs)'),
      }),
      button(l10n.t('Find in workspace'), 'find-in-workspace', ev.onFindInWorkspace, {
        secondary: '',
        title: l10n.t('The places in workspace files that issue the focused row’s statement'),
      }),
    ];
    this.setRowActions(false);

    this.element = el(
      'div',
      { class: 'controls' },
      el(
        'div',
        { class: 'toolbar' },
        el('label', {}, l10n.t('Window '), this.windowSelect),
        this.customBox,
        el('label', {}, this.internal, l10n.t('Show internal apps')),
        button(l10n.t('Refresh'), 'refresh', ev.onRefresh),
        el('label', {}, auto, l10n.t('Auto-refresh every')),
        interval,
        button(l10n.t('Export CSV'), 'export-csv', () => ev.onExport('csv'), { secondary: '' }),
        button(l10n.t('Export JSON'), 'export-json', () => ev.onExport('json'), { secondary: '' }),
      ),
      el(
        'div',
        { class: 'toolbar', role: 'search', 'data-testid': 'filters' },
        this.search,
        this.app,
        this.database,
        clear,
        ...this.rowActions,
        this.count,
      ),
    );
    this.setKind(state.kind);
  }

  private emitCustom(ev: ToolbarEvents): void {
    const start = fromLocalInput(this.start.value);
    if (!start) return;
    const end = fromLocalInput(this.end.value);
    ev.onWindow(end ? { preset: 'custom', start, end } : { preset: 'custom', start });
  }

  setKind(kind: ActivityKind): void {
    for (const k of ['statements', 'transactions'] as const) {
      const b = this.tabButtons[k];
      b.setAttribute('aria-selected', String(k === kind));
      b.tabIndex = k === kind ? 0 : -1;
    }
    // A transaction row names no database.
    this.database.hidden = kind !== 'statements';
  }

  /** Fills the drop-downs from the loaded rows. */
  setOptions(o: { apps: string[]; databases: string[] }): void {
    fillNames(this.app, l10n.t('All applications'), o.apps, this.filter.app);
    fillNames(this.database, l10n.t('All databases'), o.databases, this.filter.database);
  }

  /** Copy query / Open as SQL act on the focused row; without one they are disabled. */
  setRowActions(enabled: boolean): void {
    for (const b of this.rowActions) b.toggleAttribute('disabled', !enabled);
  }
}
