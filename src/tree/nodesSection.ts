// Nodes → node → its ranges. Node rows are coloured by liveness through the
// decoration provider; the list pages and can be filtered by locality and liveness.
import * as vscode from 'vscode';
import type { NodeStatus } from '../api/cluster/models';
import { formatBytes } from '../domain/format';
import { LIVENESS_LABEL, livenessSeverity } from '../domain/liveness';
import { localityText } from '../domain/locality';
import { ageFromNanos, formatDuration } from '../domain/time';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { nodeUri } from './decorations';
import { askNodeFilter } from './filterPrompts';
import { describeFilter, matchNode, type NodeFilter } from './filters';
import { nodeDescription } from './format';
import { pageOf, PagedSection, type Page } from './pagedSection';
import { RangesSection } from './rangesSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';

export class NodesSection extends PagedSection<NodeStatus, number> {
  protected readonly what = vscode.l10n.t('nodes');

  constructor(
    private readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/nodes`, cluster);
  }

  get filter(): NodeFilter | undefined {
    return this.ctx.filters.get<NodeFilter>(this.id);
  }

  override capabilities(): RowCapabilities {
    return {
      editFilter: async (ui) => {
        const answer = await askNodeFilter(ui, this.filter);
        if (!answer) return;
        this.ctx.filters.set(this.id, answer.filter);
        this.ctx.rerender(this); // applied to the nodes already loaded
      },
      ...(describeFilter(this.filter) ? { clearFilter: () => this.clearFilter() } : {}),
    };
  }

  private clearFilter(): void {
    this.ctx.filters.set(this.id, undefined);
    this.ctx.refresh(this);
  }

  getTreeItem(): vscode.TreeItem {
    const filter = describeFilter(this.filter);
    return item(this, vscode.l10n.t('Nodes'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('server'),
      description: [this.count ? `${this.count}${this.hasMore ? '+' : ''}` : '', filter].filter(Boolean).join(' · '),
      context: 'nodes;refreshable',
    });
  }

  protected async fetchPage(offset: number | undefined): Promise<Page<NodeStatus, number>> {
    const page = await this.cluster.entry.client.nodesPage({ limit: this.ctx.pageSize(), offset: offset ?? 0 });
    return pageOf(page);
  }

  protected override visible(items: NodeStatus[]): NodeStatus[] {
    const f = this.filter;
    return f ? items.filter((n) => matchNode(n, f)) : items;
  }

  protected override emptyText(): string {
    return this.filter ? vscode.l10n.t('No nodes match the filter') : vscode.l10n.t('No nodes');
  }

  protected toNode(n: NodeStatus): TreeNode {
    return new CrdbNodeNode(this.ctx, this, n);
  }
}

export class CrdbNodeNode extends TreeNode {
  private ranges: RangesSection | undefined;

  constructor(
    private readonly ctx: ExplorerContext,
    readonly section: NodesSection,
    readonly node: NodeStatus,
  ) {
    super(`${section.id}/n${node.nodeId}`, section);
  }

  override capabilities(): RowCapabilities {
    const n = this.node;
    const entry = this.section.cluster.entry;
    return {
      copyText: () => ({ text: String(n.nodeId), what: vscode.l10n.t('the id of node n{0}', n.nodeId) }),
      copyAddress: () => n.address,
      consoleUrl: () => `${entry.consoleUrl.replace(/\/$/, '')}/#/node/${n.nodeId}`,
    };
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.node;
    const severity = livenessSeverity(n.liveness);
    const tooltip = md();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Node {0}', n.nodeId)}** — `);
    tooltip.appendText(LIVENESS_LABEL[n.liveness]);
    tooltip.appendMarkdown('\n\n| | |\n|---|---|\n');
    const rows: Array<[string, string]> = [
      [vscode.l10n.t('Address'), n.address],
      [vscode.l10n.t('SQL address'), n.sqlAddress],
      [vscode.l10n.t('Locality'), localityText(n.locality) || '—'],
      [vscode.l10n.t('Version'), n.version || '—'],
      [vscode.l10n.t('Uptime'), severity === 'down' ? '—' : formatDuration(ageFromNanos(n.startedAt))],
      [vscode.l10n.t('CPUs'), n.numCpus ? String(n.numCpus) : '—'],
      [vscode.l10n.t('Memory'), n.totalMemoryBytes ? formatBytes(n.totalMemoryBytes) : '—'],
    ];
    // The names are escaped too, so a translation cannot break the table.
    for (const [k, v] of rows) tooltip.appendMarkdown(`| ${escapeCell(k)} | ${escapeCell(v)} |\n`);
    return item(this, `n${n.nodeId} ${localityText(n.locality) || n.address}`, {
      collapsible: Collapsed,
      description: nodeDescription(n),
      tooltip,
      icon: new vscode.ThemeIcon(severity === 'ok' ? 'vm-running' : severity === 'warn' ? 'vm-outline' : 'vm-active'),
      resourceUri: nodeUri(this.section.cluster.entry.id, n.nodeId, n.liveness),
      context: `node;refreshable;liveness-${n.liveness}`,
      ariaLabel: vscode.l10n.t(
        'Node {0}, {1}, {2}, version {3}',
        n.nodeId,
        n.address,
        LIVENESS_LABEL[n.liveness],
        n.version,
      ),
    });
  }

  override reset(): void {
    this.ranges?.reset();
  }

  override async getChildren(): Promise<TreeNode[]> {
    this.ranges ??= new RangesSection(this.ctx, this);
    return [this.ranges];
  }
}

/** Markdown table cells: pipes and line breaks would break the table; other text is escaped by VS Code's renderer. */
function escapeCell(v: string): string {
  return v.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
