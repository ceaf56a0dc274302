// Turns whatever axios or Node threw into an ApiError with a `kind` the UI can
// act on and a message a person can act on. API-specific wording (which role a
// 403 needs, which database a 404 means) is passed in by the calling client.
import { isAxiosError } from 'axios';
import type { AxiosError } from 'axios';
import { ApiError } from './errors';
import type { ApiErrorKind } from './errors';
import { tryParseJson } from './json';
import { retryAfterMs } from './transport';

export interface ErrorContext {
  /** The timeout that applied, for the "no answer within N ms" message. */
  timeoutMs?: number;
  /**
   * Lets a client word HTTP errors for its API. Return undefined to use the generic text.
   * `serverText` is the server's own message (plain text or JSON `error`/`message`), trimmed.
   */
  describeStatus?: (status: number, serverText: string) => { kind?: ApiErrorKind; message: string } | undefined;
}

const UNKNOWN_CA_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** The server's message from a plain-text or JSON error body (`{error}`, `{message}`, `{code,message}`). */
export function readServerMessage(body: unknown): string {
  if (typeof body !== 'string') return '';
  const text = body.trim();
  if (text.startsWith('{')) {
    const parsed = tryParseJson(text);
    if (parsed !== null && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      for (const key of ['message', 'error']) {
        const v = o[key];
        if (typeof v === 'string' && v.trim() !== '') return v.trim();
        // sql/ nests the pgerror: {"error": {"message": ..., "code": ...}}
        if (v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>).message === 'string') {
          return String((v as Record<string, unknown>).message).trim();
        }
      }
    }
  }
  // Long HTML error pages from proxies are cut so notifications stay readable.
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function requestUrl(err: AxiosError): URL | undefined {
  const cfg = err.config;
  if (!cfg) return undefined;
  try {
    const url = cfg.url ?? '';
    return cfg.baseURL ? new URL(url, cfg.baseURL.endsWith('/') ? cfg.baseURL : `${cfg.baseURL}/`) : new URL(url);
  } catch {
    return undefined;
  }
}

function hostPort(url: URL | undefined): string {
  if (!url) return 'the server';
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

interface NodeErrorLike {
  code?: string;
  host?: string;
  reason?: string;
  cert?: { subjectaltname?: string; valid_to?: string; subject?: { CN?: string } };
}

function causeOf(err: AxiosError): NodeErrorLike {
  const c = (err as { cause?: unknown }).cause;
  return c !== null && typeof c === 'object' ? (c as NodeErrorLike) : {};
}

/**
 * What goes into `details.cause`: the socket/TLS error underneath, or a bare copy
 * of the axios error. Never the AxiosError itself — its config holds the session
 * header or API key, and causes end up in logs.
 */
function safeCause(err: AxiosError): unknown {
  const inner = (err as { cause?: unknown }).cause;
  if (inner instanceof Error) return inner;
  const copy = new Error(err.message);
  if (err.code) (copy as Error & { code?: string }).code = err.code;
  return copy;
}

function fromStatus(err: AxiosError, route: string, ctx: ErrorContext): ApiError {
  const status = err.response?.status ?? 0;
  const serverMessage = readServerMessage(err.response?.data);
  const waitMs = retryAfterMs(err);
  const details = {
    status,
    route,
    serverMessage,
    cause: safeCause(err),
    ...(waitMs > 0 ? { retryAfterSeconds: Math.ceil(waitMs / 1000) } : {}),
  };
  const custom = ctx.describeStatus?.(status, serverMessage);
  const kind = custom?.kind ?? kindForStatus(status);
  const suffix = serverMessage ? `: ${serverMessage}` : '';
  const message = custom?.message ?? genericStatusMessage(status, route, suffix, waitMs);
  return new ApiError(kind, message, details);
}

export function kindForStatus(status: number): ApiErrorKind {
  if (status === 400) return 'badRequest';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status === 501) return 'notAvailable';
  if (status >= 500) return 'server';
  if (status >= 400) return 'badRequest';
  return 'malformed';
}

function genericStatusMessage(status: number, route: string, suffix: string, waitMs: number): string {
  switch (kindForStatus(status)) {
    case 'unauthorized':
      return 'Signed out or session expired – sign in again.';
    case 'forbidden':
      return `Not allowed to read ${route}${suffix}`;
    case 'notFound':
      return `${route} was not found (HTTP 404)${suffix}`;
    case 'rateLimited':
      return `Rate limited${waitMs > 0 ? ` – retry in ${Math.ceil(waitMs / 1000)} s` : ''}${suffix}`;
    case 'notAvailable':
      return `${route} is not available on this server (HTTP 501)${suffix}`;
    case 'server':
      return `Server error on ${route} (HTTP ${status})${suffix}`;
    case 'badRequest':
      return `Request to ${route} rejected (HTTP ${status})${suffix}`;
    default:
      return `Unexpected HTTP ${status} from ${route}${suffix}`;
  }
}

function fromNetwork(err: AxiosError, route: string, ctx: ErrorContext): ApiError {
  const cause = causeOf(err);
  const code = err.code ?? cause.code ?? '';
  const url = requestUrl(err);
  const where = hostPort(url);
  const details = { route, cause: safeCause(err) };
  if (code === 'ERR_CANCELED') return new ApiError('cancelled', `Request to ${route} was cancelled.`, details);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err.message)) {
    const ms = ctx.timeoutMs ?? err.config?.timeout;
    return new ApiError('timeout', `No answer from ${where} within ${ms ?? '?'} ms (${route}).`, details);
  }
  if (code === 'ECONNREFUSED') {
    return new ApiError('connectionRefused', `Connection refused at ${where} – is the node running?`, details);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = url?.hostname ?? 'the host';
    const hint = code === 'EAI_AGAIN' ? ' (temporary DNS failure)' : '';
    return new ApiError('dns', `Cannot resolve host name "${host}"${hint} – check the cluster URL.`, details);
  }
  if (UNKNOWN_CA_CODES.has(code)) {
    return new ApiError(
      'tls',
      `The certificate of ${where} is signed by an unknown CA (${code}) – set the cluster's CA file (the ca.crt that signed the node certificates).`,
      details,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    const covers = cause.cert?.subjectaltname ?? (cause.cert?.subject?.CN ? `CN=${cause.cert.subject.CN}` : undefined);
    const host = cause.host ?? url?.hostname ?? 'the host';
    return new ApiError(
      'tls',
      `The certificate does not cover host "${host}"${covers ? ` (it is valid for ${covers})` : ''} – use a host name the certificate names.`,
      details,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    const until = cause.cert?.valid_to ? ` on ${cause.cert.valid_to}` : '';
    return new ApiError(
      'tls',
      `The certificate of ${where} has expired${until} – renew the node certificate.`,
      details,
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new ApiError('tls', `The certificate of ${where} is not valid yet – check the clocks.`, details);
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|EPROTO)/.test(code)) {
    return new ApiError('tls', `TLS handshake with ${where} failed (${code}): ${err.message}`, details);
  }
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return new ApiError(
      'server',
      `${where} answered ${route} with a redirect; the API does not redirect – check the URL.`,
      details,
    );
  }
  const reason = code ? `${code}: ${err.message}` : err.message;
  return new ApiError('network', `Network error talking to ${where} (${route}): ${reason}`, details);
}

/** Maps any thrown value to an ApiError; an ApiError passes through unchanged. */
export function toApiError(err: unknown, route: string, ctx: ErrorContext = {}): ApiError {
  if (err instanceof ApiError) return err;
  if (isAxiosError(err)) {
    if (err.response) {
      const status = err.response.status;
      if (status >= 300 && status < 400) {
        const location = String(err.response.headers?.location ?? '');
        return new ApiError(
          'server',
          `Unexpected redirect (HTTP ${status}) from ${route}${location ? ` to ${location}` : ''} – check the URL.`,
          {
            status,
            route,
            cause: safeCause(err),
          },
        );
      }
      return fromStatus(err, route, ctx);
    }
    return fromNetwork(err, route, ctx);
  }
  if (err instanceof Error && err.name === 'AbortError')
    return new ApiError('cancelled', `Request to ${route} was cancelled.`, { route, cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('network', `Request to ${route} failed: ${message}`, { route, cause: err });
}
