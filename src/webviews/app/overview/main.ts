// Cluster overview front end: the figures read now (cards, health rules, the node
// table) and eight charts over a time window (uPlot, cursor- and zoom-synced), with
// refresh, auto-refresh, a stale state when a refresh fails, JSON export, and a
// chart brought into view on request (a health rule's click, `init.chart`, `focusChart`).
// The figures and the charts load separately: a window or per-node change re-asks only the charts.
//
// data-testid attributes (UI tests rely on them; keep them stable):
//   cluster-name        the cluster's name in the header
//   provenance          "as of 10:42:13 from n1 (v25.2.4)"; data-stale="true" while the last refresh
//                       failed, then it also says "refresh failed at 10:43:13: <message>"
//   refresh, auto-refresh, auto-refresh-interval, export-json, export-status
//   cards, card-<id>    a figure card (data-state ok|warning|critical|unknown); card-unavailable inside one
//                       that could not be read. A card with a chart is a button (data-opens-chart) focusing it
//   rules, rule-<id>    a health rule (data-state); one with a chart holds a button (data-opens-chart) focusing it
//   node-table          the node table; node-row a row (data-node-id, data-state)
//   nodes-unavailable   why there is no node table (nodes-unavailable-reason inside)
//   window-select       native <select>: 1h 6h 1d 7d custom (values as OverviewPreset)
//   window-start, window-end              datetime-local inputs, shown for `custom`
//   per-node-toggle     native checkbox "Per node" (re-fetches the charts); per-node-note beside it
//   zoom-reset          shown while the charts are zoomed in
//   charts-provenance   the charts' window, sample period and source
//   chart-<chartId>     a chart (data-focused="true" on the focused one, data-drawn="true" once drawn,
//                       data-zoomed, data-window = the preset and data-per-node of the query it answers);
//                       chart-readout-<chartId> its values at the cursor (else the latest)
//   chart-unavailable   inside a chart that could not be read
//   charts-unavailable  every chart failed (the answer's reason, or the request's failure)
//   loading, error-state, sign-in, retry (common/states.ts)
import '../common/l10nSetup';
import * as l10n from '@vscode/l10n';
import { exportFileName } from '../../model/fileNames';
import { CHART_IDS } from '../../../domain/overview/types';
import type { Failure } from '../../protocol/messages';
import type { ChartId, OverviewChartsPayload, OverviewChartsQuery, OverviewPayload } from '../../protocol/overview';
import baseCss from '../common/base.css';
import { addStyle, appRoot, el } from '../common/dom';
import { AutoRefresh } from '../common/refresh';
import { button, errorState, loadingState } from '../common/states';
import { connect, getState, patchState, post, request, RequestError } from '../common/vscodeApi';
import uplotCss from 'uplot/dist/uPlot.min.css';
import chartsCss from './charts.css';
import { ChartGrid } from './charts';
import { renderCards, renderNodes, renderRules } from './figures';
import { provenanceText } from './format';
import css from './overview.css';
import { watchTheme } from './theme';
import { Toolbar } from './toolbar';
import { readState, type OverviewViewState } from './viewState';

addStyle(baseCss);
addStyle(uplotCss);
addStyle(css);
addStyle(chartsCss);
const root = appRoot();
root.replaceChildren(loadingState(l10n.t('cluster overview')));

const state: OverviewViewState = readState(getState<OverviewViewState>());
let clusterName = '';
let figures: OverviewPayload | undefined;
let charts: OverviewChartsPayload | undefined;
/** The query the charts on screen answer (a refresh of the same query may keep them when it fails). */
let chartsQuery: OverviewChartsQuery | undefined;
let chartsKey = '';
/** Why the last refresh failed, while the data on screen is older than it. */
const failures: { figures?: { at: Date; failure: Failure }; charts?: { at: Date; failure: Failure } } = {};
let figuresSeq = 0;
let chartsSeq = 0;
let loadingFigures = false;
let loadingCharts = false;
/** A chart to bring into view once figures and charts are on screen (they move the layout). */
let pendingFocus: ChartId | undefined;
let scrollRestored = false;

const save = () => patchState(state);
const queryKey = () => JSON.stringify([state.window, state.perNode]);
const failureOf = (e: unknown): Failure =>
  e instanceof RequestError ? e.failure : { kind: 'other', message: e instanceof Error ? e.message : String(e) };

// ---- Layout (built once; loads only touch the parts that change) ----
const nameEl = el('span', { class: 'cluster-name', 'data-testid': 'cluster-name' });
const provenanceTextEl = el('span', { class: 'provenance-text' });
const staleEl = el('span', { class: 'stale-text' });
const signInSlot = el('span', { class: 'stale-action' });
const provenanceEl = el(
  'div',
  { class: 'muted provenance', 'data-testid': 'provenance', 'aria-live': 'polite' },
  provenanceTextEl,
  staleEl,
  signInSlot,
);
/** Now if the charts are laid out; otherwise once they are (see settle). */
const focusChart = (id: ChartId) => {
  if (!root.contains(page) || (!charts && loadingCharts)) pendingFocus = id;
  else grid.focus(id);
};
const grid = new ChartGrid((zoomed) => toolbar.setZoomed(zoomed));
const toolbar = new Toolbar(state, {
  onRefresh: () => void loadAll(),
  onAutoRefresh: (on, sec) => {
    state.autoRefresh = on;
    state.intervalSec = sec;
    save();
    refresher.set(state.autoRefresh, state.intervalSec);
  },
  onExport: () => void exportJson(),
  onWindow: (w) => {
    state.window = w;
    save();
    void loadCharts();
  },
  onPerNode: (on) => {
    state.perNode = on;
    save();
    void loadCharts();
  },
  onResetZoom: () => grid.resetZoom(),
});
const refresher = new AutoRefresh(
  () => loadAll(),
  () => loadingFigures || loadingCharts,
);

const cardsSlot = el('div', { class: 'cards-slot' });
const rulesSlot = el('div', { class: 'rules-slot' });
const nodesSlot = el('div', { class: 'nodes-slot' });
const page = el(
  'div',
  { class: 'overview' },
  el(
    'header',
    { class: 'page-head' },
    el('div', { class: 'title-block' }, el('h1', {}, l10n.t('Cluster overview'), ' ', nameEl), provenanceEl),
    toolbar.header,
  ),
  cardsSlot,
  el(
    'div',
    { class: 'split' },
    el(
      'section',
      { class: 'panel rules-panel', 'aria-label': l10n.t('Health') },
      el('h2', {}, l10n.t('Health')),
      rulesSlot,
    ),
    el(
      'section',
      { class: 'panel nodes-panel', 'aria-label': l10n.t('Nodes') },
      el('h2', {}, l10n.t('Nodes')),
      nodesSlot,
    ),
  ),
  el(
    'section',
    { class: 'charts-section', 'aria-label': l10n.t('Charts') },
    el('div', { class: 'section-head' }, el('h2', {}, l10n.t('Over time')), toolbar.charts),
    grid.element,
  ),
);

// ---- Rendering ----
function showProvenance(): void {
  if (!figures) return;
  provenanceTextEl.textContent = provenanceText(figures.source);
  provenanceEl.title = l10n.t('Figures from {0}', figures.source.route);
  const stale = failures.figures ?? failures.charts;
  if (!stale) {
    delete provenanceEl.dataset.stale;
    staleEl.textContent = '';
    signInSlot.replaceChildren();
    return;
  }
  provenanceEl.dataset.stale = 'true';
  const at = stale.at.toLocaleTimeString();
  const message = failures.figures
    ? l10n.t('refresh failed at {0}: {1}', at, stale.failure.message)
    : l10n.t('charts refresh failed at {0}: {1}', at, stale.failure.message);
  staleEl.textContent = ` · ${message}`;
  signInSlot.replaceChildren(
    ...(stale.failure.kind === 'unauthorized'
      ? [button(l10n.t('Sign in'), 'sign-in', () => post({ type: 'signIn' }))]
      : []),
  );
}

function showFigures(p: OverviewPayload): void {
  cardsSlot.replaceChildren(renderCards(p.cards, focusChart));
  rulesSlot.replaceChildren(renderRules(p.rules, focusChart));
  nodesSlot.replaceChildren(renderNodes(p));
  showProvenance();
}

/** Both parts are on screen (or failed): a restored scroll or a pending focus can now land where meant. */
function settle(): void {
  if (!figures || loadingCharts) return;
  if (pendingFocus) {
    const id = pendingFocus;
    pendingFocus = undefined;
    scrollRestored = true;
    grid.focus(id);
  } else if (!scrollRestored) {
    scrollRestored = true;
    if (state.scrollY > 0) window.scrollTo({ top: state.scrollY });
  }
}

// ---- Loading ----
async function loadFigures(): Promise<void> {
  const seq = ++figuresSeq;
  loadingFigures = true;
  provenanceEl.dataset.refreshing = 'true';
  try {
    const p = await request('loadOverview', {});
    if (seq !== figuresSeq) return;
    figures = p;
    delete failures.figures;
    if (!root.contains(page)) {
      root.replaceChildren(page);
      // Charts that arrived first were kept until the page had a width to draw them at.
      if (charts && chartsQuery) grid.render(charts, chartsQuery);
    }
    showFigures(p);
  } catch (e) {
    if (seq !== figuresSeq) return;
    const f = failureOf(e);
    if (figures) {
      failures.figures = { at: new Date(), failure: f };
      showProvenance();
    } else root.replaceChildren(errorState(f, () => void loadAll()));
  } finally {
    if (seq === figuresSeq) {
      loadingFigures = false;
      delete provenanceEl.dataset.refreshing;
    }
    settle();
  }
}

async function loadCharts(): Promise<void> {
  const seq = ++chartsSeq;
  const key = queryKey();
  const sameQuery = charts !== undefined && key === chartsKey;
  loadingCharts = true;
  // Charts of another window or series choice would mislead while the new ones load.
  if (sameQuery) grid.setBusy(true);
  else grid.setLoading();
  try {
    const query: OverviewChartsQuery = { window: state.window, perNode: state.perNode };
    const p = await request('loadOverviewCharts', query);
    if (seq !== chartsSeq) return;
    charts = p;
    chartsQuery = query;
    chartsKey = key;
    delete failures.charts;
    if (root.contains(page)) grid.render(p, query);
    showProvenance();
  } catch (e) {
    if (seq !== chartsSeq) return;
    const f = failureOf(e);
    if (sameQuery) {
      failures.charts = { at: new Date(), failure: f };
      showProvenance();
    } else {
      charts = undefined;
      grid.setFailure(f, () => void loadCharts());
    }
  } finally {
    if (seq === chartsSeq) {
      loadingCharts = false;
      grid.setBusy(false);
    }
    settle();
  }
}

function loadAll(): Promise<void> {
  return Promise.all([loadFigures(), loadCharts()]).then(() => undefined);
}

async function exportJson(): Promise<void> {
  const status = toolbar.exportStatus;
  status.textContent = '';
  const content =
    JSON.stringify(
      {
        cluster: clusterName,
        exportedAt: new Date().toISOString(),
        window: state.window,
        perNode: state.perNode,
        figures: figures ?? null,
        charts: charts ?? null,
      },
      null,
      2,
    ) + '\n';
  try {
    const r = await request('saveExport', {
      format: 'json',
      content,
      suggestedName: exportFileName(clusterName, 'cluster-overview', 'json'),
    });
    status.dataset.saved = String(r.saved);
    status.textContent = r.saved
      ? r.path !== undefined
        ? l10n.t('Saved to {0}', r.path)
        : l10n.t('Saved to the file')
      : l10n.t('Export cancelled');
  } catch (e) {
    status.textContent = l10n.t('Export failed: {0}', failureOf(e).message);
  }
}

// ---- Wiring ----
const isChartId = (v: unknown): v is ChartId => CHART_IDS.includes(v as ChartId);

watchTheme(() => grid.repaint());

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener(
  'scroll',
  () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      state.scrollY = Math.round(window.scrollY);
      save();
    }, 200);
  },
  { passive: true },
);

connect((m) => {
  if (m.type === 'init') {
    clusterName = m.clusterName;
    nameEl.textContent = `— ${m.clusterName}`;
    // The serializer restores this panel from the cluster id.
    state.clusterId = m.clusterId;
    save();
    if (isChartId(m.chart)) pendingFocus = m.chart;
    refresher.set(state.autoRefresh, state.intervalSec);
    void loadAll();
  } else if (m.type === 'refresh') {
    void loadAll();
  } else if (m.type === 'focusChart' && isChartId(m.chart)) {
    focusChart(m.chart);
  }
});
