// One statement of a run: its text (first line; all of it on expand), tag, row
// counts, the size-limit notice, the error the server returned, and its result —
// the grid (created only when the section first comes near the screen), copy and
// export actions, and the current cell in full below the grid (JSON pretty-printed
// on demand). Everything the cluster sent is set as text.
import * as l10n from '@vscode/l10n';
import { exportFileName, viewToJson } from '../../model/exporting';
import {
  cellText,
  columnText,
  exportKeys,
  firstLine,
  positionIn,
  prettyJson,
  resultToCsv,
  tsvRow,
} from '../../model/resultValues';
import type { ExportFormat } from '../../protocol/messages';
import type { StatementOutcome } from '../../protocol/sqlResults';
import { el } from '../common/dom';
import { saveView } from '../common/saveExport';
import { tag } from '../common/table';
import { post } from '../common/vscodeApi';
import { ResultGrid, type GridState, type ResultRow } from './resultGrid';

export interface RunContext {
  clusterName: string;
  maxResultBytes: number;
  limitSetting: string;
}

/** What a section keeps across updates of the same run (running → done) and scrolling. */
export interface SectionState {
  grid: GridState;
  pretty: boolean;
}

export const newSectionState = (): SectionState => ({ grid: { col: 0 }, pretty: false });

/** 12,345 (without Intl, whose first use costs a first render ~10 ms). */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1 row", "12,345 rows". */
const rowsText = (n: number): string => (n === 1 ? l10n.t('{0} row', grouped(n)) : l10n.t('{0} rows', grouped(n)));

const rowsTruncatedText = (n: number): string =>
  n === 1 ? l10n.t('{0} row (truncated)', grouped(n)) : l10n.t('{0} rows (truncated)', grouped(n));

const rowsAffectedText = (n: number): string =>
  n === 1 ? l10n.t('{0} row affected', grouped(n)) : l10n.t('{0} rows affected', grouped(n));

/**
 * A plain button: a section has several and a run many sections, and the native element
 * costs nothing to create (vscode-button is a custom element with its own shadow tree).
 */
export function actionButton(
  label: string,
  testid: string,
  onClick: () => void,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'action', 'data-testid': testid, ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** "4,194,304 bytes (4 MiB)": the exact limit, and its size in words. */
function bytesText(n: number): string {
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n;
  let u = '';
  for (const unit of units) {
    if (v < 1024) break;
    v /= 1024;
    u = unit;
  }
  return u ? l10n.t('{0} bytes ({1} {2})', grouped(n), Number(v.toFixed(1)), u) : l10n.t('{0} bytes', grouped(n));
}

function statementText(s: StatementOutcome): HTMLElement {
  const first = firstLine(s.sql);
  if (!first.more && first.text.length <= 160)
    return el('div', { class: 'stmt-sql mono', 'data-testid': 'statement-sql' }, first.text);
  return el(
    'details',
    { class: 'stmt-sql', 'data-testid': 'statement-sql' },
    el('summary', { class: 'mono' }, first.more ? `${first.text} …` : first.text),
    el('pre', { class: 'sql mono', 'data-testid': 'statement-sql-full' }, s.sql),
  );
}

function errorBox(s: StatementOutcome): HTMLElement | undefined {
  const e = s.error;
  if (!e) return undefined;
  const box = el('div', { class: 'banner problem stmt-error', role: 'alert', 'data-testid': 'statement-error' });
  const head = el('div', { class: 'error-head' }, el('strong', {}, l10n.t('Error')));
  if (e.code) head.append(' ', el('code', { 'data-testid': 'error-code', title: l10n.t('SQLSTATE') }, e.code));
  box.append(head, el('div', { class: 'error-message', 'data-testid': 'statement-error-message' }, e.message));
  if (e.detail)
    box.append(
      el('div', { 'data-testid': 'error-detail' }, el('span', { class: 'muted' }, l10n.t('Detail: ')), e.detail),
    );
  if (e.hint)
    box.append(el('div', { 'data-testid': 'error-hint' }, el('span', { class: 'muted' }, l10n.t('Hint: ')), e.hint));
  if (e.position !== undefined) {
    const at = positionIn(s.sql, e.position);
    const where = el('div', { 'data-testid': 'error-position', 'data-position': e.position });
    if (at) {
      where.append(l10n.t('At line {0}, column {1} (character {2}):', at.line, at.column, e.position));
      // The caret under the character; tabs kept so it lines up under tabbed SQL.
      const lead = Array.from(at.lineText)
        .slice(0, at.column - 1)
        .map((c) => (c === '\t' ? '\t' : ' '))
        .join('');
      where.append(el('pre', { class: 'mono error-excerpt' }, `${at.lineText}\n${lead}^`));
    } else where.append(l10n.t('At character {0}.', e.position));
    box.append(where);
  }
  return box;
}

/** Stands for the setting's name in the truncated notice's message: a character no translation or number contains. */
const SETTING_MARK = '\u0000';

function truncatedNotice(s: StatementOutcome, ctx: RunContext): HTMLElement | undefined {
  if (!s.truncated) return undefined;
  // One sentence with the setting's name in it as code: the message is split where {2} is.
  const message = l10n.t(
    'Showing the first {0}: truncated at {1} — raise {2} to see more.',
    rowsText(s.rows.length),
    bytesText(ctx.maxResultBytes),
    SETTING_MARK,
  );
  const [before = '', after = ''] = message.split(SETTING_MARK);
  return el(
    'div',
    { class: 'banner warning', role: 'status', 'data-testid': 'truncated-notice' },
    before,
    el('code', {}, ctx.limitSetting),
    after,
  );
}

export class StatementSection {
  readonly element: HTMLElement;
  /** Where the grid goes; observed by the page to create the grid when it comes near the screen. */
  readonly gridSlot: HTMLElement | undefined;
  private grid: ResultGrid | undefined;
  private readonly rows: ResultRow[];
  private readonly detail = el('div', { class: 'cell-detail', 'data-testid': 'cell-detail', hidden: true });
  private readonly exportStatus = el('div', {
    class: 'muted',
    'data-testid': 'export-status',
    role: 'status',
    'aria-live': 'polite',
  });
  private readonly rowActions: HTMLButtonElement[] = [];

  constructor(
    readonly statement: StatementOutcome,
    private readonly ctx: RunContext,
    readonly state: SectionState,
  ) {
    const s = statement;
    this.rows = s.rows.map((cells, i) => ({ i, cells }));
    const head = el(
      'div',
      { class: 'stmt-head' },
      el('span', { class: 'stmt-num muted' }, `#${s.index + 1}`),
      el('span', { class: 'tag', 'data-testid': 'statement-tag' }, s.tag || '—'),
    );
    if (s.columns.length)
      head.append(
        el(
          'span',
          { 'data-testid': 'row-count' },
          s.truncated ? rowsTruncatedText(s.rows.length) : rowsText(s.rows.length),
        ),
      );
    if (s.rowsAffected !== undefined)
      head.append(el('span', { 'data-testid': 'rows-affected' }, rowsAffectedText(s.rowsAffected)));
    if (s.error) head.append(tag(l10n.t('error'), 'problem'));
    head.append(
      el(
        'span',
        { class: 'stmt-actions' },
        actionButton(l10n.t('Open as SQL'), 'open-as-sql', () => post({ type: 'openAsSql', text: s.sql })),
        actionButton(l10n.t('Find in workspace'), 'find-in-workspace', () =>
          post({ type: 'findInWorkspace', text: s.sql }),
        ),
      ),
    );
    this.element = el(
      'section',
      {
        class: 'stmt',
        'data-testid': 'statement-section',
        'data-index': s.index,
        'data-state': s.error ? 'error' : 'ok',
        'aria-label': l10n.t('Statement {0}', s.index + 1),
      },
      head,
      statementText(s),
    );
    for (const n of [truncatedNotice(s, ctx), errorBox(s)]) if (n) this.element.append(n);
    if (!s.columns.length) {
      this.gridSlot = undefined;
      return;
    }
    this.gridSlot = el(
      'div',
      { class: 'grid-slot' },
      el('div', { class: 'grid-placeholder muted' }, l10n.t('Rows load when shown…')),
    );
    this.gridSlot.style.setProperty('--grid-h', `${ResultGrid.height(s.rows.length)}px`);
    this.element.append(this.toolbar(), this.gridSlot, this.detail, this.exportStatus);
    this.updateActions();
  }

  private toolbar(): HTMLElement {
    const copyCell = actionButton(l10n.t('Copy cell'), 'copy-cell', () => this.copyCell());
    const copyRow = actionButton(l10n.t('Copy row'), 'copy-row', () => this.copyRow());
    this.rowActions.push(copyCell, copyRow);
    return el(
      'div',
      { class: 'toolbar result-toolbar' },
      copyCell,
      copyRow,
      actionButton(l10n.t('Copy column'), 'copy-column', () => this.copyColumn()),
      actionButton(l10n.t('Export CSV'), 'export-csv', () => void this.export('csv')),
      actionButton(l10n.t('Export JSON'), 'export-json', () => void this.export('json')),
    );
  }

  /** Creates the grid if need be and puts it in the page. */
  mount(): void {
    if (!this.gridSlot) return;
    if (!this.grid)
      this.grid = new ResultGrid(this.statement.columns, this.rows, this.state.grid, {
        label: l10n.t('Result of statement {0}', this.statement.index + 1),
        onCurrent: () => {
          this.updateActions();
          this.showDetail();
        },
        onCopyCell: () => this.copyCell(),
      });
    if (this.gridSlot.firstChild !== this.grid.element) {
      this.grid.attach(this.gridSlot);
      this.showDetail();
    }
  }

  /** Takes the grid out of the page (it stays built, with its sort and current cell). */
  unmount(): void {
    if (!this.gridSlot || !this.grid || this.gridSlot.firstChild !== this.grid.element) return;
    if (this.grid.element.contains(document.activeElement)) return; // never pull the focus away
    this.gridSlot.replaceChildren(el('div', { class: 'grid-placeholder' }));
  }

  get mounted(): boolean {
    return !!this.grid && this.gridSlot?.firstChild === this.grid.element;
  }

  private current(): { row: ResultRow; col: number } | undefined {
    const row = this.grid?.currentRow();
    return row ? { row, col: this.state.grid.col } : undefined;
  }

  private updateActions(): void {
    const has = this.current() !== undefined;
    for (const b of this.rowActions) b.disabled = !has;
  }

  private columnName(j: number): string {
    return this.statement.columns[j]?.name ?? l10n.t('column {0}', j + 1);
  }

  /**
   * A copy event (Edit > Copy, or the host's copy command) while a row of this grid has the
   * focus and nothing is selected: the current cell, as Ctrl/Cmd+C copies it.
   */
  onCopyEvent(e: ClipboardEvent): void {
    const c = this.current();
    if (!c || !this.grid?.element.contains(document.activeElement)) return;
    if (String(document.getSelection() ?? '') !== '') return;
    e.preventDefault();
    e.clipboardData?.setData('text/plain', cellText(c.row.cells[c.col] ?? null));
  }

  private copyCell(): void {
    const c = this.current();
    if (!c) return;
    post({ type: 'copyText', text: cellText(c.row.cells[c.col] ?? null), what: l10n.t('cell') });
  }

  private copyRow(): void {
    const c = this.current();
    if (!c) return;
    post({ type: 'copyText', text: tsvRow(c.row.cells), what: l10n.t('row') });
  }

  private copyColumn(): void {
    if (!this.grid) return;
    const j = this.state.grid.col;
    const name = this.columnName(j);
    post({
      type: 'copyText',
      text: columnText(this.grid.columnValues(j)),
      what: l10n.t('column {0}', name.length > 60 ? `${name.slice(0, 60)}…` : name),
    });
  }

  /** The current cell in full: long text wraps, JSON can be pretty-printed. */
  private showDetail(): void {
    const c = this.current();
    if (!c || !this.grid) {
      this.detail.hidden = true;
      return;
    }
    const col = this.statement.columns[c.col];
    const v = c.row.cells[c.col] ?? null;
    const parts: Node[] = [
      el(
        'div',
        { class: 'cell-detail-head muted' },
        l10n.t('Row {0} · ', c.row.i + 1),
        el('span', { class: 'col-name' }, col?.name ?? ''),
        ' ',
        el('span', { class: 'col-type' }, col?.type ?? ''),
      ),
    ];
    const isJson = v !== null && this.grid.isJson(c.col);
    const pretty = isJson && this.state.pretty ? prettyJson(v) : undefined;
    if (isJson) {
      const toggle = actionButton(
        this.state.pretty ? l10n.t('Show compact') : l10n.t('Pretty-print'),
        'json-pretty-toggle',
        () => {
          this.state.pretty = !this.state.pretty;
          this.showDetail();
        },
        { 'aria-pressed': String(this.state.pretty) },
      );
      parts.push(el('div', { class: 'toolbar' }, toggle));
    }
    if (v === null)
      parts.push(el('pre', { class: 'mono cell-value', 'data-testid': 'cell-value', 'data-null': 'true' }, 'NULL'));
    else if (pretty !== undefined)
      parts.push(el('pre', { class: 'mono cell-value', 'data-testid': 'json-pretty' }, pretty));
    else {
      parts.push(el('pre', { class: 'mono cell-value', 'data-testid': 'cell-value' }, v));
      if (isJson && this.state.pretty)
        parts.push(el('div', { class: 'muted' }, l10n.t('Not valid JSON: shown as sent.')));
    }
    this.detail.replaceChildren(...parts);
    this.detail.hidden = false;
  }

  private async export(format: ExportFormat): Promise<void> {
    const s = this.statement;
    const shown = this.grid?.shownRows ?? this.rows;
    let content: string;
    if (format === 'csv')
      content = resultToCsv(
        s.columns,
        shown.map((r) => r.cells),
      );
    else {
      const keys = exportKeys(s.columns.map((c) => c.name));
      const cols = keys.map((key) => ({
        key,
        label: key,
        numeric: false,
        width: '',
        value: () => undefined,
        text: () => '',
      }));
      const objects = shown.map((r) => Object.fromEntries(keys.map((k, j) => [k, r.cells[j] ?? null])));
      content = viewToJson(cols, objects, {
        cluster: this.ctx.clusterName,
        statement: s.sql,
        tag: s.tag,
        exportedAt: new Date().toISOString(),
        truncated: s.truncated,
        resultColumns: s.columns.map((c, j) => ({ key: keys[j], name: c.name, type: c.type })),
        ...(this.state.grid.sort
          ? { sort: { column: keys[Number(this.state.grid.sort.key)], dir: this.state.grid.sort.dir } }
          : {}),
      });
    }
    await saveView(this.exportStatus, {
      format,
      content,
      suggestedName: exportFileName(this.ctx.clusterName, `sql-result-${s.index + 1}`, format),
      rows: shown.length,
    });
  }
}
