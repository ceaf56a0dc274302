// A row whose children are loaded once, on first expansion, and kept until the row
// is refreshed. A failed load shows an error row (with Retry or Sign in) and is not
// kept, so expanding again tries again; a load that finds nothing shows an empty row.
import { errorRow, MessageNode } from './messageNode';
import { TreeNode } from './treeNode';

export abstract class LoadedSection extends TreeNode {
  private rows: TreeNode[] | undefined;
  private dataRows: number | undefined;

  /** Named in the error row: "Could not load <what>". */
  protected abstract readonly what: string;
  /** The rows to show; an empty list shows `emptyText()` instead. */
  protected abstract loadRows(): Promise<TreeNode[]>;
  protected emptyText(): string {
    return `No ${this.what}`;
  }

  /** Rows of data loaded so far, for a count in the row's description; undefined before the first load. */
  protected get loadedCount(): number | undefined {
    return this.dataRows;
  }

  override reset(): void {
    this.rows = undefined;
    this.dataRows = undefined;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (this.rows) return this.rows;
    try {
      const rows = await this.loadRows();
      this.dataRows = rows.length;
      this.rows = rows.length ? rows : [new MessageNode(this, 'empty', 'empty', this.emptyText())];
      return this.rows;
    } catch (e) {
      return [errorRow(this, this.what, e)];
    }
  }
}
