// Composition root: builds the services once, wires the tree, panels, status bar
// and commands, and hands every disposable to the extension context. Activation
// awaits no network call; the first request happens when a row is expanded or the
// status bar's first check runs.
import * as vscode from 'vscode';
import { AuthService } from './auth/authService';
import { windowPrompter } from './auth/prompter';
import { SecretStore } from './auth/secretStore';
import { CloudAccounts } from './cloud/accounts';
import { ConnectionManager } from './clusters/connections';
import { cloudCommands, removeCloudAccount } from './commands/cloudCommands';
import { clusterCommands } from './commands/clusterCommands';
import { panelCommands } from './commands/panelCommands';
import { DOC_SCHEME, ReadOnlyDocs } from './commands/readOnlyDocs';
import { registerAll, type Handler } from './commands/register';
import { sessionCommands } from './commands/sessionCommands';
import { statusCommands } from './commands/statusCommands';
import { viewCommands } from './commands/viewCommands';
import { virtualClusterCommands } from './commands/virtualClusterCommands';
import { Commands } from './constants';
import { HealthStatusBar } from './status/healthStatusBar';
import { CloudRoots } from './tree/cloudNodes';
import { LivenessDecorations } from './tree/decorations';
import { ExplorerProvider } from './tree/provider';
import { Logger } from './util/logger';
import { registerWebviewSerializers } from './webviews/serializers';

/** What activate() returns: the services, for the extension-host tests. */
export interface ExplorerApi {
  readonly auth: AuthService;
  readonly connections: ConnectionManager;
  readonly tree: ExplorerProvider;
  readonly status: HealthStatusBar;
  readonly cloud: CloudAccounts;
  readonly logger: Logger;
  readonly commandIds: string[];
}

export function activate(context: vscode.ExtensionContext): ExplorerApi {
  const logger = new Logger();
  context.subscriptions.push(logger);
  const log = logger.scoped('extension');
  try {
    const secrets = new SecretStore(context.secrets);
    const auth = new AuthService(secrets, logger.scoped('auth'), windowPrompter);
    const connections = new ConnectionManager(auth, logger.scoped('clusters'));
    const cloud = new CloudAccounts(context.globalState, secrets);
    const tree = new ExplorerProvider(connections, auth, logger.scoped('tree'));
    tree.contributors.push(new CloudRoots(cloud));
    const status = new HealthStatusBar(context.globalState, connections, auth, logger.scoped('status'));
    tree.setActiveCluster(status.activeId());
    const docs = new ReadOnlyDocs();
    context.subscriptions.push(auth, connections, cloud, tree, status, docs, cloud.onDidChange(() => tree.refresh()));
    context.subscriptions.push(vscode.window.registerFileDecorationProvider(new LivenessDecorations()));
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, docs));

    const cluster = clusterCommands({ connections, auth, tree });
    const removeCluster = cluster[Commands.remove] as Handler;
    const table: Record<string, Handler> = {
      ...cluster,
      [Commands.remove]: async (arg: unknown) => ((await removeCloudAccount(arg, cloud, auth.prompter)) ? undefined : removeCluster(arg)),
      ...cloudCommands({ accounts: cloud, prompter: () => auth.prompter }),
      ...viewCommands({ connections, tree, docs, logger, prompter: () => auth.prompter }),
      ...sessionCommands({ auth, tree, log: logger.scoped('sessions') }),
      ...panelCommands({ extensionUri: context.extensionUri, connections, log: logger.scoped('webviews') }),
      ...statusCommands({ connections, status, tree }),
      ...virtualClusterCommands({ connections, prompter: () => auth.prompter }),
    } as Record<string, Handler>;
    context.subscriptions.push(...registerAll(table, log));
    context.subscriptions.push(...registerWebviewSerializers(context.extensionUri, connections, (m: string) => logger.scoped('webviews').info(m)));
    log.info(`activated (VS Code ${vscode.version})`);
    return { auth, connections, tree, status, cloud, logger, commandIds: Object.keys(table) };
  } catch (e) {
    log.error('activation failed', e);
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
