// Turns a Cloud API error response (`Status` body `{code, message, details}`)
// into an ApiError whose message says what to do. Messages name the operation
// and, for 403, the roles that would allow it; they never contain the API key.
import * as l10n from '@vscode/l10n';
import { ApiError } from '../http/errors';
import { describeRoles, type CloudOperation } from './roles';

/** What each operation does, in words for "is not allowed to …" / "… failed". */
function operationLabels(): Record<CloudOperation, string> {
  return {
    getOrganization: l10n.t('read the organization'),
    listFolders: l10n.t('list folders'),
    getFolder: l10n.t('read a folder'),
    listFolderContents: l10n.t('list folder contents'),
    listClusters: l10n.t('list clusters'),
    getCluster: l10n.t('read the cluster'),
    getConnectionString: l10n.t('read the connection string'),
    listNodes: l10n.t('list the cluster’s nodes'),
    listDatabases: l10n.t('list databases'),
    createDatabase: l10n.t('create a database'),
    renameDatabase: l10n.t('rename a database'),
    deleteDatabase: l10n.t('delete a database'),
    listSqlUsers: l10n.t('list SQL users'),
    createSqlUser: l10n.t('create a SQL user'),
    deleteSqlUser: l10n.t('delete a SQL user'),
    changeSqlUserPassword: l10n.t('change a SQL user’s password'),
    listAllowlist: l10n.t('list the IP allowlist'),
    addAllowlistEntry: l10n.t('add an IP allowlist entry'),
    updateAllowlistEntry: l10n.t('change an IP allowlist entry'),
    removeAllowlistEntry: l10n.t('remove an IP allowlist entry'),
  };
}

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
  return apiKey && text.includes(apiKey) ? text.split(apiKey).join(l10n.t('<api key>')) : text;
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
  const what = operationLabels()[ctx.op];
  const details = {
    status: ctx.status,
    route: ctx.route,
    ...(serverMessage !== undefined ? { serverMessage } : {}),
    ...(ctx.retryAfterSeconds !== undefined ? { retryAfterSeconds: ctx.retryAfterSeconds } : {}),
  };
  const s = ctx.status;

  if (s === 429 || ctx.retryAfterSeconds !== undefined) {
    const perSecond = ctx.rateLimitPerSecond;
    return new ApiError(
      'rateLimited',
      ctx.retryAfterSeconds !== undefined
        ? l10n.t(
            'CockroachDB Cloud is rate-limiting this API key ({0} requests per second) and the request to {1} was not completed. Try again in {2} s.',
            perSecond,
            what,
            Math.ceil(ctx.retryAfterSeconds),
          )
        : l10n.t(
            'CockroachDB Cloud is rate-limiting this API key ({0} requests per second) and the request to {1} was not completed.',
            perSecond,
            what,
          ),
      details,
    );
  }
  if (s === 401) {
    return new ApiError(
      'unauthorized',
      l10n.t(
        'The API key was rejected by CockroachDB Cloud (it may have been deleted, expired or mistyped); replace it with a valid service-account API key.',
      ),
      details,
    );
  }
  if (s === 403) {
    const roles = describeRoles(ctx.op);
    return new ApiError(
      'forbidden',
      serverMessage
        ? l10n.t(
            "The API key's service account is not allowed to {0}. It needs {1}; ask an organization admin to grant it. ({2})",
            what,
            roles,
            serverMessage,
          )
        : l10n.t(
            "The API key's service account is not allowed to {0}. It needs {1}; ask an organization admin to grant it.",
            what,
            roles,
          ),
      details,
    );
  }
  if (s === 404) {
    return new ApiError(
      'notFound',
      serverMessage
        ? l10n.t('Could not {0}: CockroachDB Cloud says it does not exist ({1}).', what, serverMessage)
        : l10n.t('Could not {0}: CockroachDB Cloud says it does not exist.', what),
      details,
    );
  }
  if (s === 400 && /invalid cc-version/i.test(body.message ?? '')) {
    return new ApiError(
      'badRequest',
      l10n.t(
        'CockroachDB Cloud does not support the API version this extension uses (Cc-Version {0}); update the extension.',
        ctx.ccVersion,
      ),
      details,
    );
  }
  if (s === 400 || s === 409 || s === 422) {
    return new ApiError(
      'badRequest',
      serverMessage
        ? l10n.t('CockroachDB Cloud refused to {0} ({1}).', what, serverMessage)
        : l10n.t('CockroachDB Cloud refused to {0}.', what),
      details,
    );
  }
  if (s === 501)
    return new ApiError(
      'notAvailable',
      serverMessage
        ? l10n.t('CockroachDB Cloud cannot {0} ({1}).', what, serverMessage)
        : l10n.t('CockroachDB Cloud cannot {0}.', what),
      details,
    );
  if (s >= 500) {
    return new ApiError(
      'server',
      serverMessage
        ? l10n.t(
            'CockroachDB Cloud had an internal error while trying to {0} (HTTP {1}) ({2}).',
            what,
            s,
            serverMessage,
          )
        : l10n.t('CockroachDB Cloud had an internal error while trying to {0} (HTTP {1}).', what, s),
      details,
    );
  }
  return new ApiError(
    'badRequest',
    serverMessage
      ? l10n.t('Could not {0}: HTTP {1} ({2}).', what, s, serverMessage)
      : l10n.t('Could not {0}: HTTP {1}.', what, s),
    details,
  );
}
