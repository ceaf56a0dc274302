// Databases → tables → columns and indexes. A table row opens its CREATE
// statement in a read-only editor; expanding it loads the table's details.
import * as vscode from 'vscode';
import type { TableDetails } from '../api/cluster/models';
import { Commands } from '../constants';
import type { ClusterNode } from './clusterNode';
import type { ExplorerContext } from './context';
import { LoadedSection } from './loadedSection';
import { pageOf, PagedSection, type Page } from './pagedSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from './treeNode';

export class DatabasesSection extends PagedSection<string, number> {
  protected readonly what = vscode.l10n.t('databases');

  constructor(
    private readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/dbs`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Databases'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('database'),
      description: this.count ? String(this.count) : '',
      context: 'databases;refreshable',
    });
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No databases');
  }

  protected async fetchPage(offset: number | undefined): Promise<Page<string, number>> {
    const page = await this.cluster.entry.client.databasesPage({ limit: this.ctx.pageSize(), offset: offset ?? 0 });
    return pageOf(page);
  }

  protected toNode(name: string): TreeNode {
    return new DatabaseNode(this.ctx, this, name);
  }
}

export class DatabaseNode extends PagedSection<string, number> {
  protected readonly what = vscode.l10n.t('tables');

  constructor(
    private readonly ctx: ExplorerContext,
    readonly section: DatabasesSection,
    readonly database: string,
  ) {
    super(`${section.id}/${encodeURIComponent(database)}`, section);
  }

  override capabilities(): RowCapabilities {
    return {
      copyText: () => ({ text: this.database, what: vscode.l10n.t('the name of database {0}', this.database) }),
    };
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, this.database, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('database'),
      description: this.count ? vscode.l10n.t('{0} tables', this.count) : '',
      context: 'database;refreshable',
      ariaLabel: vscode.l10n.t('Database {0}', this.database),
    });
  }

  protected async fetchPage(offset: number | undefined): Promise<Page<string, number>> {
    const page = await this.section.cluster.entry.client.tablesPage(this.database, {
      limit: this.ctx.pageSize(),
      offset: offset ?? 0,
    });
    return pageOf(page);
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No tables');
  }

  protected toNode(table: string): TreeNode {
    return new TableNode(this.ctx, this, table);
  }
}

export class TableNode extends LoadedSection {
  protected readonly what = vscode.l10n.t('table details');
  private details: TableDetails | undefined;

  constructor(
    private readonly ctx: ExplorerContext,
    readonly db: DatabaseNode,
    readonly table: string,
  ) {
    super(`${db.id}/${encodeURIComponent(table)}`, db);
  }

  get cluster(): ClusterNode {
    return this.db.section.cluster;
  }

  async loadDetails(): Promise<TableDetails> {
    this.details ??= await this.cluster.entry.client.tableDetails(this.db.database, this.table);
    return this.details;
  }

  override capabilities(): RowCapabilities {
    const name = `${this.db.database}.${this.table}`;
    return {
      copyText: () => ({ text: name, what: vscode.l10n.t('the name of table {0}', name) }),
      tableRef: () => tableRefOf(this.db.database, this.table),
      document: async () => {
        const d = await this.loadDetails();
        this.ctx.rerender(this); // the description shows what the details say
        return {
          path: `/${safe(this.cluster.entry.name)}/${safe(this.db.database)}/${safe(this.table)}.sql`,
          content: `${d.createStatement};\n${d.zoneConfigStatement ? `\n-- ${vscode.l10n.t('zone configuration')}\n${d.zoneConfigStatement};\n` : ''}`,
          language: 'sql',
        };
      },
    };
  }

  getTreeItem(): vscode.TreeItem {
    const d = this.details;
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(`${this.db.database}.${this.table}`);
    tooltip.appendMarkdown('**');
    if (d) tooltip.appendCodeblock(d.createStatement, 'sql');
    return item(this, this.table, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('table'),
      description: d
        ? vscode.l10n.t(
            '{0} ranges · {1} columns · {2} indexes',
            d.rangeCount,
            d.columns.length,
            new Set(d.indexes.map((i) => i.name)).size,
          )
        : '',
      tooltip,
      context: 'table',
      command: { command: Commands.showTableDetails, title: vscode.l10n.t('Show Create Statement'), arguments: [this] },
      ariaLabel: vscode.l10n.t('Table {0} in {1}', this.table, this.db.database),
    });
  }

  override reset(): void {
    super.reset();
    this.details = undefined;
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No columns');
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const d = await this.loadDetails();
    const rows: TreeNode[] = [];
    for (const c of d.columns) {
      rows.push(
        new LeafNode(
          this,
          `c:${c.name}`,
          c.name,
          // l10n-ignore: the column's SQL type and constraints, spelled as in its definition
          `${c.type}${c.nullable ? '' : ' NOT NULL'}${c.defaultValue ? ` DEFAULT ${c.defaultValue}` : ''}`,
          'symbol-field',
          'column',
        ),
      );
    }
    const byIndex = new Map<string, string[]>();
    for (const i of d.indexes)
      byIndex.set(i.name, [
        ...(byIndex.get(i.name) ?? []),
        `${i.column}${i.storing ? ' (storing)' : i.direction === 'DESC' ? ' DESC' : ''}`,
      ]);
    for (const [name, cols] of byIndex)
      rows.push(new LeafNode(this, `i:${name}`, name, cols.join(', '), 'list-tree', 'index'));
    return rows;
  }
}

/** A path segment for a virtual document, whatever characters a name holds. */
export function safe(name: string): string {
  return encodeURIComponent(name).slice(0, 120);
}

/** A row with no children: a column, an index, an event. */
export class LeafNode extends TreeNode {
  constructor(
    parent: TreeNode,
    key: string,
    private readonly label: string,
    private readonly description: string,
    private readonly icon: string,
    private readonly kind: string,
    private readonly tooltip?: vscode.MarkdownString,
  ) {
    super(`${parent.id}/${encodeURIComponent(key)}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, this.label, {
      description: this.description,
      icon: new vscode.ThemeIcon(this.icon),
      context: this.kind,
      ...(this.tooltip ? { tooltip: this.tooltip } : {}),
      ariaLabel: `${this.kind} ${this.label}, ${this.description}`,
    });
  }
}

/** The tables/ route names a table `schema.table` (or just `table`); the schema is split off. */
export function tableRefOf(database: string, name: string): { database: string; schema?: string; table: string } {
  const dot = name.indexOf('.');
  return dot > 0 ? { database, schema: name.slice(0, dot), table: name.slice(dot + 1) } : { database, table: name };
}
