// The figures read now: the cards, the health rules and the node table. The host
// formats every figure; this lays them out. Region names, addresses and versions
// come from the cluster, so everything is text nodes (no HTML sinks).
import * as l10n from '@vscode/l10n';
import type {
  ChartId,
  FigureState,
  OverviewCard,
  OverviewNodeRow,
  OverviewPayload,
  RuleView,
} from '../../protocol/overview';
import { formatBytes } from '../../../domain/format';
import { el } from '../common/dom';
import { provenanceText, sourceLine } from './format';

const STATE_ICON: Record<FigureState, string> = {
  ok: 'codicon-pass-filled',
  warning: 'codicon-warning',
  critical: 'codicon-error',
  unknown: 'codicon-question',
};

function stateLabel(s: FigureState): string {
  switch (s) {
    case 'ok':
      return l10n.t('OK');
    case 'warning':
      return l10n.t('Warning');
    case 'critical':
      return l10n.t('Critical');
    case 'unknown':
      return l10n.t('Unknown');
  }
}

/** A figure state as an icon with its name for screen readers (colour alone says nothing to them). */
function stateIcon(s: FigureState): HTMLElement {
  return el('span', { class: `codicon ${STATE_ICON[s]} state-icon`, role: 'img', 'aria-label': stateLabel(s) });
}

/** Cards and rules that have a chart open it on click (and on Enter, being buttons). */
function chartAction(e: HTMLElement, chart: ChartId | undefined, onChart: (c: ChartId) => void): void {
  if (!chart) return;
  e.classList.add('has-chart');
  e.dataset.opensChart = chart;
  e.addEventListener('click', () => onChart(chart));
}

function card(c: OverviewCard, onChart: (c: ChartId) => void): HTMLElement {
  const body: Array<HTMLElement> = [el('div', { class: 'card-label' }, c.label)];
  if (c.unavailable) {
    body.push(
      el('div', { class: 'card-value unavailable' }, '—'),
      el('div', { class: 'card-detail', 'data-testid': 'card-unavailable' }, c.unavailable),
    );
  } else {
    body.push(el('div', { class: 'card-value' }, c.value));
    if (c.detail) body.push(el('div', { class: 'card-detail' }, c.detail));
  }
  body.push(el('div', { class: 'card-source muted', title: provenanceText(c.source) }, sourceLine(c.source)));
  const e = el(
    c.chart ? 'button' : 'div',
    {
      class: `card state-${c.unavailable ? 'unknown' : c.state}`,
      'data-testid': `card-${c.id}`,
      'data-state': c.unavailable ? 'unknown' : c.state,
      ...(c.chart ? { type: 'button', title: l10n.t('Show its chart') } : {}),
    },
    ...body,
  );
  chartAction(e, c.chart, onChart);
  return e;
}

export function renderCards(cards: readonly OverviewCard[], onChart: (c: ChartId) => void): HTMLElement {
  return el('div', { class: 'cards', 'data-testid': 'cards' }, ...cards.map((c) => card(c, onChart)));
}

function rule(r: RuleView, onChart: (c: ChartId) => void): HTMLElement {
  const inner = el(
    r.chart ? 'button' : 'div',
    { class: 'rule-inner', ...(r.chart ? { type: 'button', title: l10n.t('Show its chart') } : {}) },
    stateIcon(r.state),
    el('span', { class: 'rule-title' }, r.title),
    el('span', { class: 'rule-value' }, r.value),
  );
  chartAction(inner, r.chart, onChart);
  return el('li', { class: `rule state-${r.state}`, 'data-testid': `rule-${r.id}`, 'data-state': r.state }, inner);
}

export function renderRules(rules: readonly RuleView[], onChart: (c: ChartId) => void): HTMLElement {
  if (!rules.length)
    return el('p', { class: 'muted', 'data-testid': 'rules-empty' }, l10n.t('No health rule was evaluated.'));
  // In the host's order: it decides which rule comes first.
  return el(
    'ul',
    { class: 'rules', 'data-testid': 'rules', 'aria-label': l10n.t('Health rules') },
    ...rules.map((r) => rule(r, onChart)),
  );
}

const num = (n: number | undefined): string => (n === undefined ? '' : n.toLocaleString());

/** "27%" with a bar filled to it; the bar's width is set through the CSSOM (the CSP allows that). */
function capacityCell(n: OverviewNodeRow): HTMLElement {
  const td = el('td', { class: 'capacity' });
  if (n.usedPercent === undefined) return td;
  const pct = Math.max(0, Math.min(100, n.usedPercent));
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = `${pct}%`;
  const level = pct >= 80 ? 'critical' : pct >= 60 ? 'warning' : 'ok';
  const title =
    n.usedBytes !== undefined && n.capacityBytes !== undefined
      ? l10n.t('{0} used of {1}', formatBytes(n.usedBytes), formatBytes(n.capacityBytes))
      : undefined;
  td.append(
    el(
      'span',
      { class: 'cell-flex', ...(title ? { title } : {}) },
      el('span', { class: `bar state-${level}`, 'aria-hidden': 'true' }, fill),
      el('span', { class: 'pct' }, `${pct.toFixed(pct < 10 ? 1 : 0)}%`),
    ),
  );
  return td;
}

const headers = (): ReadonlyArray<[string, boolean]> => [
  [l10n.t('Node'), false],
  [l10n.t('Address'), false],
  [l10n.t('Region / zone'), false],
  [l10n.t('Liveness'), false],
  [l10n.t('Version'), false],
  [l10n.t('Capacity used'), false],
  [l10n.t('Replicas'), true],
  [l10n.t('Leases'), true],
  [l10n.t('SQL conns'), true],
];

function nodeRow(n: OverviewNodeRow): HTMLTableRowElement {
  const region = n.zone ? `${n.region} / ${n.zone}` : n.region;
  return el(
    'tr',
    {
      'data-testid': 'node-row',
      'data-node-id': n.nodeId,
      'data-state': n.state,
      class: `state-${n.state}`,
      tabindex: -1,
    },
    el('td', { class: 'node-id' }, l10n.t('n{0}', n.nodeId)),
    el('td', { class: 'mono' }, n.address),
    el('td', {}, region),
    el('td', { class: 'liveness' }, el('span', { class: 'cell-flex' }, stateIcon(n.state), el('span', {}, n.liveness))),
    el('td', {}, n.version),
    capacityCell(n),
    el('td', { class: 'num' }, num(n.replicas)),
    el('td', { class: 'num' }, num(n.leaseholders)),
    el('td', { class: 'num' }, num(n.sqlConnections)),
  );
}

export function renderNodes(p: OverviewPayload): HTMLElement {
  if (!p.nodes.length && p.nodesUnavailable) {
    return el(
      'div',
      { class: 'state nodes-unavailable', 'data-testid': 'nodes-unavailable', role: 'status' },
      el('p', { 'data-testid': 'nodes-unavailable-reason' }, p.nodesUnavailable.reason),
      el('p', { class: 'muted' }, p.nodesUnavailable.whatToDo),
    );
  }
  const rows = [...p.nodes].sort((a, b) => a.nodeId - b.nodeId).map(nodeRow);
  if (!rows.length)
    return el('p', { class: 'muted', 'data-testid': 'node-table-empty' }, l10n.t('No node reported itself.'));
  if (rows[0]) rows[0].tabIndex = 0;
  const body = el('tbody', {}, ...rows);
  // Arrow keys move between rows (one tab stop for the table).
  body.addEventListener('keydown', (e) => {
    const tr = (e.target as Element).closest('tr');
    const i = tr ? rows.indexOf(tr) : -1;
    const j =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? rows.length - 1
              : -1;
    const next = i >= 0 && j >= 0 ? rows[Math.min(j, rows.length - 1)] : undefined;
    if (!next) return;
    e.preventDefault();
    rows.forEach((r) => (r.tabIndex = r === next ? 0 : -1));
    next.focus();
  });
  const head = el(
    'tr',
    {},
    ...headers().map(([h, numeric]) => el('th', { scope: 'col', class: numeric ? 'num' : '' }, h)),
  );
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      { class: 'nodes', 'data-testid': 'node-table', 'aria-label': l10n.t('Nodes') },
      el('thead', {}, head),
      body,
    ),
  );
}
