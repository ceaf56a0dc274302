// Horizontal bar chart of the top ranges or tables by QPS, plain SVG built
// with createElementNS (labels are SVG <text> with textContent, so a hostile
// table name stays text). Bars are focusable and open what they stand for.
import * as l10n from '@vscode/l10n';
import { fixed } from '../../../domain/format';
import { svg } from '../common/dom';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Hover text. */
  title: string;
}

const BAR_H = 18;
const GAP = 4;
const LABEL_W = 170;
const VALUE_W = 70;
const WIDTH = 640;

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function barChart(title: string, bars: readonly Bar[], onPick: (key: string) => void): SVGSVGElement {
  const height = Math.max(1, bars.length) * (BAR_H + GAP) + 20;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: '100%',
    height,
    role: 'img',
    'aria-label': title,
    'data-testid': 'qps-chart',
    preserveAspectRatio: 'xMinYMin meet', // l10n-ignore: SVG attribute value
  });
  chart.append(svg('title', {}, title));
  const max = Math.max(0, ...bars.map((b) => b.value));
  const plotW = WIDTH - LABEL_W - VALUE_W;
  chart.append(svg('line', { class: 'axis', x1: LABEL_W, x2: LABEL_W, y1: 0, y2: height - 16 }));
  bars.forEach((b, i) => {
    const y = i * (BAR_H + GAP);
    const w = max > 0 ? Math.max(1, (b.value / max) * plotW) : 1;
    const g = svg('g', {
      class: 'bar-group',
      tabindex: 0,
      role: 'button',
      'data-key': b.key,
      'data-testid': 'chart-bar',
      'aria-label': l10n.t('{0}: {1} QPS', b.label, fixed(b.value)),
    });
    g.append(svg('title', {}, b.title));
    g.append(svg('text', { x: LABEL_W - 6, y: y + BAR_H - 5, 'text-anchor': 'end' }, truncate(b.label, 28)));
    g.append(svg('rect', { class: 'bar', x: LABEL_W + 1, y, width: w.toFixed(1), height: BAR_H, rx: 2 }));
    g.append(svg('text', { x: LABEL_W + w + 6, y: y + BAR_H - 5 }, fixed(b.value)));
    g.addEventListener('click', () => onPick(b.key));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onPick(b.key);
      }
    });
    chart.append(g);
  });
  if (!bars.length) chart.append(svg('text', { x: LABEL_W + 8, y: 14, class: 'small' }, l10n.t('No data')));
  chart.append(svg('text', { x: LABEL_W, y: height - 4, class: 'small' }, l10n.t('QPS (max {0})', fixed(max))));
  return chart;
}
