// The charts section: one ChartView per ChartData in a responsive grid, their
// shared zoom (the charts are cursor-synced, so a drag on one zooms all), the
// charts' own provenance line, the "every chart failed" state, and bringing one
// chart into view when a health rule (or the host) asks for it.
import * as l10n from '@vscode/l10n';
import type { Failure } from '../../protocol/messages';
import type { ChartData, ChartId, OverviewChartsPayload, OverviewChartsQuery } from '../../protocol/overview';
import { CHART_IDS } from '../../../domain/overview/types';
import { el } from '../common/dom';
import { errorState } from '../common/states';
import { ChartView } from './chart';
import { formatTime } from './format';

/** Titles of the charts before the first answer names them. */
function placeholderTitle(id: ChartId): string {
  switch (id) {
    case 'qps':
      return l10n.t('SQL queries per second');
    case 'latency':
      return l10n.t('Service latency');
    case 'cpu':
      return l10n.t('CPU');
    case 'memory':
      return l10n.t('Memory');
    case 'capacity':
      return l10n.t('Capacity');
    case 'replication':
      return l10n.t('Replication');
    case 'clockOffset':
      return l10n.t('Clock offset');
    case 'connections':
      return l10n.t('SQL connections');
  }
}

const FLASH_MS = 2000;

export class ChartGrid {
  readonly element: HTMLElement;
  readonly provenance: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly views = new Map<string, ChartView>();
  private readonly zoomed = new Set<ChartView>();
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onZoomChange: (zoomed: boolean) => void) {
    this.provenance = el('div', { class: 'muted charts-provenance', 'data-testid': 'charts-provenance' });
    this.notice = el('div', { class: 'charts-notice' });
    this.grid = el('div', { class: 'chart-grid', 'data-testid': 'chart-grid' });
    for (const id of CHART_IDS) this.grid.append(this.view(id, placeholderTitle(id)).element);
    this.element = el('div', { class: 'charts' }, this.provenance, this.notice, this.grid);
  }

  private view(id: ChartId, title: string): ChartView {
    let v = this.views.get(id);
    if (!v) {
      v = new ChartView(id, title, {
        onZoom: (chart, zoomed) => {
          if (zoomed) this.zoomed.add(chart);
          else this.zoomed.delete(chart);
          this.onZoomChange(this.zoomed.size > 0);
        },
      });
      this.views.set(id, v);
    }
    return v;
  }

  /** Every chart shows `text` (a load for another window or per-node choice is under way). */
  setLoading(): void {
    this.notice.replaceChildren();
    this.grid.hidden = false;
    this.provenance.textContent = '';
    for (const v of this.views.values()) v.setMessage(l10n.t('Loading…'));
  }

  /** A refresh is running over the charts on screen: they stay, and the provenance line says so. */
  setBusy(busy: boolean): void {
    this.element.classList.toggle('busy', busy);
  }

  /** The charts could not be loaded at all (the request failed). */
  setFailure(f: Failure, retry: () => void): void {
    const box = errorState(f, retry);
    box.dataset.testid = 'charts-unavailable';
    box.classList.add('charts-failure');
    this.notice.replaceChildren(box);
    this.provenance.textContent = '';
    this.grid.hidden = true;
  }

  /** Lays out and draws the answer to `q`. Synchronous: the benchmark times it up to the painted frame. */
  render(p: OverviewChartsPayload, q: OverviewChartsQuery): void {
    // Which question the charts on screen answer, for tests: data-window="6h", data-per-node="true".
    for (const v of this.views.values()) {
      v.element.dataset.window = q.window.preset;
      v.element.dataset.perNode = String(q.perNode);
    }
    if (p.unavailable) {
      this.notice.replaceChildren(
        el(
          'div',
          { class: 'state charts-failure', 'data-testid': 'charts-unavailable', role: 'status' },
          el('h2', {}, l10n.t('Charts not available')),
          el('p', { 'data-testid': 'charts-unavailable-reason' }, p.unavailable.reason),
          el('p', { class: 'muted' }, p.unavailable.whatToDo),
        ),
      );
      this.grid.hidden = true;
      this.provenance.textContent = '';
      return;
    }
    this.notice.replaceChildren();
    this.grid.hidden = false;
    const span = (Date.parse(p.end) - Date.parse(p.start)) / 1000;
    const at = (iso: string) => formatTime(Date.parse(iso) / 1000, span);
    this.provenance.textContent = [
      `${at(p.start)} – ${at(p.end)}`,
      l10n.t('{0} s samples', p.sampleSeconds),
      l10n.t('from {0}', p.source.from),
      p.source.route,
    ].join(' · ');
    const shown = p.charts.filter((c) => CHART_IDS.includes(c.id));
    const views = shown.map((c) => this.view(c.id, c.title));
    // Answer order; a chart the answer left out says so instead of keeping old lines.
    const missing = [...this.views.values()].filter((v) => !views.includes(v));
    for (const v of missing) v.setMessage(l10n.t('Not in the answer for this window.'), 'unavailable');
    const order = [...views, ...missing].map((v) => v.element);
    if (order.some((e, i) => this.grid.children[i] !== e)) this.grid.replaceChildren(...order);
    shown.forEach((c, i) => views[i]!.prepare(c));
    // Every box is measured before any plot is added, so layout runs once, not once per chart.
    const widths = views.map((v) => v.measure());
    shown.forEach((c: ChartData, i) => views[i]!.show(c, widths[i]!));
  }

  repaint(): void {
    for (const v of this.views.values()) v.repaint();
  }

  resetZoom(): void {
    for (const v of this.views.values()) v.resetZoom();
  }

  /** Scrolls chart `id` into view and highlights it briefly; data-focused stays until another is focused. */
  focus(id: ChartId): boolean {
    const target = this.views.get(id);
    if (!target) return false;
    for (const v of this.views.values()) {
      if (v === target) continue;
      delete v.element.dataset.focused;
      v.element.classList.remove('flash');
    }
    const e = target.element;
    e.dataset.focused = 'true';
    // l10n-ignore: a CSS media query
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    e.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
    e.focus({ preventScroll: true });
    // Restart the highlight if it is already running.
    e.classList.remove('flash');
    void e.offsetWidth;
    e.classList.add('flash');
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => e.classList.remove('flash'), FLASH_MS);
    return true;
  }
}
