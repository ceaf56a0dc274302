// The time window of the overview charts: a preset or a custom range, and the
// sample period that keeps a chart to about 360 points. The server stores
// 10-second samples for ten days by default (timeseries.storage.resolution_10s.ttl),
// so a custom range is clamped to the last ten days and periods are multiples of 10 s.
import type { OverviewPreset, OverviewWindow } from './types';

export const RESOLUTION_MS = 10_000;
/** Points per chart: enough for a smooth line, few enough that /ts/query stays fast. */
export const TARGET_POINTS = 360;
export const MAX_LOOKBACK_MS = 10 * 86_400_000;
/** A custom range shorter than this is widened: fewer than six samples is not a chart. */
export const MIN_WINDOW_MS = 60_000;

const PRESET_MS: Record<Exclude<OverviewPreset, 'custom'>, number> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '1d': 86_400_000,
  '7d': 7 * 86_400_000,
};

/** The smallest multiple of 10 s that keeps `durationMs` to TARGET_POINTS samples: 1h → 10 s, 1d → 240 s. */
export function samplePeriodFor(durationMs: number): number {
  const steps = Math.ceil(durationMs / TARGET_POINTS / RESOLUTION_MS);
  return Math.max(1, Number.isFinite(steps) ? steps : 1) * RESOLUTION_MS;
}

function parseMs(iso: string | undefined): number | undefined {
  if (typeof iso !== 'string' || iso === '') return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Start, end and sample period in Unix ms. An unknown preset (a tampered message) reads as 1h. */
export function windowRange(w: OverviewWindow, now: Date): { startMs: number; endMs: number; sampleMs: number } {
  const nowMs = now.getTime();
  const preset = w?.preset;
  if (preset !== 'custom') {
    const span = PRESET_MS[preset as keyof typeof PRESET_MS] ?? PRESET_MS['1h'];
    return { startMs: nowMs - span, endMs: nowMs, sampleMs: samplePeriodFor(span) };
  }
  const floor = nowMs - MAX_LOOKBACK_MS;
  // A range wholly older than the stored data becomes the oldest window there is.
  const endMs = Math.max(Math.min(parseMs(w.end) ?? nowMs, nowMs), floor + MIN_WINDOW_MS);
  let startMs = Math.max(parseMs(w.start) ?? endMs - PRESET_MS['1h'], floor);
  if (startMs > endMs - MIN_WINDOW_MS) startMs = endMs - MIN_WINDOW_MS;
  return { startMs, endMs, sampleMs: samplePeriodFor(endMs - startMs) };
}
