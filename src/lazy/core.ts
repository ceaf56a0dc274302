// dist/core.js: the services every feature uses, built once — just after activation
// returns, or earlier if a command or the API asks first. The log, the prompt seam,
// sign-in, the clusters, Cloud accounts, the explorer tree and its view, the status bar's
// health item, the read-only documents and the walkthrough's steps. Nothing here touches
// the network until asked.
import './l10nHost';
import * as vscode from 'vscode';
import { AuthService } from '../auth/authService';
import { SecretStore } from '../auth/secretStore';
import { CloudAccounts } from '../cloud/accounts';
import { ActiveCluster } from '../clusters/activeCluster';
import { ConnectionManager } from '../clusters/connections';
import { DOC_SCHEME, ReadOnlyDocs } from '../commands/readOnlyDocs';
import { runCommand, type Handler } from '../commands/register';
import type { CommandId } from '../constants';
import { HealthStatusBar } from '../status/healthStatusBar';
import { CloudRoots } from '../tree/cloudNodes';
import { LivenessDecorations } from '../tree/decorations';
import { ExplorerProvider } from '../tree/provider';
import { UiSeam } from '../ui/ui';
import { Logger, type ScopedLogger } from '../util/logger';
import { openWalkthroughOnce, trackWalkthroughSteps } from '../walkthrough';
import type { PanelEnv } from '../webviews/panelBase';
import { PanelMonitor } from '../webviews/panelMonitor';

export interface Core {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  readonly ui: UiSeam;
  readonly auth: AuthService;
  readonly connections: ConnectionManager;
  readonly cloud: CloudAccounts;
  readonly active: ActiveCluster;
  readonly tree: ExplorerProvider;
  readonly status: HealthStatusBar;
  readonly docs: ReadOnlyDocs;
  /** What the webview panels exchanged (CSP violations, messages). */
  readonly panels: PanelMonitor;
  readonly panelEnv: PanelEnv;
  /** Runs a command's handler: logged, and a failure shown with "Show Logs" rather than thrown. */
  run(id: CommandId, handler: Handler, args: unknown[]): Promise<unknown>;
}

export function createCore(context: vscode.ExtensionContext): Core {
  const logger = new Logger();
  context.subscriptions.push(logger);
  const log: ScopedLogger = logger.scoped('extension');
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
      vscode.window.registerFileDecorationProvider(new LivenessDecorations()),
      vscode.workspace.registerTextDocumentContentProvider(DOC_SCHEME, docs),
      trackWalkthroughSteps(auth),
    );
    const panels = new PanelMonitor();
    const panelEnv: PanelEnv = {
      extensionUri: context.extensionUri,
      ui,
      log: logger.scoped('webviews'),
      monitor: panels,
    };
    log.info(`activated (VS Code ${vscode.version})`);
    openWalkthroughOnce(context, log).catch((e: unknown) => log.error('opening the walkthrough failed', e));
    return {
      context,
      logger,
      ui,
      auth,
      connections,
      cloud,
      active,
      tree,
      status,
      docs,
      panels,
      panelEnv,
      run: (id, handler, args) => runCommand(id, handler, args, log, ui),
    };
  } catch (e) {
    log.error('building the services failed', e);
    throw e;
  }
}
