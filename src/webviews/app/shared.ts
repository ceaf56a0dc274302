// Front-end helpers shared by both panels. Cluster data only ever reaches the DOM
// through textContent and attributes.
import type { HostToWebview, WebviewToHost } from '../protocol/messages';

interface VsCodeApi {
  postMessage(m: WebviewToHost): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

export function onMessage(handler: (m: HostToWebview) => void): void {
  window.addEventListener('message', (e: MessageEvent<HostToWebview>) => handler(e.data));
  // Report CSP violations so the host (and the tests) can count them.
  document.addEventListener('securitypolicyviolation', (e) => vscode.postMessage({ type: 'cspViolation', directive: e.violatedDirective, blocked: e.blockedURI }));
  vscode.postMessage({ type: 'ready' });
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function addStyle(css: string): void {
  const style = document.createElement('style');
  const nonce = document.getElementById('app')?.dataset.nonce;
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  document.head.appendChild(style);
}

export const BASE_CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border); white-space: nowrap; }
th { cursor: pointer; position: sticky; top: 0; background: var(--vscode-editor-background); }
tr[data-range]:hover, tr:focus { background: var(--vscode-list-hoverBackground); outline: none; }
tr:focus { outline: 1px solid var(--vscode-focusBorder); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.banner { padding: 6px 10px; margin: 8px 0; border-left: 3px solid var(--vscode-editorWarning-foreground); background: var(--vscode-textBlockQuote-background); }
.error { border-left-color: var(--vscode-errorForeground); }
.problem { color: var(--vscode-errorForeground); }
.muted { opacity: 0.7; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; }
input { color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; }
`;

export function showError(root: HTMLElement, message: string, signIn: boolean): void {
  root.replaceChildren();
  const box = el('div', { class: 'banner error', 'data-testid': 'error-banner', role: 'alert' }, message);
  root.appendChild(box);
  if (signIn) {
    const b = el('button', { 'data-testid': 'sign-in' }, 'Sign in');
    b.addEventListener('click', () => vscode.postMessage({ type: 'signIn' }));
    root.appendChild(b);
  }
}
