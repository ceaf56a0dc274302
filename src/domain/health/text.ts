// Wording shared by the health rules, the overview cards and the diagnostics
// snapshot, so that the status bar, the panel and the bundle say a figure the
// same way ("n1–n3", "2 under-replicated ranges", "12 ms").
import * as l10n from '@vscode/l10n';

/**
 * "1 range", "2 ranges"; `many` for irregular plurals. English only: text a person
 * reads picks between its own singular and plural `l10n.t` messages instead.
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Thousands separated, always in the same (en-US) form: the host's locale is not the reader's. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return '';
  return Math.round(n).toLocaleString('en-US');
}

/** "0.4 ms", "12 ms", "1250 ms": one decimal only where it still says something. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const a = Math.abs(ms);
  return `${a > 0 && a < 10 ? ms.toFixed(1) : Math.round(ms).toString()} ms`;
}

/** "83%", "99.6%": a decimal only near the top, where one matters. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p >= 99 && p < 100 ? `${p.toFixed(1)}%` : `${Math.floor(p)}%`;
}

/**
 * Node ids as runs: [1, 2, 3, 5] → "n1–n3, n5". Sorted and de-duplicated first,
 * so the text does not depend on the order nodes/ listed them in.
 */
export function nodeRuns(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const from = sorted[i]!;
    const to = sorted[j]!;
    runs.push(from === to ? `n${from}` : to === from + 1 ? `n${from}, n${to}` : `n${from}–n${to}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** Up to `max` node ids, then "+2 more": status-bar text must stay short. */
export function shortNodeList(ids: readonly number[], max = 3): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const head = sorted.slice(0, max).map((n) => `n${n}`);
  return sorted.length > max ? l10n.t('{0} +{1} more', head.join(', '), sorted.length - max) : head.join(', ');
}

/** Version tags in release order (v25.1.10 after v25.1.2); text that is not a version sorts last, as text. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) =>
    /^v?(\d+)\.(\d+)(?:\.(\d+))?/
      .exec(v)
      ?.slice(1, 4)
      .map((x) => Number(x ?? 0));
  const pa = parse(a);
  const pb = parse(b);
  if (pa && pb) {
    for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return a.localeCompare(b);
  }
  if (pa) return -1;
  if (pb) return 1;
  return a.localeCompare(b);
}
