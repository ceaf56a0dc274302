// The first row of a cluster: opens the Cluster overview (figures, charts, health rules).
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { item, md, TreeNode } from './treeNode';

export class OverviewNode extends TreeNode {
  constructor(
    _ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/overview`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    const tooltip = md();
    tooltip.appendText(
      vscode.l10n.t(
        'Nodes, capacity, ranges, connections, QPS and latency now; metrics over time; the health rules behind the status bar.',
      ),
    );
    return item(this, vscode.l10n.t('Overview'), {
      icon: new vscode.ThemeIcon('dashboard'),
      description: vscode.l10n.t('figures and charts'),
      tooltip,
      context: 'overview;api',
      command: { command: Commands.showOverview, title: vscode.l10n.t('Show Cluster Overview'), arguments: [this] },
    });
  }
}
