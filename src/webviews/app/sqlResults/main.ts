// SQL results front end: the latest run of Run SQL / Explain SQL — its status
// (with Cancel while it runs), an EXPLAIN plan when there is one, and a section
// per statement with its result in a virtual grid. The host holds the run; this
// page asks for it (`loadSqlResults`) on init and on every `refresh`. Only the
// grids near the screen are built and in the page; the others wait as
// placeholders of the same height. Cluster data is set as text only.
//
// data-testid attributes (UI tests rely on them; keep them stable):
//   cluster-name        the run's cluster in the header
//   run-status          status line; data-status = running | done | failed | cancelled
//   cancel-run          Cancel button (while running) → cancelSqlRun {runId}
//   as-of               "as of HH:MM:SS" (when the answer came; the start while running)
//   run-failure         why a run failed before any statement answered
//   no-statements       the run finished with nothing to show
//   empty-state         no run yet (a restored panel): "Run a statement to see results here"
//   statement-section   one per statement; data-index (0-based), data-state = ok | error
//   statement-tag, row-count, rows-affected
//   statement-sql       the statement: its first line, all of it on expand (statement-sql-full)
//   open-as-sql, find-in-workspace        per statement
//   truncated-notice    the server stopped at the size limit (names the setting that raises it)
//   statement-error     the error: error-code (SQLSTATE), statement-error-message, error-hint,
//                       error-detail, error-position (data-position, with the line and a caret)
//   result-grid         a statement's grid (role=grid); result-grid-scroll, result-grid-empty inside
//   result-row          a row (data-key = its 0-based position in the answer; data-index = shown position)
//   col-<index>         a column header (0-based; click sorts: numbers exactly, text naturally)
//   null-cell           a NULL cell (also data-null="true"); the string 'NULL' is not one
//                       the current cell has data-current (click it, or Left/Right on a row)
//   copy-cell, copy-row, copy-column      copy the current cell / row (tab-separated) / column
//                       (newline-separated); Ctrl/Cmd+C on a row copies the current cell
//   export-csv, export-json, export-status   a statement's result, in the order shown
//   cell-detail         the current cell in full below the grid: cell-value, or json-pretty
//                       (pretty-printed JSON, numbers as sent) after json-pretty-toggle
//   plan                the plan section: plan-header, plan-hints, plan-tree, plan-text
//   plan-node           an operator (data-operator, data-fullscan, data-missing-stats)
//   plan-table          a table@index button → goToTable; plan-spans, plan-rows
//   loading, error-state (common/states.ts)
import '../common/l10nSetup';
import * as l10n from '@vscode/l10n';
import { formatDuration } from '../../../domain/time';
import type { Failure } from '../../protocol/messages';
import type { SqlResultsPayload } from '../../protocol/sqlResults';
import baseCss from '../common/base.css';
import { addStyle, appRoot, custom, el } from '../common/dom';
import { button, errorState, loadingState } from '../common/states';
import { connect, patchState, request, RequestError } from '../common/vscodeApi';
import { planView } from './plan';
import css from './sqlResults.css';
import { newSectionState, StatementSection, type SectionState } from './statement';

addStyle(baseCss);
addStyle(css);
const root = appRoot();
root.replaceChildren(loadingState(l10n.t('SQL results')));

/** Grids this far outside the viewport are already built, so scrolling never shows a placeholder. */
const MARGIN_PX = 400;

let loadSeq = 0;
/** Section states of the run on screen, by statement index: an update of the same run keeps sorts and current cells. */
let states = new Map<number, SectionState>();
let statesRun: number | undefined;
let sections: StatementSection[] = [];
const bySlot = new Map<Element, StatementSection>();

const observer = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      const s = bySlot.get(e.target);
      if (!s) continue;
      if (e.isIntersecting) s.mount();
      else s.unmount();
    }
  },
  { rootMargin: `${MARGIN_PX}px 0px` },
);

const two = (n: number) => String(n).padStart(2, '0');
const hms = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;

function durationText(ms: number): string {
  if (ms < 1000) return l10n.t('{0} ms', Math.round(ms));
  if (ms < 60_000) return l10n.t('{0} s', (ms / 1000).toFixed(2));
  return formatDuration(ms);
}

function emptyState(): HTMLElement {
  return el(
    'div',
    { class: 'state', 'data-testid': 'empty-state', role: 'status' },
    el('h2', {}, l10n.t('No results yet')),
    el('p', { class: 'muted' }, l10n.t('Run a statement to see results here.')),
  );
}

function statusLine(p: SqlResultsPayload): HTMLElement {
  const line = el('div', {
    class: `run-status status-${p.status}`,
    'data-testid': 'run-status',
    'data-status': p.status,
    role: 'status',
    'aria-live': 'polite',
  });
  const text = el('span', { class: 'status-text' });
  const n = p.statements.length;
  const count = n === 1 ? l10n.t('{0} statement', n) : l10n.t('{0} statements', n);
  const took = p.durationMs !== undefined ? durationText(p.durationMs) : undefined;
  switch (p.status) {
    case 'running':
      line.append(custom('vscode-progress-ring', { 'aria-hidden': 'true', class: 'ring' }));
      text.textContent = n ? l10n.t('Running… {0} answered so far', count) : l10n.t('Running…');
      break;
    case 'done':
      text.textContent = took !== undefined ? l10n.t('Done in {0} · {1}', took, count) : l10n.t('Done · {0}', count);
      break;
    case 'cancelled':
      if (took !== undefined)
        text.textContent = n
          ? l10n.t('Cancelled in {0} · {1} answered', took, count)
          : l10n.t('Cancelled in {0}', took);
      else text.textContent = n ? l10n.t('Cancelled · {0} answered', count) : l10n.t('Cancelled');
      break;
    case 'failed': {
      const failedAt = p.statements.find((s) => s.error);
      const at = failedAt ? failedAt.index + 1 : undefined;
      if (took !== undefined)
        text.textContent =
          at !== undefined ? l10n.t('Failed in {0} at statement {1}', took, at) : l10n.t('Failed in {0}', took);
      else text.textContent = at !== undefined ? l10n.t('Failed at statement {0}', at) : l10n.t('Failed');
      break;
    }
  }
  line.append(text);
  if (p.status === 'running') {
    const cancel = button(l10n.t('Cancel'), 'cancel-run', () => {
      cancel.toggleAttribute('disabled', true);
      text.textContent = l10n.t('Cancelling…');
      request('cancelSqlRun', { runId: p.runId }).then(
        (r) => {
          if (!r.cancelled) text.textContent = l10n.t('The run was no longer running.');
        },
        (e: unknown) => {
          cancel.toggleAttribute('disabled', false);
          text.textContent = l10n.t('Could not cancel: {0}', e instanceof Error ? e.message : String(e));
        },
      );
    });
    line.append(cancel);
  }
  const started = new Date(p.startedAt);
  if (!Number.isNaN(started.getTime())) {
    const at =
      p.status !== 'running' && p.durationMs !== undefined ? new Date(started.getTime() + p.durationMs) : started;
    line.append(
      el(
        'span',
        { class: 'muted', 'data-testid': 'as-of', title: l10n.t('Started {0}', p.startedAt) },
        l10n.t('as of {0}', hms(at)),
      ),
    );
  }
  return line;
}

function render(p: SqlResultsPayload | null): void {
  observer.disconnect();
  bySlot.clear();
  sections = [];
  if (!p) {
    root.replaceChildren(emptyState());
    return;
  }
  const sameRun = p.runId === statesRun;
  const scroll = sameRun ? window.scrollY : 0;
  if (!sameRun) {
    states = new Map();
    statesRun = p.runId;
  }
  const page = el(
    'div',
    { class: 'results' },
    el(
      'h1',
      {},
      l10n.t('SQL results '),
      el('span', { class: 'muted', 'data-testid': 'cluster-name' }, `— ${p.clusterName}`),
    ),
    statusLine(p),
  );
  if (p.failure)
    page.append(el('div', { class: 'banner problem', role: 'alert', 'data-testid': 'run-failure' }, p.failure));
  if (p.plan) page.append(planView(p.plan));
  const ctx = { clusterName: p.clusterName, maxResultBytes: p.maxResultBytes, limitSetting: p.limitSetting };
  for (const s of p.statements) {
    let st = states.get(s.index);
    if (!st) states.set(s.index, (st = newSectionState()));
    const section = new StatementSection(s, ctx, st);
    sections.push(section);
    page.append(section.element);
  }
  if (p.status !== 'running' && !p.statements.length && !p.plan && !p.failure)
    page.append(
      el(
        'div',
        { class: 'state muted', 'data-testid': 'no-statements', role: 'status' },
        l10n.t('The run returned nothing to show.'),
      ),
    );
  root.replaceChildren(page);
  if (sameRun) window.scrollTo(0, scroll);
  // The grids on screen now are built at once, the observer handles the rest. The first is
  // (nearly always) on screen: built before measuring, its layout is the only full one.
  const withGrid = sections.filter((s) => s.gridSlot);
  withGrid[0]?.mount();
  const reach = window.innerHeight + MARGIN_PX;
  for (const s of withGrid.slice(1)) {
    const r = s.gridSlot!.getBoundingClientRect();
    if (r.top >= reach) break; // sections are in page order: the rest are further down
    if (r.bottom > -MARGIN_PX) s.mount();
  }
  for (const s of sections) {
    if (!s.gridSlot) continue;
    bySlot.set(s.gridSlot, s);
    observer.observe(s.gridSlot);
  }
}

document.addEventListener('copy', (e) => {
  const active = document.activeElement;
  if (active) sections.find((s) => s.element.contains(active))?.onCopyEvent(e);
});

function failureOf(e: unknown): Failure {
  return e instanceof RequestError ? e.failure : { kind: 'other', message: String(e) };
}

async function load(): Promise<void> {
  const seq = ++loadSeq;
  try {
    const p = await request('loadSqlResults', {});
    if (seq !== loadSeq) return; // a newer refresh superseded this one
    render(p);
  } catch (e) {
    if (seq !== loadSeq) return;
    observer.disconnect();
    root.replaceChildren(errorState(failureOf(e), () => void load()));
  }
}

connect((m) => {
  if (m.type === 'init') {
    // The serializer restores this panel from the cluster id; the results themselves are never saved.
    patchState({ clusterId: m.clusterId });
    void load();
  } else if (m.type === 'refresh') {
    void load();
  }
});
