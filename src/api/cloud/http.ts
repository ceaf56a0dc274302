// The Cloud API request pipeline: per-key limiter → transport → status mapping,
// with the Cloud-specific 429/Retry-After policy. The shared transport is built
// with `retries: 0` because its generic retry would neither consult the per-key
// limiter nor pause the other callers of the same key.
import * as l10n from '@vscode/l10n';
import type { AxiosInstance } from 'axios';
import { ApiError } from '../http/errors';
import { toApiError } from '../http/mapError';
import { createTransport, timeoutReader, type TimeoutSource } from '../http/transport';
import { cloudHttpError, parseRetryAfter, redact } from './errors';
import { limiterForKey, sleep, systemClock, type Clock, type SlidingWindowLimiter } from './rateLimit';
import type { CloudOperation } from './roles';

export const DEFAULT_CLOUD_URL = 'https://cockroachlabs.cloud';
export const CC_VERSION = '2024-09-16';
export const DEFAULT_CLOUD_TIMEOUT_MS = 15_000;

export interface CloudClientOptions {
  /** Service-account API key; sent as `Authorization: Bearer <key>`, never logged or put in messages. */
  apiKey: string;
  /** Default https://cockroachlabs.cloud. Paths are `/api/v1/...` below it. */
  baseUrl?: string;
  /** Per attempt; default 15 000 ms. A function is read at every request. */
  timeoutMs?: TimeoutSource;
  /** GET retries after 429/Retry-After (mutations are never retried). Default 3. */
  rateLimitRetries?: number;
  /** A Retry-After longer than this surfaces as `rateLimited` instead of being waited out. Default 60 s. */
  maxRetryAfterSeconds?: number;
  /** Requests per second for this key (first client of a key sets it). Default 10. */
  rateLimitPerSecond?: number;
  /** Extra margin on the limiter's window; default 100 ms. */
  rateLimitSafetyMarginMs?: number;
  /** Override only to test version negotiation. */
  ccVersion?: string;
  /** PEM of a CA to trust (corporate TLS-inspecting proxies). */
  caPem?: string;
  clock?: Clock;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type QueryValue = string | number | boolean | undefined;

export interface CloudRequest {
  op: CloudOperation;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to `/api/v1/`, already URL-encoded per segment. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export class CloudHttp {
  readonly baseUrl: string;
  readonly ccVersion: string;
  readonly limiter: SlidingWindowLimiter;
  private readonly http: AxiosInstance;
  private readonly apiKey: string;
  private readonly timeoutMs: () => number;
  private readonly retries: number;
  private readonly maxRetryAfter: number;
  private readonly clock: Clock;

  constructor(o: CloudClientOptions) {
    if (!o.apiKey || o.apiKey.trim() === '') {
      throw new ApiError('unauthorized', l10n.t('No CockroachDB Cloud API key is set; add a service-account API key.'));
    }
    this.apiKey = o.apiKey.trim();
    this.baseUrl = (o.baseUrl ?? DEFAULT_CLOUD_URL).replace(/\/+$/, '');
    this.ccVersion = o.ccVersion ?? CC_VERSION;
    this.timeoutMs = timeoutReader(o.timeoutMs, DEFAULT_CLOUD_TIMEOUT_MS);
    this.retries = Math.max(0, o.rateLimitRetries ?? 3);
    this.maxRetryAfter = o.maxRetryAfterSeconds ?? 60;
    this.clock = o.clock ?? systemClock;
    this.limiter = limiterForKey(this.apiKey, {
      limit: o.rateLimitPerSecond ?? 10,
      ...(o.rateLimitSafetyMarginMs !== undefined ? { safetyMarginMs: o.rateLimitSafetyMarginMs } : {}),
      clock: this.clock,
    });
    this.http = createTransport({
      baseURL: `${this.baseUrl}/api/v1/`,
      timeoutMs: this.timeoutMs(),
      retries: 0,
      ...(o.caPem !== undefined ? { caPem: o.caPem } : {}),
      headers: {
        Authorization: `Bearer ${this.apiKey}`,
        'Cc-Version': this.ccVersion,
        Accept: 'application/json',
      },
    });
  }

  /** Sends one Cloud API call and returns the parsed JSON body. */
  async request(req: CloudRequest, opts: CallOptions = {}): Promise<unknown> {
    const route = req.path;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs();
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    const url = qs ? `${req.path}?${qs}` : req.path;

    for (let attempt = 0; ; attempt++) {
      // A long server-imposed pause (from any caller of this key) fails fast instead of hanging the UI.
      const paused = this.limiter.pausedForMs() / 1000;
      if (paused > this.maxRetryAfter) throw this.httpError(req, 429, '', paused);
      await this.limiter.acquire(opts.signal);
      let res;
      try {
        res = await this.http.request<string>({
          method: req.method,
          url,
          timeout: timeoutMs,
          // Statuses are mapped below with Cloud wording; axios must not throw on them.
          validateStatus: () => true,
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(req.body !== undefined
            ? { data: JSON.stringify(req.body), headers: { 'Content-Type': 'application/json' } }
            : {}),
        });
      } catch (e) {
        throw this.scrub(toApiError(e, route, { timeoutMs }));
      }
      const text = typeof res.data === 'string' ? res.data : '';
      const retryAfter = parseRetryAfter(res.headers['retry-after'], this.clock.now());
      // Any Retry-After applies to every caller of this key, not just this one.
      if (retryAfter !== undefined) this.limiter.pauseFor(retryAfter * 1000);

      if (res.status >= 200 && res.status < 300) {
        if (text.trim() === '') return {};
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new ApiError(
            'malformed',
            l10n.t('The Cloud API answered {0} with something that is not JSON.', route),
            {
              status: res.status,
              route,
            },
          );
        }
      }

      const limited = res.status === 429 || retryAfter !== undefined;
      if (limited) {
        // Only GETs are retried: a mutation may have been applied before the 429 was sent.
        const wait = retryAfter ?? Math.min(8, 2 ** attempt);
        if (req.method === 'GET' && attempt < this.retries && wait <= this.maxRetryAfter) {
          if (retryAfter === undefined) await sleep(wait * 1000, this.clock, opts.signal);
          continue; // the limiter is paused until Retry-After has passed
        }
      }
      throw this.httpError(req, res.status, text, retryAfter);
    }
  }

  private httpError(req: CloudRequest, status: number, bodyText: string, retryAfter: number | undefined): ApiError {
    return cloudHttpError({
      op: req.op,
      route: req.path,
      status,
      bodyText,
      apiKey: this.apiKey,
      ccVersion: this.ccVersion,
      rateLimitPerSecond: this.limiter.limit,
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    });
  }

  /**
   * Lower-layer errors keep the axios error as `cause`, whose config holds the
   * Authorization header; drop it (the message already names the failure) and
   * redact the key from the text in case something echoed it.
   */
  private scrub(e: ApiError): ApiError {
    const { cause: _cause, ...details } = e.details;
    return new ApiError(e.kind, redact(e.message, this.apiKey), details);
  }
}
