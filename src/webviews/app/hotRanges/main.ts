// Hot ranges front end: a virtualised, sortable, filterable table of every hot
// range, a "Hot tables" roll-up beside it, a top-10 chart, auto-refresh and
// export; a failed refresh keeps the rows and marks the provenance line stale
// (common/stale.ts). All sorting and filtering is local (model/*); only the node picker
// and refreshes go back to the cluster.
import '../common/l10nSetup';
import * as l10n from '@vscode/l10n';
import { HOT_COLUMNS, presentColumns, columnByKey, type Column, type HotColumnKey } from '../../model/columns';
import { exportFileName, viewToCsv, viewToJson } from '../../model/exporting';
import { filterOptions, prepareSearch, rowTest, type HotFilter } from '../../model/filter';
import { fixed, nodeList } from '../../../domain/format';
import { NO_NAME, rollUp, rollupColumns, ROLLUP_COLUMNS, type RollupRow } from '../../model/rollup';
import { nextSort, sortRows } from '../../model/sort';
import { SortedViews } from '../../model/sortedViews';
import type { HotRangeRow } from '../../protocol/data';
import type { ExportFormat, HotRangesPayload } from '../../protocol/messages';
import baseCss from '../common/base.css';
import { addStyle, appRoot, el } from '../common/dom';
import { VirtualGrid } from '../common/grid';
import { errorState, loadingState, nodeErrorBanner } from '../common/states';
import { saveView } from '../common/saveExport';
import { AutoRefresh } from '../common/refresh';
import { inSlices, whileIdle } from '../common/idle';
import { freshnessText } from '../common/freshness';
import { ProvenanceLine } from '../common/stale';
import { connect, getState, patchState, post, request, RequestError } from '../common/vscodeApi';
import { barChart } from './chart';
import { Toolbar } from './toolbar';
import { readState, type HotViewState, type Tab } from './viewState';

addStyle(baseCss);
const root = appRoot();
root.replaceChildren(loadingState(l10n.t('hot ranges')));

const state: HotViewState = readState(getState<HotViewState>());
let clusterName = '';
let payload: HotRangesPayload | undefined;
let rangeCols: Array<Column<HotRangeRow, HotColumnKey>> = [];
let shownRanges: HotRangeRow[] = [];
let shownTables: RollupRow[] = [];
let loadSeq = 0;
let loading = false;
const refresher = new AutoRefresh(
  () => load(),
  () => loading,
);

function save(): void {
  patchState(state);
}

// ---- Layout (built once; data updates only touch the parts that change) ----
const title = el('h1', {}, l10n.t('Hot ranges'), ' ', el('span', { class: 'muted', 'data-testid': 'cluster-name' }));
const provenance = new ProvenanceLine();
const bannerSlot = el('div', { 'data-testid': 'banner-slot' });
const exportStatus = el('div', {
  class: 'muted',
  'data-testid': 'export-status',
  role: 'status',
  'aria-live': 'polite',
});
const rangeChart = el('div', { class: 'chart', 'data-testid': 'ranges-chart' });
const tableChart = el('div', { class: 'chart', 'data-testid': 'tables-chart' });

const rangesGrid = new VirtualGrid<HotRangeRow>({
  label: l10n.t('Hot ranges'),
  testId: 'hot-table',
  rowTestId: 'hot-row',
  rowKey: (r) => String(r.rangeId),
  onActivate: (r) => post({ type: 'openRange', rangeId: r.rangeId }),
  onSort: (key) => {
    const col = columnByKey(HOT_COLUMNS, key);
    if (!col) return;
    state.sort = nextSort(state.sort, col.key, col.numeric);
    save();
    rangesGrid.setSort(state.sort);
    updateRanges();
  },
  emptyText: l10n.t('No hot range matches the filters.'),
});

const tablesGrid = new VirtualGrid<RollupRow>({
  label: l10n.t('Hot tables'),
  testId: 'hot-tables',
  rowTestId: 'hot-table-row',
  rowKey: (r) => r.key,
  onActivate: (r) => drillDown(r),
  onSort: (key) => {
    const col = columnByKey(ROLLUP_COLUMNS, key);
    if (!col) return;
    state.rollupSort = nextSort(state.rollupSort, col.key, col.numeric);
    save();
    updateTables();
  },
  emptyText: l10n.t('No table has a hot range matching the filters.'),
});

// The chart folds away (state not kept: it is cheap to reopen) to leave the table more room.
const chartBox = (summary: string, chart: HTMLElement) =>
  el('details', { class: 'chart-box', open: true }, el('summary', {}, summary), chart);
const rangesPanel = el(
  'div',
  { role: 'tabpanel', id: 'panel-ranges', 'aria-labelledby': 'tab-ranges', 'data-testid': 'panel-ranges' },
  chartBox(l10n.t('Top 10 ranges by QPS'), rangeChart),
  rangesGrid.element,
);
/** The hot table the person is on (the focused row, else the first): its CREATE TABLE in the workspace. */
function goToDefinition(): void {
  const key = (document.activeElement?.closest('[data-key]') as HTMLElement | null)?.dataset.key;
  const r = shownTables.find((x) => x.key === key) ?? shownTables[0];
  if (!r || r.table === NO_NAME) return;
  post({ type: 'goToTable', table: r.table, ...(r.database !== NO_NAME ? { database: r.database } : {}) });
}

const definitionButton = el(
  'button',
  {
    class: 'secondary',
    'data-testid': 'hot-table-definition',
    title: l10n.t('Open the CREATE TABLE (or migration) of the focused hot table in the workspace'),
  },
  l10n.t('Go to definition in workspace'),
);
// Keeps the grid row focused while the button is pressed, so the button acts on that row.
definitionButton.addEventListener('mousedown', (e) => e.preventDefault());
definitionButton.addEventListener('click', goToDefinition);

const tablesPanel = el(
  'div',
  { role: 'tabpanel', id: 'panel-tables', 'aria-labelledby': 'tab-tables', 'data-testid': 'panel-tables' },
  chartBox(l10n.t('Top 10 tables by QPS'), tableChart),
  el('div', { class: 'toolbar' }, definitionButton),
  tablesGrid.element,
);

const toolbar = new Toolbar(state, {
  onTab: (t) => setTab(t),
  onFilter: (f) => setFilter(f),
  onServerNode: (n) => {
    if (n === undefined) delete state.serverNodeId;
    else state.serverNodeId = n;
    save();
    void load();
  },
  onRollupLevel: (level) => {
    state.rollupLevel = level;
    save();
    updateTables();
  },
  onAutoRefresh: (on, sec) => {
    state.autoRefresh = on;
    state.intervalSec = sec;
    save();
    schedule();
  },
  onRefresh: () => void load(),
  onExport: (f) => void exportView(f),
});

const content = el('div', { 'data-testid': 'content' }, bannerSlot, toolbar.tabs, rangesPanel, tablesPanel);
const page = el('div', {}, title, provenance.element, toolbar.element, exportStatus, content);

// ---- Updates ----
// A re-sort or a keystroke in the filter box redraws within a frame: the rows' orders are
// kept per payload (model/sortedViews), the filter is a mask over the rows, and what is not
// on screen waits (the Hot tables roll-up until its tab is shown).
/** The sort orders of payload.rows. */
let views: SortedViews<HotRangeRow> | undefined;
/** The rows the filter keeps, by index in payload.rows; undefined when it keeps all. */
let keep: Uint8Array | undefined;
/** The filter changed since the Hot tables tab was drawn. */
let tablesStale = true;

function viewsOf(p: HotRangesPayload): SortedViews<HotRangeRow> {
  if (views?.rows !== p.rows) {
    const v = (views = new SortedViews(p.rows));
    // What the first keystroke and the first click on each header need, built while idle.
    whileIdle(
      [
        ...HOT_COLUMNS.map((c) => () => void v.order(c, nextSort(state.sort, c.key, c.numeric).dir)),
        ...inSlices(p.rows, 1000, prepareSearch),
      ],
      () => views === v,
    );
  }
  return views;
}

/** The filtered rows in payload order (what the roll-up sums). */
function filtered(): readonly HotRangeRow[] {
  const rows = payload?.rows ?? [];
  return keep ? rows.filter((_, i) => keep![i] === 1) : rows;
}

function setTab(t: Tab): void {
  state.tab = t;
  save();
  toolbar.setTab(t);
  if (t === 'tables' && tablesStale) updateTables();
  updateCount();
  rangesPanel.hidden = t !== 'ranges';
  tablesPanel.hidden = t !== 'tables';
  // A grid drawn while hidden measured a zero-height viewport.
  (t === 'ranges' ? rangesGrid : tablesGrid).render();
}

function setFilter(f: HotFilter): void {
  state.filter = f;
  save();
  // Each keystroke applies at once: testing 12,800 rows' prepared search text takes about a millisecond.
  applyFilter();
}

function applyFilter(): void {
  const test = rowTest(state.filter);
  keep = payload && test ? viewsOf(payload).mask(JSON.stringify(state.filter), test) : undefined;
  updateRanges();
  chartAfterPaint();
  tablesStale = true;
  if (state.tab === 'tables') updateTables();
}

/** The kept rows in the table's order (stable, so the same rows as sorting the filtered ones). */
function updateRanges(): void {
  const col = columnByKey(HOT_COLUMNS, state.sort.key) ?? HOT_COLUMNS[1]!;
  shownRanges = payload ? viewsOf(payload).select(col, state.sort.dir, keep) : [];
  rangesGrid.setRows(shownRanges);
  updateCount();
}

let chartPending = false;

/**
 * The chart once the frame with the new rows is painted: the rows are what a keystroke is
 * for, and the chart a frame later is not noticed. Keystrokes in between draw it once.
 */
function chartAfterPaint(): void {
  if (chartPending) return;
  chartPending = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      chartPending = false;
      updateChart();
    }, 0),
  );
}

/** The top 10 by QPS of the kept rows: it follows the filter, not the table's order. */
function updateChart(): void {
  const top = payload ? viewsOf(payload).select(HOT_COLUMNS[1]!, 'desc', keep, 10) : [];
  rangeChart.replaceChildren(
    barChart(
      l10n.t('Top ranges by QPS'),
      top.map((r) => ({
        key: String(r.rangeId),
        label: l10n.t('r{0} {1}', r.rangeId, r.tables.join(', ')).trim(),
        value: r.qps,
        title: l10n.t(
          'r{0} · {1} QPS · {2} {3} · leaseholder {4} · replicas {5}',
          r.rangeId,
          fixed(r.qps),
          r.databases.join(', '),
          r.tables.join(', '),
          r.leaseholderNodeId !== undefined ? l10n.t('n{0}', r.leaseholderNodeId) : '?',
          nodeList(r.replicaNodeIds),
        ),
      })),
      (key) => post({ type: 'openRange', rangeId: Number(key) }),
    ),
  );
}

function updateCount(): void {
  const total = payload?.rows.length ?? 0;
  const text =
    state.tab === 'tables'
      ? state.rollupLevel === 'index'
        ? l10n.t('{0} indexes from {1} of {2} ranges', shownTables.length, shownRanges.length, total)
        : l10n.t('{0} tables from {1} of {2} ranges', shownTables.length, shownRanges.length, total)
      : l10n.t('Showing {0} of {1} ranges', shownRanges.length, total);
  // The same text written again would still replace the node and lay the toolbar out again (each re-sort).
  if (toolbar.count.textContent !== text) toolbar.count.textContent = text;
}

function updateTables(): void {
  tablesStale = false;
  const rolled = rollUp(filtered(), state.rollupLevel);
  const cols = rollupColumns(rolled, state.rollupLevel);
  const col = cols.find((c) => c.key === state.rollupSort.key) ?? cols.find((c) => c.key === 'qps')!;
  tablesGrid.setColumns(cols, { key: col.key, dir: state.rollupSort.dir });
  shownTables = sortRows(rolled, col, state.rollupSort.dir);
  tablesGrid.setRows(shownTables);
  updateCount();
  const label = (r: RollupRow) => (state.rollupLevel === 'index' ? `${r.table}@${r.index}` : r.table);
  tableChart.replaceChildren(
    barChart(
      state.rollupLevel === 'index' ? l10n.t('Top indexes by QPS') : l10n.t('Top tables by QPS'),
      rolled.slice(0, 10).map((r) => ({
        key: r.key,
        label: label(r),
        value: r.qps,
        title: l10n.t('{0} · {1} · {2} QPS over {3} ranges', r.database, label(r), fixed(r.qps), r.rangeCount),
      })),
      (key) => {
        const r = rolled.find((x) => x.key === key);
        if (r) drillDown(r);
      },
    ),
  );
}

/** From a hot table to its ranges: filter by its exact names (when they are single names the rows carry). */
function drillDown(r: RollupRow): void {
  const rows = payload?.rows ?? [];
  const f: HotFilter = {};
  if (r.database !== NO_NAME && rows.some((x) => x.databases.includes(r.database))) f.database = r.database;
  if (r.table !== NO_NAME && rows.some((x) => x.tables.includes(r.table))) f.table = r.table;
  if (r.index && r.index !== NO_NAME && rows.some((x) => x.indexes.includes(r.index))) f.index = r.index;
  if (!f.table) f.text = r.table === NO_NAME ? '' : r.table;
  state.filter = f;
  save();
  toolbar.setFilter(f);
  showData();
  applyFilter();
  setTab('ranges');
}

function showData(): void {
  if (!payload) return;
  const p = payload;
  rangeCols = presentColumns(p.rows);
  rangesGrid.setColumns(rangeCols, state.sort);
  toolbar.setOptions(filterOptions(p.rows), p.nodes, p.nodeId);
  const banner = nodeErrorBanner(p.errors);
  bannerSlot.replaceChildren(...(banner ? [banner] : []));
}

// ---- Loading ----
async function load(): Promise<void> {
  const seq = ++loadSeq;
  const nodeId = state.serverNodeId;
  loading = true;
  if (!payload) root.replaceChildren(loadingState(l10n.t('hot ranges')));
  else provenance.setRefreshing(true);
  try {
    const result = await request('loadHotRanges', nodeId !== undefined ? { nodeId } : {});
    if (seq !== loadSeq) return; // A newer load superseded this one.
    payload = result;
    if (!root.contains(page)) root.replaceChildren(page);
    provenance.show(freshnessText(result.updatedAt, result), result.updatedAt);
    showData();
    applyFilter();
    setTab(state.tab);
  } catch (e) {
    if (seq !== loadSeq) return;
    const failure = e instanceof RequestError ? e.failure : { kind: 'other' as const, message: String(e) };
    // A failed refresh of the rows on screen keeps them, marked stale; rows of another node choice would mislead.
    if (payload && payload.nodeId === nodeId) {
      provenance.setStale({ at: new Date(), failure });
      return;
    }
    payload = undefined;
    root.replaceChildren(errorState(failure, () => void load()));
  } finally {
    if (seq === loadSeq) {
      loading = false;
      provenance.setRefreshing(false);
    }
  }
}

/** Auto-refresh runs only while the panel is visible: the webview is torn down when hidden, and hidden documents skip ticks. */
function schedule(): void {
  refresher.set(state.autoRefresh, state.intervalSec);
}

async function exportView(format: ExportFormat): Promise<void> {
  const tables = state.tab === 'tables';
  const cols = tables ? rollupColumns(shownTables, state.rollupLevel) : rangeCols;
  const rows: object[] = tables ? shownTables : shownRanges;
  const meta = {
    cluster: clusterName,
    // l10n-ignore: a machine-readable field of the JSON export, not text on screen
    view: tables ? `hot ${state.rollupLevel}s` : 'hot ranges',
    exportedAt: new Date().toISOString(),
    updatedAt: payload?.updatedAt,
    from: payload?.node ?? payload?.via,
    filter: state.filter,
  };
  const content =
    format === 'csv'
      ? viewToCsv(cols as Array<Column<object>>, rows)
      : viewToJson(cols as Array<Column<object>>, rows, meta);
  await saveView(exportStatus, {
    format,
    content,
    suggestedName: exportFileName(clusterName, tables ? 'hot-tables' : 'hot-ranges', format),
    rows: rows.length,
  });
}

connect((m) => {
  if (m.type === 'init') {
    clusterName = m.clusterName;
    (title.querySelector('[data-testid="cluster-name"]') as HTMLElement).textContent = `— ${m.clusterName}`;
    state.clusterId = m.clusterId;
    save();
    schedule();
    void load();
  } else if (m.type === 'refresh') {
    void load();
  }
});
