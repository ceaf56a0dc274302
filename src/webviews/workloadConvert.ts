// Workload models (src/api/sql) → the SQL activity and Statement details
// payloads (host side): dates become ISO text, absent figures stay absent.
import type { StatementStats, TransactionStats, WorkloadWindow } from '../api/sql/models';
import type { SqlVersion } from '../api/sql/version';
import type { GatewayInfo } from '../clusters/gateway';
import { presetWindow } from '../domain/workload';
import { originOf } from './convert';
import type { ActivityWindow, Provenance, StatementRow, TransactionRow } from './protocol/workload';

const HOUR_MS = 3_600_000;

/** A preset or custom window as absolute times; a custom window with its ends swapped is put right. */
export function resolveWindow(w: ActivityWindow, now = new Date()): WorkloadWindow & { end: Date } {
  if (w.preset !== 'custom') return presetWindow(w.preset, now);
  const a = new Date(w.start ?? now.getTime() - HOUR_MS);
  const b = w.end ? new Date(w.end) : now;
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

export function statementRow(s: StatementStats): StatementRow {
  const row: StatementRow = {
    fingerprintId: s.fingerprintId,
    appName: s.appName,
    database: s.database,
    query: s.query,
    querySummary: s.querySummary,
    executionCount: s.executionCount,
    totalTime: s.totalTime,
    meanLatency: s.meanLatency,
    cpuNanos: s.meanCpuNanos,
    rowsRead: s.meanRowsRead,
    rowsWritten: s.meanRowsWritten,
    contention: s.meanContention,
    retries: s.maxRetries,
    fullScan: s.fullScan,
    indexRecommendations: [...s.indexRecommendations],
  };
  if (s.p99Latency !== undefined) row.p99Latency = s.p99Latency;
  if (s.lastExecAt) row.lastExecAt = s.lastExecAt.toISOString();
  return row;
}

/** `summaries` maps statement fingerprint ids to their summaries (from the statements of the same window). */
export function transactionRow(t: TransactionStats, summaries: ReadonlyMap<string, string>): TransactionRow {
  const row: TransactionRow = {
    fingerprintId: t.fingerprintId,
    appName: t.appName,
    statementFingerprintIds: [...t.statementFingerprintIds],
    statementSummaries: t.statementFingerprintIds
      .map((id) => summaries.get(id))
      .filter((s): s is string => s !== undefined),
    executionCount: t.executionCount,
    totalTime: t.totalTime,
    meanLatency: t.meanLatency,
    cpuNanos: t.meanCpuNanos,
    rowsRead: t.meanRowsRead,
    rowsWritten: t.meanRowsWritten,
    contention: t.meanContention,
    retries: t.maxRetries,
  };
  if (t.p99Latency !== undefined) row.p99Latency = t.p99Latency;
  return row;
}

/** `host:port` of the node the SQL API answered on. */
export function viaOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** `gateway` names the node behind `via` (gatewayOf); without it, or before the node said, only the address is known. */
export function provenance(
  baseUrl: string,
  version: SqlVersion | undefined,
  source?: string,
  gateway?: GatewayInfo,
): Provenance {
  const p: Provenance = { fetchedAt: new Date().toISOString(), via: viaOf(baseUrl) };
  const node = gateway && originOf(gateway).node;
  if (node) p.node = node;
  if (version) p.version = `v${version.major}.${version.minor}`;
  if (source) p.source = source;
  return p;
}
