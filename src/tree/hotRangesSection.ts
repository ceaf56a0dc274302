// The cluster's hottest ranges by QPS, with table and index names. The section's
// inline action opens the Hot ranges panel; a row opens Range details.
import * as vscode from 'vscode';
import type { HotRange } from '../api/cluster/models';
import { Commands } from '../constants';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { partialText } from './format';
import { errorRow, MessageNode } from './messageNode';
import { Collapsed, item, md, TreeNode } from './treeNode';

const TOP = 20;

export function hotRangeName(h: HotRange): string {
  const table = h.tables.join(', ');
  const db = h.databases.join(', ');
  const index = h.indexes.join(', ');
  return [db, table].filter(Boolean).join('.') + (index ? ` @ ${index}` : '') || h.startKey || '';
}

export class HotRangesSection extends TreeNode {
  private rows: TreeNode[] | undefined;

  constructor(
    _ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/hot`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, 'Hot ranges', {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('flame'),
      description: `top ${TOP} by QPS`,
      context: 'hotRanges;api;refreshable',
      tooltip: 'The busiest ranges right now. Open the Hot ranges panel for every range, hot tables, filters and export.',
    });
  }

  override reset(): void {
    this.rows = undefined;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (this.rows) return this.rows;
    try {
      const { ranges, errors } = await this.cluster.entry.client.hotRanges({});
      const top = [...ranges].sort((a, b) => b.qps - a.qps).slice(0, TOP);
      const rows: TreeNode[] = [];
      if (errors.length) {
        const ids = errors.map((e) => `n${e.nodeId}`).join(', ');
        rows.push(new MessageNode(this, 'partial', 'partial', `${partialText(errors.length, await this.cluster.nodeCount())} (${ids})`, errors.map((e) => `n${e.nodeId}: ${e.message}`).join('\n')));
      }
      rows.push(...top.map((h) => new HotRangeNode(this, h)));
      if (!top.length && !errors.length) rows.push(new MessageNode(this, 'empty', 'empty', 'No hot ranges reported'));
      this.rows = rows;
    } catch (e) {
      return [errorRow(this, 'hot ranges', e)];
    }
    return this.rows;
  }
}

export class HotRangeNode extends TreeNode {
  constructor(
    parent: HotRangesSection,
    readonly hot: HotRange,
  ) {
    super(`${parent.id}/r${hot.rangeId}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const h = this.hot;
    const name = hotRangeName(h);
    const tooltip = md();
    tooltip.appendMarkdown(`**Range r${h.rangeId}** — ${h.qps.toFixed(1)} QPS\n\n`);
    tooltip.appendText(`${name}\nleaseholder n${h.leaseholderNodeId ?? '?'} · replicas ${h.replicaNodeIds.map((n) => `n${n}`).join(', ')}`);
    return item(this, `r${h.rangeId}`, {
      description: `${h.qps.toFixed(1)} qps · ${name}`,
      tooltip,
      icon: new vscode.ThemeIcon('flame'),
      context: 'hotRange;copyId',
      command: { command: Commands.showRangeDetails, title: 'Show Range Details', arguments: [this] },
      ariaLabel: `Hot range ${h.rangeId}, ${h.qps.toFixed(1)} queries per second, ${name}`,
    });
  }
}
