// Localisable text: the manifest's strings come from package.nls.json, and the product's
// user-facing text goes through l10n.t (test/unit/support/l10nScan.ts says what counts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { productFiles, scanFiles, scanSource } from './support/l10nScan';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The manifest's user-facing fields, as [where, value] pairs. */
function manifestTexts(manifest: Record<string, Json>): Array<[string, Json]> {
  const out: Array<[string, Json]> = [];
  const pick = (where: string, obj: Json | undefined, fields: readonly string[]): void => {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const f of fields) if (f in obj) out.push([`${where}.${f}`, obj[f]!]);
  };
  const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
  const record = (v: Json | undefined): Record<string, Json> =>
    v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  pick('manifest', manifest, ['displayName', 'description']);
  pick('untrustedWorkspaces', record(record(manifest.capabilities).untrustedWorkspaces), ['description']);
  const c = record(manifest.contributes);
  for (const cont of Object.values(record(c.viewsContainers)))
    for (const v of list(cont)) pick('viewsContainer', v, ['title']);
  for (const views of Object.values(record(c.views)))
    for (const v of list(views)) pick('view', v, ['name', 'contextualTitle']);
  for (const w of list(c.viewsWelcome)) pick('viewsWelcome', w, ['contents']);
  for (const cmd of list(c.commands))
    pick(`command ${String(record(cmd).command)}`, cmd, ['title', 'shortTitle', 'category']);
  for (const w of list(c.walkthroughs)) {
    pick('walkthrough', w, ['title', 'description']);
    for (const s of list(record(w).steps)) {
      pick(`step ${String(record(s).id)}`, s, ['title', 'description']);
      pick(`step ${String(record(s).id)} media`, record(s).media, ['altText']);
    }
  }
  const settings = (where: string, props: Record<string, Json>): void => {
    for (const [key, p] of Object.entries(props)) {
      pick(`${where}${key}`, p, [
        'description',
        'markdownDescription',
        'deprecationMessage',
        'markdownDeprecationMessage',
      ]);
      for (const f of ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels'])
        list(record(p)[f]).forEach((v, i) => out.push([`${where}${key}.${f}[${i}]`, v]));
      settings(`${key}.`, record(record(p).properties));
      settings(`${key}[].`, record(record(record(p).items).properties));
    }
  };
  const conf = c.configuration;
  for (const cf of Array.isArray(conf) ? conf : [conf ?? {}]) {
    pick('configuration', cf, ['title']);
    settings('', record(record(cf).properties));
  }
  return out;
}

describe('localisable text', () => {
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as Record<string, Json>;
  const nls = JSON.parse(fs.readFileSync('package.nls.json', 'utf8')) as Record<string, string>;

  it('the manifest names every user-facing string by a key of package.nls.json, and uses every key', () => {
    const texts = manifestTexts(manifest);
    assert.ok(texts.length > 100, `only ${texts.length} manifest strings found: the walk above missed some`);
    const used = new Set<string>();
    const literal = texts.filter(([, v]) => typeof v !== 'string' || !/^%[^%]+%$/.test(v));
    assert.deepEqual(literal, [], 'manifest strings written in place rather than as %key%');
    for (const [where, v] of texts) {
      const key = (v as string).slice(1, -1);
      assert.ok(key in nls, `${where}: ${key} is not in package.nls.json`);
      used.add(key);
    }
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'keys of package.nls.json the manifest does not use',
    );
    for (const [k, v] of Object.entries(nls)) assert.ok(typeof v === 'string' && v.trim() !== '', `${k} is empty`);
  });

  it('the .vsix ships package.nls.json', () => {
    const ignore = fs.readFileSync('.vscodeignore', 'utf8').split('\n');
    assert.ok(ignore.includes('!package.nls.json'), '.vscodeignore leaves out package.nls.json');
  });

  it('every user-facing string in src/ (the simulator aside) goes through l10n.t', () => {
    const files = productFiles('src');
    assert.ok(files.length > 150 && files.some((f) => f.includes('webviews/app')), 'the scan found too few files');
    assert.ok(!files.some((f) => f.startsWith('src/sim/')), 'the simulator is not product text');
    const findings = scanFiles(files);
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.why}: ${JSON.stringify(f.text)}`),
      [],
      'user-facing text outside l10n.t (wrap it, or mark a line that is not user-facing with `l10n-ignore: why`)',
    );
  });

  describe('the scanner', () => {
    const found = (code: string) => scanSource('x.ts', code).map((f) => f.text);

    it('finds a message, a prompt, a label and an error a person would read', () => {
      assert.deepEqual(
        found(`
          void vscode.window.showInformationMessage('Cluster added');
          void ui.input({ prompt: 'Address of a node', title: 'Add' });
          const item = { label: 'Nodes' };
          throw new Error(\`Node \${id} did not answer\`);
        `),
        ['Cluster added', 'Address of a node', 'Add', 'Nodes', 'Node {} did not answer'],
      );
    });

    it('accepts l10n.t, the log, SQL, comparisons, ids, and lines marked l10n-ignore', () => {
      assert.deepEqual(
        found(`
          void vscode.window.showInformationMessage(vscode.l10n.t('Cluster {0} added', name));
          const label = l10n.t('Nodes');
          this.log.warn(\`refresh of \${id} failed twice\`);
          const q = 'SELECT node_id FROM crdb_internal.gossip_nodes WHERE is_live';
          if (e.message === 'session expired or invalid') retry();
          const color = new vscode.ThemeColor('editorWarning.foreground');
          const row = { class: 'grid-row muted', 'data-testid': 'hot row' };
          // l10n-ignore: the protocol's own wording
          const reason = 'not a blocking session';
        `),
        [],
      );
    });

    it('insists the message of l10n.t is a plain string', () => {
      const findings = scanSource('x.ts', 'vscode.l10n.t(`Cluster ${name} added`);');
      assert.equal(findings.length, 1);
      assert.match(findings[0]!.why, /plain string/);
    });
  });
});
