// The only place webview HTML is built: a strict CSP with a fresh nonce, the
// bundle and the codicon stylesheet from dist/, and no cluster data at all —
// the front end asks for data over the message protocol and renders it with
// textContent. The title is the one string that could carry a cluster name,
// so it is escaped (and callers pass a generic one).
import * as crypto from 'node:crypto';
import { posix } from 'node:path';
import type * as vscode from 'vscode';
import type { PanelKind } from './protocol/messages';

/**
 * `vscode.Uri.joinPath` without a runtime import of vscode, so that this
 * module (and its CSP) can be unit-tested in plain Node with a fake Uri.
 */
export function childUri(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: posix.join(base.path, ...segments) });
}

/** 16 random bytes, base64: what a CSP nonce needs (never Math.random). */
export function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

/** Only the built bundles and media/ may be loaded; never an asWebviewUri value as a root. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [childUri(extensionUri, 'dist'), childUri(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Off: a hidden panel is torn down and rebuilt from its state; that also stops auto-refresh while hidden.
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: localResourceRoots(extensionUri),
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, n: string): string {
  return [
    "default-src 'none'", // l10n-ignore: CSP directive
    `script-src 'nonce-${n}'`, // l10n-ignore: CSP directive
    `style-src ${cspSource} 'nonce-${n}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`, // l10n-ignore: CSP directive
  ].join('; ');
}

/**
 * The localisation bundle as a JSON data block: `type="application/json"` is never
 * executed (so the CSP is untouched), and `<`, `>`, `&`, U+2028 and U+2029 are
 * written as \u escapes so no value can close the tag or open a comment.
 * The front end reads it back by id (app/common/l10nSetup.ts).
 */
export function l10nBundleBlock(contents: Record<string, string>, n: string): string {
  const json = JSON.stringify(contents).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  // l10n-ignore: HTML markup
  return `<script type="application/json" id="l10n-bundle" nonce="${n}">${json}</script>`;
}

/** What buildHtml needs of a webview; tests pass a fake. */
export type WebviewLike = Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>;

export function buildHtml(
  webview: WebviewLike,
  extensionUri: vscode.Uri,
  bundle: PanelKind,
  title: string,
  n: string = nonce(),
  l10nBundle?: Record<string, string>,
): string {
  const script = webview.asWebviewUri(childUri(extensionUri, 'dist', 'webviews', `${bundle}.js`));
  const codicons = webview.asWebviewUri(childUri(extensionUri, 'dist', 'codicons', 'codicon.css'));
  const attr = (u: vscode.Uri) => escapeHtml(u.toString());
  // The codicon <link> has the id vscode-elements' <vscode-icon> looks for; the nonce is
  // read by the front end from the <meta> tag to stamp its own <style> element. The
  // l10n block (only when VS Code runs in another language) precedes the module script.
  // l10n-ignore: HTML markup; the only text in it is the title, which callers localise
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, n)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="csp-nonce" content="${n}">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${attr(codicons)}" nonce="${n}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app" data-testid="app" data-panel="${bundle}"></div>
${l10nBundle ? `${l10nBundleBlock(l10nBundle, n)}\n` : ''}<script type="module" nonce="${n}" src="${attr(script)}"></script>
</body>
</html>`;
}
