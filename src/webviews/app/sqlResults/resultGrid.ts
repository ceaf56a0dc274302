// One statement's rows in the shared VirtualGrid (pooled rows, fixed height), with
// what a result needs on top: headers that show name and type, a current cell
// (the grid moves a row focus; Left/Right and a click pick the column), NULL
// cells marked so they can be told from the string 'NULL', exact numeric sort
// (INT8 and DECIMAL ranked by model/resultValues, never through a float), and
// Ctrl/Cmd+C copying the current cell. The marks are attributes set after the
// grid draws (a MutationObserver on its body): the grid writes text only.
import * as l10n from '@vscode/l10n';
import type { Column } from '../../model/columns';
import { NULL_TEXT, isJsonType, isNumericType, numericRanks } from '../../model/resultValues';
import { nextSort, sortRows, type SortSpec } from '../../model/sort';
import type { ResultColumn } from '../../protocol/sqlResults';
import { el } from '../common/dom';
import { ROW_HEIGHT, VirtualGrid } from '../common/grid';

export interface ResultRow {
  /** Position in the server's answer: the row's key, and the order before any sort. */
  readonly i: number;
  readonly cells: ReadonlyArray<string | null>;
}

/** What a grid remembers while its section scrolls out of the page and back. */
export interface GridState {
  sort?: SortSpec;
  /** The current column (0-based). */
  col: number;
  /** The current row, by key (ResultRow.i). */
  row?: number;
}

export interface ResultGridOptions {
  label: string;
  /** The current cell changed (a click, Enter, the arrows). */
  onCurrent(): void;
  /** Ctrl/Cmd+C on a row: copy the current cell. */
  onCopyCell(): void;
}

/** Values looked at to size a column: enough to see its shape, few enough to cost nothing. */
const SAMPLE_ROWS = 100;

/** A column's track: at least its header or typical value (capped), growing in proportion. */
function widthOf(c: ResultColumn, rows: readonly ResultRow[], j: number): string {
  let chars = c.name.length + c.type.length + 3;
  for (let k = 0; k < Math.min(rows.length, SAMPLE_ROWS); k++)
    chars = Math.max(chars, (rows[k]!.cells[j] ?? NULL_TEXT).length);
  const w = Math.min(Math.max(chars, 4), 40);
  return `minmax(${Math.ceil(w * 0.6 + 1.5)}em, ${w}fr)`;
}

export class ResultGrid {
  readonly grid: VirtualGrid<ResultRow>;
  readonly columns: ReadonlyArray<Column<ResultRow>>;
  private readonly body: HTMLElement;
  private readonly ranks = new Map<number, Array<number | undefined>>();
  private shown: readonly ResultRow[];
  private filled = false;

  constructor(
    readonly resultColumns: readonly ResultColumn[],
    private readonly rows: readonly ResultRow[],
    readonly state: GridState,
    private readonly opts: ResultGridOptions,
  ) {
    this.columns = resultColumns.map((c, j) => {
      const numeric = isNumericType(c.type);
      return {
        key: String(j),
        label: `${c.name} ${c.type}`,
        numeric,
        width: widthOf(c, rows, j),
        value: numeric ? (r: ResultRow) => this.rankOf(j)[r.i] : (r: ResultRow) => r.cells[j] ?? undefined,
        text: (r: ResultRow) => r.cells[j] ?? NULL_TEXT,
      };
    });
    this.grid = new VirtualGrid<ResultRow>({
      label: opts.label,
      testId: 'result-grid',
      rowTestId: 'result-row',
      rowKey: (r) => String(r.i),
      onActivate: () => opts.onCurrent(),
      onSort: (key) => this.sortBy(Number(key)),
      emptyText: l10n.t('No rows.'),
    });
    const element = this.grid.element;
    element.classList.add('result-grid');
    element.style.setProperty('--grid-h', `${ResultGrid.height(rows.length)}px`);
    this.body = element.querySelector<HTMLElement>('.grid-body')!;
    this.shown = this.sorted();
    // Capture: the column is known before the grid's own click handler activates the row.
    element.addEventListener('click', (e) => this.onClick(e), true);
    element.addEventListener('keydown', (e) => this.onKey(e));
    element.addEventListener('focusin', (e) => {
      const r = this.rowOf(e.target);
      if (r && r.i !== this.state.row) {
        this.state.row = r.i;
        opts.onCurrent();
      }
    });
  }

  /**
   * Puts the grid in `slot` and, the first time, fills it: rows drawn while detached would
   * be drawn again once the viewport has a height, so nothing is drawn before.
   */
  attach(slot: HTMLElement): void {
    if (slot.firstChild !== this.element) slot.replaceChildren(this.element);
    if (this.filled) return this.grid.render();
    this.filled = true;
    this.grid.setColumns(this.columns, this.state.sort);
    this.decorateHeaders();
    this.grid.setRows(this.shown);
    new MutationObserver(() => this.annotate()).observe(this.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-key', 'aria-selected'],
    });
    this.annotate();
    this.precomputeRanks();
  }

  /**
   * While the panel is idle, ranks the numeric columns (the exact order costs a parse of every
   * value), so that a first click on one of their headers only sorts. One column per slice.
   */
  private precomputeRanks(): void {
    const pending = this.columns.filter((c) => c.numeric).map((c) => Number(c.key));
    const step = (deadline: IdleDeadline) => {
      while (pending.length && deadline.timeRemaining() > 4) this.rankOf(pending.shift()!);
      if (pending.length) requestIdleCallback(step);
    };
    // Not in the idle time right after the first paint: a column takes longer than a slice.
    if (pending.length) setTimeout(() => requestIdleCallback(step), 250);
  }

  /** The grid's height in px for `n` rows: all of them up to about 60% of the panel, then it scrolls. */
  static height(n: number): number {
    const cap = Math.max(240, Math.round((globalThis.innerHeight || 900) * 0.6));
    return Math.min(cap, Math.max(n, 2) * ROW_HEIGHT + 30);
  }

  get element(): HTMLElement {
    return this.grid.element;
  }

  /** The rows in the order shown. */
  get shownRows(): readonly ResultRow[] {
    return this.shown;
  }

  /** The current row, if one was picked and is still there. */
  currentRow(): ResultRow | undefined {
    const k = this.state.row;
    return k === undefined ? undefined : this.rows[k];
  }

  /** The values of column `j` in the order shown. */
  columnValues(j: number): Array<string | null> {
    return this.shown.map((r) => r.cells[j] ?? null);
  }

  isJson(j: number): boolean {
    const c = this.resultColumns[j];
    return c !== undefined && isJsonType(c.type);
  }

  private rankOf(j: number): Array<number | undefined> {
    let r = this.ranks.get(j);
    if (!r) {
      r = numericRanks(this.rows.map((row) => row.cells[j] ?? null));
      this.ranks.set(j, r);
    }
    return r;
  }

  private sorted(): readonly ResultRow[] {
    const s = this.state.sort;
    const col = s ? this.columns[Number(s.key)] : undefined;
    return s && col ? sortRows(this.rows, col, s.dir) : this.rows;
  }

  private sortBy(j: number): void {
    const col = this.columns[j];
    if (!col) return;
    this.state.sort = nextSort(this.state.sort ?? { key: '', dir: 'asc' }, col.key, col.numeric);
    this.shown = this.sorted();
    this.grid.setRows(this.shown);
    this.grid.setSort(this.state.sort);
  }

  /** Headers show the name and, dimmed, the type; the grid wrote them as one label. */
  private decorateHeaders(): void {
    for (const h of this.element.querySelectorAll<HTMLElement>('[role="columnheader"][data-col]')) {
      const c = this.resultColumns[Number(h.dataset.col)];
      if (!c) continue;
      h.replaceChildren(el('span', { class: 'col-name' }, c.name), ' ', el('span', { class: 'col-type' }, c.type));
      h.title = l10n.t('{0} {1} — sort', c.name, c.type);
    }
  }

  private rowOf(target: EventTarget | null): ResultRow | undefined {
    const row = (target as Element | null)?.closest?.<HTMLElement>('[data-index]');
    return row ? this.shown[Number(row.dataset.index)] : undefined;
  }

  /** Marks NULL cells and the current cell of the drawn rows. */
  private annotate(): void {
    for (const row of this.body.children as HTMLCollectionOf<HTMLElement>) {
      const r = this.shown[Number(row.dataset.index)];
      if (!r) continue;
      const current = r.i === this.state.row;
      const cells = row.children;
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j] as HTMLElement;
        const isNull = r.cells[j] === null;
        if (isNull !== cell.hasAttribute('data-null')) {
          if (isNull) {
            cell.setAttribute('data-null', 'true');
            cell.setAttribute('data-testid', 'null-cell');
          } else {
            cell.removeAttribute('data-null');
            cell.removeAttribute('data-testid');
          }
        }
        const isCurrent = current && j === this.state.col;
        if (isCurrent !== cell.hasAttribute('data-current')) cell.toggleAttribute('data-current', isCurrent);
      }
    }
  }

  private onClick(e: MouseEvent): void {
    const cell = (e.target as Element).closest<HTMLElement>('[role="gridcell"]');
    const r = this.rowOf(e.target);
    if (!cell || !r) return;
    this.state.col = Math.max(0, [...cell.parentElement!.children].indexOf(cell));
    this.state.row = r.i;
    this.annotate();
    // The grid's click handler then focuses the row and activates it (onCurrent).
  }

  private onKey(e: KeyboardEvent): void {
    const r = this.rowOf(e.target);
    if (!r || (e.target as HTMLElement).getAttribute('role') !== 'row') return;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const n = this.columns.length;
      this.state.col = Math.max(0, Math.min(n - 1, this.state.col + (e.key === 'ArrowLeft' ? -1 : 1)));
      this.state.row = r.i;
      this.annotate();
      (e.target as HTMLElement)
        .querySelector('[data-current]')
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      this.opts.onCurrent();
    } else if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'c') {
      // Text the user selected with the mouse is copied the usual way.
      if (String(document.getSelection() ?? '') !== '') return;
      // Handled here: VS Code's webview host would otherwise run its own copy of the (empty) selection.
      e.preventDefault();
      e.stopPropagation();
      this.state.row = r.i;
      this.opts.onCopyCell();
    }
  }
}
