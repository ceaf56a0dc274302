// Typed errors shared by the Cluster API and Cloud API clients. Each carries a
// `kind` the UI maps to a row or a notification, and a message a person can act
// on. Messages never contain tokens, keys or passwords.

export type ApiErrorKind =
  | 'unauthorized' // 401: signed out, session expired, invalid API key
  | 'forbidden' // 403: missing role or privilege
  | 'notFound' // 404
  | 'notAvailable' // 501: e.g. not available on a virtual cluster
  | 'badRequest' // 400
  | 'rateLimited' // 429 / Retry-After
  | 'server' // 5xx
  | 'malformed' // 200 with a body that is not what the route returns
  | 'timeout'
  | 'cancelled'
  | 'connectionRefused'
  | 'dns'
  | 'tls'
  | 'network';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: {
      status?: number;
      /** Route relative to the API root, e.g. `nodes/`. Never includes query secrets. */
      route?: string;
      /** Server's own text (plain-text error body, Cloud `message`), trimmed. */
      serverMessage?: string;
      /** Seconds to wait, from Retry-After. */
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/**
 * Recognises an ApiError by shape, not by class identity: the clients live in their own
 * bundle (dist/api.js), so an error they throw is not an instance of the extension's copy.
 */
export function isApiError(e: unknown, kind?: ApiErrorKind): e is ApiError {
  if (!(e instanceof Error) || e.name !== 'ApiError') return false;
  const k = (e as { kind?: unknown }).kind;
  return typeof k === 'string' && (kind === undefined || k === kind);
}
