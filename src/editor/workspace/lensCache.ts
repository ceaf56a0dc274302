// The workload CodeLens's cache: one load per key (a cluster) per interval, shared by
// every document that asks, and the figures a lens shows, computed from one load.
// No vscode here: the clock and the timer are injected, so the throttling is tested
// with a fake clock (test/unit/editor/lensCache.test.ts).
//
// - get(key) while nothing is loaded: starts one load; every caller awaits the same one.
// - get(key) while the value is fresh: the value, no load.
// - get(key) once it is stale: the stale value at once, and one load in the background.
// - onUpdate(key) fires whenever a load lands, so the lenses redraw.
// - a failed load (cluster down, signed out) also counts: the next try is an interval later.
// - once a value has been shown, onExpire(key) fires when it turns stale, so the lenses
//   ask again (and a new load starts only if some document still asks).
import * as l10n from '@vscode/l10n';
import type { StatementInsight, StatementStats } from '../../api/sql/models';
import { normalizeCodeSql } from '../../domain/sqlInCode';
import { causeWords, compactCount, formatSeconds, namedCauses } from '../../domain/workload';

export interface CacheOptions<V> {
  load: (key: string, signal: AbortSignal) => Promise<V | undefined>;
  /** How long a value is fresh; Infinity: until invalidated. */
  ttlMs: () => number;
  now?: () => number;
  /** A timer; the default is setTimeout, unref'd. */
  schedule?: (fn: () => void, ms: number) => { dispose(): void };
  onUpdate?: (key: string) => void;
  onExpire?: (key: string) => void;
  onError?: (key: string, error: unknown) => void;
}

interface Entry<V> {
  value?: V;
  /** When the last load settled; undefined until one has. */
  at?: number;
  pending?: Promise<V | undefined>;
  ctl?: AbortController;
  timer?: { dispose(): void };
  /** Asked for since the last load settled: worth telling about expiry. */
  asked: boolean;
}

const defaultSchedule = (fn: () => void, ms: number): { dispose(): void } => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { dispose: () => clearTimeout(t) };
};

export class RefreshingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;
  private readonly schedule: NonNullable<CacheOptions<V>['schedule']>;
  /** Loads started, for tests and logs. */
  loads = 0;

  constructor(private readonly opts: CacheOptions<V>) {
    this.now = opts.now ?? Date.now;
    this.schedule = opts.schedule ?? defaultSchedule;
  }

  /** The value for `key`: fresh, stale (while a refresh runs), or the first load's. */
  async get(key: string): Promise<V | undefined> {
    let e = this.entries.get(key);
    if (!e) {
      e = { asked: true };
      this.entries.set(key, e);
    }
    e.asked = true;
    if (e.at === undefined) return e.pending ?? this.start(key, e);
    if (this.now() - e.at >= this.opts.ttlMs() && !e.pending) void this.start(key, e);
    return e.value;
  }

  /** The value held, without loading. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Forgets `key` (or everything), aborting a load under way. */
  invalidate(key?: string): void {
    for (const k of key === undefined ? [...this.entries.keys()] : [key]) {
      const e = this.entries.get(k);
      if (!e) continue;
      e.ctl?.abort();
      e.timer?.dispose();
      this.entries.delete(k);
    }
  }

  dispose(): void {
    this.invalidate();
  }

  private start(key: string, e: Entry<V>): Promise<V | undefined> {
    const ctl = new AbortController();
    e.ctl = ctl;
    e.timer?.dispose();
    e.timer = undefined;
    this.loads++;
    const pending = (async (): Promise<V | undefined> => {
      let value: V | undefined;
      try {
        value = await this.opts.load(key, ctl.signal);
      } catch (err) {
        if (!ctl.signal.aborted) this.opts.onError?.(key, err);
        value = undefined;
      }
      // Invalidated meanwhile: this answer belongs to nobody.
      if (ctl.signal.aborted || this.entries.get(key) !== e) return undefined;
      e.value = value;
      e.at = this.now();
      e.pending = undefined;
      e.ctl = undefined;
      this.arm(key, e);
      // Also after a first load: a document that stopped waiting for it redraws now.
      this.opts.onUpdate?.(key);
      return value;
    })();
    e.pending = pending;
    return pending;
  }

  /** After a load: tell about expiry once the value is stale, if someone asked for it meanwhile. */
  private arm(key: string, e: Entry<V>): void {
    const ttl = this.opts.ttlMs();
    e.asked = false;
    if (!Number.isFinite(ttl)) return;
    e.timer = this.schedule(() => {
      e.timer = undefined;
      if (this.entries.get(key) === e && e.asked) this.opts.onExpire?.(key);
    }, ttl);
  }
}

/** What one lens says about the statements that share one normalised text. */
export interface LensFigures {
  /** Largest hourly p99 over the fingerprints (seconds), when recorded. */
  p99?: number;
  /** Mean latency over all executions (seconds). */
  meanLatency: number;
  executions: number;
  perHour: number;
  insights: number;
  /** Why, in words: the most common named cause ("full scan" for a suboptimal full-scan plan), else "full scan", else the problem. */
  why?: string;
  fullScan: boolean;
  /** The busiest fingerprint: where a click goes. */
  top: { fingerprintId: string; appName: string; database: string };
  fingerprints: number;
  apps: string[];
  query: string;
}

export interface WorkloadIndex {
  clusterId: string;
  clusterName: string;
  /** normalizeCodeSql(text) → figures. */
  byText: Map<string, LensFigures>;
  loadedAt: number;
}

/** The hours a window covers once its start is rounded down to the hour (as the statements query does). */
export function windowHours(start: Date, end: Date): number {
  const s = new Date(start.getTime());
  s.setUTCMinutes(0, 0, 0);
  return Math.max(1 / 60, (end.getTime() - s.getTime()) / 3_600_000);
}

/** Groups statements (and their insights) by comparable text. */
export function workloadFigures(
  statements: readonly StatementStats[],
  insights: readonly StatementInsight[],
  hours: number,
): Map<string, LensFigures> {
  const insightsOf = new Map<string, StatementInsight[]>();
  for (const i of insights) {
    const list = insightsOf.get(i.statementFingerprintId);
    if (list) list.push(i);
    else insightsOf.set(i.statementFingerprintId, [i]);
  }
  const groups = new Map<string, StatementStats[]>();
  for (const s of statements) {
    const key = normalizeCodeSql(s.query);
    if (key === '') continue;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const out = new Map<string, LensFigures>();
  for (const [key, list] of groups) {
    const executions = list.reduce((a, s) => a + s.executionCount, 0);
    const totalTime = list.reduce((a, s) => a + s.totalTime, 0);
    const p99s = list.map((s) => s.p99Latency).filter((v): v is number => v !== undefined);
    const top = list.reduce((a, b) => (b.executionCount > a.executionCount ? b : a));
    const ids = new Set(list.map((s) => s.fingerprintId));
    const found = [...ids].flatMap((id) => insightsOf.get(id) ?? []);
    const fullScan = list.some((s) => s.fullScan) || found.some((i) => i.fullScan);
    const f: LensFigures = {
      meanLatency: executions > 0 ? totalTime / executions : 0,
      executions,
      perHour: executions / hours,
      insights: found.length,
      fullScan,
      top: { fingerprintId: top.fingerprintId, appName: top.appName, database: top.database },
      fingerprints: ids.size,
      apps: [...new Set(list.map((s) => s.appName))].sort(),
      query: top.query,
    };
    if (p99s.length) f.p99 = Math.max(...p99s);
    const why = insightWhy(found, fullScan);
    if (why) f.why = why;
    out.set(key, f);
  }
  return out;
}

function insightWhy(found: readonly StatementInsight[], fullScan: boolean): string | undefined {
  const counts = new Map<string, number>();
  for (const i of found) for (const c of namedCauses(i.causes)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const cause = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  // The suboptimal plan of a statement that scans a whole table is that full scan.
  if (cause === 'SuboptimalPlan' && fullScan) return l10n.t('full scan');
  if (cause) return causeWords(cause);
  if (fullScan) return l10n.t('full scan');
  const problem = found.find((i) => i.problem && i.problem !== 'None')?.problem;
  return problem ? causeWords(problem) : undefined;
}

/** "p99 120 ms · 3.2k exec/h · 1 insight (full scan)". */
export function lensTitle(f: LensFigures): string {
  const parts = [
    f.p99 !== undefined ? l10n.t('p99 {0}', formatSeconds(f.p99)) : l10n.t('mean {0}', formatSeconds(f.meanLatency)),
    l10n.t('{0} exec/h', compactCount(f.perHour)),
  ];
  if (f.insights > 0) parts.push(insightsText(f.insights, f.why));
  else if (f.fullScan) parts.push(l10n.t('full scan'));
  return parts.join(' · ');
}

/** "1 insight (full scan)", "2 insights". */
function insightsText(n: number, why: string | undefined): string {
  if (n === 1) return why ? l10n.t('{0} insight ({1})', n, why) : l10n.t('{0} insight', n);
  return why ? l10n.t('{0} insights ({1})', n, why) : l10n.t('{0} insights', n);
}

/** The lens's hover: where the figures come from and what a click does. */
export function lensTooltip(f: LensFigures, clusterName: string): string {
  const apps = f.apps.map((a) => a || l10n.t('(no application)')).join(', ');
  const executions = compactCount(f.executions);
  const mean = formatSeconds(f.meanLatency);
  return [
    f.fingerprints === 1
      ? l10n.t(
          '{0}, last hour: {1} executions of {2} fingerprint ({3}).',
          clusterName,
          executions,
          f.fingerprints,
          apps,
        )
      : l10n.t(
          '{0}, last hour: {1} executions of {2} fingerprints ({3}).',
          clusterName,
          executions,
          f.fingerprints,
          apps,
        ),
    f.p99 !== undefined ? l10n.t('Mean {0}, p99 up to {1}.', mean, formatSeconds(f.p99)) : l10n.t('Mean {0}.', mean),
    f.top.appName
      ? l10n.t('Click for the statement details of fingerprint {0} ({1}).', f.top.fingerprintId, f.top.appName)
      : l10n.t('Click for the statement details of fingerprint {0}.', f.top.fingerprintId),
  ].join('\n');
}
