// A list that loads a page at a time and ends with a "Load more" row while the
// server has more. Pages already loaded are kept until the row is refreshed.
import * as l10n from '@vscode/l10n';
import { Freshness } from './freshness';
import { errorRow, MessageNode, PagerNode } from './messageNode';
import { TreeNode } from './treeNode';

export interface Page<T, C> {
  items: T[];
  next?: C;
  /** A partial result, e.g. "2 of 9 nodes did not answer". */
  warning?: string;
}

/** A client page as a section page: the cursor only when the server gave one. */
export function pageOf<T, C>(page: { items: T[]; next?: C | undefined }, warning?: string): Page<T, C> {
  return {
    items: page.items,
    ...(page.next !== undefined ? { next: page.next } : {}),
    ...(warning ? { warning } : {}),
  };
}

/** One list's pages. A reset starts a new one; a load still running fills only its own. */
class Pages<T, C> {
  items: T[] = [];
  next: C | undefined;
  loaded = false;
  warning: string | undefined;
  failure: unknown;
  inflight: Promise<void> | undefined;
}

export abstract class PagedSection<T, C = unknown> extends TreeNode {
  // Replaced by reset(): a page requested before a reset belongs to the old list and
  // must not land in the new one (its rows would repeat ids VS Code then rejects).
  private pages = new Pages<T, C>();
  /** The list before the last refresh: shown (marked stale) if the refresh's first page fails. */
  private previous: Pages<T, C> | undefined;
  readonly freshness = new Freshness();

  protected abstract fetchPage(cursor: C | undefined): Promise<Page<T, C>>;
  protected abstract toNode(value: T): TreeNode;
  protected abstract readonly what: string;
  protected emptyText(): string {
    return l10n.t('No {0}', this.what);
  }
  /** Items shown after filtering; the default shows all. */
  protected visible(items: T[]): T[] {
    return items;
  }

  override reset(): void {
    const p = this.pages;
    if (p.loaded && p.failure === undefined && p.items.length) this.previous = p;
    this.pages = new Pages<T, C>();
  }

  get count(): number {
    return this.pages.items.length;
  }

  /** Whether the server has more than what is loaded. */
  protected get hasMore(): boolean {
    return this.pages.next !== undefined;
  }

  loadMore(): Promise<void> {
    return this.load(this.pages);
  }

  private load(pages: Pages<T, C>): Promise<void> {
    if (pages.inflight) return pages.inflight;
    const cursor = pages.next;
    pages.inflight = (async () => {
      try {
        const page = await this.fetchPage(cursor);
        pages.items.push(...page.items);
        // Some servers set a cursor on a full last page; an empty page ends the list,
        // or "Load more" would fetch nothing forever.
        pages.next = page.items.length ? page.next : undefined;
        pages.warning = page.warning;
        pages.failure = undefined;
        if (cursor === undefined && pages === this.pages) {
          this.previous = undefined;
          this.freshness.loaded();
        }
      } catch (e) {
        pages.failure = e;
      } finally {
        pages.loaded = true;
        pages.inflight = undefined;
      }
    })();
    return pages.inflight;
  }

  override async getChildren(): Promise<TreeNode[]> {
    // Rendered from the list this call started with: if a reset comes meanwhile, the
    // reset fires a change and VS Code asks again for the new list.
    const pages = this.pages;
    if (!pages.loaded) await this.load(pages);
    const before = this.previous;
    if (
      pages.failure !== undefined &&
      pages.items.length === 0 &&
      before &&
      pages === this.pages &&
      this.freshness.failed(pages.failure)
    ) {
      return [errorRow(this, this.what, pages.failure), ...this.visible(before.items).map((v) => this.toNode(v))];
    }
    const rows: TreeNode[] = [];
    if (pages.warning) rows.push(new MessageNode(this, 'partial', 'partial', pages.warning));
    const shown = this.visible(pages.items);
    rows.push(...shown.map((v) => this.toNode(v)));
    if (pages.failure !== undefined) rows.push(errorRow(this, this.what, pages.failure));
    else if (pages.next !== undefined) rows.push(new PagerNode(this, pages.items.length));
    else if (shown.length === 0 && !pages.warning) rows.push(new MessageNode(this, 'empty', 'empty', this.emptyText()));
    return rows;
  }
}
