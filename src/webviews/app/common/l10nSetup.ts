// Side effect only, and imported first by every front end's main.ts: configures
// @vscode/l10n with the bundle the host wrote into the page (html.ts puts it in a
// non-executed <script type="application/json" id="l10n-bundle"> block) before any
// other module calls l10n.t. With no block (English), l10n.t returns the English
// text with its placeholders filled.
import * as l10n from '@vscode/l10n';

/** The id html.ts gives the data block; keep the two in step. */
const BUNDLE_ID = 'l10n-bundle';

function readBundle(): Record<string, string> | undefined {
  const text = document.getElementById(BUNDLE_ID)?.textContent;
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    const contents: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') contents[k] = v;
    return Object.keys(contents).length ? contents : undefined;
  } catch {
    // A broken block leaves the page in English rather than blank.
    return undefined;
  }
}

const contents = readBundle();
if (contents) l10n.config({ contents });
