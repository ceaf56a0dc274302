// Mean and p99 latency per hour over the window: plain SVG built with
// createElementNS (no library, nothing the CSP would block), the scales from
// model/statementDetails. The same figures follow as a table for screen
// readers and for anyone who wants the numbers.
import * as l10n from '@vscode/l10n';
import { formatSeconds } from '../../../domain/workload';
import { historyFigures, latencyChartModel, type ChartBox } from '../../model/statementDetails';
import type { StatementHourPoint } from '../../protocol/workload';
import { el, svg } from '../common/dom';
import { plainTable } from '../common/table';

const BOX: ChartBox = { width: 640, height: 200, left: 64, right: 12, top: 12, bottom: 28 };

let chartSeq = 0;

function hourLabel(t: number, spanHours: number): string {
  const d = new Date(t);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return spanHours > 24 ? `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}` : time;
}

function describe(history: readonly StatementHourPoint[]): string {
  if (!history.length) return l10n.t('No executions in the window.');
  const f = historyFigures(history);
  const means = history.map((h) => h.meanLatency);
  const low = formatSeconds(Math.min(...means));
  const high = formatSeconds(Math.max(...means));
  return f.p99Latency !== undefined
    ? l10n.t(
        '{0} hours with executions. Mean latency per hour ranged from {1} to {2}; the highest hourly p99 was {3}.',
        history.length,
        low,
        high,
        formatSeconds(f.p99Latency),
      )
    : l10n.t('{0} hours with executions. Mean latency per hour ranged from {1} to {2}.', history.length, low, high);
}

export function latencyChart(
  history: readonly StatementHourPoint[],
  window: { start: string; end: string },
): HTMLElement {
  const id = `latency-${++chartSeq}`;
  const m = latencyChartModel(history, window, BOX, new Date().getTimezoneOffset());
  const spanHours = (Date.parse(window.end) - Date.parse(window.start)) / 3_600_000;
  const chart = svg('svg', {
    class: 'latency',
    viewBox: `0 0 ${BOX.width} ${BOX.height}`,
    width: '100%',
    role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
    preserveAspectRatio: 'xMinYMin meet', // l10n-ignore: an SVG attribute value
  });
  chart.append(
    svg('title', { id: `${id}-title` }, l10n.t('Latency per hour: mean and p99')),
    svg('desc', { id: `${id}-desc` }, describe(history)),
  );
  const plotBottom = BOX.height - BOX.bottom;
  for (const t of m.yTicks) {
    chart.append(
      svg('line', { class: 'gridline', x1: BOX.left, x2: BOX.width - BOX.right, y1: t.y, y2: t.y }),
      svg(
        'text',
        { x: BOX.left - 6, y: t.y + 4, 'text-anchor': 'end', class: 'small' },
        t.value === 0 ? '0' : formatSeconds(t.value),
      ),
    );
  }
  for (const t of m.xTicks) {
    chart.append(
      svg('line', { class: 'axis', x1: t.x, x2: t.x, y1: plotBottom, y2: plotBottom + 4 }),
      svg('text', { x: t.x, y: plotBottom + 16, 'text-anchor': 'middle', class: 'small' }, hourLabel(t.at, spanHours)),
    );
  }
  chart.append(
    svg('line', { class: 'axis', x1: BOX.left, x2: BOX.width - BOX.right, y1: plotBottom, y2: plotBottom }),
    svg('line', { class: 'axis', x1: BOX.left, x2: BOX.left, y1: BOX.top, y2: plotBottom }),
  );
  if (m.p99Path) chart.append(svg('path', { class: 'series p99', d: m.p99Path }));
  if (m.meanPath) chart.append(svg('path', { class: 'series mean', d: m.meanPath }));
  for (const [series, name, points] of [
    ['p99', l10n.t('p99'), m.p99],
    ['mean', l10n.t('mean'), m.mean],
  ] as const) {
    for (const p of points) {
      const dot = svg('circle', { class: `dot ${series}`, cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 2.5 });
      dot.append(
        svg('title', {}, l10n.t('{0}: {1} {2}', new Date(p.at).toLocaleString(), name, formatSeconds(p.value))),
      );
      chart.append(dot);
    }
  }

  const legend = el(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    el('span', { class: 'swatch mean' }),
    l10n.t('mean'),
    el('span', { class: 'swatch p99' }),
    l10n.t('p99'),
  );
  const rows = history.map((h) => ({
    cells: [
      { text: new Date(h.at).toLocaleString(), class: 'mono' },
      String(h.executionCount),
      formatSeconds(h.meanLatency),
      formatSeconds(h.p99Latency),
    ],
  }));
  const table = el(
    'details',
    { class: 'chart-table' },
    el('summary', {}, l10n.t('Hourly figures as a table')),
    plainTable(
      l10n.t('Latency per hour'),
      'latency-hour',
      [l10n.t('Hour'), l10n.t('Executions'), l10n.t('Mean latency'), l10n.t('p99 latency')],
      rows,
      new Set([1, 2, 3]),
    ),
  );
  const body = history.length
    ? [chart, legend]
    : [el('p', { class: 'muted' }, l10n.t('No executions of this statement in the window.'))];
  return el('div', { class: 'chart', 'data-testid': 'latency-chart', 'data-points': history.length }, ...body, table);
}
