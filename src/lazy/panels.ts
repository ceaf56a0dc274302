// dist/panels.js: the webview panels' commands (hot ranges, range details, SQL activity,
// statement details, jobs, the overview and its diagnostics snapshot) and the restoring of
// panels after a reload. Loaded on the first of these commands, or the first restored panel.
import './l10nHost';
import type * as vscode from 'vscode';
import { overviewCommands } from '../commands/overviewCommands';
import { panelCommands } from '../commands/panelCommands';
import { workloadCommands } from '../commands/workloadCommands';
import { restorePanel } from '../webviews/serializers';
import type { BundleTable } from './commandBundles';
import type { Core } from './core';

export function commands(core: Core): BundleTable<'panels'> {
  const { connections, ui, panelEnv: panels, auth, docs, logger } = core;
  return {
    ...panelCommands({ connections, ui, panels }),
    ...overviewCommands({ connections, ui, panels, auth, log: logger.scoped('overview') }),
    ...workloadCommands({ connections, ui, panels, docs }),
  };
}

/** Adopts a panel VS Code restored after a reload (see webviews/serializers.ts). */
export function restore(core: Core, viewType: string, panel: vscode.WebviewPanel, state: unknown): void {
  restorePanel(viewType, panel, state, core.panelEnv, core.connections);
}
