// What people paste into Add Cluster, turned into the origin of a node's DB Console (the
// HTTP port that serves the Cluster API). They paste one of three things: an origin, a DB
// Console page copied from the browser (`https://db1:8080/#/overview/list`), or the
// `postgresql://` connection string that `cockroach start` and Cloud print. The last names
// the SQL port, which says nothing about the HTTP port, so 8080 (the default of
// `--http-addr`) is assumed. Whatever was assumed or dropped is said in `summary`, and a
// password in the input is dropped without ever being stored.
import * as l10n from '@vscode/l10n';
import { normaliseOrigin } from './origin';

export const DB_CONSOLE_PORT = '8080';
const SQL_PORT = '26257';

export interface ClusterAddress {
  /** Normalised origin, e.g. `https://db1:8080`: the cluster's id. */
  origin: string;
  /** "Using https://db1:8080 — …" when anything was assumed or dropped; undefined when the input was the origin itself. */
  summary?: string;
  /** The connection string's `sslrootcert`, as written there: the CA file to try first. */
  caFile?: string;
  /** The connection string's SQL user, to suggest at sign-in. */
  user?: string;
}

export type AddressResult = { ok: true; address: ClusterAddress } | { ok: false; message: string };

const EXAMPLE_URL = 'https://db1.example.com:8080';
const emptyMessage = () =>
  l10n.t(
    "Enter the address of a node's DB Console (e.g. {0}), a DB Console URL, or a postgresql:// connection string",
    EXAMPLE_URL,
  );
const invalidMessage = () => l10n.t('Not a valid address, e.g. {0}', EXAMPLE_URL);
const ipv6Message = () => l10n.t('Put an IPv6 address in brackets, e.g. {0}', 'https://[::1]:8080');
const credentialsMessage = () => l10n.t('Leave credentials out of the address; you sign in separately.');

const fail = (message: string): AddressResult => ({ ok: false, message });

/** Parses anything Add Cluster accepts; see the file comment. */
export function parseClusterAddress(input: string): AddressResult {
  let text = input.trim();
  if (!text) return fail(emptyMessage());
  // JDBC URLs are connection strings with a prefix.
  if (/^jdbc:postgres(ql)?:\/\//i.test(text)) text = text.slice('jdbc:'.length);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return fromConnectionString(text);
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return fail(l10n.t('"{0}" is not an http(s) address or a postgresql:// connection string', shorten(text)));
  }
  if (scheme === undefined && /^[a-z_]+=/i.test(text)) {
    return fail(
      l10n.t('That is a key=value connection string: paste its postgresql:// form or the DB Console address instead'),
    );
  }
  return fromHttpUrl(text, scheme !== undefined);
}

/** For an input box's validateInput: the problem, or undefined when the input is usable. */
export function addressProblem(input: string): string | undefined {
  const parsed = parseClusterAddress(input);
  return parsed.ok ? undefined : parsed.message;
}

function fromHttpUrl(text: string, hasScheme: boolean): AddressResult {
  const authority = (hasScheme ? text.replace(/^[^:]+:\/\//, '') : text).split(/[/?#]/)[0] ?? '';
  if (looksLikeBareIpv6(authority.slice(authority.lastIndexOf('@') + 1))) return fail(ipv6Message());
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return fail(invalidMessage());
  }
  if (url.username || url.password) return fail(credentialsMessage());
  if (!url.hostname) return fail(invalidMessage());
  const reasons: string[] = [];
  if (!hasScheme) reasons.push(l10n.t('no scheme given, so https (type http:// for an insecure cluster)'));
  let port = url.port;
  if (!port) {
    port = DB_CONSOLE_PORT;
    reasons.push(l10n.t("no port given, so {0}, the DB Console's default", DB_CONSOLE_PORT));
  } else if (port === SQL_PORT) {
    port = DB_CONSOLE_PORT;
    reasons.push(l10n.t('{0} is the SQL port; the DB Console listens on {1} by default', SQL_PORT, DB_CONSOLE_PORT));
  }
  const dropped = droppedPart(url);
  if (dropped) reasons.push(dropped);
  const origin = normaliseOrigin(`${url.protocol}//${url.hostname}:${port}`);
  return { ok: true, address: { origin, ...(reasons.length ? { summary: using(origin, reasons) } : {}) } };
}

/** What of a URL's path, query and fragment is left out, in words; '' when nothing is. */
function droppedPart(url: URL): string {
  const path = url.pathname === '/' ? '' : url.pathname;
  if (!path && !url.search && !url.hash) return '';
  if (/^\/api\/v2\/?$/.test(path) && !url.search && !url.hash)
    return l10n.t('the Cluster API is found under it, so /api/v2/ is left out');
  if (url.hash.startsWith('#/')) return l10n.t('the DB Console page ({0}) is left out', shorten(url.hash));
  return l10n.t('the path ({0}) is left out', shorten(`${path}${url.search}${url.hash}`));
}

function fromConnectionString(text: string): AddressResult {
  const m = /^postgres(?:ql)?:\/\/([^/?#]*)[^?#]*(\?[^#]*)?/i.exec(text);
  if (!m) return fail(invalidMessage());
  const authority = m[1] ?? '';
  const query = new URLSearchParams((m[2] ?? '').slice(1));
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : '';
  const hosts = splitHosts(at >= 0 ? authority.slice(at + 1) : authority);
  const queryHost = query.get('host') ?? '';
  // libpq also takes the host from ?host=; a path there is a Unix socket, not a node.
  const first = hosts[0] ?? (queryHost && !queryHost.startsWith('/') ? queryHost.split(',')[0] : undefined);
  if (!first) {
    return fail(
      l10n.t(
        'The connection string names no host (a Unix socket?); enter the DB Console address, e.g. {0}',
        EXAMPLE_URL,
      ),
    );
  }
  if (looksLikeBareIpv6(first)) return fail(ipv6Message());
  const host = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(first)?.[1] ?? '';
  const sslmode = query.get('sslmode')?.toLowerCase();
  const scheme = sslmode === 'disable' ? 'http' : 'https';
  let origin: string;
  try {
    if (!host) throw new Error('no host'); // l10n-ignore: caught just below, never shown
    origin = normaliseOrigin(`${scheme}://${host}:${DB_CONSOLE_PORT}`);
  } catch {
    return fail(invalidMessage());
  }
  const reasons = [
    l10n.t(
      'the DB Console port of the node in the connection string ({0}, the default HTTP port; the SQL port says nothing about it)',
      DB_CONSOLE_PORT,
    ),
  ];
  if (hosts.length > 1) reasons.push(l10n.t('the first of its {0} nodes', hosts.length));
  if (sslmode === 'disable') reasons.push(l10n.t('plain http, as sslmode=disable means an insecure cluster'));
  if (userinfo.includes(':')) reasons.push(l10n.t('its password is not kept (you sign in separately)'));
  const user = safeDecode(userinfo.split(':')[0] ?? '');
  const caFile = query.get('sslrootcert')?.trim();
  if (caFile) reasons.push(l10n.t('its sslrootcert ({0}) is tried as the CA file', caFile));
  if (/\.cockroachlabs\.cloud$/i.test(host)) {
    reasons.push(l10n.t('a CockroachDB Cloud cluster is usually reached with Add Cloud Account instead'));
  }
  return {
    ok: true,
    address: {
      origin,
      summary: using(origin, reasons),
      ...(caFile ? { caFile } : {}),
      ...(user ? { user } : {}),
    },
  };
}

/** `h1:26257,[::1]:26258` → ['h1:26257', '[::1]:26258']; commas inside brackets do not split. */
function splitHosts(list: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of list) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/** Two or more colons outside brackets: an IPv6 address the URL syntax cannot tell from a port. */
function looksLikeBareIpv6(hostPort: string): boolean {
  return !hostPort.includes('[') && (hostPort.match(/:/g) ?? []).length >= 2;
}

function using(origin: string, reasons: string[]): string {
  return l10n.t('Using {0} — {1}', origin, reasons.join('; '));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
