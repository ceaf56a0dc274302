// The active cluster and the status-bar menu.
import * as vscode from 'vscode';
import type { ActiveCluster } from '../clusters/activeCluster';
import type { ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import type { HealthStatusBar } from '../status/healthStatusBar';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';
import { pickCluster } from './targets';

export function statusCommands(deps: {
  connections: ConnectionManager;
  status: HealthStatusBar;
  active: ActiveCluster;
  ui: Ui;
}) {
  const { connections, status, active, ui } = deps;
  return {
    [Commands.selectActiveCluster]: async (arg: unknown) => {
      const entry =
        arg === undefined && connections.all().length > 1
          ? await pickCluster(deps, undefined, vscode.l10n.t('Select the active cluster'))
          : await pickCluster(deps, arg);
      if (!entry) return;
      await active.set(entry.id);
      return entry.id;
    },
    [Commands.statusBarMenu]: async () => {
      const id = active.id();
      const items: Array<vscode.QuickPickItem & { run: () => Thenable<unknown> }> = [
        {
          label: vscode.l10n.t('$(server-environment) Switch active cluster…'),
          run: () => vscode.commands.executeCommand(Commands.selectActiveCluster),
        },
        {
          label: vscode.l10n.t('$(sign-in) Sign in…'),
          run: () => vscode.commands.executeCommand(Commands.signIn, id),
        },
        {
          label: vscode.l10n.t('$(dashboard) Open cluster overview'),
          run: () => vscode.commands.executeCommand(Commands.showOverview, id, status.last?.health.chart),
        },
        {
          label: vscode.l10n.t('$(flame) Open hot ranges'),
          run: () => vscode.commands.executeCommand(Commands.showHotRanges, id),
        },
        {
          label: vscode.l10n.t('$(refresh) Refresh'),
          run: () => Promise.all([status.checkNow(), vscode.commands.executeCommand(Commands.refresh)]),
        },
      ];
      const picked = await ui.pick(items, {
        ignoreFocusOut: false,
        placeHolder: status.last
          ? `${status.last.health.state}: ${status.last.health.summary}`
          : vscode.l10n.t('CockroachDB'),
      });
      await picked?.run();
    },
  } satisfies CommandTable;
}
