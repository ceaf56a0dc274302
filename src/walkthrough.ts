// The "Get started" walkthrough (contributes.walkthroughs): the command that opens it,
// opening it once after install, and the context keys its steps complete on. A key is
// set when the thing happened — a session was created, a panel opened, a statement ran
// to the end — not when its command started: `onCommand:` also fires for a prompt
// that was cancelled, which would tick a step nobody did.
import * as vscode from 'vscode';
import type { AuthService } from './auth/authService';
import type { CommandTable } from './commands/register';
import { Commands, ContextKeys, EXTENSION_ID, PanelTypes, WALKTHROUGH_ID } from './constants';
import type { ScopedLogger } from './util/logger';

const SHOWN_KEY = 'cockroachdb.walkthroughShown';

function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH_ID}`, false);
}

export function walkthroughCommands() {
  return {
    [Commands.openWalkthrough]: () => openWalkthrough(),
  } satisfies CommandTable;
}

/**
 * Opens the walkthrough on the first activation after install, and never again. Not
 * under the test runner (its suites own the editors), not for someone who used the
 * extension before this version (an update is not an install), and not when VS Code's
 * own "open walkthroughs on install" is off — the UI tests' profiles turn it off.
 */
export async function openWalkthroughOnce(context: vscode.ExtensionContext, log: ScopedLogger): Promise<void> {
  if (context.extensionMode === vscode.ExtensionMode.Test || context.globalState.get(SHOWN_KEY)) return;
  const installed = context.globalState.keys().length === 0;
  await context.globalState.update(SHOWN_KEY, true);
  const wanted = vscode.workspace.getConfiguration('workbench').get('welcomePage.walkthroughs.openOnInstall', true);
  if (!installed || !wanted) return;
  log.info('first activation after install: opening the walkthrough');
  await openWalkthrough();
}

/** Sets the steps' context keys as sign-ins succeed and panels open. */
export function trackWalkthroughSteps(auth: AuthService): vscode.Disposable {
  const done = new Set<string>();
  const mark = (key: string): void => {
    if (done.has(key)) return;
    done.add(key);
    void vscode.commands.executeCommand('setContext', key, true);
  };
  const panels: ReadonlyArray<readonly [string, string]> = [
    [PanelTypes.hotRanges, ContextKeys.openedHotRanges],
    [PanelTypes.sqlActivity, ContextKeys.openedSqlActivity],
  ];
  return vscode.Disposable.from(
    // Fires on sign-out too; only a change that left a session behind is a sign-in.
    auth.onDidChange((id) => {
      if (auth.token(id) !== undefined) mark(ContextKeys.signedInOnce);
    }),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.opened) {
        if (!(tab.input instanceof vscode.TabInputWebview)) continue;
        // The tab names the panel's type with a prefix of VS Code's own.
        const viewType = tab.input.viewType;
        for (const [type, key] of panels) if (viewType.endsWith(type)) mark(key);
      }
    }),
  );
}

type RunSql = (arg?: unknown) => Promise<{ readonly status: string } | undefined>;

/** The editor's commands with Run SQL marking its step once a run finished without error. */
export function markingSqlRuns<T extends { readonly [Commands.runSql]: RunSql }>(commands: T): T {
  const run = commands[Commands.runSql];
  return {
    ...commands,
    [Commands.runSql]: async (arg?: unknown) => {
      const outcome = await run(arg);
      if (outcome?.status === 'done') void vscode.commands.executeCommand('setContext', ContextKeys.ranSql, true);
      return outcome;
    },
  };
}
