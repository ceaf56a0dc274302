// The questions sign-in asks a person. Behind an interface so the extension-host
// tests can answer them while everything else (SecretStorage, the client, the
// simulated cluster) stays real.
import * as vscode from 'vscode';

export interface Prompter {
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  /** A non-modal warning with buttons; resolves with the button chosen, or undefined. */
  warn(message: string, ...buttons: string[]): Promise<string | undefined>;
  /** A modal confirmation; resolves true only when `confirm` was chosen. */
  confirm(message: string, detail: string, confirm: string): Promise<boolean>;
}

export const windowPrompter: Prompter = {
  input: async (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  pick: async (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options }),
  warn: async (message, ...buttons) => vscode.window.showWarningMessage(message, ...buttons),
  confirm: async (message, detail, confirm) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm)) === confirm,
};
