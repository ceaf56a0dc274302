// The two pagination schemes of the Cluster API (pkg/server/pagination.go).

export interface CursorState {
  done: number[];
  /** 0 = no node in progress. */
  inProgress: number;
  index: number;
  pending: number[];
}

/** URL-safe base64 (with padding) of `<done>,|<inProgress>|<index>|<pending>,`. */
export function encodeCursor(s: CursorState): string {
  const ids = (xs: number[]): string => xs.map((x) => `${x},`).join('');
  const text = `${ids(s.done)}|${s.inProgress}|${s.index}|${ids(s.pending)}`;
  return Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Invalid tokens yield undefined; the server then starts from the beginning. */
export function decodeCursor(token: string): CursorState | undefined {
  if (!/^[A-Za-z0-9_=-]+$/.test(token)) return undefined;
  const text = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  const parts = text.split('|');
  if (parts.length !== 4) return undefined;
  const list = (p: string): number[] | undefined => {
    if (p === '') return [];
    if (!p.endsWith(',')) return undefined;
    const xs = p
      .slice(0, -1)
      .split(',')
      .map((x) => Number(x));
    return xs.every((x) => Number.isInteger(x) && x > 0) ? xs : undefined;
  };
  const done = list(parts[0] as string);
  const pending = list(parts[3] as string);
  const inProgress = Number(parts[1]);
  const index = Number(parts[2]);
  if (!done || !pending || !Number.isInteger(inProgress) || !Number.isInteger(index) || inProgress < 0 || index < 0) {
    return undefined;
  }
  return { done, inProgress, index, pending };
}

/** A node's contribution to a cursor walk. `items` is only asked for the slice needed. */
export type NodeSource<T> =
  { ok: true; count: number; slice(from: number, to: number): T[] } | { ok: false; error: string };

export interface CursorPageResult<T> {
  items: T[];
  errors: Array<{ nodeId: number; message: string }>;
  next: string;
}

/**
 * Walks nodes in id order from the cursor, taking at most `limit` items
 * (all when limit is undefined). A node whose list is used up moves to `done`,
 * so the last page's cursor reads `1,2,…,|0|0|`.
 */
export function walkCursor<T>(
  allNodeIds: number[],
  start: string | undefined,
  limit: number | undefined,
  source: (nodeId: number) => NodeSource<T>,
): CursorPageResult<T> {
  const state = (start !== undefined && decodeCursor(start)) || {
    done: [],
    inProgress: 0,
    index: 0,
    pending: [...allNodeIds],
  };
  const items: T[] = [];
  const errors: Array<{ nodeId: number; message: string }> = [];
  const done = [...state.done];
  const pending = [...state.pending];
  let inProgress = state.inProgress;
  let index = state.index;
  while (limit === undefined || items.length < limit) {
    if (inProgress === 0) {
      const nextNode = pending.shift();
      if (nextNode === undefined) break;
      inProgress = nextNode;
      index = 0;
    }
    const src = source(inProgress);
    if (!src.ok) {
      errors.push({ nodeId: inProgress, message: src.error });
      done.push(inProgress);
      inProgress = 0;
      index = 0;
      continue;
    }
    const want = limit === undefined ? src.count - index : Math.min(limit - items.length, src.count - index);
    if (want > 0) items.push(...src.slice(index, index + want));
    index += Math.max(want, 0);
    if (index >= src.count) {
      done.push(inProgress);
      inProgress = 0;
      index = 0;
    }
  }
  return { items, errors, next: encodeCursor({ done, inProgress, index, pending }) };
}

export interface OffsetParams {
  limit?: number;
  offset: number;
}

/** `limit`/`offset` as the server parses them: bad or non-positive values mean "unset". */
export function parseOffsetParams(q: URLSearchParams): OffsetParams {
  const limit = parsePositiveInt(q.get('limit'));
  const off = Number.parseInt(q.get('offset') ?? '', 10);
  return { limit, offset: Number.isFinite(off) && off > 0 ? off : 0 };
}

export function parsePositiveInt(v: string | null): number | undefined {
  if (v === null) return undefined;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Offset paging over a lazily generated list of `total` items. `next` is the
 * following offset, omitted once exhausted. `nextWhenFull` reproduces the
 * users/events/grants/tables quirk: `next` whenever the page came back full,
 * so the last page may be an extra empty call.
 */
export function offsetPage<T>(
  total: number,
  p: OffsetParams,
  get: (from: number, to: number) => T[],
  nextWhenFull = false,
): { items: T[]; next?: number } {
  const from = Math.min(p.offset, total);
  const to = p.limit === undefined ? total : Math.min(total, from + p.limit);
  const items = get(from, to);
  let next: number | undefined;
  if (p.limit !== undefined) {
    if (nextWhenFull ? items.length === p.limit : to < total) next = to;
  }
  return { items, next };
}
