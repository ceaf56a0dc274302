// The editor's SQL commands: Run SQL, Explain (and Explain Analyze), Cancel,
// the editor's cluster, and running a statement again from the history.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandTable } from '../commands/register';
import type { Ui } from '../ui/ui';
import { openAsSql } from '../webviews/panelBase';
import type { EditorClusters } from './editorCluster';
import type { SqlHistory } from './history';
import type { RunMode, SqlRunner } from './runSql';

/** A statement named by a CodeLens: `{ uri, start, end }` offsets into the document. */
function rangeArg(arg: unknown): { uri: string; start: number; end: number } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  if (typeof a.uri !== 'string' || !Number.isSafeInteger(a.start) || !Number.isSafeInteger(a.end)) return undefined;
  return { uri: a.uri, start: a.start as number, end: a.end as number };
}

async function editorFor(
  arg: unknown,
): Promise<{ editor: vscode.TextEditor; range?: { start: number; end: number } } | undefined> {
  const r = rangeArg(arg);
  if (!r) {
    const editor = vscode.window.activeTextEditor;
    return editor ? { editor } : undefined;
  }
  const uri = vscode.Uri.parse(r.uri);
  const editor =
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === r.uri) ??
    (await vscode.window.showTextDocument(uri, { preserveFocus: true }));
  return { editor, range: { start: r.start, end: r.end } };
}

export function editorCommands(deps: { runner: SqlRunner; clusters: EditorClusters; history: SqlHistory; ui: Ui }) {
  const { runner, clusters, history, ui } = deps;
  const run = (mode: RunMode) => async (arg?: unknown) => {
    const target = await editorFor(arg);
    if (!target) {
      void ui.info(vscode.l10n.t('Open a SQL editor, select statements or put the cursor in one, then run again.'));
      return undefined;
    }
    return runner.run(target.editor, mode, target.range);
  };
  return {
    [Commands.runSql]: run('run'),
    [Commands.explainSql]: run('explain'),
    [Commands.explainAnalyzeSql]: run('explainAnalyze'),
    [Commands.cancelSqlRun]: () => runner.cancel(),
    [Commands.chooseEditorCluster]: async () => (await clusters.choose(vscode.window.activeTextEditor?.document))?.id,
    [Commands.showSqlHistory]: async () => {
      const doc = vscode.window.activeTextEditor?.document;
      const cluster = (doc && clusters.clusterFor(doc)) ?? (await clusters.choose(undefined));
      if (!cluster) return undefined;
      const entries = history.list(cluster.id);
      if (!entries.length) {
        void ui.info(vscode.l10n.t('No statements run on {0} from the editor yet.', cluster.name));
        return undefined;
      }
      const picked = await ui.pick(
        entries.map((e) => {
          const at = e.at.replace('T', ' ').slice(0, 19);
          return {
            label: e.sql.replace(/\s+/g, ' ').slice(0, 120),
            description: e.ok ? at : vscode.l10n.t('failed · {0}', at),
            entry: e,
          };
        }),
        {
          title: vscode.l10n.t('Run again on {0}', cluster.name),
          placeHolder: vscode.l10n.t('A statement from the history'),
        },
      );
      if (!picked) return undefined;
      // A new editor with the statement: it runs through the same confirmation as any other.
      const editor = await openAsSql(picked.entry.sql);
      clusters.assign(editor.document, cluster.id);
      return runner.run(editor, 'run', { start: 0, end: picked.entry.sql.length });
    },
  } satisfies CommandTable;
}
