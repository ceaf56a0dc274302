// One time-series chart of the overview, drawn by uPlot on a canvas: the series of
// one ChartData, a dashed threshold line where a health rule fires, a readout of the
// hovered time's values (the latest ones when the pointer is elsewhere), drag-to-zoom
// on x (double-click resets), and a size that follows its box. Colours come from the
// theme at draw time (theme.ts). All text goes through textContent.
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import type { ChartData, ChartId } from '../../protocol/overview';
import { el } from '../common/dom';
import { formatTick, formatTime, formatValue, unitLabel } from './format';
import { chartTheme, seriesColor, seriesDash } from './theme';

/** Charts with this key share the crosshair and the zoom (uPlot cursor.sync, x by value). */
export const SYNC_KEY = 'crdb-overview';
const HEIGHT = 190;

export interface ChartEvents {
  /** The x range changed by a zoom or its reset; `zoomed` says whether it is narrower than the data. */
  onZoom(chart: ChartView, zoomed: boolean): void;
}

/** `#rrggbb` (or `#rgb`) with an alpha; anything else (a named or rgb() colour) has no fill. */
function withAlpha(color: string, alpha: number): string | undefined {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  const hex = short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : color;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return undefined;
  return `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;
}

/** What makes a chart need new uPlot options rather than new data. */
const shapeOf = (d: ChartData) => JSON.stringify([d.unit, d.threshold, d.series.map((s) => s.label)]);

export class ChartView {
  readonly element: HTMLElement;
  private readonly titleEl: HTMLElement;
  private readonly unitEl: HTMLElement;
  private readonly body: HTMLElement;
  private readonly readout: HTMLElement;
  private plot: uPlot | undefined;
  private data: ChartData | undefined;
  private shape = '';
  private items: Array<{ item: HTMLElement; swatch: HTMLElement; value: HTMLElement }> = [];
  private readoutTime: HTMLElement;
  private zoomed = false;
  private resizeFrame = 0;

  constructor(
    readonly id: ChartId,
    title: string,
    private readonly events: ChartEvents,
  ) {
    this.titleEl = el('h3', { class: 'chart-title' }, title);
    this.unitEl = el('span', { class: 'chart-unit muted' });
    this.body = el('div', { class: 'chart-body' });
    this.readoutTime = el('span', { class: 'readout-time' });
    this.readout = el('div', {
      class: 'chart-readout',
      'data-testid': `chart-readout-${id}`,
      'aria-live': 'off',
    });
    this.element = el(
      'section',
      { class: 'chart-card', 'data-testid': `chart-${id}`, 'data-chart': id, tabindex: -1, 'aria-label': title },
      el('header', { class: 'chart-head' }, this.titleEl, this.unitEl),
      this.body,
      this.readout,
    );
    this.setMessage(l10n.t('Loading…'));
    // The panel (and the grid's columns) change width; the canvas follows, once per frame.
    new ResizeObserver(() => {
      if (this.resizeFrame) return;
      this.resizeFrame = requestAnimationFrame(() => {
        this.resizeFrame = 0;
        const w = this.body.clientWidth;
        if (this.plot && w > 0 && w !== this.plot.width) this.plot.setSize({ width: w, height: HEIGHT });
      });
    }).observe(this.body);
  }

  /** A text in place of the chart: loading, or why this chart could not be read. */
  setMessage(text: string, kind: 'loading' | 'unavailable' = 'loading'): void {
    this.destroyPlot();
    this.data = undefined;
    this.body.replaceChildren(el('div', { class: `chart-message ${kind}`, 'data-testid': `chart-${kind}` }, text));
    this.readout.replaceChildren();
    delete this.element.dataset.drawn;
  }

  /** Header text before the plot is built; separate so that the grid can measure every box at once. */
  prepare(d: ChartData): void {
    this.titleEl.textContent = d.title;
    this.element.setAttribute('aria-label', d.title);
    this.unitEl.replaceChildren(unitLabel(d.unit));
    if (d.threshold !== undefined)
      this.unitEl.append(
        ' · ',
        el(
          'span',
          { class: 'threshold-label', title: l10n.t('Where the health rule fires (dashed line)') },
          l10n.t('threshold {0}', formatValue(d.threshold, d.unit)),
        ),
      );
    if (d.unavailable) this.setMessage(d.unavailable, 'unavailable');
  }

  /** The width the plot will get (read before any chart is built, to lay out once). */
  measure(): number {
    return this.body.clientWidth;
  }

  /** Draws `d` (after prepare): new data into the same plot when only the values changed. */
  show(d: ChartData, width: number): void {
    if (d.unavailable) return;
    const aligned: uPlot.AlignedData = [d.timestamps, ...d.series.map((s) => s.values)];
    const shape = shapeOf(d);
    this.data = d;
    if (this.plot && shape === this.shape) {
      if (this.zoomed) {
        // A refresh keeps the zoom: the same x range over the new samples.
        const { min, max } = this.plot.scales.x;
        this.plot.setData(aligned, false);
        if (min !== undefined && max !== undefined) this.plot.setScale('x', { min, max });
      } else this.plot.setData(aligned);
      this.updateReadout(null);
      return;
    }
    this.destroyPlot();
    this.shape = shape;
    this.buildReadout(d);
    this.body.replaceChildren();
    this.plot = new uPlot(this.options(d, width || 400), aligned, this.body);
    this.updateReadout(null);
  }

  /** Redraws with the colours of the current theme. */
  repaint(): void {
    if (!this.plot) return;
    this.plot.redraw(false, true);
    this.items.forEach((it, i) => (it.swatch.style.backgroundColor = seriesColor(i)));
  }

  resetZoom(): void {
    const ts = this.data?.timestamps;
    if (!this.plot || !ts?.length) return;
    this.plot.setScale('x', { min: ts[0]!, max: ts[ts.length - 1]! });
  }

  private destroyPlot(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.shape = '';
    this.items = [];
    if (this.zoomed) {
      // A chart that is gone is not zoomed: "Reset zoom" must not stay for it.
      this.zoomed = false;
      this.element.dataset.zoomed = 'false';
      this.events.onZoom(this, false);
    }
  }

  private options(d: ChartData, width: number): uPlot.Options {
    const theme = chartTheme();
    const single = d.series.length === 1;
    const axis = (y: boolean): uPlot.Axis => ({
      stroke: () => chartTheme().muted,
      font: theme.font,
      grid: { stroke: () => chartTheme().grid, width: 1 },
      ticks: { stroke: () => chartTheme().grid, width: 1, size: 4 },
      ...(y
        ? {
            values: (_u: uPlot, splits: number[]) => splits.map((v) => formatTick(v, d.unit)),
            // Room for the longest tick label ("1023 MiB") at the axis font.
            size: (_u: uPlot, values: string[] | null) =>
              values?.length ? Math.max(40, 14 + 7 * Math.max(...values.map((v) => v.length))) : 40,
          }
        : {}),
    });
    return {
      width,
      height: HEIGHT,
      legend: { show: false },
      // Room on the right for the last time label, which is centred on its tick.
      padding: [8, 20, 0, 0],
      cursor: {
        y: false,
        sync: { key: SYNC_KEY, setSeries: false, scales: ['x', null] },
        drag: { x: true, y: false, setScale: true },
        points: { size: 6, fill: (_u, i) => seriesColor(i - 1), stroke: () => chartTheme().background },
        focus: { prox: 12 },
      },
      focus: { alpha: 0.35 },
      scales: {
        x: { time: true },
        y: { range: (_u, min, max) => yRange(min, max, d.threshold) },
      },
      axes: [axis(false), axis(true)],
      series: [
        {},
        ...d.series.map((s, i): uPlot.Series => ({
          label: s.label,
          stroke: () => seriesColor(i),
          // A 1 px line is a hairline to the rasteriser, several times cheaper to draw than a wider
          // one: that keeps the nine lines of a per-node chart fast on a software-rendered canvas.
          width: d.series.length > 3 ? 1 : 1.75,
          ...(seriesDash(i) ? { dash: seriesDash(i) } : {}),
          ...(single ? { fill: () => withAlpha(seriesColor(i), 0.14) ?? 'transparent' } : {}),
          points: { show: false },
          value: (_u, v) => formatValue(v, d.unit),
        })),
      ],
      hooks: {
        draw: [(u) => this.afterDraw(u)],
        setCursor: [(u) => this.updateReadout(u.cursor.idx ?? null)],
        setScale: [(u, key) => key === 'x' && this.onScale(u)],
      },
    };
  }

  /** The threshold line over the series, and the mark that tests and the benchmark wait for. */
  private afterDraw(u: uPlot): void {
    const t = this.data?.threshold;
    if (t !== undefined) {
      const y = Math.round(u.valToPos(t, 'y', true));
      const { left, top, width, height } = u.bbox;
      const inside = y >= top && y <= top + height;
      this.unitEl.classList.toggle('threshold-off-scale', !inside);
      if (inside) {
        const ctx = u.ctx;
        const px = uPlot.pxRatio;
        ctx.save();
        ctx.strokeStyle = chartTheme().threshold;
        ctx.lineWidth = px;
        ctx.setLineDash([5 * px, 4 * px]);
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
        ctx.restore();
      }
    }
    if (this.element.dataset.drawn !== 'true') this.element.dataset.drawn = 'true';
  }

  private onScale(u: uPlot): void {
    const ts = this.data?.timestamps;
    const { min, max } = u.scales.x;
    if (!ts?.length || min === undefined || max === undefined) return;
    const slack = (ts[ts.length - 1]! - ts[0]! || 1) * 1e-6;
    const zoomed = min > ts[0]! + slack || max < ts[ts.length - 1]! - slack;
    if (zoomed === this.zoomed) return;
    this.zoomed = zoomed;
    this.element.dataset.zoomed = String(zoomed);
    this.events.onZoom(this, zoomed);
  }

  /** One toggle per series (click hides it), its colour, and its value at the cursor. */
  private buildReadout(d: ChartData): void {
    this.items = d.series.map((s, i) => {
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = seriesColor(i);
      if (seriesDash(i)) swatch.classList.add('dashed');
      const value = el('span', { class: 'readout-value' });
      const item = el(
        'button',
        { class: 'readout-item', type: 'button', 'aria-pressed': 'true', title: l10n.t('Show or hide {0}', s.label) },
        swatch,
        el('span', { class: 'readout-label' }, s.label),
        ' ',
        value,
      );
      item.addEventListener('click', () => {
        const shown = item.getAttribute('aria-pressed') !== 'true';
        item.setAttribute('aria-pressed', String(shown));
        this.plot?.setSeries(i + 1, { show: shown });
      });
      return { item, swatch, value };
    });
    // The spaces between items are not drawn (flex layout), but keep textContent readable: "10:42:10 n1 12 /s n2 …".
    this.readout.replaceChildren(this.readoutTime, ...this.items.flatMap((x) => [' ', x.item]));
  }

  /** The values at sample `idx`, or the latest sample when the pointer is not over a chart. */
  private updateReadout(idx: number | null): void {
    const d = this.data;
    if (!d || !this.items.length) return;
    const ts = d.timestamps;
    const latest = idx === null;
    const i = latest ? ts.length - 1 : idx;
    const span = ts.length > 1 ? ts[ts.length - 1]! - ts[0]! : 0;
    const time = ts[i];
    const text =
      time === undefined ? '' : latest ? l10n.t('Latest {0}', formatTime(time, span)) : formatTime(time, span);
    if (this.readoutTime.textContent !== text) this.readoutTime.textContent = text;
    d.series.forEach((s, k) => {
      const v = latest ? lastValue(s.values) : s.values[i];
      const t = formatValue(v, d.unit);
      const slot = this.items[k]!.value;
      if (slot.textContent !== t) slot.textContent = t;
    });
  }
}

/** The latest sample that is not a gap. */
function lastValue(values: ReadonlyArray<number | null>): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return null;
}

/** From zero (or the lowest value, if negative) to the highest value or the threshold, padded a little. */
function yRange(min: number | null, max: number | null, threshold: number | undefined): uPlot.Range.MinMax {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max))
    return [0, threshold !== undefined && threshold > 0 ? threshold * 1.2 : 1];
  let lo = Math.min(0, min);
  let hi = max;
  // A threshold far above every value (a 400 ms clock-offset limit over 2 ms offsets) would
  // flatten the lines to the axis: then the header names it and the scale follows the data.
  const reach = Math.max(Math.abs(min), Math.abs(max));
  if (threshold !== undefined && Math.abs(threshold) <= 4 * reach) {
    hi = Math.max(hi, threshold);
    lo = Math.min(lo, threshold);
  }
  if (hi <= lo) hi = lo + 1;
  return uPlot.rangeNum(lo, hi, 0.1, true);
}
