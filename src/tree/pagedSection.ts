// A list that loads a page at a time and ends with a "Load more" row while the
// server has more. Pages already loaded are kept until the row is refreshed.
import { errorRow, MessageNode, PagerNode } from './messageNode';
import { TreeNode } from './treeNode';

export interface Page<T, C> {
  items: T[];
  next?: C;
  /** A partial result, e.g. "2 of 9 nodes did not answer". */
  warning?: string;
}

export abstract class PagedSection<T, C = unknown> extends TreeNode {
  private items: T[] = [];
  private next: C | undefined;
  private loaded = false;
  private warning: string | undefined;
  private failure: unknown;
  private inflight: Promise<void> | undefined;

  protected abstract fetchPage(cursor: C | undefined): Promise<Page<T, C>>;
  protected abstract toNode(value: T): TreeNode;
  protected abstract readonly what: string;
  protected emptyText(): string {
    return `No ${this.what}`;
  }
  /** Items shown after filtering; the default shows all. */
  protected visible(items: T[]): T[] {
    return items;
  }

  override reset(): void {
    this.items = [];
    this.next = undefined;
    this.loaded = false;
    this.warning = undefined;
    this.failure = undefined;
    this.inflight = undefined;
  }

  get count(): number {
    return this.items.length;
  }

  async loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    const cursor = this.next;
    this.inflight = (async () => {
      try {
        const page = await this.fetchPage(cursor);
        this.items.push(...page.items);
        this.next = page.next;
        this.warning = page.warning;
        this.failure = undefined;
      } catch (e) {
        this.failure = e;
      } finally {
        this.loaded = true;
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.loaded) await this.loadMore();
    const rows: TreeNode[] = [];
    if (this.warning) rows.push(new MessageNode(this, 'partial', 'partial', this.warning));
    const shown = this.visible(this.items);
    rows.push(...shown.map((v) => this.toNode(v)));
    if (this.failure !== undefined) rows.push(errorRow(this, this.what, this.failure));
    else if (this.next !== undefined) rows.push(new PagerNode(this, this.items.length));
    else if (shown.length === 0 && !this.warning) rows.push(new MessageNode(this, 'empty', 'empty', this.emptyText()));
    return rows;
  }
}
