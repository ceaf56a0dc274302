// Composition root: builds the services once, wires the tree, panels, status bar
// and commands, and hands every disposable to the extension context. Activation
// awaits no network call; the first request happens when a row is expanded or the
// status bar's first check runs.
import * as vscode from 'vscode';
import { AuthService } from './auth/authService';
import { SecretStore } from './auth/secretStore';
import { CloudAccounts } from './cloud/accounts';
import { ActiveCluster } from './clusters/activeCluster';
import { ConnectionManager } from './clusters/connections';
import { cloudCommands } from './commands/cloudCommands';
import { clusterCommands } from './commands/clusterCommands';
import { overviewCommands } from './commands/overviewCommands';
import { panelCommands } from './commands/panelCommands';
import { DOC_SCHEME, ReadOnlyDocs } from './commands/readOnlyDocs';
import { registerAll } from './commands/register';
import { sessionCommands } from './commands/sessionCommands';
import { statusCommands } from './commands/statusCommands';
import { viewCommands } from './commands/viewCommands';
import { workloadCommands } from './commands/workloadCommands';
import { setUpEditor, type EditorFeatures } from './editor';
import { registerWorkloadLens } from './editor/workspace/workloadLens';
import { workspaceCommands } from './editor/workspace/commands';
import { virtualClusterCommands } from './commands/virtualClusterCommands';
import { HealthStatusBar } from './status/healthStatusBar';
import { CloudRoots } from './tree/cloudNodes';
import { LivenessDecorations } from './tree/decorations';
import { ExplorerProvider } from './tree/provider';
import { UiSeam } from './ui/ui';
import { Logger } from './util/logger';
import type { PanelEnv } from './webviews/panelBase';
import { PanelMonitor } from './webviews/panelMonitor';
import { registerWebviewSerializers } from './webviews/serializers';

/** What activate() returns: the services, for the extension-host tests. */
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

export function activate(context: vscode.ExtensionContext): ExplorerApi {
  const logger = new Logger();
  context.subscriptions.push(logger);
  const log = logger.scoped('extension');
  try {
    const ui = new UiSeam();
    const secrets = new SecretStore(context.secrets);
    const auth = new AuthService(secrets, logger.scoped('auth'), ui);
    const connections = new ConnectionManager(auth, logger.scoped('clusters'));
    const cloud = new CloudAccounts(context.globalState, secrets);
    const active = new ActiveCluster(context.globalState, connections);
    const tree = new ExplorerProvider(connections, auth, logger.scoped('tree'), active);
    tree.contributors.push(new CloudRoots(cloud));
    const status = new HealthStatusBar(active, connections, auth, logger.scoped('status'));
    const docs = new ReadOnlyDocs();
    context.subscriptions.push(
      auth,
      connections,
      active,
      cloud,
      tree,
      status,
      docs,
      cloud.onDidChange(() => tree.refresh()),
    );
    context.subscriptions.push(vscode.window.registerFileDecorationProvider(new LivenessDecorations()));
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, docs));

    const panels = new PanelMonitor();
    const panelEnv: PanelEnv = {
      extensionUri: context.extensionUri,
      ui,
      log: logger.scoped('webviews'),
      monitor: panels,
    };
    const editor = setUpEditor({
      state: context.globalState,
      connections,
      active,
      ui,
      panels: panelEnv,
      log: logger.scoped('editor'),
    });
    context.subscriptions.push(...editor.disposables);
    // Every command id must be here: registerAll's type makes a missing or misspelt one a compile error.
    const table = {
      ...clusterCommands({ connections, auth, tree, ui }),
      ...cloudCommands({ accounts: cloud, ui }),
      ...viewCommands({ connections, ui, tree, docs, logger }),
      ...sessionCommands({ ui }),
      ...panelCommands({ connections, ui, panels: panelEnv }),
      ...overviewCommands({ connections, ui, panels: panelEnv, auth, log: logger.scoped('overview') }),
      ...statusCommands({ connections, status, active, ui }),
      ...virtualClusterCommands({ connections, ui }),
      ...workloadCommands({ connections, ui, panels: panelEnv, docs }),
      ...editor.commands,
      ...workspaceCommands({ ui, connections, active, log: logger.scoped('workspace') }),
    };
    context.subscriptions.push(...registerAll(table, log, ui));
    context.subscriptions.push(...registerWebviewSerializers(panelEnv, connections));
    log.info(`activated (VS Code ${vscode.version})`);
    context.subscriptions.push(registerWorkloadLens({ connections, active, auth, log: logger.scoped('workspace') }));
    return {
      auth,
      connections,
      active,
      tree,
      status,
      cloud,
      logger,
      ui,
      panels,
      editor,
      commandIds: Object.keys(table),
    };
  } catch (e) {
    log.error('activation failed', e);
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
