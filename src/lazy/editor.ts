// dist/editor.js: what lives in text editors — Run SQL and Explain with their results
// panel, the editor's cluster and its status item, the history, the statement and
// workload CodeLenses, Find in Workspace and Go to Table Definition. Loaded when the first
// SQL editor shows (or, with the workload CodeLens on every file, the first editor), on
// the first of its commands, or when the API's `editor` is read.
import './l10nHost';
import { setUpEditor, type EditorFeatures } from '../editor';
import { workspaceCommands } from '../editor/workspace/commands';
import { registerWorkloadLens } from '../editor/workspace/workloadLens';
import { markingSqlRuns } from '../walkthrough';
import type { BundleTable } from './commandBundles';
import type { Core } from './core';

export interface Editor {
  readonly features: EditorFeatures;
  readonly commands: BundleTable<'editor'>;
}

export function createEditor(core: Core): Editor {
  const { context, connections, active, auth, ui, panelEnv, logger } = core;
  const features = setUpEditor({
    state: context.globalState,
    connections,
    active,
    ui,
    panels: panelEnv,
    log: logger.scoped('editor'),
  });
  const log = logger.scoped('workspace');
  context.subscriptions.push(...features.disposables, registerWorkloadLens({ connections, active, auth, log }));
  return {
    features,
    commands: { ...markingSqlRuns(features.commands), ...workspaceCommands({ ui, connections, active, log }) },
  };
}
