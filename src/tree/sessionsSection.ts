// SQL sessions across the cluster (cursor-paged). Filters: user (sent to the
// server), application and status (applied to what is loaded). Context actions
// cancel the running query or the whole session.
import * as vscode from 'vscode';
import type { Session } from '../api/cluster/models';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { describeFilter, matchSession, type SessionFilter } from './filters';
import { formatDuration, partialText, sessionDescription, sessionLabel } from './format';
import { PagedSection, type Page } from './pagedSection';
import { Collapsed, item, md, TreeNode } from './treeNode';

export class SessionsSection extends PagedSection<Session, string> {
  protected readonly what = 'sessions';

  constructor(
    private readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/sessions`, cluster);
  }

  get filter(): SessionFilter | undefined {
    return this.ctx.filters.get<SessionFilter>(this.id);
  }

  getTreeItem(): vscode.TreeItem {
    const filter = describeFilter(this.filter);
    return item(this, 'Sessions', {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('terminal'),
      description: [this.count ? String(this.count) : '', filter].filter(Boolean).join(' · '),
      context: `sessions;refreshable;filterable${filter ? ';filtered' : ''}`,
    });
  }

  protected async fetchPage(start: string | undefined): Promise<Page<Session, string>> {
    const user = this.filter?.user;
    const page = await this.cluster.entry.client.sessionsPage({
      limit: this.ctx.pageSize(),
      ...(start ? { start } : {}),
      ...(user ? { username: user } : {}),
      excludeClosed: this.filter?.status !== 'closed',
    });
    const warning = page.errors.length
      ? `${partialText(page.errors.length, await this.cluster.nodeCount())} (${page.errors.map((e) => `n${e.nodeId}`).join(', ')})`
      : undefined;
    return { items: page.items, ...(page.next !== undefined ? { next: page.next } : {}), ...(warning ? { warning } : {}) };
  }

  protected override visible(items: Session[]): Session[] {
    const f = this.filter;
    return f ? items.filter((s) => matchSession(s, { ...f, user: undefined })) : items;
  }

  protected override emptyText(): string {
    return this.filter ? 'No sessions match the filter' : 'No open sessions';
  }

  protected toNode(s: Session): TreeNode {
    return new SessionNode(this, s);
  }
}

export class SessionNode extends TreeNode {
  constructor(
    readonly section: SessionsSection,
    readonly session: Session,
  ) {
    super(`${section.id}/s${session.id}`, section);
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.session;
    const q = s.activeQueries[0];
    const tooltip = md();
    tooltip.appendMarkdown('**Session** ');
    tooltip.appendText(`${s.id}\n\nuser ${s.username} · application ${s.applicationName || '—'} · client ${s.clientAddress || '—'} · node n${s.nodeId} · ${s.status}`);
    if (s.start) tooltip.appendText(` · age ${formatDuration(Date.now() - s.start.getTime())}`);
    if (q) {
      tooltip.appendMarkdown('\n\n**Running** ');
      tooltip.appendText(`(${q.phase}${q.start ? `, ${formatDuration(Date.now() - q.start.getTime())}` : ''})`);
      tooltip.appendCodeblock(q.sql, 'sql');
    } else if (s.lastActiveQuery) {
      tooltip.appendMarkdown('\n\n**Last statement**');
      tooltip.appendCodeblock(s.lastActiveQuery, 'sql');
    }
    const flags = ['session', 'copyId'];
    if (s.status !== 'closed') flags.push('open');
    if (q) flags.push('activeQuery');
    const icon = s.status === 'closed' ? 'circle-slash' : q ? 'play-circle' : 'circle-outline';
    return item(this, sessionLabel(s), {
      description: sessionDescription(s),
      tooltip,
      icon: new vscode.ThemeIcon(icon),
      context: flags.join(';'),
      ariaLabel: `Session of ${s.username} from ${s.applicationName || 'no application'}, ${s.status}${q ? ', running a query' : ''}, node ${s.nodeId}`,
    });
  }
}
