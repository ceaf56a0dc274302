// Keyset paging as the Cloud API does it: `pagination.page` is an opaque token
// naming the last key already returned, so inserts/deletes between pages never
// shift or repeat rows (unlike offsets).

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** gRPC codes used in `{code, message}` bodies. */
export const GRPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  UNAUTHENTICATED: 16,
} as const;

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

interface Token {
  /** Last key returned. */
  k: string;
  o: 'ASC' | 'DESC';
}

function encode(t: Token): string {
  return Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
}

function decode(s: string): Token {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<Token>;
    if (typeof v.k === 'string' && (v.o === 'ASC' || v.o === 'DESC')) return { k: v.k, o: v.o };
  } catch {
    // fall through
  }
  throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid pagination.page token');
}

export function paginate<T>(
  all: T[],
  keyOf: (item: T) => string,
  q: URLSearchParams,
): { items: T[]; pagination: { next_page?: string } } {
  const limitRaw = q.get('pagination.limit');
  let limit = DEFAULT_PAGE_LIMIT;
  if (limitRaw !== null && limitRaw !== '') {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 0)
      throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid pagination.limit');
    if (limit === 0) limit = DEFAULT_PAGE_LIMIT;
    limit = Math.min(limit, MAX_PAGE_LIMIT);
  }
  const asOf = q.get('pagination.as_of_time');
  if (asOf && Number.isNaN(Date.parse(asOf)))
    throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid pagination.as_of_time');
  const orderRaw = q.get('pagination.sort_order') ?? 'ASC';
  if (orderRaw !== 'ASC' && orderRaw !== 'DESC')
    throw new SimHttpError(400, GRPC.INVALID_ARGUMENT, 'invalid pagination.sort_order');
  const pageRaw = q.get('pagination.page');
  const token = pageRaw ? decode(pageRaw) : undefined;
  const order = token?.o ?? orderRaw;

  const keyed = all.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (order === 'DESC') keyed.reverse();
  const rest = token ? keyed.filter((x) => (order === 'ASC' ? x.key > token.k : x.key < token.k)) : keyed;
  const page = rest.slice(0, limit);
  const more = rest.length > page.length && page.length > 0;
  return {
    items: page.map((x) => x.item),
    pagination: more ? { next_page: encode({ k: page[page.length - 1]!.key, o: order }) } : {},
  };
}
