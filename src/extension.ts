// Composition root. Activation registers only what must be registered by the time it
// returns — every command, as a stub that loads its bundle on first run — and loads nothing
// else. The services, the explorer view and the panel serializers (dist/core.js) are built
// in the task right after activation, or earlier if a command or the API asks; VS Code
// waits for a view's provider and a restored panel's serializer to appear. The commands
// (dist/commands.js), panels (dist/panels.js) and editor features (dist/editor.js) load on
// first use (src/lazy/). No network I/O here.
import * as vscode from 'vscode';
import type { AuthService } from './auth/authService';
import type { CloudAccounts } from './cloud/accounts';
import type { ActiveCluster } from './clusters/activeCluster';
import type { ConnectionManager } from './clusters/connections';
import type { CommandTable } from './commands/register';
import { Commands, type CommandId } from './constants';
import type { EditorFeatures } from './editor';
import { bundle } from './lazy/bundles';
import { COMMAND_BUNDLE, type CommandBundle } from './lazy/commandBundles';
import type { Core } from './lazy/core';
import type { Editor } from './lazy/editor';
import { onFirstSqlDocument } from './lazy/sqlEditors';
import type { HealthStatusBar } from './status/healthStatusBar';
import type { ExplorerProvider } from './tree/provider';
import type { UiSeam } from './ui/ui';
import type { Logger } from './util/logger';
import type { PanelMonitor } from './webviews/panelMonitor';

/** What activate() returns: the services, for the extension-host tests. Reading one builds them. */
export interface ExplorerApi {
  readonly auth: AuthService;
  readonly connections: ConnectionManager;
  readonly active: ActiveCluster;
  readonly tree: ExplorerProvider;
  readonly status: HealthStatusBar;
  readonly cloud: CloudAccounts;
  readonly logger: Logger;
  /** The one place tests answer prompts, dialogs and notifications: `ui.use(scripted)`. */
  readonly ui: UiSeam;
  /** What the webview panels exchanged (CSP violations, messages). */
  readonly panels: PanelMonitor;
  /** Run SQL, the editors' clusters and the history. */
  readonly editor: EditorFeatures;
  readonly commandIds: string[];
}

/** `make` run on the first call; a failure is kept too, so a half-built service is never built twice. */
function once<T>(make: () => T): () => T {
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  return () => {
    if (!result) {
      try {
        result = { ok: true, value: make() };
      } catch (error) {
        result = { ok: false, error };
      }
    }
    if (!result.ok) throw result.error;
    return result.value;
  };
}

/**
 * One serializer per `onWebviewPanel:` activation event: VS Code activates us to restore
 * exactly those panel types. Registered with the services; a panel restored before that
 * waits for its serializer.
 */
function registerSerializers(core: Core): void {
  const manifest = core.context.extension.packageJSON as { activationEvents?: string[] };
  for (const event of manifest.activationEvents ?? []) {
    const viewType = /^onWebviewPanel:(.+)$/.exec(event)?.[1];
    if (!viewType) continue;
    core.context.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state: unknown) =>
          bundle('panels').restore(core, viewType, panel, state),
      }),
    );
  }
}

export function activate(context: vscode.ExtensionContext): ExplorerApi {
  const core = once((): Core => {
    const c = bundle('core').createCore(context);
    registerSerializers(c);
    return c;
  });
  const editor = once((): Editor => bundle('editor').createEditor(core()));
  const tables = new Map<CommandBundle, CommandTable>();
  const tableOf = (name: CommandBundle): CommandTable => {
    let table = tables.get(name);
    if (!table) {
      table = name === 'editor' ? editor().commands : bundle(name).commands(core());
      tables.set(name, table);
    }
    return table;
  };
  // A command may run the moment activation returns (activation by `onCommand:`), so all are registered here.
  const commandIds: CommandId[] = Object.values(Commands);
  for (const id of commandIds) {
    const handler = (...args: unknown[]): unknown => {
      const run = tableOf(COMMAND_BUNDLE[id])[id];
      // l10n-ignore: build invariant (an id missing from its bundle's table), names internal files
      if (!run) throw new Error(`${id} is not implemented by dist/${COMMAND_BUNDLE[id]}.js`);
      return run(...args);
    };
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => core().run(id, handler, args)),
    );
  }

  /** Loads a part nobody is waiting for; a failure goes to the log (if the log itself loaded). */
  const quietly = (what: string, load: () => unknown): void => {
    try {
      load();
    } catch (e) {
      try {
        core().logger.scoped('extension').error(`loading ${what} failed`, e);
      } catch {
        // The services failed to build: createCore logged why, and whatever needs them next reports it.
      }
    }
  };
  // l10n-ignore: `what` goes only into the log line of quietly()
  context.subscriptions.push(onFirstSqlDocument(() => quietly('the editor features', editor)));
  const timer = setTimeout(() => quietly('the services', core), 0); // l10n-ignore: log text, as above
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });

  return {
    get auth() {
      return core().auth;
    },
    get connections() {
      return core().connections;
    },
    get active() {
      return core().active;
    },
    get tree() {
      return core().tree;
    },
    get status() {
      return core().status;
    },
    get cloud() {
      return core().cloud;
    },
    get logger() {
      return core().logger;
    },
    get ui() {
      return core().ui;
    },
    get panels() {
      return core().panels;
    },
    get editor() {
      return editor().features;
    },
    commandIds,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
