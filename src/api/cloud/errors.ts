// Turns a Cloud API error response (`Status` body `{code, message, details}`)
// into an ApiError whose message says what to do. Messages name the operation
// and, for 403, the roles that would allow it; they never contain the API key.
import { ApiError } from '../http/errors';
import { describeRoles, type CloudOperation } from './roles';

/** What each operation does, in words for "is not allowed to …" / "… failed". */
const OPERATION_LABELS: Record<CloudOperation, string> = {
  getOrganization: 'read the organization',
  listFolders: 'list folders',
  getFolder: 'read a folder',
  listFolderContents: 'list folder contents',
  listClusters: 'list clusters',
  getCluster: 'read the cluster',
  getConnectionString: 'read the connection string',
  listNodes: 'list the cluster’s nodes',
  listDatabases: 'list databases',
  createDatabase: 'create a database',
  renameDatabase: 'rename a database',
  deleteDatabase: 'delete a database',
  listSqlUsers: 'list SQL users',
  createSqlUser: 'create a SQL user',
  deleteSqlUser: 'delete a SQL user',
  changeSqlUserPassword: 'change a SQL user’s password',
  listAllowlist: 'list the IP allowlist',
  addAllowlistEntry: 'add an IP allowlist entry',
  updateAllowlistEntry: 'change an IP allowlist entry',
  removeAllowlistEntry: 'remove an IP allowlist entry',
};

export interface CloudErrorBody {
  code?: number;
  message?: string;
}

function parseErrorBody(text: string): CloudErrorBody {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: CloudErrorBody = {};
      if (typeof o.code === 'number') out.code = o.code;
      if (typeof o.message === 'string') out.message = o.message;
      return out;
    }
  } catch {
    // Proxies and load balancers answer with HTML/plain text; fall through.
  }
  const t = text.trim();
  return t && t.length < 300 ? { message: t } : {};
}

/** Seconds from a Retry-After header (delta-seconds or HTTP date); undefined when absent/invalid. */
export function parseRetryAfter(v: unknown, nowMs: number): number | undefined {
  if (Array.isArray(v)) v = v[0];
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v).trim();
  if (s === '') return undefined;
  // Integer per RFC 9110; fractions accepted because some gateways send them.
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const date = Date.parse(s);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - nowMs) / 1000);
}

export function redact(text: string, apiKey: string): string {
  return apiKey && text.includes(apiKey) ? text.split(apiKey).join('<api key>') : text;
}

export interface ErrorContext {
  op: CloudOperation;
  route: string;
  status: number;
  bodyText: string;
  apiKey: string;
  ccVersion: string;
  retryAfterSeconds?: number;
  rateLimitPerSecond: number;
}

export function cloudHttpError(ctx: ErrorContext): ApiError {
  const body = parseErrorBody(ctx.bodyText);
  const serverMessage = body.message ? redact(body.message, ctx.apiKey).slice(0, 500) : undefined;
  const what = OPERATION_LABELS[ctx.op];
  const details = {
    status: ctx.status,
    route: ctx.route,
    ...(serverMessage !== undefined ? { serverMessage } : {}),
    ...(ctx.retryAfterSeconds !== undefined ? { retryAfterSeconds: ctx.retryAfterSeconds } : {}),
  };
  const suffix = serverMessage ? ` (${serverMessage})` : '';
  const s = ctx.status;

  if (s === 429 || ctx.retryAfterSeconds !== undefined) {
    const wait = ctx.retryAfterSeconds !== undefined ? ` Try again in ${Math.ceil(ctx.retryAfterSeconds)} s.` : '';
    return new ApiError(
      'rateLimited',
      `CockroachDB Cloud is rate-limiting this API key (${ctx.rateLimitPerSecond} requests per second) and the request to ${what} was not completed.${wait}`,
      details,
    );
  }
  if (s === 401) {
    return new ApiError(
      'unauthorized',
      'The API key was rejected by CockroachDB Cloud (it may have been deleted, expired or mistyped); replace it with a valid service-account API key.',
      details,
    );
  }
  if (s === 403) {
    return new ApiError(
      'forbidden',
      `The API key's service account is not allowed to ${what}. It needs ${describeRoles(ctx.op)}; ask an organization admin to grant it.${suffix}`,
      details,
    );
  }
  if (s === 404) {
    return new ApiError('notFound', `Could not ${what}: CockroachDB Cloud says it does not exist${suffix}.`, details);
  }
  if (s === 400 && /invalid cc-version/i.test(body.message ?? '')) {
    return new ApiError(
      'badRequest',
      `CockroachDB Cloud does not support the API version this extension uses (Cc-Version ${ctx.ccVersion}); update the extension.`,
      details,
    );
  }
  if (s === 400 || s === 409 || s === 422) {
    return new ApiError('badRequest', `CockroachDB Cloud refused to ${what}${suffix}.`, details);
  }
  if (s === 501) return new ApiError('notAvailable', `CockroachDB Cloud cannot ${what}${suffix}.`, details);
  if (s >= 500) {
    return new ApiError(
      'server',
      `CockroachDB Cloud had an internal error while trying to ${what} (HTTP ${s})${suffix}.`,
      details,
    );
  }
  return new ApiError('badRequest', `Could not ${what}: HTTP ${s}${suffix}.`, details);
}
