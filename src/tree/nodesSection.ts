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
  protected readonly what = 'nodes';

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
    return item(this, 'Nodes', {
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
    return this.filter ? 'No nodes match the filter' : 'No nodes';
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
      copyText: () => ({ text: String(n.nodeId), what: `the id of node n${n.nodeId}` }),
      copyAddress: () => n.address,
      consoleUrl: () => `${entry.consoleUrl.replace(/\/$/, '')}/#/node/${n.nodeId}`,
    };
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.node;
    const severity = livenessSeverity(n.liveness);
    const tooltip = md();
    tooltip.appendMarkdown(`**Node ${n.nodeId}** — `);
    tooltip.appendText(LIVENESS_LABEL[n.liveness]);
    tooltip.appendMarkdown('\n\n| | |\n|---|---|\n');
    const rows: Array<[string, string]> = [
      ['Address', n.address],
      ['SQL address', n.sqlAddress],
      ['Locality', localityText(n.locality) || '—'],
      ['Version', n.version || '—'],
      ['Uptime', severity === 'down' ? '—' : formatDuration(ageFromNanos(n.startedAt))],
      ['CPUs', n.numCpus ? String(n.numCpus) : '—'],
      ['Memory', n.totalMemoryBytes ? formatBytes(n.totalMemoryBytes) : '—'],
    ];
    for (const [k, v] of rows) tooltip.appendMarkdown(`| ${k} | ${escapeCell(v)} |\n`);
    return item(this, `n${n.nodeId} ${localityText(n.locality) || n.address}`, {
      collapsible: Collapsed,
      description: nodeDescription(n),
      tooltip,
      icon: new vscode.ThemeIcon(severity === 'ok' ? 'vm-running' : severity === 'warn' ? 'vm-outline' : 'vm-active'),
      resourceUri: nodeUri(this.section.cluster.entry.id, n.nodeId, n.liveness),
      context: `node;refreshable;liveness-${n.liveness}`,
      ariaLabel: `Node ${n.nodeId}, ${n.address}, ${LIVENESS_LABEL[n.liveness]}, version ${n.version}`,
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
