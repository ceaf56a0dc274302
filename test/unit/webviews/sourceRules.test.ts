// Static checks over the webview sources: no HTML-string sinks anywhere in
// src/, no unsafe CSP keywords, host and app kept apart.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const SRC = join(__dirname, '..', '..', '..', 'src');

describe('webviews: source rules', () => {
  it('nothing in src/ writes HTML strings into the DOM', () => {
    const sinks = [
      'inner' + 'HTML',
      'outer' + 'HTML',
      'insertAdjacent' + 'HTML',
      'document.' + 'write',
      'createContextual' + 'Fragment',
    ];
    for (const f of files(SRC).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(f, 'utf8');
      for (const s of sinks) assert.ok(!text.includes(s), `${f} uses ${s}`);
    }
  });
  it('no unsafe-eval / unsafe-inline in the webview sources', () => {
    for (const f of files(join(SRC, 'webviews')))
      assert.doesNotMatch(readFileSync(f, 'utf8'), /unsafe-(eval|inline)/, f);
  });
  it('model/ and protocol/ import neither vscode nor the DOM', () => {
    for (const dir of ['model', 'protocol']) {
      for (const f of files(join(SRC, 'webviews', dir))) {
        const text = readFileSync(f, 'utf8');
        assert.doesNotMatch(text, /from 'vscode'/, f);
        assert.doesNotMatch(text, /\bdocument\.|\bwindow\./, f);
      }
    }
  });
  it('domain/ imports neither vscode, the DOM, Node built-ins nor anything outside domain/ and api/ models', () => {
    // Inside domain/ at any depth, or the API's model files (cluster/models, sql/models, metrics/types);
    // and the localisation library, which is plain functions over a message table.
    const allowed = (from: string, spec: string): boolean => {
      if (spec === '@vscode/l10n') return true;
      if (!spec.startsWith('.')) return false;
      const to = relative(SRC, resolve(dirname(from), spec))
        .split('\\')
        .join('/');
      return to.startsWith('domain/') || /^api\/(cluster\/models|sql\/models|metrics\/types)$/.test(to);
    };
    const domain = files(join(SRC, 'domain'));
    assert.ok(domain.length > 0);
    for (const f of domain) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /from 'vscode'/, f);
      assert.doesNotMatch(text, /\bdocument\.|\bwindow\.|\bHTML\w*Element\b/, f);
      assert.doesNotMatch(
        text,
        /from '(node:[^']+|fs|path|os|crypto|http|https|url|util|events|stream|buffer|child_process)'/,
        f,
      );
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) assert.ok(allowed(f, spec!), `${f}: ${spec}`);
    }
  });
  it('the app imports protocol types with `import type` (guards aside)', () => {
    let seen = 0;
    for (const f of files(join(SRC, 'webviews', 'app')).filter((x) => x.endsWith('.ts'))) {
      // Whole statements: the formatter spreads long imports over several lines.
      for (const m of readFileSync(f, 'utf8').matchAll(/^import\s[^;]*?from '(?:\.\.\/)+protocol\/[^']+';/gms)) {
        seen++;
        const statement = m[0].replace(/\s+/g, ' ');
        assert.ok(statement.startsWith('import type') || /\bis(HostToWebview)\b/.test(statement), `${f}: ${statement}`);
      }
    }
    assert.ok(seen > 0, 'the app imports the protocol somewhere');
  });
});
