// The explorer's TreeDataProvider: root rows are Cloud accounts and self-hosted
// clusters. Refreshing a row resets its cached children; the whole view refreshes
// when the cluster list, the active cluster or a sign-in changes, and on a timer only
// while the view is visible.
import * as vscode from 'vscode';
import type { AuthService } from '../auth/authService';
import type { ActiveCluster } from '../clusters/activeCluster';
import type { ConnectionManager } from '../clusters/connections';
import { gatewayOf, knownGateway } from '../clusters/gateway';
import { config } from '../config/config';
import { ContextKeys, VIEW_ID } from '../constants';
import { Disposable } from '../util/disposable';
import type { ScopedLogger } from '../util/logger';
import { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { FilterStore } from './filters';
import { decorate, hasFreshness, sessionsChanged, type Freshness } from './freshness';
import { errorRow } from './messageNode';
import type { TreeNode } from './treeNode';

/** Extra root rows (Cloud accounts) contributed by another module. */
export interface RootContributor {
  roots(ctx: ExplorerContext): Promise<TreeNode[]>;
  hasAny(): boolean;
}

export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<TreeNode>, ExplorerContext {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly filters = new FilterStore();
  readonly view: vscode.TreeView<TreeNode>;
  private clusterRows = new Map<string, ClusterNode>();
  private timer: NodeJS.Timeout | undefined;
  readonly contributors: RootContributor[] = [];

  constructor(
    readonly connections: ConnectionManager,
    readonly auth: AuthService,
    readonly log: ScopedLogger,
    private readonly active: ActiveCluster,
  ) {
    super();
    this.view = this._register(
      vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true }),
    );
    this._register(this.view.onDidChangeVisibility(() => this.schedule()));
    this._register(config.onDidChange('refreshInterval', () => this.schedule()));
    // A new window or ranking changes what every workload row shows.
    this._register(config.onDidChange(['workload.window', 'workload.metric'], () => this.refresh()));
    this._register(
      this.connections.onDidChange(() => {
        // The connections dropped their clients (the list changed): rows built on them go too.
        this.clusterRows.clear();
        this.refresh();
      }),
    );
    this._register(this.active.onDidChange(() => this.changed.fire(undefined)));
    this._register(
      this.connections.onDidDetectVirtualClusters((id) => {
        const row = this.clusterRows.get(id);
        if (row) this.rerender(row);
      }),
    );
    this._register(
      this.auth.onDidChange((clusterId) => {
        sessionsChanged();
        const row = this.clusterRows.get(clusterId);
        if (row) {
          row.reset();
          this.changed.fire(row);
        } else this.refresh();
      }),
    );
    this._register({ dispose: () => clearInterval(this.timer) });
    void this.updateContextKey();
  }

  pageSize(): number {
    return config.get('pageSize');
  }

  activeClusterId(): string | undefined {
    return this.active.id();
  }

  /** Resets a row (or everything) and asks VS Code to render it again. */
  refresh(node?: TreeNode): void {
    if (node) node.reset();
    else for (const row of this.clusterRows.values()) row.reset();
    this.changed.fire(node);
  }

  /** Re-renders without dropping loaded data (e.g. after "Load more"). */
  rerender(node: TreeNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const t = node.getTreeItem();
    return hasFreshness(node) ? decorate(t, node.freshness, node.clusterEntry) : t;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) {
      try {
        const children = await node.getChildren();
        if (hasFreshness(node)) this.afterLoad(node, node.freshness);
        return children;
      } catch (e) {
        // A row must never throw into VS Code: show the failure as a row.
        this.log.error(`loading ${node.id} failed`, e);
        return [errorRow(node, vscode.l10n.t('this item'), e)];
      }
    }
    void this.updateContextKey();
    const roots: TreeNode[] = [];
    for (const c of this.contributors) roots.push(...(await c.roots(this)));
    const rows = new Map<string, ClusterNode>();
    for (const entry of this.connections.all()) {
      await this.auth.isSignedIn(entry.id); // loads the token from SecretStorage before the row renders
      const row = this.clusterRows.get(entry.id) ?? new ClusterNode(this, entry, undefined);
      rows.set(entry.id, row);
      roots.push(row);
    }
    this.clusterRows = rows;
    return roots;
  }

  /** The row says when and from where its rows came: learn the gateway once, re-render when that changed. */
  private afterLoad(node: TreeNode, f: Freshness): void {
    const entry = node.clusterEntry;
    if (!entry || !f.loadedAt) {
      if (f.changedSinceRender) this.changed.fire(node);
      return;
    }
    const known = knownGateway(entry.client);
    void gatewayOf(entry.client).then((g) => {
      if (f.changedSinceRender || g.nodeId !== known.nodeId || g.version !== known.version) this.changed.fire(node);
    });
  }

  clusterRow(id: string): ClusterNode | undefined {
    return this.clusterRows.get(id);
  }

  private async updateContextKey(): Promise<void> {
    const any = this.connections.configured().length > 0 || this.contributors.some((c) => c.hasAny());
    await vscode.commands.executeCommand('setContext', ContextKeys.hasClusters, any);
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const every = config.ms('refreshInterval');
    if (!this.view.visible || every <= 0) return;
    this.timer = setInterval(() => {
      if (this.view.visible) this.refresh();
    }, every);
  }
}
