// Sends one Cluster API request: session header, Cluster-API wording of errors,
// lossless JSON, and the 401 rule — one session renewal per wave of 401s, shared
// by every request that failed in it, then one retry per request. The DB Console
// routes beside the API (`/ts/query`, `/_admin/v1/…`) take the same token as the
// `session` cookie instead (auth 'cookie'), and their 401 is never a sign-out.
import * as l10n from '@vscode/l10n';
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse, Method } from 'axios';
import { isAxiosError } from 'axios';
import { ApiError } from '../http/errors';
import type { ApiErrorKind } from '../http/errors';
import { parseJson } from '../http/json';
import { toApiError } from '../http/mapError';
import { createTransport, DEFAULT_TIMEOUT_MS, timeoutReader } from '../http/transport';
import type { ClusterClientOptions, RequestOptions, SessionProvider } from './api';
import type { RouteScope } from './virtualCluster';
import {
  isAggregatedSession,
  isNotAvailableOnTenants,
  notOnVirtualClusterMessage,
  sessionHeaders,
  SYSTEM_CLUSTER,
  TENANT_HEADER,
} from './virtualCluster';

export const SESSION_HEADER = 'X-Cockroach-API-Session';

export interface ClusterRequest extends RequestOptions {
  method?: Method;
  /** Route relative to `/api/v2/`, always with its trailing slash, segments already encoded; or, starting with `/`, a path from the origin. */
  route: string;
  /** Default 'sql': the chosen virtual cluster. 'system' routes always go to the system cluster. */
  scope?: RouteScope;
  params?: Record<string, string | number | boolean | undefined>;
  body?: string;
  contentType?: string;
  /**
   * false: no session (login, `/_status/vars`). 'noRenew': header but a 401 is final (logout).
   * 'cookie': the token as the `session` cookie, a 401 is final and `forbidden` (see cookieRefusal).
   * Default true.
   */
  auth?: boolean | 'noRenew' | 'cookie';
  /** Overrides the transport's Accept header (e.g. Prometheus text for `/_status/vars`). */
  accept?: string;
  /** Overrides for this route's error wording, by HTTP status. */
  messages?: Partial<Record<number, string>>;
}

/** `https://h:8080`, `https://h:8080/`, `https://h:8080/api/v2/` → `https://h:8080`. */
export function normalizeBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError(
      'badRequest',
      l10n.t('Cluster URL must start with http:// or https:// (got {0}).', url.protocol),
    );
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
  return `${url.origin}${path}`;
}

/** Cluster API wording for HTTP errors (the generic text is used for anything else). */
export function describeClusterStatus(
  status: number,
  serverText: string,
  route: string,
): { kind?: ApiErrorKind; message: string } | undefined {
  switch (status) {
    case 400:
      return {
        message: serverText
          ? l10n.t('The cluster rejected {0}: {1}', route, serverText)
          : l10n.t('The cluster rejected {0}', route),
      };
    case 401:
      return { message: l10n.t('Signed out or session expired – sign in again.') };
    case 403:
      return {
        message: l10n.t(
          'Not allowed to read {0}: it needs the admin role or the VIEWCLUSTERMETADATA privilege.',
          route,
        ),
      };
    case 404:
      return {
        message: serverText
          ? l10n.t('{0} was not found – the cluster may be too old for this route (HTTP 404: {1}).', route, serverText)
          : l10n.t('{0} was not found – the cluster may be too old for this route (HTTP 404).', route),
      };
    case 405:
      return {
        kind: 'badRequest',
        message: serverText
          ? l10n.t('{0} does not accept this method (HTTP 405): {1}', route, serverText)
          : l10n.t('{0} does not accept this method (HTTP 405)', route),
      };
    case 501:
      return { message: l10n.t('{0} is not available on a virtual cluster (tenant).', route) };
    case 500:
      return {
        message: serverText
          ? l10n.t('The cluster failed on {0} (HTTP 500): {1}', route, serverText)
          : l10n.t('The cluster failed on {0} (HTTP 500)', route),
      };
    default:
      return undefined;
  }
}

/**
 * Headers that send `token` as the DB Console `session` cookie to virtual cluster `target`.
 * The `/api/v2/login/` token is the base64 SessionCookie the v1 cookie carries
 * (authserver/api_v2_auth.go), so the same value works; an aggregated one is quoted and
 * picked per virtual cluster by the `tenant` cookie, exactly as sessionHeaders sends it.
 */
export function cookieSessionHeaders(token: string | undefined, target: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (target) headers[TENANT_HEADER] = target;
  if (!token) return headers;
  const tenant = target ? `; tenant=${target}` : '';
  headers.Cookie = isAggregatedSession(token) ? `session="${token}"${tenant}` : `session=${token}${tenant}`;
  return headers;
}

/**
 * A 401 from a cookie route. The header routes may still accept the very same session (the
 * cookie mux may refuse it on some versions, or when it was signed in to another virtual
 * cluster), so this is `forbidden`, which callers do not treat as signed out, and no renewal.
 */
export function cookieRefusal(route: string, serverText: string): { kind: ApiErrorKind; message: string } {
  return {
    kind: 'forbidden',
    message: serverText
      ? l10n.t(
          "The metrics routes ({0}) did not accept the session (HTTP 401: {1}). Sign in again, or ask for the VIEWCLUSTERMETADATA privilege (or the admin role) to read the cluster's metrics.",
          route,
          serverText,
        )
      : l10n.t(
          "The metrics routes ({0}) did not accept the session (HTTP 401). Sign in again, or ask for the VIEWCLUSTERMETADATA privilege (or the admin role) to read the cluster's metrics.",
          route,
        ),
  };
}

export class ClusterRequester {
  readonly baseUrl: string;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: () => number;
  private readonly session: SessionProvider | undefined;
  /** Bumped when a renewal settles; a 401 for a request sent before that is not a new wave. */
  private authGeneration = 0;
  private renewedToken: string | undefined;
  private pendingRenew: Promise<string | undefined> | undefined;
  /** The virtual cluster SQL-scoped routes go to; undefined = the server's default. */
  readonly virtualCluster: string | undefined;
  /** True once the default virtual cluster turned out to be an application one. */
  private virtualizedFlag: boolean;
  private readonly onVirtualized: (() => void) | undefined;

  constructor(options: ClusterClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.virtualCluster = options.virtualCluster?.trim() || undefined;
    this.virtualizedFlag =
      options.virtualized === true || (this.virtualCluster !== undefined && this.virtualCluster !== SYSTEM_CLUSTER);
    this.onVirtualized = options.onVirtualized;
    this.timeoutMs = timeoutReader(options.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.session = options.session;
    this.http = createTransport({
      baseURL: `${this.baseUrl}/api/v2/`,
      timeoutMs: this.timeoutMs(),
      ...(options.caPem !== undefined ? { caPem: options.caPem } : {}),
      ...(options.skipTlsVerify !== undefined ? { skipTlsVerify: options.skipTlsVerify } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    });
  }

  get virtualized(): boolean {
    return this.virtualizedFlag;
  }

  /** Raw response text (any 2xx). */
  async send(req: ClusterRequest): Promise<AxiosResponse<string>> {
    const sentToDefault = this.target(req) === undefined;
    try {
      return await this.sendOnce(req);
    } catch (err) {
      // The server's default is an application virtual cluster: from now on system routes
      // say `system`, and this request goes again (the 501 comes before authentication).
      if (!sentToDefault || (req.scope ?? 'sql') !== 'system' || !isNotAvailableOnTenants(err)) throw err;
      this.markVirtualized();
      return this.sendOnce(req);
    }
  }

  markVirtualized(): void {
    if (this.virtualizedFlag) return;
    this.virtualizedFlag = true;
    this.onVirtualized?.();
  }

  /** The virtual cluster a request is addressed to; undefined leaves the choice to the server. */
  target(req: Pick<ClusterRequest, 'scope'>): string | undefined {
    if ((req.scope ?? 'sql') === 'system')
      return this.virtualizedFlag || this.virtualCluster === SYSTEM_CLUSTER ? SYSTEM_CLUSTER : undefined;
    return this.virtualCluster;
  }

  private async sendOnce(req: ClusterRequest): Promise<AxiosResponse<string>> {
    const auth = req.auth ?? true;
    const generation = this.authGeneration;
    const token = auth ? this.session?.getToken() : undefined;
    try {
      return await this.http.request<string>(this.config(req, token));
    } catch (err) {
      // Only header routes renew: a 'cookie' route's 401 must not sign anyone out (cookieRefusal).
      if (auth !== true || !isAxiosError(err) || err.response?.status !== 401) throw this.mapError(err, req);
      const fresh = await this.renewAfter401(generation, req, token);
      try {
        return await this.http.request<string>(this.config(req, fresh));
      } catch (err2) {
        throw this.mapError(err2, req);
      }
    }
  }

  /** Parsed JSON body; a 2xx body that is not a JSON object is `malformed`. */
  async json(req: ClusterRequest): Promise<Record<string, unknown>> {
    const res = await this.send(req);
    return this.parseBody(res, req.route);
  }

  parseBody(res: AxiosResponse<string>, route: string): Record<string, unknown> {
    const text = typeof res.data === 'string' ? res.data : '';
    let parsed: unknown;
    try {
      parsed = parseJson(text);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      // One line: the excerpt ends up in a tree row's label.
      const excerpt = text.trim().slice(0, 200).replace(/\s+/g, ' ');
      throw new ApiError(
        'malformed',
        excerpt
          ? l10n.t('{0} answered HTTP {1} with a body that is not JSON: {2}', route, res.status, excerpt)
          : l10n.t('{0} answered HTTP {1} with a body that is not JSON (empty)', route, res.status),
        {
          status: res.status,
          route,
          serverMessage: excerpt,
        },
      );
    }
    return parsed as Record<string, unknown>;
  }

  mapError(err: unknown, req: ClusterRequest): ApiError {
    return toApiError(err, req.route, {
      timeoutMs: req.timeoutMs ?? this.timeoutMs(),
      describeStatus: (status, text) => {
        const custom = req.messages?.[status];
        if (req.auth === 'cookie' && status === 401) {
          const refusal = cookieRefusal(req.route, text);
          return custom !== undefined ? { ...refusal, message: custom } : refusal;
        }
        if (custom !== undefined) return { message: custom };
        if (status === 501 && /not available on tenants/i.test(text))
          return { message: notOnVirtualClusterMessage(req.route, this.target(req)) };
        return describeClusterStatus(status, text, req.route);
      },
    });
  }

  private config(req: ClusterRequest, token: string | undefined): AxiosRequestConfig {
    const target = this.target(req);
    const headers = req.auth === 'cookie' ? cookieSessionHeaders(token, target) : sessionHeaders(token, target);
    if (req.contentType) headers['Content-Type'] = req.contentType;
    if (req.accept) headers.Accept = req.accept;
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.params ?? {})) if (v !== undefined) params[k] = String(v);
    return {
      method: req.method ?? 'GET',
      // Paths outside /api/v2/ (the server controller's /login) are absolute, so axios ignores baseURL.
      url: req.route.startsWith('/') ? `${this.baseUrl}${req.route}` : req.route,
      params,
      headers,
      ...(req.body !== undefined ? { data: req.body } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      timeout: req.timeoutMs ?? this.timeoutMs(),
      ...(req.retry === false ? { 'axios-retry': { retries: 0 } } : {}),
    };
  }

  /**
   * One renewal per wave. A request sent before the last renewal settled just
   * retries with that renewal's token; concurrent 401s share the pending promise.
   */
  private async renewAfter401(
    generation: number,
    req: ClusterRequest,
    failedToken: string | undefined,
  ): Promise<string> {
    let token: string | undefined;
    if (generation !== this.authGeneration) {
      token = this.renewedToken;
    } else if (this.session?.renew) {
      const session = this.session;
      this.pendingRenew ??= this.startRenew(() => session.renew!(failedToken));
      token = await this.pendingRenew;
    }
    if (!token) {
      throw new ApiError('unauthorized', l10n.t('Signed out or session expired – sign in again.'), {
        status: 401,
        route: req.route,
      });
    }
    return token;
  }

  private startRenew(renew: () => Promise<string | undefined>): Promise<string | undefined> {
    return renew()
      .catch(() => undefined)
      .then((token) => {
        this.renewedToken = token;
        this.authGeneration++;
        this.pendingRenew = undefined;
        return token;
      });
  }
}
