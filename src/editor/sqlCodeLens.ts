// "Run | Explain" above each statement of a .sql file: the statements come from
// the same splitter Run SQL uses, so a lens runs exactly the statement it sits on.
import * as vscode from 'vscode';
import { splitStatements } from '../api/sql/split';
import { Commands } from '../constants';

export class SqlStatementLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (const s of splitStatements(doc.getText())) {
      const at = new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.start));
      const arg = { uri: doc.uri.toString(), start: s.start, end: s.end };
      lenses.push(
        new vscode.CodeLens(at, { title: vscode.l10n.t('$(play) Run'), command: Commands.runSql, arguments: [arg] }),
        new vscode.CodeLens(at, { title: vscode.l10n.t('Explain'), command: Commands.explainSql, arguments: [arg] }),
      );
    }
    return lenses;
  }
}
