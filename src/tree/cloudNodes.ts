// Cloud accounts → (folders →) clusters → the cluster's Cloud data and, for
// ADVANCED clusters, its Cluster API (nodes, ranges, hot ranges, sessions) once
// signed in with one of the cluster's SQL users.
import * as vscode from 'vscode';
import { clusterApiUrlFor, hasDbConsole, NO_DB_CONSOLE_MESSAGE } from '../api/cloud/advanced';
import type { CloudClient } from '../api/cloud/client';
import type { CloudCluster, FolderResource } from '../api/cloud/models';
import type { CloudAccount, CloudAccounts } from '../cloud/accounts';
import { normaliseOrigin } from '../clusters/origin';
import { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { LeafNode } from './databasesSection';
import { LoadedSection } from './loadedSection';
import { MessageNode } from './messageNode';
import type { RootContributor } from './provider';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';
import type { Ui } from '../ui/ui';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

export class CloudRoots implements RootContributor {
  constructor(private readonly accounts: CloudAccounts) {}

  hasAny(): boolean {
    return this.accounts.list().length > 0;
  }

  async roots(ctx: ExplorerContext): Promise<TreeNode[]> {
    return this.accounts.list().map((a) => new CloudAccountNode(ctx, this.accounts, a));
  }
}

export class CloudAccountNode extends LoadedSection {
  protected readonly what = vscode.l10n.t('clusters');

  constructor(
    private readonly ctx: ExplorerContext,
    readonly accounts: CloudAccounts,
    readonly account: CloudAccount,
  ) {
    super(`cloud:${account.id}`, undefined);
  }

  override capabilities(): RowCapabilities {
    return { remove: (ui: Ui) => this.remove(ui) };
  }

  private async remove(ui: Ui): Promise<void> {
    if (
      await ui.confirm(
        vscode.l10n.t('Remove the Cloud organization {0}?', this.account.organization),
        vscode.l10n.t('The API key is deleted from secret storage.'),
        vscode.l10n.t('Remove'),
      )
    ) {
      await this.accounts.remove(this.account.id);
    }
  }

  getTreeItem(): vscode.TreeItem {
    const tooltip = md();
    tooltip.appendMarkdown(`**${vscode.l10n.t('CockroachDB Cloud')}** — `);
    tooltip.appendText(`${this.account.organization}\n\n${this.account.apiUrl}`);
    return item(this, this.account.organization, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('cloud'),
      description: vscode.l10n.t('CockroachDB Cloud'),
      tooltip,
      context: 'cloudAccount;refreshable',
      ariaLabel: vscode.l10n.t('CockroachDB Cloud organization {0}', this.account.organization),
    });
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No clusters in this organization');
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const client = await this.accounts.client(this.account);
    if (!client)
      return [
        new MessageNode(
          this,
          'nokey',
          'error',
          vscode.l10n.t('The API key is missing from secret storage; remove this account and add it again.'),
        ),
      ];
    const clusters = await collect(client.clusters({}));
    let folders: FolderResource[] = [];
    if (clusters.some((c) => c.parentId && c.parentId !== 'root'))
      folders = await collect(client.folders({})).catch(() => []);
    const rows: TreeNode[] = [];
    const byFolder = new Map<string, CloudCluster[]>();
    for (const c of clusters) {
      const f = c.parentId && c.parentId !== 'root' ? c.parentId : 'root';
      byFolder.set(f, [...(byFolder.get(f) ?? []), c]);
    }
    for (const [folderId, list] of byFolder) {
      if (folderId === 'root') continue;
      const name = folders.find((f) => f.resourceId === folderId)?.name ?? folderId;
      rows.push(
        new CloudFolderNode(this, folderId, name, list, (c, p) => new CloudClusterNode(this.ctx, client, c, p)),
      );
    }
    for (const c of byFolder.get('root') ?? []) rows.push(new CloudClusterNode(this.ctx, client, c, this));
    return rows;
  }
}

export class CloudFolderNode extends TreeNode {
  constructor(
    parent: TreeNode,
    folderId: string,
    private readonly name: string,
    private readonly clusters: CloudCluster[],
    private readonly make: (c: CloudCluster, parent: TreeNode) => TreeNode,
  ) {
    super(`${parent.id}/f:${folderId}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, this.name, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('folder'),
      description: vscode.l10n.t('{0} clusters', this.clusters.length),
      context: 'cloudFolder',
    });
  }

  override async getChildren(): Promise<TreeNode[]> {
    return this.clusters.map((c) => this.make(c, this));
  }
}

export class CloudClusterNode extends TreeNode {
  constructor(
    private readonly ctx: ExplorerContext,
    readonly client: CloudClient,
    readonly cluster: CloudCluster,
    parent: TreeNode,
  ) {
    super(`${parent.id}/c:${cluster.id}`, parent);
  }

  /** The Cluster API origin of an ADVANCED cluster, registered with the connections. */
  apiOrigin(): string | undefined {
    if (!hasDbConsole(this.cluster)) return undefined;
    try {
      return normaliseOrigin(clusterApiUrlFor(this.cluster));
    } catch {
      return undefined;
    }
  }

  override get clusterId(): string | undefined {
    return this.apiOrigin();
  }

  override capabilities(): RowCapabilities {
    const c = this.cluster;
    return {
      copyText: () => ({ text: c.id, what: vscode.l10n.t('the id of {0}', c.name) }),
      connectionString: async () => {
        const os = process.platform === 'win32' ? 'WINDOWS' : process.platform === 'darwin' ? 'MAC' : 'LINUX';
        const cs = await this.client.getConnectionString(c.id, { os });
        return { text: cs.connectionString, what: vscode.l10n.t('the connection string of {0}', c.name) };
      },
    };
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.cluster;
    const regions = c.regions.map((r) => r.name).join(', ');
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(c.name);
    tooltip.appendMarkdown('**\n\n');
    tooltip.appendText(
      vscode.l10n.t(
        '{0} · {1} · {2} · {3}\nregions: {4}\noperation: {5}',
        c.plan,
        c.state,
        c.cockroachVersion,
        c.cloudProvider,
        regions || '—',
        c.operationStatus,
      ),
    );
    // DB Console and Cluster API menus belong on the cluster row beneath (it knows the
    // session); on this row they matched no menu. `plan-…` only describes the row.
    const flags = ['cloudCluster', `plan-${c.plan}`];
    return item(this, c.name, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon(c.state === 'CREATED' ? 'database' : c.state === 'LOCKED' ? 'lock' : 'loading~spin'),
      description: `${c.plan} · ${c.state} · ${c.cockroachVersion}${regions ? ` · ${regions}` : ''}`,
      tooltip,
      context: flags.join(';'),
      ariaLabel: vscode.l10n.t('Cloud cluster {0}, {1}, {2}, version {3}', c.name, c.plan, c.state, c.cockroachVersion),
    });
  }

  override async getChildren(): Promise<TreeNode[]> {
    const rows: TreeNode[] = [];
    const origin = this.apiOrigin();
    if (origin) {
      const entry = this.ctx.connections.registerCloudCluster({
        id: origin,
        name: this.cluster.name,
        url: origin,
        consoleUrl: origin,
      });
      await this.ctx.auth.isSignedIn(origin);
      rows.push(new ClusterNode(this.ctx, entry, this, `${this.id}/api`));
    } else {
      rows.push(new MessageNode(this, 'noapi', 'info', NO_DB_CONSOLE_MESSAGE));
    }
    const id = this.cluster.id;
    rows.push(
      new CloudListNode(
        this,
        'nodes',
        vscode.l10n.t('Cloud nodes'),
        'server',
        () => this.client.nodes(id),
        (n) => [n.name, `${n.regionName} · ${n.status}`],
      ),
      new CloudListNode(
        this,
        'databases',
        vscode.l10n.t('Databases'),
        'database',
        () => this.client.databases(id),
        (d) => [d.name, d.tableCount !== undefined ? vscode.l10n.t('{0} tables', d.tableCount) : ''],
      ),
      new CloudListNode(
        this,
        'users',
        vscode.l10n.t('SQL users'),
        'person',
        () => this.client.sqlUsers(id),
        (u) => [u.name, ''],
      ),
      new CloudListNode(
        this,
        'allowlist',
        vscode.l10n.t('IP allowlist'),
        'shield',
        () => this.client.allowlist(id),
        (a) => [
          `${a.cidrIp}/${a.cidrMask}`,
          [a.name, a.sql ? vscode.l10n.t('SQL') : '', a.ui ? vscode.l10n.t('DB Console') : '']
            .filter(Boolean)
            .join(' · '),
        ],
      ),
    );
    return rows;
  }
}

/** A Cloud list (nodes, databases, SQL users, allowlist) loaded on expansion; each value is a label and a description. */
export class CloudListNode<T> extends LoadedSection {
  protected readonly what: string;

  constructor(
    parent: TreeNode,
    key: string,
    private readonly label: string,
    private readonly icon: string,
    private readonly list: () => AsyncIterable<T>,
    private readonly describe: (value: T) => [string, string],
  ) {
    super(`${parent.id}/${key}`, parent);
    this.what = label.toLowerCase();
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.loadedCount;
    return item(this, this.label, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon(this.icon),
      context: 'cloudList;refreshable',
      description: n !== undefined ? String(n) : '',
    });
  }

  protected async loadRows(): Promise<TreeNode[]> {
    return (await collect(this.list())).map((v) => {
      const [label, description] = this.describe(v);
      return new LeafNode(this, label, label, description, this.icon, 'cloudItem');
    });
  }
}
