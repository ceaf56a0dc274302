// File names for exports: built by the front end, checked again by the host, which
// must not pull in the CSV writer to do so.

/** A file name safe on every OS from a cluster name and view, e.g. `hot-ranges-prod-east-2026-11-24T08-00.csv`. */
export function exportFileName(clusterName: string, view: string, format: 'csv' | 'json', now = new Date()): string {
  const safe =
    clusterName
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'cluster';
  const stamp = now.toISOString().slice(0, 16).replace(/:/g, '-');
  return `${view}-${safe}-${stamp}.${format}`;
}

/** Keeps the suggested name a plain file name whatever the webview sent. */
export function safeFileName(name: string, format: 'csv' | 'json' | 'md'): string {
  // Path separators, characters Windows forbids, and control characters (checked by code point: a regex range of them trips the linter).
  const cleaned = [...name].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '-' : c)).join('');
  const base =
    cleaned
      .replace(/\.\.+/g, '')
      .replace(/-+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 120) || 'export';
  return base.toLowerCase().endsWith(`.${format}`) ? base : `${base}.${format}`;
}
