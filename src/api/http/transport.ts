// One configured axios instance per cluster (or per Cloud account): TLS trust,
// keep-alive, timeouts and a bounded retry policy. Shared by the Cluster API and
// Cloud API clients, so it knows nothing about either API's routes or payloads.
import * as http from 'node:http';
import * as https from 'node:https';
import axios from 'axios';
import type { AxiosError, AxiosInstance } from 'axios';
import axiosRetry from 'axios-retry';

export interface TransportOptions {
  baseURL: string;
  /** PEM text of the CA to trust (in addition to nothing else: it replaces Node's bundled roots). */
  caPem?: string;
  /** Only an explicit `true` turns verification off. */
  skipTlsVerify?: boolean;
  /** Per attempt; default 10 000 ms. */
  timeoutMs?: number;
  /** Retries for idempotent GETs; default 2. */
  retries?: number;
  headers?: Record<string, string>;
  /** First backoff step; doubled per retry with jitter. Default 250 ms. */
  retryBaseDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error surfaces instead. Default 30 000 ms. */
  maxRetryWaitMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A client's request timeout: a number, or a function read at every request so that a
 * changed setting reaches clients that were built before the change.
 */
export type TimeoutSource = number | (() => number);

export function timeoutReader(source: TimeoutSource | undefined, fallbackMs: number): () => number {
  if (typeof source === 'function') return source;
  const fixed = source ?? fallbackMs;
  return () => fixed;
}
export const DEFAULT_RETRIES = 2;

// Retry only what a second attempt can fix. A broken connection (a keep-alive socket the
// server had already closed, a node restarting and refusing for a moment) may well work on
// a fresh one. Everything else repeats itself or must not be repeated: timeouts already
// spent the request's budget (and a dead node's dial timeout would be paid again), DNS and
// TLS failures are the same on every attempt, a cancelled request was cancelled on purpose.
const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

// A proxy or load balancer in front of the nodes (502, 504), or a node that is draining or
// restarting (503): transient by definition.
const RETRY_STATUSES = new Set([502, 503, 504]);

/** Milliseconds the server asked us to wait (Retry-After seconds or HTTP date), else 0. */
export function retryAfterMs(err: AxiosError | undefined): number {
  const raw: unknown = err?.response?.headers?.['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return 0;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 0;
}

function hasRetryAfter(err: AxiosError): boolean {
  const raw: unknown = err.response?.headers?.['retry-after'];
  return (
    typeof raw === 'string' && raw.trim() !== '' && (Number.isFinite(Number(raw)) || Number.isFinite(Date.parse(raw)))
  );
}

/** Whether a failed request is worth one more attempt (see RETRY_CODES and RETRY_STATUSES). */
export function isRetryable(err: AxiosError, maxRetryWaitMs: number): boolean {
  // Only GETs are idempotent; a POST (login, SQL, cancel) may have taken effect.
  if ((err.config?.method ?? 'get').toLowerCase() !== 'get') return false;
  if (err.config?.signal?.aborted) return false;
  const status = err.response?.status;
  if (status === undefined) return RETRY_CODES.has(err.code ?? '');
  // A wait longer than the cap would look like a hang; the error says when to try again.
  if (retryAfterMs(err) > maxRetryWaitMs) return false;
  // Rate limited: worth waiting only when the server says for how long.
  if (status === 429) return hasRetryAfter(err);
  // Not 500: Cluster API handlers answer it for failures that repeat (a dead node's dial
  // timeout, a failing internal query). Not 501 (not served here) and not 4xx (a wrong request).
  return RETRY_STATUSES.has(status);
}

/** Exponential backoff with jitter (50–100 % of the step), never shorter than Retry-After. */
export function backoffMs(retryCount: number, err: AxiosError | undefined, baseMs: number, capMs: number): number {
  const step = baseMs * 2 ** Math.max(0, retryCount - 1);
  const jittered = step * (0.5 + Math.random() / 2);
  return Math.min(capMs, Math.max(jittered, retryAfterMs(err)));
}

export function createTransport(o: TransportOptions): AxiosInstance {
  const timeout = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseDelay = o.retryBaseDelayMs ?? 250;
  const maxWait = o.maxRetryWaitMs ?? 30_000;
  const httpsAgent = new https.Agent({
    keepAlive: true,
    ...(o.caPem !== undefined ? { ca: o.caPem } : {}),
    rejectUnauthorized: o.skipTlsVerify !== true,
  });
  const instance = axios.create({
    baseURL: o.baseURL,
    timeout,
    // l10n-ignore: HTTP Accept header
    headers: { Accept: 'application/json, text/plain;q=0.9, */*;q=0.5', ...o.headers },
    // Bodies are parsed by the caller with a lossless parser; axios must not touch them.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent,
    // A redirect would carry the session header to wherever it points; the APIs never redirect.
    maxRedirects: 0,
    // Environment proxies are not applied implicitly to cluster traffic.
    proxy: false,
  });
  axiosRetry(instance, {
    retries: o.retries ?? DEFAULT_RETRIES,
    shouldResetTimeout: true,
    retryCondition: (err) => isRetryable(err, maxWait),
    retryDelay: (count, err) => backoffMs(count, err, baseDelay, maxWait),
  });
  return instance;
}
