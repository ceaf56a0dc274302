// A cluster is identified by its normalised origin (scheme, lower-case host and
// explicit port). Secrets are keyed by it, so a workspace that re-points a known
// cluster *name* at another host never receives that cluster's token.
import * as l10n from '@vscode/l10n';

const EXAMPLE_URL = 'https://db1.example.com:8080';

/** normaliseOrigin's refusal of a scheme other than http(s), worded for the person who typed it. */
class NotHttpError extends Error {}

export function normaliseOrigin(input: string): string {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NotHttpError(l10n.t('"{0}" is not an http:// or https:// address', input));
  }
  const port = url.port || '8080';
  return `${url.protocol}//${url.hostname.toLowerCase()}:${port}`;
}

export function isInsecureOrigin(origin: string): boolean {
  return origin.startsWith('http://');
}

/** Validates a URL typed by a person; returns a message, or undefined when it is usable. */
export function validateClusterUrl(input: string): string | undefined {
  if (!input.trim()) return l10n.t('Enter the address of a node, e.g. {0}', EXAMPLE_URL);
  try {
    const origin = normaliseOrigin(input);
    const url = new URL(input.includes('://') ? input : `https://${input}`);
    if (url.username || url.password) return l10n.t('Leave credentials out of the address; you sign in separately.');
    return origin ? undefined : l10n.t('Not a valid address');
  } catch (e) {
    return e instanceof NotHttpError ? e.message : l10n.t('Not a valid address, e.g. {0}', EXAMPLE_URL);
  }
}
