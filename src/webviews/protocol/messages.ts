// Messages between the extension host and the webview front ends. Both sides
// import these types (the app with `import type`, so nothing of this file ends
// up in a bundle except the guards it calls). Requests carry a numeric `req`
// and the host's reply echoes it; the host posts nothing until the webview has
// said `ready` (its message listener exists only then).
import type { HotRangesPayload, RangeDetailsPayload } from './data';
import type { SqlActivityPayload, SqlActivityQuery, StatementDetailsPayload, StatementTarget } from './workload';
import type { SqlResultsPayload } from './sqlResults';
import type { ChartId, OverviewChartsPayload, OverviewChartsQuery, OverviewPayload } from './overview';

export type { HotRangesPayload, RangeDetailsPayload } from './data';
export type * from './workload';
export type * from './sqlResults';
export type * from './overview';

export type PanelKind = 'hotRanges' | 'rangeDetails' | 'sqlActivity' | 'statementDetails' | 'sqlResults' | 'overview';
export const PANEL_KINDS: readonly PanelKind[] = [
  'hotRanges',
  'rangeDetails',
  'sqlActivity',
  'statementDetails',
  'sqlResults',
  'overview',
];
export type ExportFormat = 'csv' | 'json';

/** Every request the webviews can make, with its parameters and result. */
export interface RequestMap {
  /** Hot ranges, optionally with the server-side `node_id` filter. */
  loadHotRanges: { params: { nodeId?: number }; result: HotRangesPayload };
  loadRangeDetails: { params: Record<string, never>; result: RangeDetailsPayload };
  /** Up to 10,000 fingerprints of the window; sorting, app/database filters and search are local. */
  loadSqlActivity: { params: SqlActivityQuery; result: SqlActivityPayload };
  /** The panel's statement (named in `init`) over the window of the query. */
  loadStatementDetails: { params: { window: SqlActivityQuery['window'] }; result: StatementDetailsPayload };
  /** The latest run shown in the SQL results panel (null before the first). */
  loadSqlResults: { params: Record<string, never>; result: SqlResultsPayload | null };
  /** The cluster's figures now (nodes/, the gateway's /_status/vars) and the health rules. */
  loadOverview: { params: Record<string, never>; result: OverviewPayload };
  /** The charts over a window (/ts/query), aggregated unless `perNode`. */
  loadOverviewCharts: { params: OverviewChartsQuery; result: OverviewChartsPayload };
  /** Cancel the run in flight (its HTTP request is aborted, which cancels the statement on the server). */
  cancelSqlRun: { params: { runId: number }; result: { cancelled: boolean } };
  /** Cancel a blocking/live session after the host's modal confirmation; false if the user declined. */
  cancelSession: { params: { sessionId: string; nodeId: number }; result: { cancelled: boolean } };
  /** Save the current view; the host asks where. `saved` is false if the user cancelled. */
  saveExport: {
    params: { format: ExportFormat; suggestedName: string; content: string };
    result: { saved: boolean; path?: string };
  };
}
export type RequestMethod = keyof RequestMap;
export type ParamsOf<M extends RequestMethod> = RequestMap[M]['params'];
export type ResultOf<M extends RequestMethod> = RequestMap[M]['result'];

export type WebviewRequest = {
  [M in RequestMethod]: { type: 'request'; req: number; method: M; params: ParamsOf<M> };
}[RequestMethod];

export type WebviewToHost =
  | { type: 'ready' }
  | WebviewRequest
  | { type: 'openRange'; rangeId: number }
  /** SQL activity → Statement details. */
  | { type: 'openStatement'; fingerprintId: string; appName: string }
  /** A new untitled .sql editor with this text; nothing runs. */
  | { type: 'openAsSql'; text: string }
  | { type: 'copyText'; text: string; what: string }
  /** The places in workspace files that issue this statement. */
  | { type: 'findInWorkspace'; text: string }
  /** The CREATE TABLE (or migration) that defines this table, in workspace files. */
  | { type: 'goToTable'; table: string; database?: string }
  | { type: 'signIn' }
  | { type: 'cspViolation'; directive: string; blocked: string };

/** Why a request failed, in the terms the front end shows a state for. */
export type FailureKind = 'unauthorized' | 'forbidden' | 'unreachable' | 'notFound' | 'other';

export interface Failure {
  kind: FailureKind;
  message: string;
}

export type Reply =
  | { [M in RequestMethod]: { type: 'reply'; req: number; method: M; ok: true; result: ResultOf<M> } }[RequestMethod]
  | { type: 'reply'; req: number; method: RequestMethod; ok: false; error: Failure };

export type HostToWebview =
  /** First message after `ready`: who this panel is for. */
  | {
      type: 'init';
      panel: PanelKind;
      clusterId: string;
      clusterName: string;
      rangeId?: number;
      statement?: StatementTarget;
      /** Overview: the chart to bring into view (a health rule's). */
      chart?: ChartId;
    }
  | Reply
  /** Overview already open: bring this chart into view. */
  | { type: 'focusChart'; chart: ChartId }
  /** The host wants fresh data (e.g. after a sign-in finished). */
  | { type: 'refresh' };

const METHODS: ReadonlySet<string> = new Set<RequestMethod>([
  'loadHotRanges',
  'loadRangeDetails',
  'loadSqlActivity',
  'loadStatementDetails',
  'cancelSession',
  'loadOverview',
  'loadOverviewCharts',
  'loadSqlResults',
  'cancelSqlRun',
  'saveExport',
]);

const PRESETS: ReadonlySet<unknown> = new Set(['1h', '6h', '1d', '3d', '7d', 'custom']);
const OVERVIEW_PRESETS: ReadonlySet<unknown> = new Set(['1h', '6h', '1d', '7d', 'custom']);
// The overview's chart ids (domain/overview/types CHART_IDS), spelt out: the guards stay free of domain code.
const CHARTS: ReadonlySet<unknown> = new Set([
  'qps',
  'latency',
  'cpu',
  'memory',
  'capacity',
  'replication',
  'clockOffset',
  'connections',
]);

function isChart(v: unknown): boolean {
  return CHARTS.has(v);
}
const HEX_ID = /^[0-9a-f]{1,32}$/;
/** Text the webview hands over to the clipboard or an editor: bounded so a bad page cannot flood the host. */
const MAX_TEXT = 1_000_000;

function isIsoDate(v: unknown): boolean {
  return typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v));
}

function isWindow(w: unknown, presets = PRESETS): boolean {
  if (!isObject(w) || !presets.has(w.preset)) return false;
  if (w.preset !== 'custom') return true;
  return isIsoDate(w.start) && (w.end === undefined || isIsoDate(w.end));
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

function validParams(method: string, p: unknown): boolean {
  if (!isObject(p)) return false;
  switch (method) {
    case 'loadHotRanges':
      return p.nodeId === undefined || isPositiveInt(p.nodeId);
    case 'loadRangeDetails':
      return true;
    case 'loadSqlActivity':
      return (
        (p.kind === 'statements' || p.kind === 'transactions') &&
        isWindow(p.window) &&
        typeof p.includeInternal === 'boolean'
      );
    case 'loadStatementDetails':
      return isWindow(p.window);
    case 'cancelSession':
      return typeof p.sessionId === 'string' && HEX_ID.test(p.sessionId) && isPositiveInt(p.nodeId);
    case 'loadOverview':
      return true;
    case 'loadOverviewCharts':
      return isWindow(p.window, OVERVIEW_PRESETS) && typeof p.perNode === 'boolean';
    case 'loadSqlResults':
      return true;
    case 'cancelSqlRun':
      return isPositiveInt(p.runId);
    case 'saveExport':
      return (
        (p.format === 'csv' || p.format === 'json') &&
        typeof p.suggestedName === 'string' &&
        typeof p.content === 'string'
      );
    default:
      return false;
  }
}

/** The host treats every inbound message as untrusted: a closed set of shapes, checked field by field. */
export function isWebviewToHost(m: unknown): m is WebviewToHost {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'signIn':
      return true;
    case 'openRange':
      return isPositiveInt(m.rangeId);
    case 'openStatement':
      return typeof m.fingerprintId === 'string' && HEX_ID.test(m.fingerprintId) && isText(m.appName);
    case 'openAsSql':
      return isText(m.text);
    case 'copyText':
      return isText(m.text) && typeof m.what === 'string' && m.what.length <= 200;
    case 'findInWorkspace':
      return isText(m.text);
    case 'goToTable':
      return (
        typeof m.table === 'string' &&
        m.table.length > 0 &&
        m.table.length <= 1000 &&
        (m.database === undefined || (typeof m.database === 'string' && m.database.length <= 1000))
      );
    case 'cspViolation':
      return typeof m.directive === 'string' && typeof m.blocked === 'string';
    case 'request':
      return (
        typeof m.req === 'number' &&
        Number.isSafeInteger(m.req) &&
        typeof m.method === 'string' &&
        METHODS.has(m.method) &&
        validParams(m.method, m.params)
      );
    default:
      return false;
  }
}

/** The front end checks what it receives too: other extensions cannot post to it, but a bad reply must not crash it. */
export function isHostToWebview(m: unknown): m is HostToWebview {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'init':
      return (
        PANEL_KINDS.includes(m.panel as PanelKind) &&
        typeof m.clusterId === 'string' &&
        typeof m.clusterName === 'string' &&
        (m.chart === undefined || isChart(m.chart))
      );
    case 'refresh':
      return true;
    case 'focusChart':
      return isChart(m.chart);
    case 'reply':
      return (
        typeof m.req === 'number' &&
        typeof m.ok === 'boolean' &&
        (m.ok ? 'result' in m : isObject(m.error) && typeof m.error.message === 'string')
      );
    default:
      return false;
  }
}
