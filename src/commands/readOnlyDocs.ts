// Read-only documents (alerting rules YAML, CREATE statements) served from memory
// under the `cockroachdb-doc:` scheme, so they open in an editor without a file.
import * as vscode from 'vscode';

export const DOC_SCHEME = 'cockroachdb-doc';

export class ReadOnlyDocs implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  async open(path: string, content: string, language: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: DOC_SCHEME, path });
    this.docs.set(uri.toString(), content);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
