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
  protected readonly what = vscode.l10n.t('ranges');

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
    return item(this, vscode.l10n.t('Ranges'), {
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
    return this.filter
      ? vscode.l10n.t('No ranges with those ids on this node')
      : vscode.l10n.t('No ranges on this node');
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
      copyText: () => ({ text: String(r.rangeId), what: vscode.l10n.t('the id of range r{0}', r.rangeId) }),
      rangeRef: () => ({ cluster, rangeId: r.rangeId }),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.range;
    const problems = problemNames(r.problems);
    const tooltip = md();
    const qps = fixed(r.stats.queriesPerSecond);
    const problemList = problems.join(', ');
    tooltip.appendMarkdown(`**${vscode.l10n.t('Range r{0}', r.rangeId)}**\n\n`);
    tooltip.appendCodeblock(`${r.startKeyPretty} – ${r.endKeyPretty}`, 'text');
    tooltip.appendText(vscode.l10n.t('QPS {0} · writes/s {1}', qps, fixed(r.stats.writesPerSecond)));
    if (r.leaseholderNodeId) tooltip.appendText(` · ${vscode.l10n.t('leaseholder n{0}', r.leaseholderNodeId)}`);
    if (problems.length) tooltip.appendText(`\n\n${vscode.l10n.t('Problems: {0}', problemList)}`);
    return item(this, `r${r.rangeId}`, {
      description: problems.length
        ? vscode.l10n.t('{0} · {1} qps · ⚠ {2}', r.startKeyPretty, qps, problemList)
        : vscode.l10n.t('{0} · {1} qps', r.startKeyPretty, qps),
      tooltip,
      icon: new vscode.ThemeIcon(problems.length ? 'warning' : 'symbol-field'),
      context: 'range',
      command: { command: Commands.showRangeDetails, title: vscode.l10n.t('Show Range Details'), arguments: [this] },
      ariaLabel: problems.length
        ? vscode.l10n.t('Range {0}, {1}, problems: {2}', r.rangeId, r.startKeyPretty, problemList)
        : vscode.l10n.t('Range {0}, {1}', r.rangeId, r.startKeyPretty),
    });
  }
}
