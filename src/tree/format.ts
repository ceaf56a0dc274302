// Formatting for tree rows and tooltips. No vscode import, so it is unit-tested on Node.
import type { Liveness, LocalityTier, NodeStatus, Session } from '../api/cluster/models';

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const v = bytes / 1024 ** i;
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** "3d 4h", "5h 2m", "42s" from a duration in milliseconds. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** Milliseconds since a nanosecond Unix timestamp, exact for values beyond 2^53. */
export function ageFromNanos(nanos: bigint, now = Date.now()): number {
  if (nanos <= 0n) return -1;
  return now - Number(nanos / 1_000_000n);
}

export function formatLocality(tiers: LocalityTier[]): string {
  return tiers.map((t) => `${t.key}=${t.value}`).join(',');
}

export const LIVENESS_LABEL: Record<Liveness, string> = {
  live: 'live',
  unknown: 'unknown',
  dead: 'dead',
  unavailable: 'suspect',
  decommissioning: 'decommissioning',
  decommissioned: 'decommissioned',
  draining: 'draining',
  starting: 'starting',
};

/** Healthy, needing attention, or down: drives colour and the status bar. */
export function livenessSeverity(l: Liveness): 'ok' | 'warn' | 'down' {
  if (l === 'live') return 'ok';
  if (l === 'dead' || l === 'unavailable' || l === 'unknown') return 'down';
  return 'warn';
}

export function nodeDescription(n: NodeStatus, now = Date.now()): string {
  const uptime = livenessSeverity(n.liveness) === 'down' ? '' : ` · up ${formatDuration(ageFromNanos(n.startedAt, now))}`;
  return `${n.address} · ${LIVENESS_LABEL[n.liveness]}${uptime}`;
}

/** One line for a long SQL statement: whitespace collapsed, cut at `max` characters. */
export function oneLine(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function sessionLabel(s: Session): string {
  return `${s.username || '(unknown user)'} @ ${s.applicationName || '(no application)'}`;
}

export function sessionDescription(s: Session, now = Date.now()): string {
  const q = s.activeQueries[0];
  const age = s.start ? ` · ${formatDuration(now - s.start.getTime())}` : '';
  const what = q ? oneLine(q.sql, 60) : s.status;
  return `${what}${age} · n${s.nodeId}`;
}

/** "2 of 9 nodes did not answer" */
export function partialText(failed: number, total: number | undefined, noun = 'node'): string {
  const of = total && total >= failed ? `${failed} of ${total}` : `${failed}`;
  return `${of} ${noun}${(total ?? failed) === 1 ? '' : 's'} did not answer`;
}
