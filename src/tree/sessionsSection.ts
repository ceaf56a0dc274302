// SQL sessions across the cluster (cursor-paged). Filters: user (sent to the
// server), application and status (applied to what is loaded). Context actions
// cancel the running query or the whole session.
import * as vscode from 'vscode';
import type { Session } from '../api/cluster/models';
import { cancellable, confirmCancelQuery, confirmCancelSession } from '../clusters/cancel';
import { formatDuration } from '../domain/time';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { askSessionFilter } from './filterPrompts';
import { describeFilter, matchSession, type SessionFilter } from './filters';
import { partialText, sessionDescription, sessionLabel } from './format';
import { pageOf, PagedSection, type Page } from './pagedSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';

export class SessionsSection extends PagedSection<Session, string> {
  protected readonly what = vscode.l10n.t('sessions');

  constructor(
    private readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/sessions`, cluster);
  }

  get filter(): SessionFilter | undefined {
    return this.ctx.filters.get<SessionFilter>(this.id);
  }

  override capabilities(): RowCapabilities {
    return {
      editFilter: async (ui) => {
        const answer = await askSessionFilter(ui, this.filter);
        if (!answer) return;
        this.ctx.filters.set(this.id, answer.filter);
        this.ctx.refresh(this); // the user filter and closed sessions are asked of the server
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

  /** After a cancel: logged, and the section shows the sessions as the server now has them. */
  cancelled(what: string): void {
    this.ctx.log.info(`cancelled ${what}`);
    this.ctx.refresh(this);
  }

  getTreeItem(): vscode.TreeItem {
    const filter = describeFilter(this.filter);
    return item(this, vscode.l10n.t('Sessions'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('terminal'),
      description: [this.count ? String(this.count) : '', filter].filter(Boolean).join(' · '),
      context: 'sessions;refreshable',
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
    return pageOf(page, warning);
  }

  protected override visible(items: Session[]): Session[] {
    const f = this.filter;
    return f ? items.filter((s) => matchSession(s, { ...f, user: undefined })) : items;
  }

  protected override emptyText(): string {
    return this.filter ? vscode.l10n.t('No sessions match the filter') : vscode.l10n.t('No open sessions');
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

  override capabilities(): RowCapabilities {
    const s = this.session;
    const q = s.activeQueries[0];
    const client = this.section.cluster.entry.client;
    const caps: RowCapabilities = {
      copyText: () => ({ text: s.id, what: vscode.l10n.t('the id of session {0}', s.id) }),
    };
    if (q) {
      caps.cancelQuery = async (ui) => {
        if (!(await confirmCancelQuery(ui, client, cancellable(s), q.id))) return false;
        this.section.cancelled(`query ${q.id} of session ${s.id}`); // l10n-ignore: goes only into the log
        return true;
      };
    }
    if (s.status !== 'closed') {
      caps.cancelSession = async (ui) => {
        if (!(await confirmCancelSession(ui, client, cancellable(s)))) return false;
        this.section.cancelled(`session ${s.id}`);
        return true;
      };
    }
    return caps;
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.session;
    const q = s.activeQueries[0];
    const tooltip = md();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Session')}** `);
    tooltip.appendText(
      `${s.id}\n\n${vscode.l10n.t(
        'user {0} · application {1} · client {2} · node n{3} · {4}',
        s.username,
        s.applicationName || '—',
        s.clientAddress || '—',
        s.nodeId,
        s.status,
      )}`,
    );
    if (s.start) tooltip.appendText(` · ${vscode.l10n.t('age {0}', formatDuration(Date.now() - s.start.getTime()))}`);
    if (q) {
      tooltip.appendMarkdown(`\n\n**${vscode.l10n.t('Running')}** `);
      tooltip.appendText(`(${q.phase}${q.start ? `, ${formatDuration(Date.now() - q.start.getTime())}` : ''})`);
      tooltip.appendCodeblock(q.sql, 'sql');
    } else if (s.lastActiveQuery) {
      tooltip.appendMarkdown(`\n\n**${vscode.l10n.t('Last statement')}**`);
      tooltip.appendCodeblock(s.lastActiveQuery, 'sql');
    }
    const icon = s.status === 'closed' ? 'circle-slash' : q ? 'play-circle' : 'circle-outline';
    const app = s.applicationName || vscode.l10n.t('no application');
    return item(this, sessionLabel(s), {
      description: sessionDescription(s),
      tooltip,
      icon: new vscode.ThemeIcon(icon),
      context: 'session',
      ariaLabel: q
        ? vscode.l10n.t('Session of {0} from {1}, {2}, running a query, node {3}', s.username, app, s.status, s.nodeId)
        : vscode.l10n.t('Session of {0} from {1}, {2}, node {3}', s.username, app, s.status, s.nodeId),
    });
  }
}
