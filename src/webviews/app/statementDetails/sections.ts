// The sections of the Statement details page, each a function of the payload.
// Every string from the cluster (SQL, application, table and key names) goes
// into the page as text: el() and plainTable() set textContent only.
import * as l10n from '@vscode/l10n';
import { cpuNanos, fixed, oneLine } from '../../../domain/format';
import { causeWords, formatSeconds, insightHeadline, namedCauses } from '../../../domain/workload';
import { historyFigures, parseIndexRecommendation } from '../../model/statementDetails';
import type { LiveSession, SectionError, StatementDetailsPayload } from '../../protocol/workload';
import { el } from '../common/dom';
import { button } from '../common/states';
import { plainTable, tag, type TableRow } from '../common/table';
import { latencyChart } from './latencyChart';

export interface SectionActions {
  copy(text: string, what: string): void;
  openAsSql(text: string): void;
  cancelBlocking(session: LiveSession, button: HTMLElement): void;
}

function when(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

function sectionErrors(d: StatementDetailsPayload, which: SectionError['section']): HTMLElement[] {
  return d.errors
    .filter((e) => e.section === which)
    .map((e) =>
      el(
        'div',
        { class: 'banner warning', role: 'status', 'data-testid': 'section-error', 'data-section': e.section },
        e.message,
      ),
    );
}

function section(testid: string, title: string, ...children: Node[]): HTMLElement {
  return el('section', { 'data-testid': testid, 'aria-label': title }, el('h2', {}, title), ...children);
}

/** A plainTable whose rows are `<rowKind>-row`; the table is `<tableTestid>` (the section has the short id). */
function table(
  label: string,
  rowKind: string,
  tableTestid: string,
  headers: string[],
  rows: TableRow[],
  numeric: number[] = [],
): HTMLElement {
  const t = plainTable(label, rowKind, headers, rows, new Set(numeric));
  t.setAttribute('data-testid', tableTestid);
  return el('div', { class: 'table-wrap' }, t);
}

export function headerMeta(d: StatementDetailsPayload): HTMLElement {
  const dl = el('dl', { class: 'meta' });
  const row = (k: string, v: string, testid: string) =>
    dl.append(el('dt', {}, k), el('dd', { 'data-testid': testid }, v));
  row(l10n.t('Application'), d.appName || l10n.t('(all applications)'), 'statement-app');
  row(l10n.t('Database'), d.statement?.database || l10n.t('(unknown)'), 'statement-database');
  row(l10n.t('Fingerprint'), d.fingerprintId, 'statement-fingerprint');
  row(l10n.t('Window'), `${when(d.window.start)} – ${when(d.window.end)}`, 'statement-window');
  return dl;
}

export function querySection(d: StatementDetailsPayload, a: SectionActions): HTMLElement {
  const query = d.statement?.query ?? '';
  if (!query)
    return section(
      'statement-section',
      l10n.t('Statement'),
      el(
        'p',
        { class: 'muted', 'data-testid': 'statement-query' },
        l10n.t(
          'The statement text is not known for this window: the fingerprint has no statistics among the application’s top statements.',
        ),
      ),
    );
  return section(
    'statement-section',
    l10n.t('Statement'),
    el('pre', { class: 'sql mono', 'data-testid': 'statement-query' }, query),
    el(
      'div',
      { class: 'actions' },
      button(l10n.t('Copy'), 'copy-query', () => a.copy(query, l10n.t('the statement')), { secondary: '' }),
      button(l10n.t('Open as SQL'), 'open-as-sql', () => a.openAsSql(query), {
        secondary: '',
        title: l10n.t('Opens the text in a new SQL editor; nothing runs on the cluster.'),
      }),
    ),
  );
}

export function figuresSection(d: StatementDetailsPayload): HTMLElement {
  const s = d.statement;
  const h = historyFigures(d.history);
  const dl = el('dl', { class: 'stats', 'data-testid': 'key-figures' });
  const row = (k: string, v: string, key: string) =>
    dl.append(el('dt', {}, k), el('dd', { class: 'num', 'data-stat': key }, v || '—'));
  const count = s?.executionCount ?? h.executionCount;
  row(l10n.t('Executions'), count.toLocaleString(), 'executionCount');
  row(
    l10n.t('Mean latency'),
    formatSeconds(s?.meanLatency ?? (h.executionCount ? h.meanLatency : undefined)),
    'meanLatency',
  );
  row(l10n.t('p99 latency (highest hour)'), formatSeconds(s?.p99Latency ?? h.p99Latency), 'p99Latency');
  row(l10n.t('Total time'), formatSeconds(s?.totalTime ?? h.totalTime), 'totalTime');
  if (s) {
    row(l10n.t('SQL CPU per execution'), cpuNanos(s.cpuNanos), 'cpu');
    row(l10n.t('Rows read per execution'), fixed(s.rowsRead), 'rowsRead');
    row(l10n.t('Rows written per execution'), fixed(s.rowsWritten), 'rowsWritten');
    row(l10n.t('Contention per execution'), formatSeconds(s.contention), 'contention');
    row(l10n.t('Most retries'), String(s.retries), 'retries');
    row(l10n.t('Full scan'), s.fullScan ? l10n.t('yes') : l10n.t('no'), 'fullScan');
    if (s.lastExecAt) row(l10n.t('Last executed'), when(s.lastExecAt), 'lastExecAt');
  }
  const note = s
    ? []
    : [
        el(
          'p',
          { class: 'muted' },
          d.history.length
            ? l10n.t(
                'From the hourly history: this fingerprint is not among the top statements the cluster returned for the window, so CPU, rows, contention and retries are not shown.',
              )
            : l10n.t('No executions of this fingerprint in the window.'),
        ),
      ];
  return section('figures', l10n.t('Key figures'), ...sectionErrors(d, 'history'), dl, ...note);
}

export function latencySection(d: StatementDetailsPayload): HTMLElement {
  return section('latency', l10n.t('Latency over the window'), latencyChart(d.history, d.window));
}

export function planSection(d: StatementDetailsPayload): HTMLElement {
  const stable = d.provenance.source === 'information_schema.crdb_statement_statistics';
  const gists = d.planGists.length
    ? el('ul', { class: 'gists mono', 'data-testid': 'plan-gists' }, ...d.planGists.map((g) => el('li', {}, g)))
    : el('p', { class: 'muted', 'data-testid': 'plan-gists' }, l10n.t('No plan gist recorded in the window.'));
  const plan = d.sampledPlan
    ? el('pre', { class: 'plan mono', 'data-testid': 'sampled-plan' }, d.sampledPlan)
    : el(
        'p',
        { class: 'muted', 'data-testid': 'sampled-plan' },
        stable
          ? l10n.t('No sampled plan: the stable statistics view of this CockroachDB version carries no plans.')
          : l10n.t('No plan was sampled in the window.'),
      );
  return section(
    'plan',
    l10n.t('Plan'),
    el('h3', {}, l10n.t('Plan gists')),
    gists,
    el('h3', {}, l10n.t('Sampled plan')),
    plan,
  );
}

export function indexRecsSection(d: StatementDetailsPayload, a: SectionActions): HTMLElement {
  if (!d.indexRecommendations.length)
    return section(
      'index-recs',
      l10n.t('Index recommendations'),
      el('p', { class: 'muted' }, l10n.t('No index recommendation for this statement.')),
    );
  const list = el('ul', { class: 'recs' });
  for (const rec of d.indexRecommendations) {
    const r = parseIndexRecommendation(rec);
    list.append(
      el(
        'li',
        { 'data-testid': 'index-rec', 'data-type': r.type },
        ...(r.type ? [tag(r.type)] : []),
        el('pre', { class: 'sql mono' }, r.sql),
        el(
          'div',
          { class: 'actions' },
          button(l10n.t('Copy'), 'index-rec-copy', () => a.copy(r.sql, l10n.t('the index recommendation')), {
            secondary: '',
          }),
          button(l10n.t('Open as SQL'), 'index-rec-open', () => a.openAsSql(r.sql), {
            secondary: '',
            title: l10n.t('Opens the statement in a new SQL editor; nothing runs on the cluster.'),
          }),
        ),
      ),
    );
  }
  return section('index-recs', l10n.t('Index recommendations'), list);
}

export function insightsSection(d: StatementDetailsPayload): HTMLElement {
  const errors = sectionErrors(d, 'insights');
  const rows: TableRow[] = d.insights.map((i) => {
    const causes = namedCauses(i.causes);
    return {
      class: i.problem === 'FailedExecution' ? 'has-problem' : '',
      attrs: { 'data-statement-id': i.statementId, 'data-problem': i.problem },
      cells: [
        { text: when(i.end), class: 'mono' },
        insightHeadline([i.problem], causes),
        { text: causes.map(causeWords).join(', '), class: 'wrap' },
        formatSeconds(i.contention),
        { text: i.indexRecommendations.map((r) => parseIndexRecommendation(r).sql).join('\n'), class: 'wrap mono' },
        { text: shortId(i.transactionId), class: 'mono' },
      ],
    };
  });
  const body = rows.length
    ? table(
        l10n.t('Insights'),
        'insight',
        'insights-table',
        [
          l10n.t('When'),
          l10n.t('Problem'),
          l10n.t('Causes'),
          l10n.t('Contention'),
          l10n.t('Recommends'),
          l10n.t('Transaction'),
        ],
        rows,
        [3],
      )
    : errors.length
      ? el('span')
      : el('p', { class: 'muted' }, l10n.t('No insight names this statement in the window.'));
  return section('insights', l10n.t('Insights'), ...errors, body);
}

export function contentionSection(d: StatementDetailsPayload, a: SectionActions): HTMLElement {
  const errors = sectionErrors(d, 'contention');
  const rows: TableRow[] = d.contention.map((c) => {
    const s = c.blockingSession;
    const blocker: HTMLElement[] = [];
    if (s) {
      const b = button(l10n.t('Cancel blocking session'), 'cancel-blocking', () => a.cancelBlocking(s, b), {
        title: l10n.t('Cancels session {0} on n{1} after a confirmation.', s.sessionId, s.nodeId),
      });
      blocker.push(b);
    }
    return {
      attrs: { 'data-blocking-txn': c.blockingTxnId, 'data-waiting-txn': c.waitingTxnId },
      cells: [
        { text: when(c.collectedAt), class: 'mono' },
        formatSeconds(c.duration),
        { text: c.index ? `${c.table}@${c.index}` : c.table, class: 'wrap' },
        { text: c.key, class: 'wrap mono' },
        { text: shortId(c.waitingTxnId), class: 'mono' },
        { text: `${shortId(c.blockingTxnId)} (${c.blockingTxnFingerprintId})`, class: 'mono' },
        {
          text: s
            ? l10n.t('n{0} · {1} · {2} ', s.nodeId, s.user, s.appName || l10n.t('no application'))
            : l10n.t('not open now'),
          class: s ? 'wrap' : 'wrap muted',
          extra: blocker,
        },
      ],
    };
  });
  const body = rows.length
    ? table(
        l10n.t('Contention'),
        'contention',
        'contention-table',
        [
          l10n.t('When'),
          l10n.t('Waited'),
          l10n.t('Table / index'),
          l10n.t('Key'),
          l10n.t('Waiting txn'),
          l10n.t('Blocking txn (fingerprint)'),
          l10n.t('Blocking session'),
        ],
        rows,
        [1],
      )
    : errors.length
      ? el('span')
      : el('p', { class: 'muted' }, l10n.t('This statement did not wait on another transaction in the window.'));
  return section(
    'contention',
    l10n.t('Contention: who blocked this statement'),
    ...errors,
    el('div', { class: 'muted', 'data-testid': 'cancel-status', role: 'status', 'aria-live': 'polite' }),
    body,
  );
}

export function sessionsSection(d: StatementDetailsPayload): HTMLElement {
  const errors = sectionErrors(d, 'sessions');
  const rows: TableRow[] = d.sessions.map((s) => ({
    attrs: { 'data-session-id': s.sessionId, 'data-node-id': String(s.nodeId) },
    cells: [
      `n${s.nodeId}`,
      s.user,
      { text: s.appName, class: 'wrap' },
      formatSeconds(s.elapsed),
      { text: oneLine(s.query, 300), class: 'wrap mono' },
      { text: shortId(s.sessionId), class: 'mono' },
    ],
  }));
  const body = rows.length
    ? table(
        l10n.t('Sessions running it now'),
        'live-session',
        'live-sessions-table',
        [
          l10n.t('Node'),
          l10n.t('User'),
          l10n.t('Application'),
          l10n.t('Running for'),
          l10n.t('Statement'),
          l10n.t('Session'),
        ],
        rows,
        [3],
      )
    : el('p', { class: 'muted' }, l10n.t('No session is running this statement right now.'));
  return section('live-sessions', l10n.t('Sessions running it now'), ...errors, body);
}
