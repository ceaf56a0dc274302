// Shared host side of a panel: HTML, the ready handshake, typed request/reply,
// CSP-violation counting, the sign-in hand-off, export saving and disposal.
import * as vscode from 'vscode';
import type { ClusterHandle } from '../clusters/handle';
import type { Ui } from '../ui/ui';
import { Disposable } from '../util/disposable';
import type { ScopedLogger } from '../util/logger';
import { failureOf } from './convert';
import { saveExport } from './exportFile';
import { buildHtml, localResourceRoots, nonce } from './html';
import type { PanelMonitor } from './panelMonitor';
import {
  isWebviewToHost,
  type HostToWebview,
  type ParamsOf,
  type PanelKind,
  type RequestMethod,
  type ResultOf,
  type StatementTarget,
  type ChartId,
  type WebviewRequest,
  type WebviewToHost,
} from './protocol/messages';

/** The page title of each panel: it names only the view. */
function panelTitle(kind: PanelKind): string {
  switch (kind) {
    case 'hotRanges':
      return vscode.l10n.t('Hot ranges');
    case 'rangeDetails':
      return vscode.l10n.t('Range details');
    case 'sqlActivity':
      return vscode.l10n.t('SQL activity');
    case 'statementDetails':
      return vscode.l10n.t('Statement details');
    case 'sqlResults':
      return vscode.l10n.t('SQL results');
    case 'overview':
      return vscode.l10n.t('Cluster overview');
  }
}

/** What every panel is given: where its files are, the UI seam, its logger and the monitor. */
export interface PanelEnv {
  readonly extensionUri: vscode.Uri;
  readonly ui: Ui;
  readonly log: ScopedLogger;
  readonly monitor: PanelMonitor;
}

/** What a concrete panel answers; methods it doesn't support fail with a message. */
export type Handlers = { [M in RequestMethod]?: (params: ParamsOf<M>) => Promise<ResultOf<M>> };

export abstract class PanelBase extends Disposable {
  readonly extensionUri: vscode.Uri;
  protected readonly log: ScopedLogger;
  private ready = false;
  private readonly queue: HostToWebview[] = [];
  private readyWaiters: Array<() => void> = [];

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    protected readonly env: PanelEnv,
    readonly cluster: ClusterHandle,
    readonly kind: PanelKind,
  ) {
    super();
    const extensionUri = env.extensionUri;
    this.extensionUri = extensionUri;
    this.log = env.log;
    // Registered first so it is disposed last; its onDidDispose then finds this object already disposed.
    this._register(panel);
    // A restored panel keeps the options of the session that created it; reset the roots to this install's dist/ and media/.
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isWebviewToHost(m)) {
          this.log.warn(`ignored a malformed message from the ${kind} webview`);
          return;
        }
        env.monitor.record({
          panel: kind,
          dir: 'in',
          type: m.type,
          ...(m.type === 'request' ? { method: m.method } : {}),
        });
        void this.receive(m);
      }),
    );
    // The title names only the view; the cluster name is data and stays out of the HTML.
    // The l10n bundle is undefined in English; otherwise the front end configures @vscode/l10n from it.
    panel.webview.html = buildHtml(panel.webview, extensionUri, kind, panelTitle(kind), nonce(), vscode.l10n.bundle);
  }

  protected abstract handlers(): Handlers;
  /**
   * The cluster the panel shows now: what `init` names and sign-in acts on. The constructor's
   * for every panel but one reused across clusters (SQL results: the cluster of its latest run).
   */
  protected activeCluster(): ClusterHandle {
    return this.cluster;
  }
  /** Extra fields of the init message (the range id, the statement). */
  protected initExtras(): { rangeId?: number; statement?: StatementTarget; chart?: ChartId } {
    return {};
  }

  /** Resolves once the webview has said `ready` (tests use it). */
  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((r) => this.readyWaiters.push(r));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Posts now if the webview listens, else after its `ready`: posts before that are lost. */
  protected post(message: HostToWebview): void {
    if (this.isDisposed) return;
    this.env.monitor.record({
      panel: this.kind,
      dir: 'out',
      type: message.type,
      ...(message.type === 'reply' ? { method: message.method, ok: message.ok } : {}),
    });
    if (!this.ready) {
      this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  /** Asks the webview to fetch again (after a sign-in, or from a command). */
  refresh(): void {
    this.post({ type: 'refresh' });
  }

  protected async receive(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready': {
        // A reload of the webview (it is not retained when hidden) says ready again; start over.
        this.ready = true;
        this.env.monitor.record({ panel: this.kind, dir: 'out', type: 'init' });
        void this.panel.webview.postMessage({
          type: 'init',
          panel: this.kind,
          clusterId: this.activeCluster().id,
          clusterName: this.activeCluster().name,
          ...this.initExtras(),
        } satisfies HostToWebview);
        for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        for (const w of this.readyWaiters.splice(0)) w();
        break;
      }
      case 'request':
        await this.answer(m);
        break;
      case 'signIn':
        await this.signIn();
        break;
      case 'cspViolation':
        this.env.monitor.cspViolations++;
        this.log.warn(`CSP violation in the ${this.kind} webview: ${m.directive} blocked ${m.blocked || '(inline)'}`);
        break;
      case 'openRange':
        this.openRange(m.rangeId);
        break;
      case 'openStatement':
        this.openStatement({ fingerprintId: m.fingerprintId, appName: m.appName });
        break;
      case 'openAsSql':
        await openAsSql(m.text);
        break;
      case 'copyText':
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}.', m.what), 3000);
        break;
      case 'findInWorkspace':
        await vscode.commands.executeCommand('cockroachdb.findInWorkspace', { query: m.text });
        break;
      case 'goToTable':
        await vscode.commands.executeCommand('cockroachdb.goToTableDefinition', {
          table: m.table,
          ...(m.database ? { database: m.database } : {}),
        });
        break;
    }
  }

  private async answer(m: WebviewRequest): Promise<void> {
    const h = this.handlers()[m.method] as ((p: unknown) => Promise<unknown>) | undefined;
    try {
      if (!h) throw new Error(vscode.l10n.t('{0} is not available in this panel', m.method));
      const result = await h(m.params);
      this.post({ type: 'reply', req: m.req, method: m.method, ok: true, result } as HostToWebview);
    } catch (e) {
      const error = failureOf(e);
      this.log.warn(`${m.method} failed for ${this.kind}: ${error.message}`);
      this.post({ type: 'reply', req: m.req, method: m.method, ok: false, error });
    }
  }

  protected async signIn(): Promise<void> {
    try {
      await vscode.commands.executeCommand('cockroachdb.signIn', this.activeCluster().id);
    } finally {
      this.refresh();
    }
  }

  protected openRange(_rangeId: number): void {}
  protected openStatement(_target: StatementTarget): void {}

  /** Export: the webview builds the content of what it shows; the host asks where to write it. */
  protected save(params: ParamsOf<'saveExport'>): Promise<ResultOf<'saveExport'>> {
    return saveExport(params, this.env.ui, this.log);
  }
}

/** A new untitled SQL editor with the text. Nothing runs: running it is a separate, confirmed action. */
export async function openAsSql(text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: text });
  return vscode.window.showTextDocument(doc, { preview: false });
}
