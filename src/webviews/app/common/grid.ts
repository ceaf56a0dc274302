// A sortable data grid that draws only the rows on screen (fixed row height,
// so the window is simple arithmetic): 12,800 hot ranges cost the same to show
// as 40. ARIA grid semantics (role="grid", aria-rowcount/aria-rowindex for the
// rows that exist, aria-sort on headers) and keyboard navigation: arrows,
// Page Up/Down, Home/End move a roving focus; Enter activates; on a header,
// Enter/Space sorts and Left/Right move between headers.
//
// A re-sort or a re-filter must reach the screen within a frame, so drawing new
// rows reads no layout (the viewport's size and scroll offset are kept from the
// last scroll, resize or explicit render(), which would otherwise force a reflow
// right after the header's aria-sort changed), and it only rewrites what differs
// in the pooled row elements: attributes by a kept copy, cell text through each
// cell's one Text node (no node replaced, so no layout object rebuilt).
import * as l10n from '@vscode/l10n';
import type { Column } from '../../model/columns';
import type { SortSpec } from '../../model/sort';
import { el } from './dom';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

/** A drawn row element and what was last written into it (compared instead of reading the DOM back). */
interface PooledRow {
  element: HTMLElement;
  cells: HTMLElement[];
  /** The Text node of each cell, rewritten in place. */
  texts: Text[];
  index: number;
  key: string;
  tabindex: string;
  selected: string;
}

function setAttr(e: Element, name: string, value: string): void {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}

export interface GridOptions<R> {
  label: string;
  testId: string;
  rowTestId: string;
  /** Stable key of a row (data-key), e.g. the range id. */
  rowKey(r: R): string;
  onActivate?(r: R): void;
  onSort?(key: string): void;
  emptyText?: string;
}

/** The grid's minimum width from its column tracks, so narrow panels scroll sideways instead of squashing. */
function minWidthEm(cols: ReadonlyArray<Column<unknown>>): number {
  return cols.reduce((s, c) => s + (Number(/([\d.]+)em/.exec(c.width)?.[1]) || 6), 0);
}

export class VirtualGrid<R> {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly head: HTMLElement;
  private readonly body: HTMLElement;
  private readonly empty: HTMLElement;
  private columns: ReadonlyArray<Column<R>> = [];
  private rows: readonly R[] = [];
  private active = -1;
  private frame = 0;
  /** A full draw waiting for idle time after the frame (see draw). */
  private later = 0;
  /** Row elements drawn before, reused: a re-sort or a scroll rewrites their text instead of building new ones. */
  private pool: PooledRow[] = [];
  /** The row with the roving focus, by identity: a re-sort finds it without building every row's key. */
  private activeRow: R | undefined;
  // Layout as last measured (see measure()).
  private measured = false;
  private scrollTop = 0;
  private viewportHeight = 0;
  private headHeight = 0;

  constructor(private readonly opts: GridOptions<R>) {
    this.element = el('div', {
      class: 'grid',
      role: 'grid',
      'aria-label': opts.label,
      'data-testid': opts.testId,
      'aria-rowcount': 1,
      'aria-colcount': 0,
    });
    this.scroller = el('div', { class: 'grid-scroll', 'data-testid': `${opts.testId}-scroll` });
    this.head = el('div', { class: 'grid-head', role: 'row', 'aria-rowindex': 1 });
    this.body = el('div', { class: 'grid-body', role: 'rowgroup' });
    this.empty = el(
      'div',
      { class: 'grid-empty muted', 'data-testid': `${opts.testId}-empty`, hidden: true },
      opts.emptyText ?? l10n.t('Nothing to show.'),
    );
    const headGroup = el('div', { role: 'rowgroup' }, this.head);
    this.scroller.append(headGroup, this.body, this.empty);
    this.element.append(this.scroller);
    this.scroller.addEventListener('scroll', () => {
      this.scrollTop = this.scroller.scrollTop;
      this.schedule();
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('[data-index]');
      if (!row) return;
      this.focusRow(Number(row.dataset.index));
      const r = this.rows[this.active];
      if (r !== undefined) this.opts.onActivate?.(r);
    });
    // The window depends on the viewport's height, which changes with the panel.
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  setColumns(columns: ReadonlyArray<Column<R>>, sort: SortSpec | undefined): void {
    this.columns = columns;
    this.pool = [];
    // New headers may be another height.
    this.measured = false;
    this.element.style.setProperty('--cols', columns.map((c) => c.width).join(' '));
    this.element.style.setProperty('--min-w', `${minWidthEm(columns as ReadonlyArray<Column<unknown>>)}em`);
    this.element.setAttribute('aria-colcount', String(columns.length));
    this.head.replaceChildren(
      ...columns.map((c, i) => {
        const dir = sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
        const h = el(
          'div',
          {
            role: 'columnheader',
            'aria-colindex': i + 1,
            'aria-sort': dir,
            tabindex: i === 0 ? 0 : -1,
            'data-col': c.key,
            'data-testid': `col-${c.key}`,
            class: c.numeric ? 'num' : '',
            title: l10n.t('Sort by {0}', c.label),
          },
          c.label,
        );
        h.addEventListener('click', () => this.opts.onSort?.(c.key));
        return h;
      }),
    );
    this.draw();
  }

  /** Marks the sorted column (after a re-sort with the same columns), without rebuilding the headers. */
  setSort(sort: SortSpec | undefined): void {
    for (const h of this.head.querySelectorAll<HTMLElement>('[role="columnheader"][data-col]')) {
      const dir = sort && sort.key === h.dataset.col ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      if (h.getAttribute('aria-sort') !== dir) h.setAttribute('aria-sort', dir);
    }
  }

  /** New rows (after a sort, a filter or a refresh). Keeps the focused row (by identity, else by key) when it is still there. */
  setRows(rows: readonly R[]): void {
    const before = this.activeRow;
    this.rows = rows;
    this.active = before === undefined ? -1 : rows.indexOf(before);
    if (before !== undefined && this.active < 0) {
      // A refresh brings new row objects: the same row is the one with the same key.
      const key = this.opts.rowKey(before);
      this.active = rows.findIndex((r) => this.opts.rowKey(r) === key);
    }
    this.activeRow = this.active >= 0 ? rows[this.active] : undefined;
    setAttr(this.element, 'aria-rowcount', String(rows.length + 1));
    const height = `${rows.length * ROW_HEIGHT}px`;
    if (this.body.style.height !== height) this.body.style.height = height;
    if (this.empty.hidden !== rows.length > 0) this.empty.hidden = rows.length > 0;
    // Fewer rows than the scroll offset reaches: the browser will pull the offset back (and
    // say so with a scroll event); draw the rows it will show rather than none meanwhile.
    const maxTop = this.headHeight + rows.length * ROW_HEIGHT - this.viewportHeight;
    this.scrollTop = Math.max(0, Math.min(this.scrollTop, maxTop));
    this.draw(true);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /** Number of row elements in the DOM (for the benchmark and tests). */
  get renderedRowCount(): number {
    return this.body.childElementCount;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Measures the viewport, then draws: for when the grid was just shown or its panel resized. */
  render(): void {
    this.measure();
    this.draw();
  }

  /** Reads the layout draw() works from; the only place that does, besides keyboard focus moves. */
  private measure(): void {
    this.scrollTop = this.scroller.scrollTop;
    this.viewportHeight = this.scroller.clientHeight;
    this.headHeight = this.head.offsetHeight;
    this.measured = true;
  }

  /**
   * Draws the rows in (and just around) the viewport. Synchronous so that a benchmark can time it.
   * After new rows (`visibleFirst`), the rows just around the viewport wait for the frame after:
   * they are there for scrolling, and laying them out too would make the new order a third
   * slower to show. A row that must move is drawn at once, so no stale row can cover a new one.
   */
  private draw(visibleFirst = false): void {
    if (!this.measured) this.measure();
    const hadFocus = this.body.contains(document.activeElement);
    // The sticky header covers the top of the viewport, so the body's visible
    // part starts at scrollTop (body coordinates) and is clientHeight - header tall.
    // A grid not laid out yet (hidden, detached) draws a screenful, to be redrawn once shown.
    const top = this.scrollTop;
    const height = (this.viewportHeight || 600) - this.headHeight;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const count = Math.max(0, last - first);
    const shownFirst = Math.floor(top / ROW_HEIGHT);
    const shownLast = Math.ceil((top + height) / ROW_HEIGHT);
    while (this.pool.length < count) this.pool.push(this.newRow());
    let later = false;
    for (let k = 0; k < count; k++) {
      const i = first + k;
      const row = this.pool[k]!;
      if (visibleFirst && row.index === i && (i < shownFirst || i >= shownLast)) later = true;
      else this.fillRow(row, i);
    }
    if (later) this.drawAfterPaint();
    if (this.body.childElementCount !== count || this.body.firstChild !== (this.pool[0]?.element ?? null))
      this.body.replaceChildren(...this.pool.slice(0, count).map((p) => p.element));
    if (hadFocus) this.body.querySelector<HTMLElement>(`[data-index="${this.active}"]`)?.focus({ preventScroll: true });
  }

  /** The full draw, once the frame showing the visible rows is done (a scroll before that draws it all anyway). */
  private drawAfterPaint(): void {
    if (this.later) return;
    this.later = requestIdleCallback(
      () => {
        this.later = 0;
        this.draw();
      },
      { timeout: 250 },
    );
  }

  private newRow(): PooledRow {
    const element = el('div', { class: 'grid-row', role: 'row', 'data-testid': this.opts.rowTestId });
    const cells: HTMLElement[] = [];
    const texts: Text[] = [];
    for (const c of this.columns) {
      const text = document.createTextNode('');
      const cell = el('div', { role: 'gridcell', class: c.numeric ? 'num' : '', 'data-col': c.key }, text);
      cells.push(cell);
      texts.push(text);
    }
    element.append(...cells);
    return { element, cells, texts, index: -1, key: '', tabindex: '', selected: '' };
  }

  /** Writes row `i` into a pooled element; only what differs is touched, so unchanged cells cost nothing. */
  private fillRow(row: PooledRow, i: number): void {
    const r = this.rows[i]!;
    const e = row.element;
    if (row.index !== i) {
      row.index = i;
      e.setAttribute('aria-rowindex', String(i + 2));
      e.setAttribute('data-index', String(i));
      e.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
    }
    const key = this.opts.rowKey(r);
    if (row.key !== key) e.setAttribute('data-key', (row.key = key));
    const tabindex = i === this.active || (this.active < 0 && i === 0) ? '0' : '-1';
    if (row.tabindex !== tabindex) e.setAttribute('tabindex', (row.tabindex = tabindex));
    const selected = String(i === this.active);
    if (row.selected !== selected) e.setAttribute('aria-selected', (row.selected = selected));
    for (let j = 0; j < this.columns.length; j++) {
      const t = row.texts[j]!;
      const text = this.columns[j]!.text(r);
      if (t.data !== text) t.data = text;
      // Something else (a decoration) may have replaced the cell's text node.
      if (t.parentNode !== row.cells[j]) row.cells[j]!.replaceChildren(t);
    }
  }

  /** Moves the roving focus to row `i`, scrolling it into view and drawing it if needed. */
  focusRow(i: number): void {
    if (!this.rows.length) return;
    this.active = Math.max(0, Math.min(this.rows.length - 1, i));
    this.activeRow = this.rows[this.active];
    const headH = this.head.offsetHeight;
    const rowTop = this.active * ROW_HEIGHT;
    const viewTop = this.scroller.scrollTop;
    const viewH = this.scroller.clientHeight - headH;
    if (rowTop < viewTop) this.scroller.scrollTop = rowTop;
    else if (rowTop + ROW_HEIGHT > viewTop + viewH) this.scroller.scrollTop = rowTop + ROW_HEIGHT - viewH;
    this.render();
    this.body.querySelector<HTMLElement>(`[data-index="${this.active}"]`)?.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.getAttribute('role') === 'columnheader') return this.onHeaderKey(e, target);
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const i = Number(row.dataset.index);
    const page = Math.max(1, Math.floor((this.scroller.clientHeight - this.head.offsetHeight) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: i + 1,
      ArrowUp: i - 1,
      PageDown: i + page,
      PageUp: i - page,
      Home: 0,
      End: this.rows.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      if (e.key === 'ArrowUp' && i === 0) {
        (this.head.querySelector('[tabindex="0"]') as HTMLElement | null)?.focus();
        return;
      }
      this.focusRow(moves[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const r = this.rows[i];
      if (r !== undefined) this.opts.onActivate?.(r);
    }
  }

  private onHeaderKey(e: KeyboardEvent, h: HTMLElement): void {
    const headers = [...this.head.children] as HTMLElement[];
    const i = headers.indexOf(h);
    const go = (j: number) => {
      const next = headers[Math.max(0, Math.min(headers.length - 1, j))];
      if (!next) return;
      headers.forEach((x) => x.setAttribute('tabindex', x === next ? '0' : '-1'));
      next.focus();
    };
    if (e.key === 'ArrowRight') go(i + 1);
    else if (e.key === 'ArrowLeft') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(headers.length - 1);
    else if (e.key === 'ArrowDown') this.focusRow(Math.max(0, this.active));
    else if (e.key === 'Enter' || e.key === ' ') {
      const key = h.dataset.col;
      if (key) this.opts.onSort?.(key);
      // Headers are rebuilt by the sort; keep focus on the same column.
      this.head.querySelector<HTMLElement>(`[data-col="${key}"]`)?.focus();
    } else return;
    e.preventDefault();
  }
}
