// Every command goes through this wrapper: it logs, catches and shows one
// actionable notification, so a failing command never fails silently.
import * as vscode from 'vscode';
import { isApiError } from '../api/http/errors';
import { Commands, type CommandId } from '../constants';
import type { ScopedLogger } from '../util/logger';
import { redact } from '../util/redact';

export type Handler = (...args: unknown[]) => unknown;

export function registerCommand(id: CommandId, handler: Handler, log: ScopedLogger): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (e) {
      const message = redact(e instanceof Error ? e.message : String(e));
      log.error(`${id} failed`, message);
      const actions = isApiError(e, 'unauthorized') ? ['Sign In', 'Show Logs'] : ['Show Logs'];
      void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
        if (choice === 'Show Logs') void vscode.commands.executeCommand(Commands.showLogs);
        if (choice === 'Sign In') void vscode.commands.executeCommand(Commands.signIn);
      });
      return undefined;
    }
  });
}

export function registerAll(table: Partial<Record<CommandId, Handler>>, log: ScopedLogger): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) => registerCommand(id as CommandId, handler as Handler, log));
}
