// When the editor features (dist/editor.js) are first needed without a command asking:
// when a document they work on is open — a SQL document (the Run | Explain CodeLens, the
// editor's cluster item, the workload CodeLens), or any document when the workload
// CodeLens is set to `allFiles`. Until then activation only listens. A document, not a
// visible editor: lenses are also asked for programmatically (vscode.executeCodeLensProvider).
import * as vscode from 'vscode';

/** The workload CodeLens's schemes (editor/workspace/workloadLens.ts). */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

function wanted(doc: vscode.TextDocument, allFiles: boolean): boolean {
  return (
    doc.languageId === 'sql' ||
    /\.(sql|ddl|pgsql|psql)$/i.test(doc.uri.path) ||
    (allFiles && SCHEMES.includes(doc.uri.scheme))
  );
}

/** Calls `load` once, when such a document is open; one open at activation counts just after it. */
export function onFirstSqlDocument(load: () => void): vscode.Disposable {
  const listeners: vscode.Disposable[] = [];
  let done = false;
  const check = (): void => {
    if (done) return;
    const mode = vscode.workspace.getConfiguration('cockroachdb').get<unknown>('codeLens.workload');
    const allFiles = typeof mode === 'string' && mode.trim() === 'allFiles';
    if (!vscode.workspace.textDocuments.some((d) => wanted(d, allFiles))) return;
    done = true;
    for (const l of listeners) l.dispose();
    load();
  };
  listeners.push(
    // Also fires when a document's language changes: it is opened again under the new one.
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cockroachdb.codeLens.workload')) check();
    }),
  );
  const timer = setTimeout(check, 0);
  return {
    dispose: () => {
      clearTimeout(timer);
      for (const l of listeners) l.dispose();
    },
  };
}
