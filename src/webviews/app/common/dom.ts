// DOM helpers. Cluster data reaches the page only as textContent and attribute
// values: no HTML-string sinks are used anywhere in the front end
// (a unit test greps for them), so a table named `<script>` stays text.

export type Attrs = Record<string, string | number | boolean | undefined>;

function setAttrs(e: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  for (const c of children) e.append(c); // append(string) creates a Text node.
  return e;
}

/** A custom element (vscode-elements) by tag name. */
export function custom(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  for (const c of children) e.append(c);
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  setAttrs(e, attrs);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Injects a stylesheet with the page's CSP nonce (inline styles without it are blocked). */
export function addStyle(css: string): void {
  const style = document.createElement('style');
  const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  document.head.appendChild(style);
}

export function appRoot(): HTMLElement {
  const root = document.getElementById('app');
  // l10n-ignore: developer invariant, html.ts always writes #app
  if (!root) throw new Error('no #app element');
  return root;
}
