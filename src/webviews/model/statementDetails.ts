// The Statement details panel's pure parts: what the host builds from the
// workload models (insights, contention, live sessions joined to the
// fingerprint) and what the front end computes to draw (the latency chart's
// scales, index recommendations as SQL, figures from the hourly history).
import type { ActiveQuery, Session } from '../../api/cluster/models';
import type { ContentionEvent, StatementInsight } from '../../api/sql/models';
import { normalizeSql } from '../../domain/fingerprint';
import type {
  ContentionRow,
  InsightSummary,
  LiveSession,
  StatementHourPoint,
  StatementRow,
} from '../protocol/workload';

// ---- Host side: the workload models as payload rows ----

export function insightSummary(i: StatementInsight): InsightSummary {
  const s: InsightSummary = {
    statementId: i.statementId,
    transactionId: i.transactionId,
    problem: i.problem,
    causes: [...i.causes],
    indexRecommendations: [...i.indexRecommendations],
  };
  if (i.end) s.end = i.end.toISOString();
  if (i.contention !== undefined) s.contention = i.contention;
  return s;
}

export function contentionRow(e: ContentionEvent): ContentionRow {
  const r: ContentionRow = {
    waitingTxnId: e.waitingTxnId,
    waitingStatementId: e.waitingStatementId,
    blockingTxnId: e.blockingTxnId,
    blockingTxnFingerprintId: e.blockingTxnFingerprintId,
    duration: e.duration,
    key: e.key,
    table: [e.database, e.schema, e.table].filter((p) => p !== '').join('.'),
    index: e.index,
  };
  if (e.collectedAt) r.collectedAt = e.collectedAt.toISOString();
  return r;
}

/** Seconds the statement has run: the server's figure, else from its start. */
function elapsedOf(q: ActiveQuery | undefined, now: number): number | undefined {
  if (!q) return undefined;
  if (q.elapsedNanos !== undefined) return Number(q.elapsedNanos) / 1e9;
  return q.start ? Math.max(0, (now - q.start.getTime()) / 1000) : undefined;
}

export function liveSession(
  s: Session,
  q: ActiveQuery | undefined = s.activeQueries[0],
  now = Date.now(),
): LiveSession {
  const l: LiveSession = {
    sessionId: s.id,
    nodeId: s.nodeId,
    user: s.username,
    appName: s.applicationName,
    query: q?.sql ?? s.lastActiveQuery ?? '',
  };
  if (q) l.queryId = q.id;
  const elapsed = elapsedOf(q, now);
  if (elapsed !== undefined) l.elapsed = elapsed;
  return l;
}

/**
 * Sessions running the fingerprint now: an active query whose text (without constants
 * where the server sent that form) normalises to the fingerprint's. Where both name a
 * database it must be the same one: the fingerprint id includes the database.
 */
export function sessionsRunning(
  sessions: readonly Session[],
  fingerprintQuery: string,
  database = '',
  now = Date.now(),
): LiveSession[] {
  const want = normalizeSql(fingerprintQuery);
  if (!want) return [];
  const out: LiveSession[] = [];
  for (const s of sessions) {
    if (s.status === 'closed') continue;
    const q = s.activeQueries.find(
      (a) => normalizeSql(a.sqlNoConstants ?? a.sql) === want && (!database || !a.database || a.database === database),
    );
    if (q) out.push(liveSession(s, q, now));
  }
  return out;
}

/** Live sessions by the id (lower case) of the transaction they have open. */
export function sessionsByOpenTxn(sessions: readonly Session[]): Map<string, Session> {
  const byTxn = new Map<string, Session>();
  for (const s of sessions) {
    if (s.status === 'closed') continue;
    if (s.activeTxnId) byTxn.set(s.activeTxnId.toLowerCase(), s);
    for (const q of s.activeQueries) if (q.txnId) byTxn.set(q.txnId.toLowerCase(), s);
  }
  return byTxn;
}

/** Marks the rows whose blocking transaction is still open in a live session (so it can be cancelled). */
export function linkBlockingSessions(rows: ContentionRow[], sessions: readonly Session[], now = Date.now()): void {
  const byTxn = sessionsByOpenTxn(sessions);
  for (const r of rows) {
    const s = r.blockingTxnId ? byTxn.get(r.blockingTxnId.toLowerCase()) : undefined;
    if (s) r.blockingSession = liveSession(s, undefined, now);
    else delete r.blockingSession;
  }
}

/**
 * One row for a fingerprint over several applications (a target without an app):
 * counts and totals add up, means are weighted by executions, maxima stay maxima.
 */
export function mergeStatementRows(rows: readonly StatementRow[], appName: string): StatementRow | undefined {
  const [first] = rows;
  if (!first) return undefined;
  if (rows.length === 1) return { ...first };
  const count = rows.reduce((n, r) => n + r.executionCount, 0);
  const weighted = (f: (r: StatementRow) => number) =>
    count > 0 ? rows.reduce((n, r) => n + f(r) * r.executionCount, 0) / count : 0;
  const totalTime = rows.reduce((n, r) => n + r.totalTime, 0);
  const p99s = rows.map((r) => r.p99Latency).filter((p): p is number => p !== undefined);
  const lasts = rows.map((r) => r.lastExecAt).filter((t): t is string => t !== undefined);
  const merged: StatementRow = {
    ...first,
    appName,
    executionCount: count,
    totalTime,
    meanLatency: count > 0 ? totalTime / count : 0,
    cpuNanos: weighted((r) => r.cpuNanos),
    rowsRead: weighted((r) => r.rowsRead),
    rowsWritten: weighted((r) => r.rowsWritten),
    contention: weighted((r) => r.contention),
    retries: Math.max(...rows.map((r) => r.retries)),
    fullScan: rows.some((r) => r.fullScan),
    indexRecommendations: [...new Set(rows.flatMap((r) => r.indexRecommendations))],
  };
  if (p99s.length) merged.p99Latency = Math.max(...p99s);
  else delete merged.p99Latency;
  if (lasts.length) merged.lastExecAt = lasts.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
  return merged;
}

/** Distinct, in order of first appearance. */
export function distinct(items: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const i of items) {
    const t = i.trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

// ---- Front end: what is drawn ----

export interface IndexRecommendation {
  /** `creation`, `replacement`, `alteration`, … ('' when the text had no type). */
  type: string;
  /** The statement(s) to run. */
  sql: string;
}

/** `creation : CREATE INDEX ON movr.public.rides (city) STORING (…);` → its type and the SQL alone. */
export function parseIndexRecommendation(rec: string): IndexRecommendation {
  const m = /^\s*([a-z_]+)\s*:(?!:)\s*([\s\S]*)$/i.exec(rec);
  if (m) return { type: m[1]!.toLowerCase(), sql: m[2]!.trim() };
  return { type: '', sql: rec.trim() };
}

/** The aggregate figures the hourly history gives (when the top-statements answer does not name the fingerprint). */
export function historyFigures(history: readonly StatementHourPoint[]): {
  executionCount: number;
  totalTime: number;
  meanLatency: number;
  p99Latency?: number;
} {
  const executionCount = history.reduce((n, h) => n + h.executionCount, 0);
  const totalTime = history.reduce((n, h) => n + h.meanLatency * h.executionCount, 0);
  const p99s = history.map((h) => h.p99Latency).filter((p): p is number => p !== undefined);
  return {
    executionCount,
    totalTime,
    meanLatency: executionCount > 0 ? totalTime / executionCount : 0,
    ...(p99s.length ? { p99Latency: Math.max(...p99s) } : {}),
  };
}

/** 1, 2 or 5 × 10^k, the smallest such number ≥ v (0 for 0). */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  const k = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * k >= v * (1 - 1e-12)) return m * k;
  return 10 * k;
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartPoint {
  x: number;
  y: number;
  at: string;
  value: number;
}

export interface LatencyChartModel {
  yMax: number;
  yTicks: Array<{ value: number; y: number }>;
  xTicks: Array<{ at: number; x: number }>;
  mean: ChartPoint[];
  p99: ChartPoint[];
  /** SVG path data; a gap of more than an hour without executions breaks the line. */
  meanPath: string;
  p99Path: string;
}

const HOUR = 3_600_000;
const TICK_STEPS_H = [1, 2, 3, 6, 12, 24, 48, 72, 168];

/** Ticks on whole hours (in the viewer's zone: `tzOffsetMinutes` as Date#getTimezoneOffset gives it). */
export function timeTicks(start: number, end: number, maxTicks = 6, tzOffsetMinutes = 0): number[] {
  if (!(end > start)) return [];
  const spanH = (end - start) / HOUR;
  const stepH = TICK_STEPS_H.find((s) => spanH / s <= maxTicks) ?? Math.ceil(spanH / maxTicks / 24) * 24;
  const step = stepH * HOUR;
  const offset = -tzOffsetMinutes * 60_000;
  const first = Math.ceil((start + offset) / step) * step - offset;
  const out: number[] = [];
  for (let t = first; t <= end; t += step) out.push(t);
  return out;
}

function path(points: readonly ChartPoint[], times: readonly number[]): string {
  let d = '';
  points.forEach((p, i) => {
    const gap = i === 0 || times[i]! - times[i - 1]! > HOUR * 1.5;
    d += `${d ? ' ' : ''}${gap ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
  });
  return d;
}

/** Scales and lines for mean and p99 latency per hour over the chosen span of hours. */
export function latencyChartModel(
  history: readonly StatementHourPoint[],
  span: { start: string; end: string },
  box: ChartBox,
  tzOffsetMinutes = 0,
): LatencyChartModel {
  const pts = [...history]
    .filter((h) => Number.isFinite(Date.parse(h.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const times = pts.map((h) => Date.parse(h.at));
  const ws = Date.parse(span.start);
  const we = Date.parse(span.end);
  const start = Math.min(Number.isFinite(ws) ? Math.floor(ws / HOUR) * HOUR : Infinity, times[0] ?? Infinity);
  const endRaw = Math.max(Number.isFinite(we) ? we : -Infinity, (times[times.length - 1] ?? -Infinity) + HOUR);
  const end = Number.isFinite(endRaw) && endRaw > start ? endRaw : start + HOUR;
  const highest = Math.max(0, ...pts.map((h) => Math.max(h.meanLatency, h.p99Latency ?? 0)));
  const yMax = niceCeil(highest) || 1;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (t: number) => box.left + ((t - start) / (end - start)) * plotW;
  const y = (v: number) => box.top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  const step = yMax / 4;
  const yTicks = [0, 1, 2, 3, 4].map((i) => ({ value: i * step, y: y(i * step) }));
  const xTicks = timeTicks(start, end, 6, tzOffsetMinutes).map((at) => ({ at, x: x(at) }));
  const mean = pts.map((h, i) => ({ x: x(times[i]!), y: y(h.meanLatency), at: h.at, value: h.meanLatency }));
  const p99Idx = pts.map((h, i) => ({ h, t: times[i]! })).filter((p) => p.h.p99Latency !== undefined);
  const p99 = p99Idx.map(({ h, t }) => ({ x: x(t), y: y(h.p99Latency!), at: h.at, value: h.p99Latency! }));
  return {
    yMax,
    yTicks,
    xTicks,
    mean,
    p99,
    meanPath: path(mean, times),
    p99Path: path(
      p99,
      p99Idx.map((p) => p.t),
    ),
  };
}
