// A node's ranges, paged, optionally filtered to some range ids (the server's
// `ranges` parameter). Each range row opens Range details.
import * as vscode from 'vscode';
import type { RangeInfo } from '../api/cluster/models';
import { Commands } from '../constants';
import { fixed } from '../domain/format';
import { problemNames } from '../domain/rangeProblems';
import type { ExplorerContext } from './context';
import { askRangeFilter } from './filterPrompts';
import { describeFilter, type RangeFilter } from './filters';
import type { CrdbNodeNode } from './nodesSection';
import { pageOf, PagedSection, type Page } from './pagedSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';

export class RangesSection extends PagedSection<RangeInfo, number> {
  protected readonly what = 'ranges';

  constructor(
    private readonly ctx: ExplorerContext,
    readonly owner: CrdbNodeNode,
  ) {
    super(`${owner.id}/ranges`, owner);
  }

  get filter(): RangeFilter | undefined {
    return this.ctx.filters.get<RangeFilter>(this.id);
  }

  override capabilities(): RowCapabilities {
    return {
      editFilter: async (ui) => {
        const answer = await askRangeFilter(ui, this.filter);
        if (!answer) return;
        this.ctx.filters.set(this.id, answer.filter);
        this.ctx.refresh(this); // the server is asked for those ranges
      },
      ...(describeFilter(this.filter)
        ? {
            clearFilter: () => {
              this.ctx.filters.set(this.id, undefined);
              this.ctx.refresh(this);
            },
          }
        : {}),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const filter = describeFilter(this.filter);
    return item(this, 'Ranges', {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('symbol-array'),
      description: [this.count ? String(this.count) : '', filter].filter(Boolean).join(' · '),
      context: 'ranges;refreshable',
    });
  }

  protected async fetchPage(offset: number | undefined): Promise<Page<RangeInfo, number>> {
    const rangeIds = this.filter?.rangeIds;
    const page = await this.owner.section.cluster.entry.client.nodeRangesPage(this.owner.node.nodeId, {
      limit: this.ctx.pageSize(),
      offset: offset ?? 0,
      ...(rangeIds ? { rangeIds } : {}),
    });
    return pageOf(page);
  }

  protected override emptyText(): string {
    return this.filter ? 'No ranges with those ids on this node' : 'No ranges on this node';
  }

  protected toNode(r: RangeInfo): TreeNode {
    return new RangeNode(this, r);
  }
}

export class RangeNode extends TreeNode {
  constructor(
    readonly section: RangesSection,
    readonly range: RangeInfo,
  ) {
    super(`${section.id}/r${range.rangeId}`, section);
  }

  override capabilities(): RowCapabilities {
    const r = this.range;
    const cluster = this.section.owner.section.cluster.entry;
    return {
      copyText: () => ({ text: String(r.rangeId), what: `the id of range r${r.rangeId}` }),
      rangeRef: () => ({ cluster, rangeId: r.rangeId }),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.range;
    const problems = problemNames(r.problems);
    const tooltip = md();
    tooltip.appendMarkdown(`**Range r${r.rangeId}**\n\n`);
    tooltip.appendCodeblock(`${r.startKeyPretty} – ${r.endKeyPretty}`, 'text');
    tooltip.appendText(`QPS ${fixed(r.stats.queriesPerSecond)} · writes/s ${fixed(r.stats.writesPerSecond)}`);
    if (r.leaseholderNodeId) tooltip.appendText(` · leaseholder n${r.leaseholderNodeId}`);
    if (problems.length) tooltip.appendText(`\n\nProblems: ${problems.join(', ')}`);
    return item(this, `r${r.rangeId}`, {
      description: `${r.startKeyPretty} · ${fixed(r.stats.queriesPerSecond)} qps${problems.length ? ` · ⚠ ${problems.join(', ')}` : ''}`,
      tooltip,
      icon: new vscode.ThemeIcon(problems.length ? 'warning' : 'symbol-field'),
      context: 'range',
      command: { command: Commands.showRangeDetails, title: 'Show Range Details', arguments: [this] },
      ariaLabel: `Range ${r.rangeId}, ${r.startKeyPretty}${problems.length ? `, problems: ${problems.join(', ')}` : ''}`,
    });
  }
}
