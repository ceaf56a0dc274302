import assert from 'node:assert/strict';
import {
  buildHtml,
  childUri,
  l10nBundleBlock,
  contentSecurityPolicy,
  escapeHtml,
  localResourceRoots,
  nonce,
  webviewOptions,
  type WebviewLike,
} from '../../../src/webviews/html';
import { HOSTILE_STRINGS } from '../../../src/sim/data/hostile';
import type * as vscode from 'vscode';

/** Just enough of vscode.Uri for the builder: a path and `with`. */
class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  with(change: { path?: string }): FakeUri {
    return new FakeUri(this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://ext${this.path}`;
  }
}
const ext = new FakeUri('file', '/home/u/ext') as unknown as vscode.Uri;
const webview: WebviewLike = {
  cspSource: 'https://*.vscode-cdn.net',
  asWebviewUri: (u: vscode.Uri) => new FakeUri('https', `/webview${u.path}`) as unknown as vscode.Uri,
};

function csp(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return m[1]!;
}

describe('webviews: HTML builder and CSP', () => {
  it('has the strict policy with a nonce and nothing unsafe', () => {
    const html = buildHtml(webview, ext, 'hotRanges', 'Hot ranges', 'TESTNONCE');
    const policy = csp(html);
    assert.equal(
      policy,
      "default-src 'none'; script-src 'nonce-TESTNONCE'; style-src https://*.vscode-cdn.net 'nonce-TESTNONCE'; font-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net data:",
    );
    assert.doesNotMatch(html, /unsafe-(eval|inline)/);
    assert.doesNotMatch(policy, /https:(\s|;|$)/, 'no blanket https: source');
    assert.doesNotMatch(policy, /connect-src/, 'no connect-src: default none');
  });

  it('stamps the nonce on every script and stylesheet, and loads the bundle from dist/webviews', () => {
    const html = buildHtml(webview, ext, 'rangeDetails', 'Range details', 'N1');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]!, /nonce="N1"/);
    assert.match(scripts[0]!, /src="https:\/\/ext\/webview\/home\/u\/ext\/dist\/webviews\/rangeDetails\.js"/);
    assert.match(
      html,
      /<link rel="stylesheet" id="vscode-codicon-stylesheet" href="[^"]*\/dist\/codicons\/codicon\.css" nonce="N1">/,
    );
    assert.match(html, /<meta name="csp-nonce" content="N1">/);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /style="/, 'no inline style attributes');
  });

  it('makes a fresh, random, base64 nonce of 16 bytes each time', () => {
    const a = nonce();
    const b = nonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
    const h1 = buildHtml(webview, ext, 'hotRanges', 't');
    const h2 = buildHtml(webview, ext, 'hotRanges', 't');
    assert.notEqual(csp(h1), csp(h2));
  });

  it('never puts cluster strings into the HTML: the title is escaped', () => {
    for (const s of HOSTILE_STRINGS) {
      const html = buildHtml(webview, ext, 'hotRanges', s, 'N');
      if (/[<>"'&]/.test(s)) assert.ok(!html.includes(s), `raw ${JSON.stringify(s)} appears in the HTML`);
      assert.ok(html.includes(`<title>${escapeHtml(s)}</title>`));
    }
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('limits local resources to dist/ and media/ and does not retain hidden context', () => {
    assert.deepEqual(
      localResourceRoots(ext).map((u) => u.path),
      ['/home/u/ext/dist', '/home/u/ext/media'],
    );
    const o = webviewOptions(ext);
    assert.equal(o.enableScripts, true);
    assert.equal(o.retainContextWhenHidden, false);
    assert.equal(childUri(ext, 'a', 'b.js').path, '/home/u/ext/a/b.js');
    assert.equal(contentSecurityPolicy('src', 'n').split('; ')[0], "default-src 'none'");
  });

  describe('the l10n bundle', () => {
    const block = (html: string) =>
      /<script type="application\/json" id="l10n-bundle" nonce="([^"]*)">([^<]*)<\/script>/.exec(html);

    it('writes no bundle block when none is given (English)', () => {
      const html = buildHtml(webview, ext, 'hotRanges', 'Hot ranges', 'N');
      assert.doesNotMatch(html, /l10n-bundle/);
      assert.doesNotMatch(html, /application\/json/);
      assert.equal((html.match(/<script[^>]*>/g) ?? []).length, 1);
    });

    it('writes the bundle as a non-executed JSON block before the module script, CSP unchanged', () => {
      const contents = { 'Hot ranges': 'Heiße Ranges', 'Showing {0} of {1} ranges': '{0} von {1} Ranges' };
      const without = buildHtml(webview, ext, 'overview', 'Cluster overview', 'N2');
      const html = buildHtml(webview, ext, 'overview', 'Cluster overview', 'N2', contents);
      const m = block(html);
      assert.ok(m, 'an l10n-bundle data block');
      assert.equal(m[1], 'N2');
      assert.deepEqual(JSON.parse(m[2]!), contents);
      assert.ok(html.indexOf('id="l10n-bundle"') < html.indexOf('<script type="module"'), 'before the bundle');
      assert.equal(csp(html), csp(without));
      assert.doesNotMatch(html, /unsafe-(eval|inline)/);
      assert.equal(html.replace(`${m[0]}\n`, ''), without, 'nothing else changes');
      // The only scripts are the data block and the nonce'd module.
      const scripts = html.match(/<script[^>]*>/g) ?? [];
      assert.equal(scripts.length, 2);
      for (const t of scripts) assert.match(t, /nonce="N2"/);
    });

    it('escapes a hostile value so it cannot close the tag', () => {
      const hostile = {
        '</script><script>alert(1)</script>': '</SCRIPT><img src=x onerror=alert(1)><!-- & \u2028\u2029',
        ...Object.fromEntries(HOSTILE_STRINGS.map((s, i) => [`k${i}`, s])),
      };
      const html = buildHtml(webview, ext, 'hotRanges', 'Hot ranges', 'N3', hostile);
      const m = block(html);
      assert.ok(m, 'one intact data block');
      assert.doesNotMatch(m[2]!, /[<>&\u2028\u2029]/);
      assert.deepEqual(JSON.parse(m[2]!), hostile, 'round-trips exactly');
      assert.equal((html.match(/<\/script>/gi) ?? []).length, 2, 'only the two real closing tags');
      assert.doesNotMatch(html, /<img|<!--/i, 'no tag or comment opens inside the block');
      assert.equal(
        l10nBundleBlock({ a: '</script>' }, 'n'),
        '<script type="application/json" id="l10n-bundle" nonce="n">{"a":"\\u003c/script\\u003e"}</script>',
      );
    });
  });
});
