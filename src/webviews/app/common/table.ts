// Small static tables (replicas, lease history) with grid semantics and
// arrow-key row focus. Large lists use VirtualGrid instead.
import { el } from './dom';

export interface Cell {
  text: string;
  class?: string;
  /** Extra nodes after the text (tags). */
  extra?: Node[];
}

export interface TableRow {
  cells: Array<string | Cell>;
  class?: string;
  attrs?: Record<string, string>;
}

export function plainTable(
  label: string,
  testid: string,
  headers: readonly string[],
  rows: readonly TableRow[],
  numeric: ReadonlySet<number> = new Set(),
): HTMLTableElement {
  const table = el('table', {
    class: 'plain',
    role: 'grid',
    'aria-label': label,
    'data-testid': testid,
    'aria-rowcount': rows.length + 1,
  });
  const head = el(
    'tr',
    { role: 'row' },
    ...headers.map((h, i) => el('th', { role: 'columnheader', scope: 'col', class: numeric.has(i) ? 'num' : '' }, h)),
  );
  const body = el('tbody');
  rows.forEach((r, i) => {
    const tr = el('tr', {
      role: 'row',
      tabindex: i === 0 ? 0 : -1,
      class: r.class ?? '',
      'data-testid': `${testid}-row`,
      ...(r.attrs ?? {}),
    });
    r.cells.forEach((c, j) => {
      const cell = typeof c === 'string' ? { text: c } : c;
      const td = el(
        'td',
        { role: 'gridcell', class: [cell.class ?? '', numeric.has(j) ? 'num' : ''].join(' ').trim() },
        cell.text,
      );
      if (cell.extra) td.append(...cell.extra);
      tr.append(td);
    });
    body.append(tr);
  });
  body.addEventListener('keydown', (e) => {
    const tr = (e.target as Element).closest('tr');
    if (!tr) return;
    const rowsEls = [...body.rows];
    const i = rowsEls.indexOf(tr);
    const j =
      e.key === 'ArrowDown'
        ? i + 1
        : e.key === 'ArrowUp'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? rowsEls.length - 1
              : -2;
    if (j === -2) return;
    e.preventDefault();
    const next = rowsEls[Math.max(0, Math.min(rowsEls.length - 1, j))];
    if (!next) return;
    rowsEls.forEach((r) => (r.tabIndex = r === next ? 0 : -1));
    next.focus();
  });
  table.append(el('thead', {}, head), body);
  return table;
}

export function tag(text: string, kind: 'problem' | 'warning' | 'lease' | '' = ''): HTMLElement {
  return el('span', { class: `tag ${kind}`.trim() }, text);
}
