// Every question the extension asks a person, and every notification, dialog and
// external link it opens, goes through this one interface. The extension-host tests
// swap answers in through `UiSeam.use`, so any prompt in the product can be answered
// by a test while everything else (SecretStorage, the clients, the simulators) stays real.
import * as vscode from 'vscode';

export interface Ui {
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  /** A non-modal message with buttons; resolves with the button chosen, or undefined. */
  info(message: string, ...buttons: string[]): Promise<string | undefined>;
  warn(message: string, ...buttons: string[]): Promise<string | undefined>;
  error(message: string, ...buttons: string[]): Promise<string | undefined>;
  /** A modal confirmation; resolves true only when `confirm` was chosen. */
  confirm(message: string, detail: string, confirm: string): Promise<boolean>;
  /** Runs `task` under a notification; a cancellable one aborts the task's signal on Cancel. */
  progress<T>(
    title: string,
    task: (signal: AbortSignal) => Promise<T>,
    options?: { cancellable?: boolean },
  ): Promise<T>;
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** Files (or folders) picked in the open dialog; undefined when it was dismissed. */
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
  openExternal(uri: vscode.Uri): Promise<boolean>;
}

/** The real window. Prompts stay open when focus moves, so a password manager can be used. */
export const windowUi: Ui = {
  input: async (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  pick: async (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options }),
  info: async (message, ...buttons) => vscode.window.showInformationMessage(message, ...buttons),
  warn: async (message, ...buttons) => vscode.window.showWarningMessage(message, ...buttons),
  error: async (message, ...buttons) => vscode.window.showErrorMessage(message, ...buttons),
  confirm: async (message, detail, confirm) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm)) === confirm,
  progress: async (title, task, options = {}) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: options.cancellable ?? false },
      async (_p, cancel) => {
        const ac = new AbortController();
        const sub = cancel.onCancellationRequested(() => ac.abort());
        try {
          return await task(ac.signal);
        } finally {
          sub.dispose();
        }
      },
    ),
  saveDialog: async (options) => vscode.window.showSaveDialog(options),
  openDialog: async (options) => vscode.window.showOpenDialog(options),
  openExternal: async (uri) => vscode.env.openExternal(uri),
};

/**
 * The Ui every service is given. It forwards to the window unless overrides are in
 * use; a method the overrides leave out still reaches the window, so a test scripts
 * only the questions it cares about.
 */
export class UiSeam implements Ui {
  private overrides: Partial<Ui> = {};

  constructor(private readonly base: Ui = windowUi) {}

  /** Answers with `overrides` until the returned disposable (or the next `use`/`reset`) ends them. */
  use(overrides: Partial<Ui>): vscode.Disposable {
    this.overrides = overrides;
    return { dispose: () => this.overrides === overrides && this.reset() };
  }

  reset(): void {
    this.overrides = {};
  }

  private get ui(): Ui {
    return { ...this.base, ...bound(this.overrides) };
  }

  input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return this.ui.input(options);
  }
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    return this.ui.pick(items, options);
  }
  info(message: string, ...buttons: string[]): Promise<string | undefined> {
    return this.ui.info(message, ...buttons);
  }
  warn(message: string, ...buttons: string[]): Promise<string | undefined> {
    return this.ui.warn(message, ...buttons);
  }
  error(message: string, ...buttons: string[]): Promise<string | undefined> {
    return this.ui.error(message, ...buttons);
  }
  confirm(message: string, detail: string, confirm: string): Promise<boolean> {
    return this.ui.confirm(message, detail, confirm);
  }
  progress<T>(
    title: string,
    task: (signal: AbortSignal) => Promise<T>,
    options?: { cancellable?: boolean },
  ): Promise<T> {
    return this.ui.progress(title, task, options);
  }
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return this.ui.saveDialog(options);
  }
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
    return this.ui.openDialog(options);
  }
  openExternal(uri: vscode.Uri): Promise<boolean> {
    return this.ui.openExternal(uri);
  }
}

/** Overrides are often class instances: their methods must keep `this` once spread. */
function bound(o: Partial<Ui>): Partial<Ui> {
  const out: Record<string, unknown> = {};
  for (const key of [
    'input',
    'pick',
    'info',
    'warn',
    'error',
    'confirm',
    'progress',
    'saveDialog',
    'openDialog',
    'openExternal',
  ] as const) {
    const f = o[key] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof f === 'function') out[key] = f.bind(o);
  }
  return out as Partial<Ui>;
}
