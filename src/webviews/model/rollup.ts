// "Which tables are hot": hot ranges rolled up by table or by index. A range
// that spans several tables (v25.1+ lists them all) is counted once, under the
// combination it reports, rather than once per table — that would add its QPS
// twice to the cluster's total.
import * as l10n from '@vscode/l10n';
import type { HotRangeRow } from '../protocol/data';
import type { Column } from './columns';
import { cpuNanos, fixed } from '../../domain/format';

export type RollupLevel = 'table' | 'index';

export interface RollupRow {
  /** Stable identity of the group, for row ids. */
  key: string;
  database: string;
  table: string;
  /** Empty when rolled up by table. */
  index: string;
  rangeCount: number;
  qps: number;
  /** Sum over the ranges that report CPU; undefined if none does (older servers). */
  cpuTimePerSecond?: number;
  /** Distinct leaseholder nodes; a hot table led by one node is a hotspot. */
  leaseholderCount: number;
  /** Leaseholders by number of ranges, most first, e.g. [[3, 10], [1, 2]]. */
  leaseholders: Array<[nodeId: number, ranges: number]>;
  /** Share of the group's QPS on its busiest leaseholder, 0..1. */
  topLeaseholderShare: number;
  /** Range ids, hottest first, for drilling down. */
  rangeIds: number[];
}

/** A group whose ranges name no database, table or index: compared by identity, so it stays as is; shownName words it. */
export const NO_NAME = '(none)';

/** A group's name as the table shows it. */
const shownName = (v: string): string => (v === NO_NAME ? l10n.t('(none)') : v);

const name = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : NO_NAME);

export function rollUp(rows: readonly HotRangeRow[], level: RollupLevel): RollupRow[] {
  interface Acc {
    row: RollupRow;
    qpsByLh: Map<number, number>;
    rangesByLh: Map<number, number>;
    ranges: Array<[number, number]>;
    cpuSeen: boolean;
  }
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const database = name(r.databases);
    const table = name(r.tables);
    const index = level === 'index' ? name(r.indexes) : '';
    // \u0000 cannot occur in a SQL name, so the key is unambiguous.
    const key = [database, table, index].join('\u0000');
    let g = groups.get(key);
    if (!g) {
      g = {
        row: {
          key,
          database,
          table,
          index,
          rangeCount: 0,
          qps: 0,
          leaseholderCount: 0,
          leaseholders: [],
          topLeaseholderShare: 0,
          rangeIds: [],
        },
        qpsByLh: new Map(),
        rangesByLh: new Map(),
        ranges: [],
        cpuSeen: false,
      };
      groups.set(key, g);
    }
    g.row.rangeCount++;
    g.row.qps += r.qps;
    if (r.cpuTimePerSecond !== undefined) {
      g.cpuSeen = true;
      g.row.cpuTimePerSecond = (g.row.cpuTimePerSecond ?? 0) + r.cpuTimePerSecond;
    }
    const lh = r.leaseholderNodeId;
    if (lh !== undefined) {
      g.qpsByLh.set(lh, (g.qpsByLh.get(lh) ?? 0) + r.qps);
      g.rangesByLh.set(lh, (g.rangesByLh.get(lh) ?? 0) + 1);
    }
    g.ranges.push([r.rangeId, r.qps]);
  }
  const out: RollupRow[] = [];
  for (const g of groups.values()) {
    const row = g.row;
    row.leaseholderCount = g.rangesByLh.size;
    row.leaseholders = [...g.rangesByLh.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const topQps = Math.max(0, ...g.qpsByLh.values());
    row.topLeaseholderShare = row.qps > 0 ? topQps / row.qps : 0;
    row.rangeIds = g.ranges.sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
    out.push(row);
  }
  // Hottest first; the view can re-sort.
  return out.sort((a, b) => b.qps - a.qps || a.key.localeCompare(b.key));
}

export type RollupColumnKey =
  | 'database'
  | 'table'
  | 'index'
  | 'rangeCount'
  | 'qps'
  | 'cpuTimePerSecond'
  | 'leaseholderCount'
  | 'topLeaseholderShare'
  | 'leaseholders';

export const ROLLUP_COLUMNS: ReadonlyArray<Column<RollupRow, RollupColumnKey>> = [
  {
    key: 'database',
    label: l10n.t('Database'),
    numeric: false,
    width: 'minmax(7em, 1fr)',
    value: (r) => r.database,
    text: (r) => shownName(r.database),
  },
  {
    key: 'table',
    label: l10n.t('Table'),
    numeric: false,
    width: 'minmax(8em, 1.5fr)',
    value: (r) => r.table,
    text: (r) => shownName(r.table),
  },
  {
    key: 'index',
    label: l10n.t('Index'),
    numeric: false,
    width: 'minmax(7em, 1fr)',
    value: (r) => r.index || undefined,
    text: (r) => shownName(r.index),
  },
  {
    key: 'rangeCount',
    label: l10n.t('Ranges'),
    numeric: true,
    width: '6em',
    value: (r) => r.rangeCount,
    text: (r) => String(r.rangeCount),
  },
  {
    key: 'qps',
    label: l10n.t('QPS (sum)'),
    numeric: true,
    width: '8em',
    value: (r) => r.qps,
    text: (r) => fixed(r.qps),
  },
  {
    key: 'cpuTimePerSecond',
    label: l10n.t('CPU time/s (sum)'),
    numeric: true,
    width: '9em',
    value: (r) => r.cpuTimePerSecond,
    text: (r) => cpuNanos(r.cpuTimePerSecond),
  },
  {
    key: 'leaseholderCount',
    label: l10n.t('Leaseholder nodes'),
    numeric: true,
    width: '8em',
    value: (r) => r.leaseholderCount || undefined,
    text: (r) => (r.leaseholderCount ? String(r.leaseholderCount) : ''),
  },
  {
    key: 'topLeaseholderShare',
    label: l10n.t('Top node share'),
    numeric: true,
    width: '8em',
    value: (r) => (r.leaseholderCount ? r.topLeaseholderShare : undefined),
    text: (r) => (r.leaseholderCount ? `${Math.round(r.topLeaseholderShare * 100)}%` : ''),
  },
  {
    key: 'leaseholders',
    label: l10n.t('Leaseholders (ranges)'),
    numeric: false,
    width: 'minmax(10em, 1.5fr)',
    value: (r) => (r.leaseholders.length ? r.leaseholders.map(([n, c]) => `n${n}:${c}`).join(' ') : undefined),
    // The five busiest; a table spread over 100 nodes would otherwise fill the row (JSON keeps them all).
    text: (r) => {
      const shown = r.leaseholders
        .slice(0, 5)
        .map(([n, c]) => l10n.t('n{0} ({1})', n, c))
        .join(', ');
      return r.leaseholders.length > 5 ? l10n.t('{0}, +{1} more', shown, r.leaseholders.length - 5) : shown;
    },
  },
];

/** The index column only when rolled up by index; CPU only when some range reports it. */
export function rollupColumns(
  rows: readonly RollupRow[],
  level: RollupLevel,
): Array<Column<RollupRow, RollupColumnKey>> {
  return ROLLUP_COLUMNS.filter((c) => {
    if (c.key === 'index') return level === 'index';
    if (
      c.key === 'cpuTimePerSecond' ||
      c.key === 'leaseholderCount' ||
      c.key === 'topLeaseholderShare' ||
      c.key === 'leaseholders'
    )
      return rows.some((r) => c.value(r) !== undefined);
    return true;
  });
}
