// Writes an export the webview prepared to a file the user picks. The content
// is text the front end built from what it shows (model/exporting.ts); the host
// only chooses where it goes, through the save dialog and workspace.fs (so it
// also works in remote and virtual workspaces).
import * as vscode from 'vscode';
import type { Ui } from '../ui/ui';
import type { ScopedLogger } from '../util/logger';
import { safeFileName } from './model/fileNames';
import type { ExportFormat } from './protocol/messages';

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

export async function saveExport(
  p: { format: ExportFormat; suggestedName: string; content: string },
  ui: Ui,
  log: ScopedLogger,
): Promise<{ saved: boolean; path?: string }> {
  const name = safeFileName(p.suggestedName, p.format);
  const folder = defaultFolder();
  const suggested = folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
  const target = await ui.saveDialog({
    defaultUri: suggested,
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export as {0}', p.format.toUpperCase()),
    filters:
      p.format === 'csv' ? { [vscode.l10n.t('CSV files')]: ['csv'] } : { [vscode.l10n.t('JSON files')]: ['json'] },
  });
  if (!target) return { saved: false };
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(p.content));
  log.info(`exported ${p.format.toUpperCase()} to ${target.fsPath || target.toString()}`);
  return { saved: true, path: target.fsPath || target.toString() };
}
