// The workspace commands: Find in Workspace (statement → code) and Go to Definition
// in Workspace (table → CREATE TABLE). Arguments: a tree row (its `sqlText` or
// `tableRef` capability), what a webview sends (`{ query }`, `{ table, schema?,
// database? }`), or nothing (the editor's selection, else a prompt).
import * as vscode from 'vscode';
import type { ActiveCluster } from '../../clusters/activeCluster';
import type { ConnectionManager } from '../../clusters/connections';
import type { CommandTable } from '../../commands/register';
import { Commands } from '../../constants';
import { tableTargetFromText, type TableTarget } from '../../domain/schemaDefinitions';
import { capability, TreeNode } from '../../tree/treeNode';
import type { Ui } from '../../ui/ui';
import type { ScopedLogger } from '../../util/logger';
import { findInWorkspace } from './findStatement';
import { goToTableDefinition } from './tableDefinition';

export interface WorkspaceCommandDeps {
  ui: Ui;
  connections: ConnectionManager;
  active: ActiveCluster;
  log: ScopedLogger;
}

/** The shape a row's `tableRef` capability returns (stored names, not SQL spellings). */
export type TableRef = { database?: string; schema?: string; table: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The statement an argument names. */
export function statementOf(arg: unknown): string | undefined {
  const fromRow = capability(arg, 'sqlText')?.();
  if (fromRow !== undefined) return str(fromRow);
  if (typeof arg === 'string') return str(arg);
  if (isRecord(arg)) return str(arg.query) ?? str(arg.sql);
  return undefined;
}

/** The table an argument names: a row's tableRef, `{ table, schema?, database? }`, or SQL text. */
export function tableOf(arg: unknown): TableTarget | undefined {
  // Read through the row's capabilities without naming `tableRef`, which the rows add later.
  const ref = arg instanceof TreeNode ? (arg.capabilities() as { tableRef?: () => TableRef }).tableRef?.() : undefined;
  const named = ref ?? (isRecord(arg) && str(arg.table) ? (arg as TableRef) : undefined);
  if (named) {
    const table = str(named.table);
    if (!table) return undefined;
    const database = str(named.database);
    const schema = str(named.schema);
    // A bare `{ table }` may be SQL text (`stock.levels`, `"order"`); with a schema or database it is a stored name.
    if (!ref && !database && !schema) return tableTargetFromText(table);
    return { table, ...(database ? { database } : {}), ...(schema ? { schema } : {}) };
  }
  if (typeof arg === 'string') return tableTargetFromText(arg);
  return undefined;
}

/** The active editor's selection, when there is one. */
function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  return str(editor.document.getText(editor.selection));
}

export function workspaceCommands(deps: WorkspaceCommandDeps) {
  const { ui, log } = deps;
  return {
    [Commands.findInWorkspace]: async (arg: unknown) => {
      const statement =
        statementOf(arg) ??
        selectedText() ??
        (await ui.input({
          title: vscode.l10n.t('Find in Workspace'),
          prompt: vscode.l10n.t('A statement or fingerprint (constants, placeholders, case and spacing do not matter)'),
          placeHolder: 'SELECT * FROM rides WHERE rider_id = $1',
        }));
      if (!statement?.trim()) return undefined;
      const place = await findInWorkspace(ui, statement);
      if (place) log.info(`opened ${place.path}:${place.range.start.line + 1} for a statement`);
      return place;
    },
    [Commands.goToTableDefinition]: async (arg: unknown) => {
      let target = tableOf(arg) ?? tableOf(selectedText());
      if (!target) {
        const text = await ui.input({
          title: vscode.l10n.t('Go to Definition in Workspace'),
          prompt: vscode.l10n.t('A table (schema-qualified and quoted names work: stock.levels, "order")'),
          validateInput: (v) => (tableTargetFromText(v) ? undefined : vscode.l10n.t('Enter a table name')),
        });
        target = text === undefined ? undefined : tableTargetFromText(text);
      }
      if (!target) return undefined;
      const place = await goToTableDefinition(ui, target);
      if (place) log.info(`opened ${place.path}:${place.range.start.line + 1} for a table definition`);
      return place;
    },
  } satisfies CommandTable;
}
