// Walking a paged route to its end: offset pages (nodes, events, schema) and
// cursor pages (hot ranges, sessions), bounded so a misbehaving server cannot
// keep a walk going forever.
import type { NodeError, OffsetPage } from './models';
import { nextOffset } from './normalize/paging';

export const DEFAULT_PAGE_SIZE = 100;
/** Upper bound on pages in one walk. */
export const MAX_PAGES = 10_000;

export type Page = { limit: number; offset?: number };

export function offsetPage<T>(items: T[], body: unknown, offset: number | undefined): OffsetPage<T> {
  const next = nextOffset(body, offset ?? 0);
  return next === undefined ? { items } : { items, next };
}

/** Every item of an offset-paged list; an empty page ends the walk whatever `next` says. */
export function walkOffset<T>(fetchPage: (p: Page) => Promise<OffsetPage<T>>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: async function* () {
      let offset = 0;
      for (let i = 0; i < MAX_PAGES; i++) {
        const page = await fetchPage({ limit: DEFAULT_PAGE_SIZE, offset });
        yield* page.items;
        if (page.next === undefined || page.items.length === 0) return;
        offset = page.next;
      }
    },
  };
}

/** Calls `step` with each cursor until it returns undefined or a cursor repeats. */
export async function walkCursor(step: (start: string | undefined) => Promise<string | undefined>): Promise<void> {
  const seen = new Set<string>();
  let start: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const next = await step(start);
    if (next === undefined || seen.has(next)) return;
    seen.add(next);
    start = next;
  }
}

/** The same node failing on several pages is reported once. */
export function uniqueErrors(errors: NodeError[]): NodeError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.nodeId}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
