// The active cluster and the status-bar menu.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import type { HealthStatusBar } from '../status/healthStatusBar';
import type { ExplorerProvider } from '../tree/provider';
import type { Handler } from './register';
import { pickCluster } from './targets';

export function statusCommands(deps: { connections: ConnectionManager; status: HealthStatusBar; tree: ExplorerProvider }): Partial<Record<string, Handler>> {
  const { connections, status, tree } = deps;
  return {
    [Commands.selectActiveCluster]: async (arg: unknown) => {
      const entry = arg === undefined && connections.all().length > 1 ? await pickCluster(connections, undefined, 'Select the active cluster') : await pickCluster(connections, arg);
      if (!entry) return;
      await status.setActive(entry.id);
      tree.setActiveCluster(entry.id);
      return entry.id;
    },
    [Commands.statusBarMenu]: async () => {
      const id = status.activeId();
      const items: Array<vscode.QuickPickItem & { run: () => Thenable<unknown> }> = [
        { label: '$(server-environment) Switch active cluster…', run: () => vscode.commands.executeCommand(Commands.selectActiveCluster) },
        { label: '$(sign-in) Sign in…', run: () => vscode.commands.executeCommand(Commands.signIn, id) },
        { label: '$(flame) Open hot ranges', run: () => vscode.commands.executeCommand(Commands.showHotRanges, id) },
        { label: '$(refresh) Refresh', run: () => Promise.all([status.checkNow(), vscode.commands.executeCommand(Commands.refresh)]) },
      ];
      const picked = await vscode.window.showQuickPick(items, { placeHolder: status.last ? `${status.last.health.state}: ${status.last.health.summary}` : 'CockroachDB' });
      await picked?.run();
    },
  };
}
