// The Hot ranges controls: tabs, filters, the server-side node picker,
// auto-refresh, refresh and export. They only report changes; main.ts owns the
// state and decides what to redraw or re-fetch.
import * as l10n from '@vscode/l10n';
import type { HotFilter } from '../../model/filter';
import type { NodeSummary } from '../../protocol/data';
import type { ExportFormat } from '../../protocol/messages';
import { el } from '../common/dom';
import { button } from '../common/states';
import { INTERVALS, type HotViewState, type Tab } from './viewState';

export interface ToolbarEvents {
  onTab(tab: Tab): void;
  onFilter(f: HotFilter): void;
  onServerNode(nodeId: number | undefined): void;
  onRollupLevel(level: 'table' | 'index'): void;
  onAutoRefresh(on: boolean, intervalSec: number): void;
  onRefresh(): void;
  onExport(format: ExportFormat): void;
}

function select(testid: string, label: string, onChange: (v: string) => void): HTMLSelectElement {
  const s = el('select', { 'data-testid': testid, 'aria-label': label });
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

/** Replaces a select's options, keeping `current` selected if it is still offered (or adding it, so a restored filter shows). */
function fillSelect(
  s: HTMLSelectElement,
  allLabel: string,
  values: ReadonlyArray<{ value: string; label: string }>,
  current: string | undefined,
): void {
  const opts = [el('option', { value: '' }, allLabel)];
  const list =
    current && !values.some((v) => v.value === current) ? [...values, { value: current, label: current }] : values;
  for (const v of list) opts.push(el('option', { value: v.value }, v.label));
  s.replaceChildren(...opts);
  s.value = current ?? '';
}

export class Toolbar {
  readonly element: HTMLElement;
  readonly tabs: HTMLElement;
  private readonly tabButtons: Record<Tab, HTMLButtonElement>;
  private readonly text: HTMLInputElement;
  private readonly database: HTMLSelectElement;
  private readonly table: HTMLSelectElement;
  private readonly index: HTMLSelectElement;
  private readonly node: HTMLSelectElement;
  private readonly serverNode: HTMLSelectElement;
  private readonly rollupLevel: HTMLSelectElement;
  private readonly rollupLabel: HTMLElement;
  private readonly auto: HTMLInputElement;
  private readonly interval: HTMLSelectElement;
  readonly count: HTMLElement;
  private filter: HotFilter;

  constructor(state: HotViewState, ev: ToolbarEvents) {
    this.filter = { ...state.filter };
    const emit = () => ev.onFilter({ ...this.filter });
    const setF = (k: 'database' | 'table' | 'index', v: string) => {
      if (v) this.filter[k] = v;
      else delete this.filter[k];
      emit();
    };

    this.text = el('input', {
      type: 'search',
      'data-testid': 'filter-text',
      placeholder: l10n.t('Filter: range, name, node, locality'),
      'aria-label': l10n.t('Filter hot ranges'),
      size: 32,
    });
    this.text.value = state.filter.text ?? '';
    this.text.addEventListener('input', () => {
      if (this.text.value) this.filter.text = this.text.value;
      else delete this.filter.text;
      emit();
    });
    this.database = select('filter-database', l10n.t('Database'), (v) => setF('database', v));
    this.table = select('filter-table', l10n.t('Table'), (v) => setF('table', v));
    this.index = select('filter-index', l10n.t('Index'), (v) => setF('index', v));
    this.node = select('filter-node', l10n.t('Node (client-side filter)'), (v) => {
      if (v) this.filter.nodeId = Number(v);
      else delete this.filter.nodeId;
      emit();
    });
    const clear = button(
      l10n.t('Clear filters'),
      'clear-filters',
      () => {
        this.filter = {};
        this.text.value = '';
        for (const s of [this.database, this.table, this.index, this.node]) s.value = '';
        emit();
      },
      { secondary: '' },
    );

    this.serverNode = select('node-picker', l10n.t('Fetch hot ranges from'), (v) =>
      ev.onServerNode(v ? Number(v) : undefined),
    );
    this.rollupLevel = select('rollup-level', l10n.t('Roll up by'), (v) =>
      ev.onRollupLevel(v === 'index' ? 'index' : 'table'),
    );
    this.rollupLevel.append(
      el('option', { value: 'table' }, l10n.t('by table')),
      el('option', { value: 'index' }, l10n.t('by index')),
    );
    this.rollupLevel.value = state.rollupLevel;
    this.rollupLabel = el('label', {}, l10n.t('Roll up'), ' ', this.rollupLevel);

    this.auto = el('input', { type: 'checkbox', 'data-testid': 'auto-refresh' });
    this.auto.checked = state.autoRefresh;
    this.interval = select('auto-refresh-interval', l10n.t('Auto-refresh interval'), () =>
      ev.onAutoRefresh(this.auto.checked, Number(this.interval.value)),
    );
    for (const s of INTERVALS)
      this.interval.append(el('option', { value: String(s) }, s < 60 ? l10n.t('{0} s', s) : l10n.t('{0} min', s / 60)));
    this.interval.value = String(state.intervalSec);
    this.auto.addEventListener('change', () => ev.onAutoRefresh(this.auto.checked, Number(this.interval.value)));

    this.count = el('span', { class: 'muted', 'data-testid': 'row-count' });

    this.tabButtons = {
      ranges: el(
        'button',
        { role: 'tab', id: 'tab-ranges', 'data-testid': 'tab-ranges', 'aria-controls': 'panel-ranges' },
        l10n.t('Ranges'),
      ),
      tables: el(
        'button',
        { role: 'tab', id: 'tab-tables', 'data-testid': 'tab-tables', 'aria-controls': 'panel-tables' },
        l10n.t('Hot tables'),
      ),
    };
    this.tabs = el(
      'div',
      { class: 'tabs', role: 'tablist', 'aria-label': l10n.t('Hot ranges views') },
      this.tabButtons.ranges,
      this.tabButtons.tables,
    );
    for (const t of ['ranges', 'tables'] as const) {
      this.tabButtons[t].addEventListener('click', () => ev.onTab(t));
      this.tabButtons[t].addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        const other = t === 'ranges' ? 'tables' : 'ranges';
        ev.onTab(other);
        this.tabButtons[other].focus();
      });
    }
    this.setTab(state.tab);

    this.element = el(
      'div',
      { class: 'controls' },
      el(
        'div',
        { class: 'toolbar' },
        el('label', {}, l10n.t('Nodes'), ' ', this.serverNode),
        button(l10n.t('Refresh'), 'refresh', ev.onRefresh),
        el('label', {}, this.auto, l10n.t('Auto-refresh every')),
        this.interval,
        button(l10n.t('Export CSV'), 'export-csv', () => ev.onExport('csv'), { secondary: '' }),
        button(l10n.t('Export JSON'), 'export-json', () => ev.onExport('json'), { secondary: '' }),
      ),
      el(
        'div',
        { class: 'toolbar', role: 'search', 'data-testid': 'filters' },
        this.text,
        this.database,
        this.table,
        this.index,
        this.node,
        clear,
        this.rollupLabel,
        this.count,
      ),
    );
  }

  /** Shows a filter set from elsewhere (a drill-down from Hot tables); setOptions then selects it. */
  setFilter(f: HotFilter): void {
    this.filter = { ...f };
    this.text.value = f.text ?? '';
  }

  setTab(tab: Tab): void {
    for (const t of ['ranges', 'tables'] as const) {
      const b = this.tabButtons[t];
      b.setAttribute('aria-selected', String(t === tab));
      b.tabIndex = t === tab ? 0 : -1;
    }
    this.rollupLabel.hidden = tab !== 'tables';
  }

  /** Fills the drop-downs from the loaded rows and the cluster's nodes. */
  setOptions(
    o: { databases: string[]; tables: string[]; indexes: string[]; nodes: number[] },
    clusterNodes: readonly NodeSummary[],
    serverNodeId: number | undefined,
  ): void {
    const plain = (xs: string[]) => xs.map((x) => ({ value: x, label: x }));
    fillSelect(this.database, l10n.t('All databases'), plain(o.databases), this.filter.database);
    fillSelect(this.table, l10n.t('All tables'), plain(o.tables), this.filter.table);
    fillSelect(this.index, l10n.t('All indexes'), plain(o.indexes), this.filter.index);
    fillSelect(
      this.node,
      l10n.t('Any node'),
      o.nodes.map((n) => ({ value: String(n), label: l10n.t('n{0}', n) })),
      this.filter.nodeId?.toString(),
    );
    // The picker lists every node (not just those with hot ranges) with its locality.
    const picker = clusterNodes.length
      ? clusterNodes.map((n) => ({
          value: String(n.nodeId),
          label: n.locality ? l10n.t('n{0} ({1})', n.nodeId, n.locality) : l10n.t('n{0}', n.nodeId),
        }))
      : o.nodes.map((n) => ({ value: String(n), label: l10n.t('n{0}', n) }));
    fillSelect(this.serverNode, l10n.t('All nodes'), picker, serverNodeId?.toString());
  }
}
