// The cluster's hottest ranges by QPS, with table and index names. The section's
// inline action opens the Hot ranges panel; a row opens Range details.
import * as vscode from 'vscode';
import type { HotRange } from '../api/cluster/models';
import { Commands } from '../constants';
import { fixed } from '../domain/format';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { partialText } from './format';
import { LoadedSection } from './loadedSection';
import { MessageNode } from './messageNode';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';

const TOP = 20;

export function hotRangeName(h: HotRange): string {
  const table = h.tables.join(', ');
  const db = h.databases.join(', ');
  const index = h.indexes.join(', ');
  return [db, table].filter(Boolean).join('.') + (index ? ` @ ${index}` : '') || h.startKey || '';
}

export class HotRangesSection extends LoadedSection {
  protected readonly what = vscode.l10n.t('hot ranges');

  constructor(
    _ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/hot`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Hot ranges'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('flame'),
      description: vscode.l10n.t('top {0} by QPS', TOP),
      context: 'hotRanges;api;refreshable',
      tooltip: vscode.l10n.t(
        'The busiest ranges right now. Open the Hot ranges panel for every range, hot tables, filters and export.',
      ),
    });
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No hot ranges reported');
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const { ranges, errors } = await this.cluster.entry.client.hotRanges({});
    const top = [...ranges].sort((a, b) => b.qps - a.qps).slice(0, TOP);
    const rows: TreeNode[] = [];
    if (errors.length) {
      const ids = errors.map((e) => `n${e.nodeId}`).join(', ');
      rows.push(
        new MessageNode(
          this,
          'partial',
          'partial',
          `${partialText(errors.length, await this.cluster.nodeCount())} (${ids})`,
          errors.map((e) => `n${e.nodeId}: ${e.message}`).join('\n'),
        ),
      );
    }
    rows.push(...top.map((h) => new HotRangeNode(this, h)));
    return rows;
  }
}

export class HotRangeNode extends TreeNode {
  constructor(
    private readonly section: HotRangesSection,
    readonly hot: HotRange,
  ) {
    super(`${section.id}/r${hot.rangeId}`, section);
  }

  override capabilities(): RowCapabilities {
    const h = this.hot;
    const cluster = this.section.cluster.entry;
    return {
      copyText: () => ({ text: String(h.rangeId), what: vscode.l10n.t('the id of range r{0}', h.rangeId) }),
      rangeRef: () => ({ cluster, rangeId: h.rangeId }),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const h = this.hot;
    const name = hotRangeName(h);
    const tooltip = md();
    // The range id and the rate are numbers, so they go into the Markdown as they are.
    tooltip.appendMarkdown(
      `**${vscode.l10n.t('Range r{0}', h.rangeId)}** — ${vscode.l10n.t('{0} QPS', fixed(h.qps))}\n\n`,
    );
    tooltip.appendText(
      vscode.l10n.t(
        '{0}\nleaseholder n{1} · replicas {2}',
        name,
        h.leaseholderNodeId ?? '?',
        h.replicaNodeIds.map((n) => `n${n}`).join(', '),
      ),
    );
    return item(this, `r${h.rangeId}`, {
      description: vscode.l10n.t('{0} qps · {1}', fixed(h.qps), name),
      tooltip,
      icon: new vscode.ThemeIcon('flame'),
      context: 'hotRange',
      command: { command: Commands.showRangeDetails, title: vscode.l10n.t('Show Range Details'), arguments: [this] },
      ariaLabel: vscode.l10n.t('Hot range {0}, {1} queries per second, {2}', h.rangeId, fixed(h.qps), name),
    });
  }
}
