// The active cluster: the one the status bar watches and the tree marks. Chosen by the
// person (kept across sessions in globalState), else the first configured cluster. The
// status bar and the tree listen here rather than each keeping their own copy.
import * as vscode from 'vscode';
import type { ConnectionManager } from './connections';

const ACTIVE_KEY = 'cockroachdb.activeCluster';

export class ActiveCluster implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the new id when the choice changes, or when the list change moves the fallback. */
  readonly onDidChange = this.changed.event;
  private last: string | undefined;
  private readonly listener: vscode.Disposable;

  constructor(
    private readonly state: vscode.Memento,
    private readonly connections: ConnectionManager,
  ) {
    this.last = this.id();
    // Removing the chosen cluster (or the first one) makes another one active without a click.
    this.listener = connections.onDidChange(() => this.fireIfMoved());
  }

  id(): string | undefined {
    const stored = this.state.get<string>(ACTIVE_KEY);
    // A stored id may also name a Cloud cluster registered since activation.
    if (stored && this.connections.get(stored)) return stored;
    return this.connections.configured()[0]?.id;
  }

  async set(id: string): Promise<void> {
    await this.state.update(ACTIVE_KEY, id);
    // Always fires: choosing the same cluster again is how a person asks for a fresh check.
    this.last = this.id();
    this.changed.fire(this.last);
  }

  private fireIfMoved(): void {
    const now = this.id();
    if (now === this.last) return;
    this.last = now;
    this.changed.fire(now);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
