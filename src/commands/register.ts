// Every command goes through this wrapper: it logs, catches and shows one
// actionable notification, so a failing command never fails silently.
import * as vscode from 'vscode';
import { isApiError } from '../api/http/errors';
import { Commands, type CommandId } from '../constants';
import type { Ui } from '../ui/ui';
import type { ScopedLogger } from '../util/logger';
import { redact } from '../util/redact';

export type Handler = (...args: unknown[]) => unknown;

/** A feature's commands. Keyed by the id union, so a misspelt id fails to compile (`satisfies CommandTable`). */
export type CommandTable = { readonly [K in CommandId]?: Handler };

/** Runs one command's handler the way every command runs: a failure is logged and shown, never thrown. */
export async function runCommand(
  id: CommandId,
  handler: Handler,
  args: unknown[],
  log: ScopedLogger,
  ui: Ui,
): Promise<unknown> {
  try {
    return await handler(...args);
  } catch (e) {
    const message = redact(e instanceof Error ? e.message : String(e));
    log.error(`${id} failed`, message);
    const signIn = vscode.l10n.t('Sign In');
    const showLogs = vscode.l10n.t('Show Logs');
    const actions = isApiError(e, 'unauthorized') ? [signIn, showLogs] : [showLogs];
    void ui.error(message, ...actions).then((choice) => {
      if (choice === showLogs) void vscode.commands.executeCommand(Commands.showLogs);
      if (choice === signIn) void vscode.commands.executeCommand(Commands.signIn);
    });
    return undefined;
  }
}
