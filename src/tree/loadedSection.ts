// A row whose children are loaded once, on first expansion, and kept until the row
// is refreshed. A failed load shows an error row (with Retry or Sign in) and is not
// kept, so expanding again tries again; a load that finds nothing shows an empty row.
import * as l10n from '@vscode/l10n';
import { Freshness } from './freshness';
import { errorRow, MessageNode } from './messageNode';
import { TreeNode } from './treeNode';

export abstract class LoadedSection extends TreeNode {
  private rows: TreeNode[] | undefined;
  private dataRows: number | undefined;
  /** The load in flight: a second expansion or a render during it waits for the same answer. */
  private loading: Promise<TreeNode[]> | undefined;
  private generation = 0;
  /** The rows before the last refresh: shown (marked stale) if the refresh fails. */
  private previous: TreeNode[] | undefined;
  readonly freshness = new Freshness();

  /** Named in the error row: "Could not load <what>". */
  protected abstract readonly what: string;
  /** The rows to show; an empty list shows `emptyText()` instead. */
  protected abstract loadRows(): Promise<TreeNode[]>;
  protected emptyText(): string {
    return l10n.t('No {0}', this.what);
  }

  /** Rows of data loaded so far, for a count in the row's description; undefined before the first load. */
  protected get loadedCount(): number | undefined {
    return this.dataRows;
  }

  override reset(): void {
    if (this.rows && this.dataRows) this.previous = this.rows;
    this.rows = undefined;
    this.dataRows = undefined;
    this.loading = undefined;
    this.generation++;
  }

  override getChildren(): Promise<TreeNode[]> {
    if (this.rows) return Promise.resolve(this.rows);
    if (!this.loading) {
      const p = this.load(++this.generation).finally(() => {
        if (this.loading === p) this.loading = undefined;
      });
      this.loading = p;
    }
    return this.loading;
  }

  /** A load that a reset overtook answers its caller but is not kept. */
  private async load(generation: number): Promise<TreeNode[]> {
    try {
      const loaded = await this.loadRows();
      const rows = loaded.length ? loaded : [new MessageNode(this, 'empty', 'empty', this.emptyText())];
      if (generation === this.generation) {
        this.dataRows = loaded.length;
        this.rows = rows;
        this.previous = undefined;
        this.freshness.loaded();
      }
      return rows;
    } catch (e) {
      // Not kept: expanding again (or Retry) tries again; meanwhile the earlier rows stay in view.
      if (generation === this.generation && this.previous && this.freshness.failed(e))
        return [errorRow(this, this.what, e), ...this.previous];
      return [errorRow(this, this.what, e)];
    }
  }
}
