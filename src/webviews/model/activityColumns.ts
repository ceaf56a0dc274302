// The SQL activity tables' columns (statements and transactions), the local
// filters (application, database, text search) and the options of the filter
// drop-downs. Everything here works on the rows of one payload: sorting and
// filtering never go back to the cluster.
import * as l10n from '@vscode/l10n';
import { cpuNanos, fixed } from '../../domain/format';
import { formatDuration } from '../../domain/time';
import type { StatementRow, TransactionRow } from '../protocol/workload';
import type { Column } from './columns';
import type { SortSpec } from './sort';

/** Fingerprints fetched per load: the panel's ceiling, and what the host asks the cluster for. */
export const ACTIVITY_LIMIT = 10_000;
/**
 * Row data the cluster may send for one load. The client's 4 MiB default cuts 10,000
 * fingerprints (about 600 bytes each with their text) short; this fits them with room.
 */
export const ACTIVITY_MAX_RESULT_BYTES = 16 * 1024 * 1024;

/** The figures both tables show, with the same keys (a sort by one carries over between them). */
export type MetricColumnKey =
  | 'executionCount'
  | 'totalTime'
  | 'meanLatency'
  | 'p99Latency'
  | 'cpuNanos'
  | 'rowsRead'
  | 'rowsWritten'
  | 'contention'
  | 'retries';

export type StatementColumnKey =
  'query' | 'appName' | 'database' | MetricColumnKey | 'fullScan' | 'indexRecommendations' | 'fingerprintId';

export type TransactionColumnKey = 'statementSummaries' | 'appName' | MetricColumnKey | 'fingerprintId';

export type ActivityColumnKey = StatementColumnKey | TransactionColumnKey;

/** Both tables open sorted by where the time went. */
export const DEFAULT_ACTIVITY_SORT: SortSpec<'totalTime'> = { key: 'totalTime', dir: 'desc' };

// ---- Formatting (display only; exports write the raw numbers) ----

const grouped = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "12,345" for counts; '' when missing. */
export function countText(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const r = Math.round(n);
  return `${r < 0 ? '-' : ''}${grouped(String(Math.abs(r)))}`;
}

/** Means per execution (rows read): one decimal below 10 ("2.5", but "0" and "1"), whole numbers with separators above. */
export function meanText(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  return Math.abs(n) < 10 && !Number.isInteger(n) ? fixed(n, 1) : countText(n);
}

/** Latencies and totals arrive in seconds: "850 µs", "12.3 ms", "4.56 s", then "5m 2s", "3h 5m", "2d 4h". */
export function secondsText(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '';
  if (s === 0) return '0';
  const abs = Math.abs(s);
  if (abs < 0.001) return `${(s * 1e6).toFixed(0)} µs`;
  if (abs < 1) return `${(s * 1000).toFixed(1)} ms`;
  if (abs < 60) return `${s.toFixed(2)} s`;
  return formatDuration(s * 1000);
}

// ---- Columns ----

/**
 * The whole statement text: the cell shows it on one line (CSS collapses the line breaks
 * and cuts it with an ellipsis) and the CSV export writes it exactly.
 */
const statementText = (r: StatementRow): string => r.query || r.querySummary;

/** A transaction by the statements it runs, or by their count where the cluster does not name them. */
export function transactionText(r: TransactionRow): string {
  if (r.statementSummaries.length) return r.statementSummaries.join(' ; ');
  const n = r.statementFingerprintIds.length;
  if (!n) return '';
  return n === 1 ? l10n.t('{0} statement', n) : l10n.t('{0} statements', n);
}

type ActivityRow = StatementRow | TransactionRow;

const appColumn = <R extends ActivityRow>(): Column<R, 'appName'> => ({
  key: 'appName',
  label: l10n.t('Application'),
  numeric: false,
  width: 'minmax(8em, 1fr)',
  value: (r) => r.appName,
  text: (r) => r.appName,
});

function metricColumns<R extends ActivityRow>(): Array<Column<R, MetricColumnKey>> {
  return [
    {
      key: 'executionCount',
      label: l10n.t('Executions'),
      numeric: true,
      width: '8.5em',
      value: (r) => r.executionCount,
      text: (r) => countText(r.executionCount),
    },
    {
      key: 'totalTime',
      label: l10n.t('Total time'),
      numeric: true,
      width: '7.5em',
      value: (r) => r.totalTime,
      text: (r) => secondsText(r.totalTime),
    },
    {
      key: 'meanLatency',
      label: l10n.t('Mean latency'),
      numeric: true,
      width: '9.5em',
      value: (r) => r.meanLatency,
      text: (r) => secondsText(r.meanLatency),
    },
    {
      key: 'p99Latency',
      label: l10n.t('P99 latency'),
      numeric: true,
      width: '9em',
      value: (r) => r.p99Latency,
      text: (r) => secondsText(r.p99Latency),
    },
    {
      key: 'cpuNanos',
      label: l10n.t('CPU (mean)'),
      numeric: true,
      width: '8em',
      value: (r) => r.cpuNanos,
      text: (r) => cpuNanos(r.cpuNanos),
    },
    {
      key: 'rowsRead',
      label: l10n.t('Rows read'),
      numeric: true,
      width: '7.5em',
      value: (r) => r.rowsRead,
      text: (r) => meanText(r.rowsRead),
    },
    {
      key: 'rowsWritten',
      label: l10n.t('Rows written'),
      numeric: true,
      width: '9em',
      value: (r) => r.rowsWritten,
      text: (r) => meanText(r.rowsWritten),
    },
    {
      key: 'contention',
      label: l10n.t('Contention'),
      numeric: true,
      width: '8.5em',
      value: (r) => r.contention,
      text: (r) => secondsText(r.contention),
    },
    {
      key: 'retries',
      label: l10n.t('Retries (max)'),
      numeric: true,
      width: '9em',
      value: (r) => r.retries,
      text: (r) => countText(r.retries),
    },
  ];
}

const fingerprintColumn = <R extends ActivityRow>(): Column<R, 'fingerprintId'> => ({
  key: 'fingerprintId',
  label: l10n.t('Fingerprint'),
  numeric: false,
  width: '11.5em',
  value: (r) => r.fingerprintId,
  text: (r) => r.fingerprintId,
});

export const STATEMENT_COLUMNS: ReadonlyArray<Column<StatementRow, StatementColumnKey>> = [
  {
    key: 'query',
    label: l10n.t('Statement'),
    numeric: false,
    width: 'minmax(18em, 4fr)',
    value: (r) => r.query || r.querySummary,
    text: statementText,
  },
  appColumn<StatementRow>(),
  {
    key: 'database',
    label: l10n.t('Database'),
    numeric: false,
    width: 'minmax(7em, 1fr)',
    value: (r) => r.database || undefined,
    text: (r) => r.database,
  },
  ...metricColumns<StatementRow>(),
  // Numeric so that sorting puts full scans first (descending) or last, and the CSV holds 1/0.
  {
    key: 'fullScan',
    label: l10n.t('Full scan'),
    numeric: true,
    width: '6.5em',
    value: (r) => (r.fullScan ? 1 : 0),
    text: (r) => (r.fullScan ? l10n.t('yes') : '—'),
  },
  {
    key: 'indexRecommendations',
    label: l10n.t('Index recs'),
    numeric: true,
    width: '7em',
    value: (r) => r.indexRecommendations.length,
    text: (r) => (r.indexRecommendations.length ? String(r.indexRecommendations.length) : '—'),
  },
  fingerprintColumn<StatementRow>(),
];

export const TRANSACTION_COLUMNS: ReadonlyArray<Column<TransactionRow, TransactionColumnKey>> = [
  {
    key: 'statementSummaries',
    label: l10n.t('Statements'),
    numeric: false,
    width: 'minmax(18em, 4fr)',
    value: (r) => transactionText(r) || undefined,
    text: transactionText,
  },
  appColumn<TransactionRow>(),
  ...metricColumns<TransactionRow>(),
  fingerprintColumn<TransactionRow>(),
];

export function isStatementColumnKey(k: unknown): k is StatementColumnKey {
  return typeof k === 'string' && STATEMENT_COLUMNS.some((c) => c.key === k);
}

export function isTransactionColumnKey(k: unknown): k is TransactionColumnKey {
  return typeof k === 'string' && TRANSACTION_COLUMNS.some((c) => c.key === k);
}

/** A row's identity in the tables: a fingerprint is listed once per application. */
export function activityRowKey(r: ActivityRow): string {
  return `${r.fingerprintId}/${r.appName}`;
}

// ---- Filters ----

export interface ActivityFilter {
  /** Exact application name ('' is a real name: clients that set none). Absent = all. */
  app?: string;
  /** Exact database name (statements only). Absent = all. */
  database?: string;
  /** Case-insensitive substring of the statement text, summary, application or fingerprint. */
  text?: string;
}

export function isEmptyActivityFilter(f: ActivityFilter): boolean {
  return f.app === undefined && f.database === undefined && !f.text?.trim();
}

// The search text of a row, lower-cased once per row object (rows are not mutated once loaded).
const haystacks = new WeakMap<object, string>();

function statementHaystack(r: StatementRow): string {
  let h = haystacks.get(r);
  if (h === undefined) {
    h = [r.query, r.querySummary, r.appName, r.fingerprintId].join('\u0000').toLowerCase();
    haystacks.set(r, h);
  }
  return h;
}

function transactionHaystack(r: TransactionRow): string {
  let h = haystacks.get(r);
  if (h === undefined) {
    h = [...r.statementSummaries, r.appName, r.fingerprintId, ...r.statementFingerprintIds]
      .join('\u0000')
      .toLowerCase();
    haystacks.set(r, h);
  }
  return h;
}

/** Whether a statement passes the filter; undefined when every row does. */
export function statementTest(f: ActivityFilter): ((r: StatementRow) => boolean) | undefined {
  if (isEmptyActivityFilter(f)) return undefined;
  const needle = (f.text ?? '').trim().toLowerCase();
  return (r) =>
    (f.app === undefined || r.appName === f.app) &&
    (f.database === undefined || r.database === f.database) &&
    (!needle || statementHaystack(r).includes(needle));
}

/** As statementTest; the database filter does not apply: a transaction's statements may span databases and the row names none. */
export function transactionTest(f: ActivityFilter): ((r: TransactionRow) => boolean) | undefined {
  const needle = (f.text ?? '').trim().toLowerCase();
  if (f.app === undefined && !needle) return undefined;
  return (r) => (f.app === undefined || r.appName === f.app) && (!needle || transactionHaystack(r).includes(needle));
}

export function filterStatements(rows: readonly StatementRow[], f: ActivityFilter): StatementRow[] {
  const test = statementTest(f);
  return test ? rows.filter(test) : rows.slice();
}

export function filterTransactions(rows: readonly TransactionRow[], f: ActivityFilter): TransactionRow[] {
  const test = transactionTest(f);
  return test ? rows.filter(test) : rows.slice();
}

/** Builds the search text of every row ahead of the first search (the panel does it while idle). */
export function prepareSearch(rows: ReadonlyArray<StatementRow | TransactionRow>): void {
  for (const r of rows) {
    if ('query' in r) statementHaystack(r);
    else transactionHaystack(r);
  }
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Distinct application and database names of the loaded rows, naturally sorted, for the drop-downs. */
export function activityOptions(rows: readonly ActivityRow[]): {
  apps: string[];
  databases: string[];
} {
  const apps = new Set<string>();
  const dbs = new Set<string>();
  for (const r of rows) {
    apps.add(r.appName);
    if ('database' in r && r.database) dbs.add(r.database);
  }
  return { apps: [...apps].sort(collator.compare), databases: [...dbs].sort(collator.compare) };
}
