// Writes an export the webview prepared to a file the user picks. The content
// is text the front end built from what it shows (model/exporting.ts); the host
// only chooses where it goes, through the save dialog and workspace.fs (so it
// also works in remote and virtual workspaces).
import * as vscode from 'vscode';
import { safeFileName } from './model/fileNames';
import type { ExportFormat } from './protocol/messages';

/** Tests replace `pickTarget` to answer the save dialog without a person. */
export const exportHooks = {
  pickTarget: (suggested: vscode.Uri, format: ExportFormat): Thenable<vscode.Uri | undefined> =>
    vscode.window.showSaveDialog({
      defaultUri: suggested,
      saveLabel: 'Export',
      title: `Export as ${format.toUpperCase()}`,
      filters: format === 'csv' ? { 'CSV files': ['csv'] } : { 'JSON files': ['json'] },
    }),
};

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

export async function saveExport(p: { format: ExportFormat; suggestedName: string; content: string }, log: (m: string) => void): Promise<{ saved: boolean; path?: string }> {
  const name = safeFileName(p.suggestedName, p.format);
  const folder = defaultFolder();
  const suggested = folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
  const target = await exportHooks.pickTarget(suggested, p.format);
  if (!target) return { saved: false };
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(p.content));
  log(`exported ${p.format.toUpperCase()} to ${target.fsPath || target.toString()}`);
  return { saved: true, path: target.fsPath || target.toString() };
}
