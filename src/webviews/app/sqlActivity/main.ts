// SQL activity front end: the top statement or transaction fingerprints of a
// time window in a virtualised, sortable table, with local filters (application,
// database, search), export, auto-refresh, and a row opening Statement details.
// The kind, the window and "Show internal apps" re-fetch; everything else is local.
//
// data-testid attributes (UI tests rely on them; keep them stable):
//   cluster-name        the cluster's name in the header
//   provenance          "as of 10:42:13 from n1 (v25.2.4) · crdb_internal.statement_activity" ("via host:8080 ·
//                       v25.2" until the node says which it is); data-stale="true" while the last refresh of the
//                       rows on screen failed (they stay; common/stale.ts)
//   kind-statements, kind-transactions    the Statements | Transactions switch (role=tab buttons)
//   window-select       native <select>: 1h 6h 1d 3d 7d custom (values as WindowPreset)
//   window-start, window-end              datetime-local inputs, shown for `custom`
//   internal-toggle     native checkbox "Show internal apps" (re-fetches)
//   app-filter, db-filter                 native <select>s; "All" has value '', a name has value
//                       `=<name>` and the name as label, so selectOption({ label: 'movr-api' }) picks it
//   search              type=search input (case-insensitive substring; applied after a short pause)
//   clear-filters, refresh, auto-refresh, auto-refresh-interval
//   export-csv, export-json, export-status
//   copy-query, open-as-sql, find-in-workspace   act on the focused row (the last one clicked or moved to)
//   activity-table      the grid (role=grid); activity-table-scroll, activity-table-empty inside it
//   activity-row        a row (data-key = `<fingerprint id>/<application>`); click or Enter opens it
//   col-<key>           a column header (click sorts), key as in model/activityColumns.ts:
//                       query appName database executionCount totalTime meanLatency p99Latency
//                       cpuNanos rowsRead rowsWritten contention retries fullScan indexRecommendations
//                       fingerprintId; for transactions statementSummaries instead of query/database/
//                       fullScan/indexRecommendations
//   truncated-notice    the cluster cut the answer at its size limit
//   limit-notice        the answer reached the panel's 10,000-fingerprint ceiling
//   unavailable         this cluster cannot serve the view (reason, what to do)
//   empty-state         no fingerprint ran in the window
//   loading, error-state (common/states.ts)
import '../common/l10nSetup';
import * as l10n from '@vscode/l10n';
import {
  ACTIVITY_LIMIT,
  STATEMENT_COLUMNS,
  TRANSACTION_COLUMNS,
  activityOptions,
  activityRowKey,
  prepareSearch,
  statementTest,
  transactionTest,
  type ActivityFilter,
} from '../../model/activityColumns';
import { oneLine } from '../../../domain/format';
import type { Column } from '../../model/columns';
import { exportFileName, viewToCsv, viewToJson } from '../../model/exporting';
import { nextSort } from '../../model/sort';
import { SortedViews } from '../../model/sortedViews';
import type { ExportFormat, Failure } from '../../protocol/messages';
import type { ActivityKind, SqlActivityPayload, StatementRow, TransactionRow } from '../../protocol/workload';
import baseCss from '../common/base.css';
import { addStyle, appRoot, el } from '../common/dom';
import { VirtualGrid } from '../common/grid';
import { errorState, loadingState } from '../common/states';
import { saveView } from '../common/saveExport';
import { AutoRefresh } from '../common/refresh';
import { inSlices, whileIdle } from '../common/idle';
import { workloadProvenanceText } from '../common/freshness';
import { ProvenanceLine, type StaleMark } from '../common/stale';
import { connect, getState, patchState, post, request, RequestError } from '../common/vscodeApi';
import css from './sqlActivity.css';
import { Toolbar } from './toolbar';
import { readState, type ActivityViewState } from './viewState';

addStyle(baseCss);
addStyle(css);
const root = appRoot();
root.replaceChildren(loadingState(l10n.t('SQL activity')));

interface Answer {
  /** The query it answered (queryKey). */
  key: string;
  payload: SqlActivityPayload;
  statements: SortedViews<StatementRow>;
  transactions: SortedViews<TransactionRow>;
  /** A refresh of the same query failed after this answer came. */
  stale?: StaleMark;
}

const state: ActivityViewState = readState(getState<ActivityViewState>());
let clusterName = '';
/** The last answer per kind: switching kinds back needs no fetch. */
const answers: Partial<Record<ActivityKind, Answer>> = {};
let shownStatements: StatementRow[] = [];
let shownTransactions: TransactionRow[] = [];
/** The row Copy query / Open as SQL act on, by key (it survives sorts, filters and refreshes). */
let focusedKey: string | undefined;
let loadSeq = 0;
let loading = false;
const refresher = new AutoRefresh(
  () => load(),
  () => loading,
);

function save(): void {
  patchState(state);
}

/** What a load depends on; the other choices are applied locally. */
const queryKey = () => JSON.stringify([state.window, state.includeInternal]);
const currentAnswer = (): Answer | undefined => {
  const a = answers[state.kind];
  return a && a.key === queryKey() ? a : undefined;
};
const current = (): SqlActivityPayload | undefined => currentAnswer()?.payload;

// ---- Layout (built once; data updates only touch the parts that change) ----
const nameEl = el('span', { class: 'muted', 'data-testid': 'cluster-name' });
const provenance = new ProvenanceLine();
const title = el('h1', {}, l10n.t('SQL activity '), nameEl);
const noticeSlot = el('div', { 'data-testid': 'notice-slot' });
const exportStatus = el('div', {
  class: 'muted',
  'data-testid': 'export-status',
  role: 'status',
  'aria-live': 'polite',
});

const statementsGrid = new VirtualGrid<StatementRow>({
  label: l10n.t('Statements'),
  testId: 'activity-table',
  rowTestId: 'activity-row',
  rowKey: activityRowKey,
  onActivate: (r) => post({ type: 'openStatement', fingerprintId: r.fingerprintId, appName: r.appName }),
  onSort: (key) => {
    const col = STATEMENT_COLUMNS.find((c) => c.key === key);
    if (!col) return;
    state.sort.statements = nextSort(state.sort.statements, col.key, col.numeric);
    save();
    updateRows();
    statementsGrid.setSort(state.sort.statements);
  },
  emptyText: l10n.t('No statement matches the filters.'),
});

const transactionsGrid = new VirtualGrid<TransactionRow>({
  label: l10n.t('Transactions'),
  testId: 'activity-table',
  rowTestId: 'activity-row',
  rowKey: activityRowKey,
  // A transaction has no details panel of its own; Enter or a click selects it for Copy query.
  onSort: (key) => {
    const col = TRANSACTION_COLUMNS.find((c) => c.key === key);
    if (!col) return;
    state.sort.transactions = nextSort(state.sort.transactions, col.key, col.numeric);
    save();
    updateRows();
    transactionsGrid.setSort(state.sort.transactions);
  },
  emptyText: l10n.t('No transaction matches the filters.'),
});
statementsGrid.setColumns(STATEMENT_COLUMNS, state.sort.statements);
transactionsGrid.setColumns(TRANSACTION_COLUMNS, state.sort.transactions);

// The grids report no focus changes; the row that has focus says which one it is.
for (const [grid, rows] of [
  [statementsGrid, () => shownStatements],
  [transactionsGrid, () => shownTransactions],
] as const) {
  grid.element.addEventListener('focusin', (e) => {
    const row = (e.target as Element).closest<HTMLElement>('[data-index]');
    const r = row ? rows()[Number(row.dataset.index)] : undefined;
    if (!r) return;
    focusedKey = activityRowKey(r);
    toolbar.setRowActions(true);
  });
}

/** Only the grid of the shown kind is in the page, so `activity-table` always names one element. */
const gridSlot = el('div', { class: 'grid-slot' });

const toolbar = new Toolbar(state, {
  onKind: (k) => setKind(k),
  onWindow: (w) => {
    state.window = w;
    save();
    void load();
  },
  onIncludeInternal: (on) => {
    state.includeInternal = on;
    save();
    void load();
  },
  onFilter: (f) => setFilter(f),
  onAutoRefresh: (on, sec) => {
    state.autoRefresh = on;
    state.intervalSec = sec;
    save();
    schedule();
  },
  onRefresh: () => void load(),
  onExport: (f) => void exportView(f),
  onCopyQuery: () => {
    const r = focusedRow();
    if (r) post({ type: 'copyText', text: r.text, what: r.what });
  },
  onOpenAsSql: () => {
    const r = focusedRow();
    if (r) post({ type: 'openAsSql', text: r.sql });
  },
  onFindInWorkspace: () => {
    const r = focusedRow();
    if (r) post({ type: 'findInWorkspace', text: r.sql });
  },
});

const content = el(
  'div',
  { id: 'activity-content', role: 'tabpanel', 'data-testid': 'activity-content' },
  noticeSlot,
  gridSlot,
);
const page = el('div', {}, title, provenance.element, toolbar.tabs, toolbar.element, exportStatus, content);

// ---- Updates ----
function setKind(k: ActivityKind): void {
  if (state.kind !== k) focusedKey = undefined;
  state.kind = k;
  save();
  toolbar.setKind(k);
  if (current()) {
    show();
    precomputeSorts();
  } else void load();
}

function setFilter(f: ActivityFilter): void {
  state.filter = f;
  save();
  // Each keystroke applies at once: testing 10,000 rows' prepared search text takes about a millisecond.
  updateRows();
}

const statementColumn = () => STATEMENT_COLUMNS.find((c) => c.key === state.sort.statements.key)!;
const transactionColumn = () => TRANSACTION_COLUMNS.find((c) => c.key === state.sort.transactions.key)!;

/**
 * The rows of the shown kind the filter keeps, in a kept order (see SortedViews), into its
 * grid: the filter is a mask over the rows (kept while only the sort changes), and the
 * order is stable, so these are the rows a sort of the filtered ones would give.
 */
function updateRows(): void {
  const a = currentAnswer();
  const p = a?.payload;
  const filterKey = JSON.stringify(state.filter);
  if (state.kind === 'statements') {
    const v = a?.statements;
    const test = statementTest(state.filter);
    shownStatements = v ? v.select(statementColumn(), state.sort.statements.dir, test && v.mask(filterKey, test)) : [];
    statementsGrid.setRows(shownStatements);
  } else {
    const v = a?.transactions;
    const test = transactionTest(state.filter);
    shownTransactions = v
      ? v.select(transactionColumn(), state.sort.transactions.dir, test && v.mask(filterKey, test))
      : [];
    transactionsGrid.setRows(shownTransactions);
  }
  const total = p ? (state.kind === 'statements' ? p.statements.length : p.transactions.length) : 0;
  const shown = state.kind === 'statements' ? shownStatements.length : shownTransactions.length;
  const count =
    state.kind === 'statements'
      ? l10n.t('Showing {0} of {1} statements', shown, total)
      : l10n.t('Showing {0} of {1} transactions', shown, total);
  // The same text written again would still replace the node and lay the toolbar out again (each re-sort).
  if (toolbar.count.textContent !== count) toolbar.count.textContent = count;
  toolbar.setRowActions(focusedRow() !== undefined);
}

function notices(p: SqlActivityPayload): HTMLElement[] {
  const n = p.kind === 'statements' ? p.statements.length : p.transactions.length;
  const out: HTMLElement[] = [];
  if (p.truncated)
    out.push(
      el(
        'div',
        { class: 'banner warning', role: 'status', 'data-testid': 'truncated-notice' },
        l10n.t(
          'The cluster cut the answer at its size limit: showing {0} fingerprints. Narrow the window or turn off internal apps to see the rest.',
          n,
        ),
      ),
    );
  else if (n >= ACTIVITY_LIMIT)
    out.push(
      el(
        'div',
        { class: 'banner info', role: 'status', 'data-testid': 'limit-notice' },
        l10n.t('Showing the top {0} fingerprints by total time; narrow the window to see others.', n),
      ),
    );
  return out;
}

function unavailableState(u: NonNullable<SqlActivityPayload['unavailable']>): HTMLElement {
  return el(
    'div',
    { class: 'state', 'data-testid': 'unavailable', role: 'status' },
    el('h2', {}, l10n.t('Not available on this cluster')),
    el('p', { 'data-testid': 'unavailable-reason' }, u.reason),
    el('p', { class: 'muted', 'data-testid': 'unavailable-what-to-do' }, u.whatToDo),
  );
}

function emptyState(p: SqlActivityPayload): HTMLElement {
  const from = new Date(p.window.start).toLocaleString();
  const to = new Date(p.window.end).toLocaleString();
  return el(
    'div',
    { class: 'state', 'data-testid': 'empty-state', role: 'status' },
    el(
      'h2',
      {},
      p.kind === 'statements' ? l10n.t('No statement ran in this window') : l10n.t('No transaction ran in this window'),
    ),
    el(
      'p',
      { class: 'muted' },
      state.includeInternal
        ? l10n.t(
            'Nothing was recorded from {0} to {1}. Statistics are flushed about every ten minutes; try a longer window.',
            from,
            to,
          )
        : l10n.t(
            'Nothing was recorded from {0} to {1} outside internal apps. Statistics are flushed about every ten minutes; try a longer window or show internal apps.',
            from,
            to,
          ),
    ),
  );
}

/** Draws the shown kind from its answer (header, notices, filters, grid). */
function show(): void {
  const p = current();
  if (!p) return;
  if (!root.contains(page)) root.replaceChildren(page);
  provenance.show(workloadProvenanceText(p.provenance), p.provenance.fetchedAt, currentAnswer()?.stale);
  provenance.element.title = l10n.t(
    'Window {0} – {1}',
    new Date(p.window.start).toLocaleString(),
    new Date(p.window.end).toLocaleString(),
  );
  toolbar.setKind(p.kind);
  const rows = p.kind === 'statements' ? p.statements : p.transactions;
  toolbar.setOptions(activityOptions(rows));
  noticeSlot.replaceChildren(...notices(p));
  const grid = p.kind === 'statements' ? statementsGrid : transactionsGrid;
  if (p.unavailable) gridSlot.replaceChildren(unavailableState(p.unavailable));
  else if (!rows.length) gridSlot.replaceChildren(emptyState(p));
  else if (gridSlot.firstChild !== grid.element) gridSlot.replaceChildren(grid.element);
  updateRows();
  // A grid drawn while detached measured a zero-height viewport.
  grid.render();
}

/** The focused row's text to copy, what it is called, and the SQL to open. */
function focusedRow(): { text: string; what: string; sql: string } | undefined {
  if (focusedKey === undefined) return undefined;
  if (state.kind === 'statements') {
    const r = shownStatements.find((x) => activityRowKey(x) === focusedKey);
    return r && { text: r.query, what: l10n.t('query'), sql: r.query };
  }
  const r = shownTransactions.find((x) => activityRowKey(x) === focusedKey);
  if (!r) return undefined;
  // Cluster text inside a SQL comment stays on its line: a line break would end the comment.
  const comment = (t: string) => `-- ${oneLine(t, 10_000)}`;
  const head = comment(`Transaction ${r.fingerprintId} (${r.appName})`);
  if (!r.statementSummaries.length) {
    // This cluster names the statements by fingerprint only.
    const ids = r.statementFingerprintIds;
    return {
      text: ids.join('\n'),
      what: l10n.t('statement fingerprint ids'),
      sql: [head, ...ids.map(comment)].join('\n'),
    };
  }
  // Only the statements' summaries are known here (literals elided): as comments, runnable by no one by accident.
  return {
    text: r.statementSummaries.join(';\n'),
    what: l10n.t('transaction statements'),
    // l10n-ignore: a SQL comment in the text opened as SQL, beside the statements it describes
    sql: [`${head}: its statements, summarised`, ...r.statementSummaries.map(comment)].join('\n'),
  };
}

// ---- Loading ----
function failureOf(e: unknown): Failure {
  return e instanceof RequestError ? e.failure : { kind: 'other', message: String(e) };
}

/** The common error box, with the privilege this view needs rather than the generic one. */
function activityErrorState(f: Failure): HTMLElement {
  const box = errorState(f, () => void load());
  if (f.kind === 'forbidden') {
    const hint = box.querySelector('p.muted');
    if (hint)
      hint.textContent = l10n.t(
        'SQL activity needs the VIEWACTIVITY or VIEWACTIVITYREDACTED system privilege (or the admin role).',
      );
  }
  return box;
}

async function load(): Promise<void> {
  const seq = ++loadSeq;
  loading = true;
  const key = queryKey();
  const kind = state.kind;
  if (!root.contains(page)) root.replaceChildren(loadingState(l10n.t('SQL activity')));
  else if (!current()) {
    // Another kind or window than the one on screen: its rows would be misleading meanwhile.
    noticeSlot.replaceChildren();
    gridSlot.replaceChildren(loadingState(kind === 'statements' ? l10n.t('statements') : l10n.t('transactions')));
    provenance.clear();
    toolbar.count.textContent = '';
    toolbar.setRowActions(false);
  } else provenance.setRefreshing(true);
  try {
    const result = await request('loadSqlActivity', {
      kind,
      window: state.window,
      includeInternal: state.includeInternal,
    });
    if (seq !== loadSeq) return; // A newer load superseded this one.
    // The host may answer with another kind (Show SQL activity asked for it): the answer decides.
    if (result.kind !== state.kind) {
      state.kind = result.kind;
      focusedKey = undefined;
      save();
    }
    answers[result.kind] = {
      key,
      payload: result,
      statements: new SortedViews(result.statements),
      transactions: new SortedViews(result.transactions),
    };
    show();
    precomputeSorts();
  } catch (e) {
    if (seq !== loadSeq) return;
    const failure = failureOf(e);
    const kept = answers[kind];
    // A failed refresh of the rows on screen keeps them, marked stale (also if the person switched kinds meanwhile).
    if (kept && kept.key === key) {
      kept.stale = { at: new Date(), failure };
      if (state.kind === kind) provenance.setStale(kept.stale);
      return;
    }
    delete answers[kind];
    root.replaceChildren(activityErrorState(failure));
  } finally {
    if (seq === loadSeq) {
      loading = false;
      provenance.setRefreshing(false);
    }
  }
}

/**
 * While the panel is idle, sorts the shown rows by each numeric column the way a first click
 * sorts them (descending) and builds their search text, so that the first click and the
 * first keystroke only draw. A few short tasks per slice of idle time (common/idle.ts).
 */
function precomputeSorts(): void {
  const a = currentAnswer();
  if (!a) return;
  const pending: Array<() => void> =
    state.kind === 'statements'
      ? [
          ...STATEMENT_COLUMNS.filter((c) => c.numeric && !a.statements.has(c, 'desc')).map(
            (c) => () => void a.statements.order(c, 'desc'),
          ),
          ...inSlices(a.statements.rows, 1000, prepareSearch),
        ]
      : [
          ...TRANSACTION_COLUMNS.filter((c) => c.numeric && !a.transactions.has(c, 'desc')).map(
            (c) => () => void a.transactions.order(c, 'desc'),
          ),
          ...inSlices(a.transactions.rows, 1000, prepareSearch),
        ];
  // A newer answer replaced this one: its own precomputation runs instead.
  whileIdle(pending, () => answers[state.kind] === a);
}

/** Auto-refresh runs only while the panel is visible, and never while a load is still running. */
function schedule(): void {
  refresher.set(state.autoRefresh, state.intervalSec);
}

async function exportView(format: ExportFormat): Promise<void> {
  const statements = state.kind === 'statements';
  const p = current();
  const cols = (statements ? STATEMENT_COLUMNS : TRANSACTION_COLUMNS) as ReadonlyArray<Column<object>>;
  const rows: object[] = statements ? shownStatements : shownTransactions;
  const meta = {
    cluster: clusterName,
    view: statements ? 'statements' : 'transactions',
    exportedAt: new Date().toISOString(),
    window: p?.window,
    provenance: p?.provenance,
    includeInternal: state.includeInternal,
    filter: state.filter,
    sort: statements ? state.sort.statements : state.sort.transactions,
  };
  const content = format === 'csv' ? viewToCsv(cols, rows) : viewToJson(cols, rows, meta);
  await saveView(exportStatus, {
    format,
    content,
    suggestedName: exportFileName(clusterName, statements ? 'sql-statements' : 'sql-transactions', format),
    rows: rows.length,
  });
}

connect((m) => {
  if (m.type === 'init') {
    clusterName = m.clusterName;
    nameEl.textContent = `— ${m.clusterName}`;
    // The serializer restores this panel from the cluster id.
    state.clusterId = m.clusterId;
    save();
    schedule();
    void load();
  } else if (m.type === 'refresh') {
    void load();
  }
});
