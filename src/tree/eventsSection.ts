// Recent cluster events (newest first), paged.
import * as vscode from 'vscode';
import type { ClusterEvent } from '../api/cluster/models';
import { oneLine } from '../domain/format';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { LeafNode } from './databasesSection';
import { pageOf, PagedSection, type Page } from './pagedSection';
import { Collapsed, item, md, type TreeNode } from './treeNode';

export class EventsSection extends PagedSection<ClusterEvent, number> {
  protected readonly what = vscode.l10n.t('events');

  constructor(
    private readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/events`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Events'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('history'),
      description: this.count ? String(this.count) : '',
      context: 'events;refreshable',
    });
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No events');
  }

  protected async fetchPage(offset: number | undefined): Promise<Page<ClusterEvent, number>> {
    const page = await this.cluster.entry.client.eventsPage({ limit: this.ctx.pageSize(), offset: offset ?? 0 });
    return pageOf(page);
  }

  protected toNode(e: ClusterEvent): TreeNode {
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(e.eventType);
    tooltip.appendMarkdown('**\n\n');
    tooltip.appendText(e.timestamp ? e.timestamp.toISOString() : '');
    if (e.info) tooltip.appendCodeblock(e.info, 'json');
    const key = e.uniqueId ?? `${e.timestamp?.getTime()}-${e.eventType}-${e.targetId}`;
    return new LeafNode(
      this,
      key,
      e.eventType,
      `${e.timestamp ? e.timestamp.toISOString().replace('T', ' ').slice(0, 19) : ''} ${oneLine(e.info ?? '', 60)}`,
      'debug-stackframe-dot',
      'event',
      tooltip,
    );
  }
}
