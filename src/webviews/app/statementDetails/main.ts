// Statement details front end: one statement fingerprint of one application —
// its text, key figures, latency per hour, plans, index recommendations, the
// insights and contention events that name it, and the sessions running it
// now — over a window the user picks. Nothing here runs on the cluster except
// the confirmed cancel of a blocking session (the host asks first). A failed
// refresh keeps the statement on screen and marks the provenance line stale.
//
// data-testids (UI tests rely on them):
//   window-select      the window picker (1 h … 7 d); a change re-requests
//   provenance         "as of 10:42:13 from n1 (v25.2.4) · crdb_internal.statement_activity"
//                      (common/stale.ts: data-stale="true" while the last refresh failed)
//   statement-query    the full statement text (<pre>)
//   copy-query         copies it; open-as-sql opens it in an untitled SQL editor
//   open-as-sql
//   latency-chart      the SVG chart (mean and p99 per hour) and its table
//   plan-gists         the plan gists; sampled-plan the sampled plan tree
//   sampled-plan
//   index-recs         the section; each index-rec has index-rec-copy and index-rec-open
//   index-rec, index-rec-copy, index-rec-open
//   insights           the section; its rows are insight-row
//   insight-row
//   contention         the section; its rows are contention-row, with cancel-blocking
//   contention-row     where the blocking transaction is open in a live session
//   cancel-blocking
//   live-sessions      the section; its rows are live-session-row
//   live-session-row
//   section-error      a section that could not be read (data-section names it)
//   action-status      the outcome of a cancel
import '../common/l10nSetup';
import * as l10n from '@vscode/l10n';
import type { StatementDetailsPayload, WindowPreset } from '../../protocol/workload';
import baseCss from '../common/base.css';
import { addStyle, appRoot, el } from '../common/dom';
import { workloadProvenanceText } from '../common/freshness';
import { button, errorState, loadingState } from '../common/states';
import { AutoRefresh } from '../common/refresh';
import { ProvenanceLine } from '../common/stale';
import { connect, getState, patchState, post, request, RequestError } from '../common/vscodeApi';
import {
  contentionSection,
  figuresSection,
  headerMeta,
  indexRecsSection,
  insightsSection,
  latencySection,
  planSection,
  querySection,
  sessionsSection,
  type SectionActions,
} from './sections';
import css from './statementDetails.css';

type Preset = Exclude<WindowPreset, 'custom'>;
const WINDOWS: ReadonlyArray<[Preset, string]> = [
  ['1h', l10n.t('Last hour')],
  ['6h', l10n.t('Last 6 hours')],
  ['1d', l10n.t('Last day')],
  ['3d', l10n.t('Last 3 days')],
  ['7d', l10n.t('Last 7 days')],
];
const INTERVALS = [30, 60, 300];

interface ViewState {
  /** The serializer restores the panel from these three. */
  clusterId?: string;
  fingerprintId?: string;
  appName?: string;
  window: Preset;
  autoRefresh: boolean;
  intervalSec: number;
}

function readState(raw: Partial<Record<keyof ViewState, unknown>>): ViewState {
  const w = WINDOWS.find(([p]) => p === raw.window)?.[0];
  return {
    window: w ?? '1d',
    autoRefresh: raw.autoRefresh !== false,
    intervalSec: INTERVALS.includes(raw.intervalSec as number) ? (raw.intervalSec as number) : 60,
  };
}

addStyle(baseCss);
addStyle(css);
const root = appRoot();
root.replaceChildren(loadingState(l10n.t('statement')));

const state = readState(getState<ViewState>());
let clusterName = '';
let fingerprintId = '';
let payload: StatementDetailsPayload | undefined;
/** The window `payload` covers: a failed refresh of it keeps it on screen, one of another window does not. */
let payloadWindow: Preset | undefined;
let loadSeq = 0;
let loading = false;
const refresher = new AutoRefresh(
  () => load(),
  () => loading,
);

// ---- Layout (built once; a load replaces the header details and the sections) ----
const titleText = el('span', { 'data-testid': 'statement-title' }, l10n.t('Statement'));
const clusterLabel = el('span', { class: 'muted', 'data-testid': 'cluster-name' });
const title = el('h1', {}, titleText, ' ', clusterLabel);
const metaSlot = el('div', { 'data-testid': 'statement-meta' });
const provenance = new ProvenanceLine();

const windowSelect = el('select', { 'data-testid': 'window-select', 'aria-label': l10n.t('Window') });
for (const [value, label] of WINDOWS) windowSelect.append(el('option', { value }, label));
windowSelect.value = state.window;
windowSelect.addEventListener('change', () => {
  const w = WINDOWS.find(([p]) => p === windowSelect.value)?.[0];
  if (!w) return;
  state.window = w;
  save();
  void load();
});

const auto = el('input', { type: 'checkbox', 'data-testid': 'auto-refresh' });
auto.checked = state.autoRefresh;
const interval = el('select', {
  'data-testid': 'auto-refresh-interval',
  'aria-label': l10n.t('Auto-refresh interval'),
});
for (const s of INTERVALS)
  interval.append(el('option', { value: String(s) }, s < 60 ? l10n.t('{0} s', s) : l10n.t('{0} min', s / 60)));
interval.value = String(state.intervalSec);
const onAuto = () => {
  state.autoRefresh = auto.checked;
  state.intervalSec = Number(interval.value);
  save();
  schedule();
};
auto.addEventListener('change', onAuto);
interval.addEventListener('change', onAuto);

const actionStatus = el('div', {
  class: 'muted',
  'data-testid': 'action-status',
  role: 'status',
  'aria-live': 'polite',
});
const toolbar = el(
  'div',
  { class: 'toolbar' },
  el('label', {}, l10n.t('Window '), windowSelect),
  button(l10n.t('Refresh'), 'refresh', () => void load()),
  el('label', {}, auto, l10n.t('Auto-refresh every')),
  interval,
);
const content = el('div', { 'data-testid': 'content' });
root.replaceChildren(title, metaSlot, provenance.element, toolbar, actionStatus, content);
content.replaceChildren(loadingState(l10n.t('statement')));

function save(): void {
  patchState(state);
}

const actions: SectionActions = {
  copy: (text, what) => post({ type: 'copyText', text, what }),
  openAsSql: (text) => post({ type: 'openAsSql', text }),
  cancelBlocking: (s, b) => void cancelBlocking(s.sessionId, s.nodeId, b),
};

function render(d: StatementDetailsPayload): void {
  const label = d.statement?.querySummary || d.statement?.query || d.fingerprintId;
  titleText.textContent = l10n.t('Statement {0}', label);
  titleText.title = d.statement?.query ?? '';
  metaSlot.replaceChildren(headerMeta(d));
  provenance.show(workloadProvenanceText(d.provenance), d.provenance.fetchedAt);
  content.replaceChildren(
    querySection(d, actions),
    figuresSection(d),
    latencySection(d),
    planSection(d),
    indexRecsSection(d, actions),
    insightsSection(d),
    contentionSection(d, actions),
    sessionsSection(d),
  );
}

async function load(): Promise<void> {
  const seq = ++loadSeq;
  const preset = state.window;
  loading = true;
  if (!payload) content.replaceChildren(loadingState(l10n.t('statement {0}', fingerprintId)));
  else provenance.setRefreshing(true);
  try {
    const d = await request('loadStatementDetails', { window: { preset } });
    if (seq !== loadSeq) return; // A newer load superseded this one.
    payload = d;
    payloadWindow = preset;
    render(d);
  } catch (e) {
    if (seq !== loadSeq) return;
    const failure = e instanceof RequestError ? e.failure : { kind: 'other' as const, message: String(e) };
    if (payload && payloadWindow === preset) {
      provenance.setStale({ at: new Date(), failure });
      return;
    }
    payload = undefined;
    provenance.clear();
    content.replaceChildren(errorState(failure, () => void load()));
  } finally {
    if (seq === loadSeq) {
      loading = false;
      provenance.setRefreshing(false);
    }
  }
}

/** The host confirms with a modal first; a declined cancel changes nothing. */
async function cancelBlocking(sessionId: string, nodeId: number, b: HTMLElement): Promise<void> {
  b.setAttribute('disabled', '');
  actionStatus.textContent = l10n.t('Cancel session {0} on n{1}: waiting for your confirmation…', sessionId, nodeId);
  try {
    const r = await request('cancelSession', { sessionId, nodeId });
    if (!r.cancelled) {
      actionStatus.textContent = l10n.t('Not cancelled.');
      b.removeAttribute('disabled');
      return;
    }
    actionStatus.textContent = l10n.t('Cancelled session {0} on n{1}.', sessionId, nodeId);
  } catch (e) {
    actionStatus.textContent = l10n.t(
      'Could not cancel session {0}: {1}',
      sessionId,
      e instanceof Error ? e.message : String(e),
    );
  }
  await load();
}

/** Auto-refresh runs only while the panel is visible and never on top of a running load. */
function schedule(): void {
  refresher.set(state.autoRefresh, state.intervalSec);
}

connect((m) => {
  if (m.type === 'init') {
    clusterName = m.clusterName;
    clusterLabel.textContent = `— ${clusterName}`;
    const target = m.statement;
    fingerprintId = target?.fingerprintId ?? '';
    titleText.textContent = l10n.t('Statement {0}', fingerprintId);
    state.clusterId = m.clusterId;
    if (target) {
      state.fingerprintId = target.fingerprintId;
      state.appName = target.appName;
    }
    save();
    schedule();
    void load();
  } else if (m.type === 'refresh') {
    void load();
  }
});
