// Shared host side of a panel: options, HTML, the ready handshake, typed
// messages, CSP-violation counting, loading and error states, disposal.
import * as vscode from 'vscode';
import { isApiError } from '../api/http/errors';
import type { ClusterHandle } from '../clusters/handle';
import { Disposable } from '../util/disposable';
import { buildHtml } from './html';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from './protocol/messages';

export abstract class PanelBase extends Disposable {
  /** CSP violations reported by any panel since activation (tests assert it stays 0). */
  static cspViolations = 0;
  private ready = false;
  private pending: HostToWebview | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly extensionUri: vscode.Uri,
    readonly cluster: ClusterHandle,
    bundle: string,
    protected readonly log: (m: string) => void,
  ) {
    super();
    this._register(panel);
    panel.webview.html = buildHtml(panel.webview, extensionUri, bundle, panel.title);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isWebviewToHost(m)) return;
        void this.receive(m);
      }),
    );
  }

  protected abstract load(): Promise<HostToWebview>;

  protected post(message: HostToWebview): void {
    if (!this.ready) {
      this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  async reload(): Promise<void> {
    try {
      this.post(await this.load());
    } catch (e) {
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e), signIn: isApiError(e, 'unauthorized') });
    }
  }

  protected async receive(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) void this.panel.webview.postMessage(this.pending);
        this.pending = undefined;
        await this.reload();
        break;
      case 'refresh':
        await this.reload();
        break;
      case 'signIn':
        if (await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', this.cluster.id)) await this.reload();
        break;
      case 'cspViolation':
        PanelBase.cspViolations++;
        this.log(`CSP violation in ${this.panel.title}: ${m.directive} blocked ${m.blocked}`);
        break;
      case 'openRange':
        await this.openRange(m.rangeId);
        break;
    }
  }

  protected async openRange(_rangeId: number): Promise<void> {}
}
