// A self-hosted cluster (or a Cloud ADVANCED cluster once signed in): the row
// that expands to the cluster's sections.
import * as vscode from 'vscode';
import type { ClusterConnection } from '../clusters/connections';
import { removeCluster } from './clusterRemoval';
import type { ExplorerContext } from './context';
import { DatabasesSection } from './databasesSection';
import { EventsSection } from './eventsSection';
import { HotRangesSection } from './hotRangesSection';
import { MessageNode } from './messageNode';
import { NodesSection } from './nodesSection';
import { OverviewNode } from './overviewNode';
import { RulesNode } from './rulesNode';
import { SessionsSection } from './sessionsSection';
import { JobsSection } from './workload/jobsSection';
import { SqlActivitySection } from './workload/sqlActivitySection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';

export class ClusterNode extends TreeNode {
  private sections: TreeNode[] | undefined;

  constructor(
    readonly ctx: ExplorerContext,
    readonly entry: ClusterConnection,
    parent: TreeNode | undefined,
    idPrefix = 'cluster',
  ) {
    super(`${idPrefix}:${entry.id}`, parent);
  }

  override get clusterId(): string {
    return this.entry.id;
  }

  override get clusterEntry(): ClusterConnection {
    return this.entry;
  }

  override capabilities(): RowCapabilities {
    const e = this.entry;
    return {
      copyText: () => ({ text: e.id, what: vscode.l10n.t('the address of {0}', e.name) }),
      copyAddress: () => e.id,
      consoleUrl: () => `${e.consoleUrl.replace(/\/$/, '')}/`,
      // A cluster under a Cloud account comes and goes with the account.
      ...(this.parent ? {} : { remove: (ui) => removeCluster(this.ctx, e, ui) }),
    };
  }

  get signedIn(): boolean {
    return this.ctx.auth.token(this.entry.id) !== undefined;
  }

  /** Served without a session: plain http, unless it answered 401 (insecure before v22.1.11). */
  private get anonymous(): boolean {
    return this.entry.insecure && !this.ctx.auth.demandsSession(this.entry.id);
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const active = this.ctx.activeClusterId() === e.id;
    // Plain-http clusters are usually insecure ones, which serve every request as root;
    // once one answers 401 it is treated like a secure one.
    const state = this.signedIn
      ? vscode.l10n.t('signed in')
      : this.anonymous
        ? vscode.l10n.t('http, no sign-in')
        : vscode.l10n.t('signed out');
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(e.name);
    tooltip.appendMarkdown('**\n\n');
    tooltip.appendText(`${e.id}\n\n${active ? vscode.l10n.t('{0} · active cluster', state) : state}`);
    if (e.config.caFile) tooltip.appendText(`\n\n${vscode.l10n.t('CA file: {0}', e.config.caFile)}`);
    if (e.config.skipTlsVerify)
      tooltip.appendMarkdown(`\n\n$(warning) ${vscode.l10n.t('TLS verification is off for this cluster.')}`);
    const virtualized = this.ctx.connections.isVirtualized(e.id);
    const vc = e.config.virtualCluster;
    if (virtualized || vc) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(
        vc
          ? vscode.l10n.t(
              'Virtual clusters: nodes, ranges, hot ranges and events come from the system cluster; sessions, databases and SQL from virtual cluster "{0}". Choose Virtual Cluster… to change it.',
              vc,
            )
          : vscode.l10n.t(
              "Virtual clusters: nodes, ranges, hot ranges and events come from the system cluster; sessions, databases and SQL from the server's default virtual cluster. Choose Virtual Cluster… to change it.",
            ),
      );
    }
    const flags = [
      'cluster',
      'api',
      'refreshable',
      this.signedIn ? 'signedIn' : this.anonymous ? 'insecure' : 'signedOut',
      ...(virtualized || vc ? ['virtualized'] : []),
    ];
    return item(this, e.name, {
      collapsible: Collapsed,
      description: `${active ? '● ' : ''}${e.id.replace(/^https?:\/\//, '')}${vc ? ` · ${vc}` : virtualized ? ` · ${vscode.l10n.t('virtual clusters')}` : ''} · ${state}`,
      tooltip,
      icon: new vscode.ThemeIcon(e.setupError ? 'warning' : 'server-environment'),
      context: flags.join(';'),
      ariaLabel: active
        ? vscode.l10n.t('Cluster {0}, {1}, {2}, active', e.name, e.id, state)
        : vscode.l10n.t('Cluster {0}, {1}, {2}', e.name, e.id, state),
    });
  }

  private nodeTotal: Promise<number | undefined> | undefined;

  /**
   * How many nodes the cluster has, for "2 of 9 nodes did not answer". Asked only when
   * a fan-out came back partial; undefined if even that fails.
   */
  nodeCount(): Promise<number | undefined> {
    this.nodeTotal ??= (async () => {
      let n = 0;
      for await (const _ of this.entry.client.allNodes()) n++;
      return n;
    })().catch(() => undefined);
    return this.nodeTotal;
  }

  override reset(): void {
    this.nodeTotal = undefined;
    for (const s of this.sections ?? []) s.reset();
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (this.entry.setupError) return [new MessageNode(this, 'setup', 'error', this.entry.setupError)];
    if (!this.anonymous && !(await this.ctx.auth.isSignedIn(this.entry.id))) {
      return [
        new MessageNode(
          this,
          'signin',
          'signIn',
          vscode.l10n.t('Sign in to {0} to see its nodes, ranges and sessions', this.entry.name),
        ),
      ];
    }
    this.sections ??= [
      new OverviewNode(this.ctx, this),
      new NodesSection(this.ctx, this),
      new HotRangesSection(this.ctx, this),
      new SessionsSection(this.ctx, this),
      new DatabasesSection(this.ctx, this),
      new SqlActivitySection(this.ctx, this),
      new JobsSection(this.ctx, this),
      new EventsSection(this.ctx, this),
      new RulesNode(this.ctx, this),
    ];
    return this.sections;
  }
}
