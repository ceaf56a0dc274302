// The cluster's alerting and recording rules; opens them as read-only YAML.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { item, TreeNode } from './treeNode';

export class RulesNode extends TreeNode {
  constructor(
    _ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/rules`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Alerting rules'), {
      icon: new vscode.ThemeIcon('bell'),
      description: vscode.l10n.t('YAML'),
      context: 'rules;api',
      command: { command: Commands.showAlertingRules, title: vscode.l10n.t('Show Alerting Rules'), arguments: [this] },
    });
  }
}
