// Export of the current view (visible columns, filtered and sorted rows) to
// CSV or JSON. CSV is written by csv-stringify as RFC 4180 (CRLF line ends,
// fields with a comma, quote or line break quoted, quotes doubled) with its
// formula escaping on, and any field holding a line break quoted: cluster data such as table names is attacker-controllable,
// and a text cell starting with = + - @ (or a tab / carriage return) gets a
// leading single quote, as OWASP's CSV-injection guidance recommends. Numbers
// are written as numbers.
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Column } from './columns';

type Cell = string | number | undefined;

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  const clean = (v: Cell) => (typeof v === 'number' && !Number.isFinite(v) ? undefined : v);
  return stringify([header, ...rows.map((r) => r.map(clean))], {
    record_delimiter: '\r\n',
    escape_formulas: true,
    quoted_match: /[\r\n]/,
  });
}

/** The export value of a cell: the raw number for numeric columns, the shown text otherwise. */
function cell<R>(c: Column<R>, r: R): string | number | undefined {
  if (c.numeric) {
    const v = c.value(r);
    // Replica lists sort by count but export as the node list people read.
    if (typeof v === 'number' && c.key !== 'replicaNodeIds' && c.key !== 'leaseholderNodeId') return v;
    return c.text(r) || undefined;
  }
  return c.text(r);
}

export function viewToCsv<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[]): string {
  return toCsv(
    columns.map((c) => c.label),
    rows.map((r) => columns.map((c) => cell(c, r))),
  );
}

/**
 * JSON keeps the column keys and raw values (arrays stay arrays) so that it can
 * be read back by a program; absent values are omitted rather than null.
 */
export function viewToJson<R extends object>(
  columns: ReadonlyArray<Column<R>>,
  rows: readonly R[],
  meta: Record<string, unknown> = {},
): string {
  const keys = columns.map((c) => c.key);
  const out = rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) {
      const rec = r as Record<string, unknown>;
      const raw = k in rec ? rec[k] : rec[rawKey(k)];
      if (raw !== undefined) o[k] = raw;
    }
    return o;
  });
  return JSON.stringify({ ...meta, columns: keys, rows: out }, null, 2) + '\n';
}

/** Hot range rows store names as arrays under plural keys (roll-up rows use the column key itself). */
function rawKey(k: string): string {
  return k === 'database' ? 'databases' : k === 'table' ? 'tables' : k === 'index' ? 'indexes' : k;
}

export { exportFileName, safeFileName } from './fileNames';
