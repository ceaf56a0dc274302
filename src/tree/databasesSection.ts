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
  protected readonly what = 'databases';

  constructor(
    private readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/dbs`, cluster);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, 'Databases', {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('database'),
      description: this.count ? String(this.count) : '',
      context: 'databases;refreshable',
    });
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
  protected readonly what = 'tables';

  constructor(
    private readonly ctx: ExplorerContext,
    readonly section: DatabasesSection,
    readonly database: string,
  ) {
    super(`${section.id}/${encodeURIComponent(database)}`, section);
  }

  override capabilities(): RowCapabilities {
    return { copyText: () => ({ text: this.database, what: `the name of database ${this.database}` }) };
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, this.database, {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('database'),
      description: this.count ? `${this.count} tables` : '',
      context: 'database;refreshable',
      ariaLabel: `Database ${this.database}`,
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
    return 'No tables';
  }

  protected toNode(table: string): TreeNode {
    return new TableNode(this.ctx, this, table);
  }
}

export class TableNode extends LoadedSection {
  protected readonly what = 'table details';
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
      copyText: () => ({ text: name, what: `the name of table ${name}` }),
      tableRef: () => tableRefOf(this.db.database, this.table),
      document: async () => {
        const d = await this.loadDetails();
        this.ctx.rerender(this); // the description shows what the details say
        return {
          path: `/${safe(this.cluster.entry.name)}/${safe(this.db.database)}/${safe(this.table)}.sql`,
          content: `${d.createStatement};\n${d.zoneConfigStatement ? `\n-- zone configuration\n${d.zoneConfigStatement};\n` : ''}`,
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
        ? `${d.rangeCount} ranges · ${d.columns.length} columns · ${new Set(d.indexes.map((i) => i.name)).size} indexes`
        : '',
      tooltip,
      context: 'table',
      command: { command: Commands.showTableDetails, title: 'Show Create Statement', arguments: [this] },
      ariaLabel: `Table ${this.table} in ${this.db.database}`,
    });
  }

  override reset(): void {
    super.reset();
    this.details = undefined;
  }

  protected override emptyText(): string {
    return 'No columns';
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
