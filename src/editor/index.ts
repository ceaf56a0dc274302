// What lives in text editors, built once by the composition root: the editor's
// cluster, Run SQL / Explain with their results panel and diagnostics, the
// statement CodeLens of .sql files, and the history. Nothing here touches the
// network until a command runs.
import * as vscode from 'vscode';
import type { ActiveCluster } from '../clusters/activeCluster';
import type { ConnectionManager } from '../clusters/connections';
import type { Ui } from '../ui/ui';
import type { ScopedLogger } from '../util/logger';
import type { PanelEnv } from '../webviews/panelBase';
import { editorCommands } from './commands';
import { EditorClusters } from './editorCluster';
import { SqlHistory } from './history';
import { SqlRunner } from './runSql';
import { SqlStatementLenses } from './sqlCodeLens';

export interface EditorFeatures {
  readonly runner: SqlRunner;
  readonly clusters: EditorClusters;
  readonly history: SqlHistory;
  readonly commands: ReturnType<typeof editorCommands>;
  readonly disposables: vscode.Disposable[];
}

export function setUpEditor(deps: {
  state: vscode.Memento;
  connections: ConnectionManager;
  active: ActiveCluster;
  ui: Ui;
  panels: PanelEnv;
  log: ScopedLogger;
}): EditorFeatures {
  const clusters = new EditorClusters(deps.connections, deps.active, deps.ui);
  const history = new SqlHistory(deps.state);
  const runner = new SqlRunner({ clusters, ui: deps.ui, panels: deps.panels, history, log: deps.log });
  const lenses = vscode.languages.registerCodeLensProvider({ language: 'sql' }, new SqlStatementLenses());
  return {
    runner,
    clusters,
    history,
    commands: editorCommands({ runner, clusters, history, ui: deps.ui }),
    disposables: [clusters, runner, lenses],
  };
}
