// Words and figures for the workload views (tree rows, tooltips, job
// statements): CockroachDB's problem and cause names in plain words, latencies
// and counts as people read them, and the job-control statements to copy.
import * as l10n from '@vscode/l10n';
import { formatDuration } from './time';

/** 0.4 ms, 120 ms, 1.24 s, 3m 2s; empty when there is no figure. */
export function formatSeconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s) || s < 0) return '';
  if (s < 0.001) return `${(s * 1000).toFixed(2)} ms`;
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 1 : 0)} ms`;
  if (s < 60) return `${s.toFixed(2)} s`;
  return formatDuration(s * 1000);
}

/** 950, 3.2k, 41k, 1.2M. */
export function compactCount(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  const a = Math.abs(n);
  if (a < 1000) return String(Math.round(n));
  if (a < 1e6) return `${(n / 1e3).toFixed(a < 1e4 ? 1 : 0)}k`;
  if (a < 1e9) return `${(n / 1e6).toFixed(a < 1e7 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(1)}B`;
}

const CAUSE_WORDS: Record<string, string> = {
  HighContention: l10n.t('high contention'),
  SuboptimalPlan: l10n.t('suboptimal plan'),
  PlanRegression: l10n.t('plan regression'),
  HighRetryCount: l10n.t('high retry count'),
  FailedExecution: l10n.t('failed execution'),
  SlowExecution: l10n.t('slow execution'),
};

const HEADLINE_CAUSES = ['HighContention', 'PlanRegression', 'SuboptimalPlan', 'HighRetryCount'] as const;

/** An insight's headline by its leading cause, as a whole phrase (not a cause's words capitalised). */
const HEADLINES: Record<(typeof HEADLINE_CAUSES)[number] | 'SlowExecution', string> = {
  HighContention: l10n.t('High contention'),
  PlanRegression: l10n.t('Plan regression'),
  SuboptimalPlan: l10n.t('Suboptimal plan'),
  HighRetryCount: l10n.t('High retry count'),
  SlowExecution: l10n.t('Slow execution'),
};

/** "HighRetryCount" → "high retry count"; unknown names are split at capitals. */
export function causeWords(cause: string): string {
  return CAUSE_WORDS[cause] ?? cause.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The causes that say something (CockroachDB reports `Unset` when it found none). */
export function namedCauses(causes: readonly string[]): string[] {
  return causes.filter((c) => c && c !== 'Unset' && c !== 'None');
}

/** The insight's headline as DB Console names it: failed, else its leading cause, else slow. */
export function insightHeadline(problems: readonly string[], causes: readonly string[]): string {
  if (problems.includes('FailedExecution')) return l10n.t('Failed execution');
  const lead = HEADLINE_CAUSES.find((c) => causes.includes(c));
  return HEADLINES[lead ?? 'SlowExecution'];
}

export type JobControl = 'PAUSE' | 'RESUME' | 'CANCEL';

/** Which control statements make sense in a job's state (CockroachDB refuses the others). */
export function jobControls(status: string): JobControl[] {
  switch (status) {
    case 'running':
    case 'pending':
      return ['PAUSE', 'CANCEL'];
    case 'paused':
      return ['RESUME', 'CANCEL'];
    case 'pause-requested':
    case 'paused-requested':
      return ['CANCEL'];
    default:
      return [];
  }
}

/**
 * The statement to run in a SQL shell. `sql/` refuses job control, so the extension
 * never runs it; the id is checked to be an integer, so the text is exactly one statement.
 */
export function jobControlStatement(control: JobControl, jobId: string): string {
  if (!/^\d{1,20}$/.test(jobId)) throw new Error(l10n.t('"{0}" is not a job id', jobId));
  return `${control} JOB ${jobId};`;
}

export type WindowPreset = '1h' | '6h' | '1d' | '3d' | '7d';
export const WINDOW_PRESETS: readonly WindowPreset[] = ['1h', '6h', '1d', '3d', '7d'];
const PRESET_HOURS: Record<WindowPreset, number> = { '1h': 1, '6h': 6, '1d': 24, '3d': 72, '7d': 168 };
const PRESET_WORDS: Record<WindowPreset, string> = {
  '1h': l10n.t('last hour'),
  '6h': l10n.t('last 6 hours'),
  '1d': l10n.t('last day'),
  '3d': l10n.t('last 3 days'),
  '7d': l10n.t('last 7 days'),
};

export function isWindowPreset(v: unknown): v is WindowPreset {
  return typeof v === 'string' && (WINDOW_PRESETS as readonly string[]).includes(v);
}

/** The window a preset stands for, ending now. */
export function presetWindow(preset: WindowPreset, now = new Date()): { start: Date; end: Date } {
  return { start: new Date(now.getTime() - PRESET_HOURS[preset] * 3_600_000), end: now };
}

export function windowWords(preset: WindowPreset): string {
  return PRESET_WORDS[preset];
}
