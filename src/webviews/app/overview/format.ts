// Numbers of the charts in their unit: the readout shows a value as people read it
// ("1.2k /s", "12.3 ms", "42.1%", "1.5 GiB"), the axes a shorter form of the same.
// Display only: the export keeps the raw numbers.
import * as l10n from '@vscode/l10n';
import { formatBytes } from '../../../domain/format';
import type { ChartUnit, FigureSource } from '../../protocol/overview';

const SI = ['', 'k', 'M', 'G', 'T'];

/** Three significant figures with k/M/G suffixes: 0.42, 12.3, 1.2k, 3.4M. */
export function compact(n: number): string {
  let v = Math.abs(n);
  let u = 0;
  while (v >= 999.5 && u < SI.length - 1) {
    v /= 1000;
    u++;
  }
  const text =
    v === 0
      ? '0'
      : v >= 100
        ? v.toFixed(0)
        : v >= 10
          ? v.toFixed(1)
          : v >= 1 || u > 0
            ? v.toFixed(2)
            : v.toPrecision(2);
  // "12.0" reads as precise as "12"; trim the zeros a fixed precision added.
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return `${n < 0 ? '-' : ''}${trimmed}${SI[u]}`;
}

function duration(ms: number): string {
  const a = Math.abs(ms);
  if (a >= 1000) return `${compact(ms / 1000)} s`;
  if (a > 0 && a < 1) return `${compact(ms * 1000)} µs`;
  return `${compact(ms)} ms`;
}

/** A value in the readout. */
export function formatValue(v: number | null | undefined, unit: ChartUnit): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  switch (unit) {
    case 'perSecond':
      return `${compact(v)} /s`;
    case 'ms':
      return duration(v);
    case 'percent':
      return `${compact(v)}%`;
    case 'bytes':
      return formatBytes(v);
    case 'count':
      return Number.isInteger(v) ? v.toLocaleString() : compact(v);
  }
}

/** An axis tick: the unit goes in the chart's header, except where the suffix is the scale. */
export function formatTick(v: number, unit: ChartUnit): string {
  switch (unit) {
    case 'ms':
      return duration(v);
    case 'percent':
      return `${compact(v)}%`;
    case 'bytes':
      return formatBytes(v);
    default:
      return compact(v);
  }
}

/** The unit in a chart's header. */
export function unitLabel(unit: ChartUnit): string {
  switch (unit) {
    case 'perSecond':
      return l10n.t('per second');
    case 'ms':
      return l10n.t('milliseconds');
    case 'percent':
      return l10n.t('percent');
    case 'bytes':
      return l10n.t('bytes');
    case 'count':
      return l10n.t('count');
  }
}

/** Time of a sample: with the date once the window spans more than a day. */
export function formatTime(unixSeconds: number, spanSeconds: number): string {
  const d = new Date(unixSeconds * 1000);
  return spanSeconds > 86_400 ? d.toLocaleString() : d.toLocaleTimeString();
}

/** "as of 10:42:13 from n1 (v25.2.4)" */
export function provenanceText(s: FigureSource): string {
  const at = new Date(s.at);
  const time = Number.isNaN(at.getTime()) ? s.at : at.toLocaleTimeString();
  return s.version
    ? l10n.t('as of {0} from {1} ({2})', time, s.from, s.version)
    : l10n.t('as of {0} from {1}', time, s.from);
}

/** "from n1 · nodes/" under a card. */
export function sourceLine(s: FigureSource): string {
  return l10n.t('from {0} · {1}', s.from, s.route);
}
