// The sections of the Statement details page, each a function of the payload.
// Every string from the cluster (SQL, application, table and key names) goes
// into the page as text: el() and plainTable() set textContent only.
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
  row('Application', d.appName || '(all applications)', 'statement-app');
  row('Database', d.statement?.database || '(unknown)', 'statement-database');
  row('Fingerprint', d.fingerprintId, 'statement-fingerprint');
  row('Window', `${when(d.window.start)} – ${when(d.window.end)}`, 'statement-window');
  return dl;
}

export function querySection(d: StatementDetailsPayload, a: SectionActions): HTMLElement {
  const query = d.statement?.query ?? '';
  if (!query)
    return section(
      'statement-section',
      'Statement',
      el(
        'p',
        { class: 'muted', 'data-testid': 'statement-query' },
        'The statement text is not known for this window: the fingerprint has no statistics among the application’s top statements.',
      ),
    );
  return section(
    'statement-section',
    'Statement',
    el('pre', { class: 'sql mono', 'data-testid': 'statement-query' }, query),
    el(
      'div',
      { class: 'actions' },
      button('Copy', 'copy-query', () => a.copy(query, 'the statement'), { secondary: '' }),
      button('Open as SQL', 'open-as-sql', () => a.openAsSql(query), {
        secondary: '',
        title: 'Opens the text in a new SQL editor; nothing runs on the cluster.',
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
  row('Executions', count.toLocaleString(), 'executionCount');
  row('Mean latency', formatSeconds(s?.meanLatency ?? (h.executionCount ? h.meanLatency : undefined)), 'meanLatency');
  row('p99 latency (highest hour)', formatSeconds(s?.p99Latency ?? h.p99Latency), 'p99Latency');
  row('Total time', formatSeconds(s?.totalTime ?? h.totalTime), 'totalTime');
  if (s) {
    row('SQL CPU per execution', cpuNanos(s.cpuNanos), 'cpu');
    row('Rows read per execution', fixed(s.rowsRead), 'rowsRead');
    row('Rows written per execution', fixed(s.rowsWritten), 'rowsWritten');
    row('Contention per execution', formatSeconds(s.contention), 'contention');
    row('Most retries', String(s.retries), 'retries');
    row('Full scan', s.fullScan ? 'yes' : 'no', 'fullScan');
    if (s.lastExecAt) row('Last executed', when(s.lastExecAt), 'lastExecAt');
  }
  const note = s
    ? []
    : [
        el(
          'p',
          { class: 'muted' },
          d.history.length
            ? 'From the hourly history: this fingerprint is not among the top statements the cluster returned for the window, so CPU, rows, contention and retries are not shown.'
            : 'No executions of this fingerprint in the window.',
        ),
      ];
  return section('figures', 'Key figures', ...sectionErrors(d, 'history'), dl, ...note);
}

export function latencySection(d: StatementDetailsPayload): HTMLElement {
  return section('latency', 'Latency over the window', latencyChart(d.history, d.window));
}

export function planSection(d: StatementDetailsPayload): HTMLElement {
  const stable = d.provenance.source === 'information_schema.crdb_statement_statistics';
  const gists = d.planGists.length
    ? el('ul', { class: 'gists mono', 'data-testid': 'plan-gists' }, ...d.planGists.map((g) => el('li', {}, g)))
    : el('p', { class: 'muted', 'data-testid': 'plan-gists' }, 'No plan gist recorded in the window.');
  const plan = d.sampledPlan
    ? el('pre', { class: 'plan mono', 'data-testid': 'sampled-plan' }, d.sampledPlan)
    : el(
        'p',
        { class: 'muted', 'data-testid': 'sampled-plan' },
        stable
          ? 'No sampled plan: the stable statistics view of this CockroachDB version carries no plans.'
          : 'No plan was sampled in the window.',
      );
  return section('plan', 'Plan', el('h3', {}, 'Plan gists'), gists, el('h3', {}, 'Sampled plan'), plan);
}

export function indexRecsSection(d: StatementDetailsPayload, a: SectionActions): HTMLElement {
  if (!d.indexRecommendations.length)
    return section(
      'index-recs',
      'Index recommendations',
      el('p', { class: 'muted' }, 'No index recommendation for this statement.'),
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
          button('Copy', 'index-rec-copy', () => a.copy(r.sql, 'the index recommendation'), { secondary: '' }),
          button('Open as SQL', 'index-rec-open', () => a.openAsSql(r.sql), {
            secondary: '',
            title: 'Opens the statement in a new SQL editor; nothing runs on the cluster.',
          }),
        ),
      ),
    );
  }
  return section('index-recs', 'Index recommendations', list);
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
        'Insights',
        'insight',
        'insights-table',
        ['When', 'Problem', 'Causes', 'Contention', 'Recommends', 'Transaction'],
        rows,
        [3],
      )
    : errors.length
      ? el('span')
      : el('p', { class: 'muted' }, 'No insight names this statement in the window.');
  return section('insights', 'Insights', ...errors, body);
}

export function contentionSection(d: StatementDetailsPayload, a: SectionActions): HTMLElement {
  const errors = sectionErrors(d, 'contention');
  const rows: TableRow[] = d.contention.map((c) => {
    const s = c.blockingSession;
    const blocker: HTMLElement[] = [];
    if (s) {
      const b = button('Cancel blocking session', 'cancel-blocking', () => a.cancelBlocking(s, b), {
        title: `Cancels session ${s.sessionId} on n${s.nodeId} after a confirmation.`,
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
          text: s ? `n${s.nodeId} · ${s.user} · ${s.appName || 'no application'} ` : 'not open now',
          class: s ? 'wrap' : 'wrap muted',
          extra: blocker,
        },
      ],
    };
  });
  const body = rows.length
    ? table(
        'Contention',
        'contention',
        'contention-table',
        ['When', 'Waited', 'Table / index', 'Key', 'Waiting txn', 'Blocking txn (fingerprint)', 'Blocking session'],
        rows,
        [1],
      )
    : errors.length
      ? el('span')
      : el('p', { class: 'muted' }, 'This statement did not wait on another transaction in the window.');
  return section(
    'contention',
    'Contention: who blocked this statement',
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
        'Sessions running it now',
        'live-session',
        'live-sessions-table',
        ['Node', 'User', 'Application', 'Running for', 'Statement', 'Session'],
        rows,
        [3],
      )
    : el('p', { class: 'muted' }, 'No session is running this statement right now.');
  return section('live-sessions', 'Sessions running it now', ...errors, body);
}
