// Turns whatever axios or Node threw into an ApiError with a `kind` the UI can
// act on and a message a person can act on. API-specific wording (which role a
// 403 needs, which database a 404 means) is passed in by the calling client.
import * as l10n from '@vscode/l10n';
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
  if (!url) return l10n.t('the server');
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
  const message = custom?.message ?? genericStatusMessage(status, route, serverMessage, waitMs);
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

/** `message: serverMessage`, or the message alone when the server said nothing. */
function withServerText(message: string, serverMessage: string): string {
  return serverMessage ? l10n.t('{0}: {1}', message, serverMessage) : message;
}

function genericStatusMessage(status: number, route: string, serverMessage: string, waitMs: number): string {
  const kind = kindForStatus(status);
  // A sign-out needs no server detail; every other status carries the server's own words.
  if (kind === 'unauthorized') return l10n.t('Signed out or session expired – sign in again.');
  return withServerText(statusSentence(kind, status, route, waitMs), serverMessage);
}

function statusSentence(kind: ApiErrorKind, status: number, route: string, waitMs: number): string {
  switch (kind) {
    case 'forbidden':
      return l10n.t('Not allowed to read {0}', route);
    case 'notFound':
      return l10n.t('{0} was not found (HTTP 404)', route);
    case 'rateLimited':
      return waitMs > 0 ? l10n.t('Rate limited – retry in {0} s', Math.ceil(waitMs / 1000)) : l10n.t('Rate limited');
    case 'notAvailable':
      return l10n.t('{0} is not available on this server (HTTP 501)', route);
    case 'server':
      return l10n.t('Server error on {0} (HTTP {1})', route, status);
    case 'badRequest':
      return l10n.t('Request to {0} rejected (HTTP {1})', route, status);
    default:
      return l10n.t('Unexpected HTTP {0} from {1}', status, route);
  }
}

function fromNetwork(err: AxiosError, route: string, ctx: ErrorContext): ApiError {
  const cause = causeOf(err);
  const code = err.code ?? cause.code ?? '';
  const url = requestUrl(err);
  const where = hostPort(url);
  const details = { route, cause: safeCause(err) };
  if (code === 'ERR_CANCELED')
    return new ApiError('cancelled', l10n.t('Request to {0} was cancelled.', route), details);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err.message)) {
    const ms = ctx.timeoutMs ?? err.config?.timeout;
    return new ApiError('timeout', l10n.t('No answer from {0} within {1} ms ({2}).', where, ms ?? '?', route), details);
  }
  if (code === 'ECONNREFUSED') {
    return new ApiError(
      'connectionRefused',
      l10n.t('Connection refused at {0} – is the node running?', where),
      details,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = url?.hostname ?? l10n.t('the host');
    const message =
      code === 'EAI_AGAIN'
        ? l10n.t('Cannot resolve host name "{0}" (temporary DNS failure) – check the cluster URL.', host)
        : l10n.t('Cannot resolve host name "{0}" – check the cluster URL.', host);
    return new ApiError('dns', message, details);
  }
  if (UNKNOWN_CA_CODES.has(code)) {
    return new ApiError(
      'tls',
      l10n.t(
        "The certificate of {0} is signed by an unknown CA ({1}) – set the cluster's CA file (the ca.crt that signed the node certificates).",
        where,
        code,
      ),
      details,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    const covers = cause.cert?.subjectaltname ?? (cause.cert?.subject?.CN ? `CN=${cause.cert.subject.CN}` : undefined);
    const host = cause.host ?? url?.hostname ?? l10n.t('the host');
    return new ApiError(
      'tls',
      covers
        ? l10n.t(
            'The certificate does not cover host "{0}" (it is valid for {1}) – use a host name the certificate names.',
            host,
            covers,
          )
        : l10n.t('The certificate does not cover host "{0}" – use a host name the certificate names.', host),
      details,
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    const until = cause.cert?.valid_to;
    return new ApiError(
      'tls',
      until
        ? l10n.t('The certificate of {0} has expired on {1} – renew the node certificate.', where, until)
        : l10n.t('The certificate of {0} has expired – renew the node certificate.', where),
      details,
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new ApiError('tls', l10n.t('The certificate of {0} is not valid yet – check the clocks.', where), details);
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|EPROTO)/.test(code)) {
    return new ApiError('tls', l10n.t('TLS handshake with {0} failed ({1}): {2}', where, code, err.message), details);
  }
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return new ApiError(
      'server',
      l10n.t('{0} answered {1} with a redirect; the API does not redirect – check the URL.', where, route),
      details,
    );
  }
  const reason = code ? `${code}: ${err.message}` : err.message;
  return new ApiError('network', l10n.t('Network error talking to {0} ({1}): {2}', where, route, reason), details);
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
          location
            ? l10n.t('Unexpected redirect (HTTP {0}) from {1} to {2} – check the URL.', status, route, location)
            : l10n.t('Unexpected redirect (HTTP {0}) from {1} – check the URL.', status, route),
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
    return new ApiError('cancelled', l10n.t('Request to {0} was cancelled.', route), { route, cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('network', l10n.t('Request to {0} failed: {1}', route, message), { route, cause: err });
}
