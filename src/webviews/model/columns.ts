// The Hot ranges table's columns: how each reads its sort value, text and
// export value from a row, and which ones a server version actually sends
// (a column no row has a value for is hidden rather than shown empty).
import * as l10n from '@vscode/l10n';
import type { HotRangeRow } from '../protocol/data';
import { cpuNanos, fixed, formatBytes, nodeList } from '../../domain/format';

export type HotColumnKey =
  | 'rangeId'
  | 'qps'
  | 'cpuTimePerSecond'
  | 'writesPerSecond'
  | 'readsPerSecond'
  | 'writeBytesPerSecond'
  | 'readBytesPerSecond'
  | 'leaseholderNodeId'
  | 'replicaNodeIds'
  | 'storeId'
  | 'database'
  | 'table'
  | 'index'
  | 'locality';

export type SortValue = number | string | undefined;

export interface Column<R, K extends string = string> {
  key: K;
  label: string;
  numeric: boolean;
  /** Sort value; undefined (absent) always sorts last. */
  value(r: R): SortValue;
  /** Display text. */
  text(r: R): string;
  /** Width as a CSS grid track. */
  width: string;
}

const joined = (xs: readonly string[]): string | undefined => (xs.length ? xs.join(', ') : undefined);

export const HOT_COLUMNS: ReadonlyArray<Column<HotRangeRow, HotColumnKey>> = [
  {
    key: 'rangeId',
    label: l10n.t('Range ID'),
    numeric: true,
    width: '7em',
    value: (r) => r.rangeId,
    text: (r) => String(r.rangeId),
  },
  { key: 'qps', label: l10n.t('QPS'), numeric: true, width: '7em', value: (r) => r.qps, text: (r) => fixed(r.qps) },
  {
    key: 'cpuTimePerSecond',
    label: l10n.t('CPU time/s'),
    numeric: true,
    width: '7em',
    value: (r) => r.cpuTimePerSecond,
    text: (r) => cpuNanos(r.cpuTimePerSecond),
  },
  {
    key: 'writesPerSecond',
    label: l10n.t('Writes/s'),
    numeric: true,
    width: '6em',
    value: (r) => r.writesPerSecond,
    text: (r) => fixed(r.writesPerSecond),
  },
  {
    key: 'readsPerSecond',
    label: l10n.t('Reads/s'),
    numeric: true,
    width: '6em',
    value: (r) => r.readsPerSecond,
    text: (r) => fixed(r.readsPerSecond),
  },
  {
    key: 'writeBytesPerSecond',
    label: l10n.t('Write bytes/s'),
    numeric: true,
    width: '8em',
    value: (r) => r.writeBytesPerSecond,
    text: (r) => formatBytes(r.writeBytesPerSecond),
  },
  {
    key: 'readBytesPerSecond',
    label: l10n.t('Read bytes/s'),
    numeric: true,
    width: '8em',
    value: (r) => r.readBytesPerSecond,
    text: (r) => formatBytes(r.readBytesPerSecond),
  },
  {
    key: 'leaseholderNodeId',
    label: l10n.t('Leaseholder'),
    numeric: true,
    width: '7em',
    value: (r) => r.leaseholderNodeId,
    text: (r) => (r.leaseholderNodeId === undefined ? '' : l10n.t('n{0}', r.leaseholderNodeId)),
  },
  // Sorted by replica count, then by the list's text: "how replicated is it" is the useful order.
  {
    key: 'replicaNodeIds',
    label: l10n.t('Replicas'),
    numeric: true,
    width: '9em',
    value: (r) => (r.replicaNodeIds.length ? r.replicaNodeIds.length : undefined),
    text: (r) => nodeList(r.replicaNodeIds),
  },
  {
    key: 'storeId',
    label: l10n.t('Store'),
    numeric: true,
    width: '5em',
    value: (r) => r.storeId,
    text: (r) => (r.storeId === undefined ? '' : String(r.storeId)),
  },
  {
    key: 'database',
    label: l10n.t('Database'),
    numeric: false,
    width: 'minmax(7em, 1fr)',
    value: (r) => joined(r.databases),
    text: (r) => r.databases.join(', '),
  },
  {
    key: 'table',
    label: l10n.t('Table'),
    numeric: false,
    width: 'minmax(8em, 1.5fr)',
    value: (r) => joined(r.tables),
    text: (r) => r.tables.join(', '),
  },
  {
    key: 'index',
    label: l10n.t('Index'),
    numeric: false,
    width: 'minmax(7em, 1fr)',
    value: (r) => joined(r.indexes),
    text: (r) => r.indexes.join(', '),
  },
  {
    key: 'locality',
    label: l10n.t('Locality'),
    numeric: false,
    width: 'minmax(8em, 1fr)',
    value: (r) => r.locality || undefined,
    text: (r) => r.locality ?? '',
  },
];

export function columnByKey<R, K extends string>(
  cols: ReadonlyArray<Column<R, K>>,
  key: string,
): Column<R, K> | undefined {
  return cols.find((c) => c.key === key);
}

/** Columns some row has a value for. Range ID and QPS are always shown. */
export function presentColumns(rows: readonly HotRangeRow[]): Array<Column<HotRangeRow, HotColumnKey>> {
  return HOT_COLUMNS.filter(
    (c) => c.key === 'rangeId' || c.key === 'qps' || rows.some((r) => c.value(r) !== undefined),
  );
}

export function isHotColumnKey(k: unknown): k is HotColumnKey {
  return typeof k === 'string' && HOT_COLUMNS.some((c) => c.key === k);
}
