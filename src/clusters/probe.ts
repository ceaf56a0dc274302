// What answers at an address, found out before Add Cluster saves anything: a CockroachDB
// node or not, its version, whether it needs sign-in, whether its DB Console port serves
// virtual clusters — or, when nothing usable answers, the reason in words a person can act
// on, above all which certificate check failed. Three requests, none signed in:
//   health/        — answers without a session on every version; an application virtual
//                    cluster answers 501, which the client takes as "ask the system cluster";
//   _status/vars   — the version (build_timestamp's tag), served without authentication;
//   nodes/         — 401 means sign-in is needed (a secure cluster, or an insecure one
//                    before v22.1.11); an answer means it serves anyone (and has the version).
import * as fs from 'node:fs';
import * as l10n from '@vscode/l10n';
import { isApiError, type ApiError } from '../api/http/errors';
import { LazyClusterClient } from './lazyClient';
import { isInsecureOrigin } from './origin';

/** Per request: a probe that waits longer than this for a node is more annoying than useful. */
export const PROBE_TIMEOUT_MS = 5000;

export interface ProbeTarget {
  origin: string;
  /** Path of the PEM the cluster's certificate is verified against. */
  caFile?: string;
  skipTlsVerify?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** 'sessionOnHttp': plain http that still wants a session (v22.1.0–v22.1.10). */
export type Security = 'secure' | 'insecure' | 'sessionOnHttp';

export interface ProbeFound {
  ok: true;
  origin: string;
  /** `v25.2.4`; undefined when neither _status/vars nor nodes/ said. */
  version?: string;
  security: Security;
  virtualized: boolean;
}

export type ProblemKind =
  | 'unknownCa'
  | 'hostMismatch'
  | 'expired'
  | 'notYetValid'
  | 'tls'
  | 'plainHttp'
  | 'caFile'
  | 'unreachable'
  | 'notCockroach'
  | 'cancelled';

export interface ProbeFailed {
  ok: false;
  origin: string;
  problem: ProblemKind;
  /** The named reason, short enough for a title: "the certificate has expired". */
  reason: string;
  /** The whole explanation, with what to do. */
  message: string;
  /** The Node/OpenSSL error code underneath, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  code?: string;
  /** The same address with the other scheme, when the answer suggests it is the right one. */
  suggestedOrigin?: string;
}

export type ProbeResult = ProbeFound | ProbeFailed;

/** Problems about the server's certificate: a CA file, or skipping verification, may be the fix. */
export function isCertificateProblem(problem: ProblemKind): boolean {
  return ['unknownCa', 'hostMismatch', 'expired', 'notYetValid', 'tls', 'caFile'].includes(problem);
}

/** Whether sign-in is needed before the tree can show anything. */
export function needsSignIn(found: ProbeFound): boolean {
  return found.security !== 'insecure';
}

/** "CockroachDB v25.2.4 · secure: sign-in comes next · serves virtual clusters". */
export function describeFound(found: ProbeFound): string {
  const security: Record<Security, string> = {
    secure: l10n.t('secure: sign-in comes next'),
    insecure: l10n.t('insecure (plain http): no sign-in needed'),
    sessionOnHttp: l10n.t('insecure (plain http), but this version still wants a session: sign-in comes next'),
  };
  return [
    found.version !== undefined
      ? l10n.t('CockroachDB {0}', found.version)
      : l10n.t('CockroachDB (version not reported)'),
    security[found.security],
    ...(found.virtualized ? [l10n.t('serves virtual clusters')] : []),
  ].join(' · ');
}

export async function probeCluster(target: ProbeTarget): Promise<ProbeResult> {
  const { origin } = target;
  let caPem: string | undefined;
  if (target.caFile && !target.skipTlsVerify && origin.startsWith('https:')) {
    const read = readCaFile(target.caFile);
    if (typeof read !== 'string') return { ok: false, origin, problem: 'caFile', ...read };
    caPem = read;
  }
  let virtualized = false;
  const client = new LazyClusterClient({
    baseUrl: origin,
    ...(caPem !== undefined ? { caPem } : {}),
    ...(target.skipTlsVerify ? { skipTlsVerify: true } : {}),
    timeoutMs: target.timeoutMs ?? PROBE_TIMEOUT_MS,
    retries: 0,
    onVirtualized: () => (virtualized = true),
  });
  const opts = target.signal ? { signal: target.signal } : {};
  try {
    await client.health(false, opts);
  } catch (e) {
    return failure(origin, e);
  }
  // Neither answer is needed to go on: a version the server does not report, or a nodes/
  // that fails for another reason, leaves the guess the scheme gives.
  let version = await client
    .statusVars(undefined, opts)
    .then((v) => v.version)
    .catch(() => undefined);
  let security: Security = isInsecureOrigin(origin) ? 'insecure' : 'secure';
  try {
    const page = await client.nodesPage({ limit: 1 }, opts);
    version ??= page.items[0]?.version || undefined;
  } catch (e) {
    if (isApiError(e, 'cancelled')) return failure(origin, e);
    if (isApiError(e, 'unauthorized') && security === 'insecure') security = 'sessionOnHttp';
  }
  return { ok: true, origin, ...(version ? { version } : {}), security, virtualized };
}

/** The PEM text, or why the file cannot be the CA. */
function readCaFile(file: string): string | { reason: string; message: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return {
        reason: l10n.t('the CA file does not exist'),
        message: l10n.t('The CA file {0} does not exist ({1}).', file, code),
      };
    if (code === 'EISDIR')
      return {
        reason: l10n.t('the CA file is a folder'),
        message: l10n.t('The CA file {0} is a folder ({1}).', file, code),
      };
    return {
      reason: l10n.t('the CA file cannot be read'),
      message: code
        ? l10n.t('The CA file {0} cannot be read ({1}).', file, code)
        : l10n.t('The CA file {0} cannot be read.', file),
    };
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return {
      reason: l10n.t('the CA file holds no certificate'),
      message: l10n.t(
        '{0} holds no PEM certificate (no "BEGIN CERTIFICATE" line): choose the cluster\'s ca.crt, not a key.',
        file,
      ),
    };
  }
  return text;
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

function codeOf(e: ApiError): string | undefined {
  const cause = e.details.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function otherScheme(origin: string): string {
  return origin.startsWith('https:') ? origin.replace(/^https:/, 'http:') : origin.replace(/^http:/, 'https:');
}

/** Names what went wrong; the client's own message (src/api/http/mapError.ts) says what to do. */
function failure(origin: string, e: unknown): ProbeFailed {
  if (!isApiError(e)) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, origin, problem: 'unreachable', reason: l10n.t('the probe failed'), message };
  }
  const code = codeOf(e);
  const base = { ok: false as const, origin, message: e.message, ...(code ? { code } : {}) };
  if (e.kind === 'cancelled') return { ...base, problem: 'cancelled', reason: l10n.t('cancelled') };
  if (e.kind === 'tls' || (code && UNKNOWN_CA.has(code))) return tlsFailure(base, code, e.message);
  if (e.status !== undefined) {
    return {
      ...base,
      problem: 'notCockroach',
      reason: l10n.t('health/ answered HTTP {0}', e.status),
      message: l10n.t(
        "Something answered at {0}, but not like a CockroachDB node's DB Console ({1}). Is this the HTTP port (8080 by default)?",
        origin,
        e.message,
      ),
    };
  }
  // A TLS server closes a plain-http connection without a word.
  if (isInsecureOrigin(origin) && (code === 'ECONNRESET' || /socket hang up/i.test(e.message))) {
    return {
      ...base,
      problem: 'unreachable',
      reason: l10n.t('the connection was closed at once'),
      message: l10n.t(
        '{0} closed the connection without an answer, as a secure node does to plain http: try {1}.',
        origin,
        otherScheme(origin),
      ),
      suggestedOrigin: otherScheme(origin),
    };
  }
  const reason =
    e.kind === 'dns'
      ? l10n.t('the host name is unknown')
      : e.kind === 'timeout'
        ? l10n.t('no answer')
        : l10n.t('nothing answered');
  return { ...base, problem: 'unreachable', reason };
}

function tlsFailure(
  base: Omit<ProbeFailed, 'problem' | 'reason'>,
  code: string | undefined,
  text: string,
): ProbeFailed {
  const { origin } = base;
  if (code && UNKNOWN_CA.has(code)) {
    const message =
      code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
        ? l10n.t(
            '{0} presents a self-signed certificate ({1}). Choose the CA file that signed the node certificates (ca.crt from cockroach cert create-ca).',
            origin,
            code,
          )
        : l10n.t(
            '{0} presents a CA this computer does not trust ({1}). Choose the CA file that signed the node certificates (ca.crt from cockroach cert create-ca).',
            origin,
            code,
          );
    return { ...base, problem: 'unknownCa', reason: l10n.t('the certificate is signed by an unknown CA'), message };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return { ...base, problem: 'hostMismatch', reason: l10n.t('the certificate is for another host name') };
  }
  if (code === 'CERT_HAS_EXPIRED')
    return { ...base, problem: 'expired', reason: l10n.t('the certificate has expired') };
  if (code === 'CERT_NOT_YET_VALID')
    return { ...base, problem: 'notYetValid', reason: l10n.t('the certificate is not valid yet') };
  if (/wrong version number|ERR_SSL_WRONG_VERSION_NUMBER/i.test(text)) {
    return {
      ...base,
      problem: 'plainHttp',
      reason: l10n.t('the server speaks plain http'),
      message: l10n.t('{0} answers in plain http, not TLS: an insecure cluster. Use {1}.', origin, otherScheme(origin)),
      suggestedOrigin: otherScheme(origin),
    };
  }
  return { ...base, problem: 'tls', reason: l10n.t('the TLS handshake failed') };
}
