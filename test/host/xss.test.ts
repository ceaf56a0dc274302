// The XSS corpus in the tree: the simulator plants script tags, onerror
// handlers, quotes, template syntax and RTL text in user names, application
// names, SQL, table and database names and event info. Every row must carry them
// as plain text: labels and descriptions verbatim, tooltips as MarkdownStrings
// that neither render HTML nor are trusted, user data appended as escaped text or
// inside a code block — never as live Markdown or HTML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HOSTILE_STRINGS } from '../../src/sim/data/hostile';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { api, setClusters } from './helpers';
import { allSims, labelOf, timedChildren, walk, type WalkedRow } from './faultsHelpers';

const sim = allSims().insecure!;
const NAME = 'XSS corpus';
const LIMIT_MS = 15_000;

/** Tooltip markdown outside fenced code blocks, and the fenced blocks' bodies. */
function splitFences(md: string): { prose: string; code: string[]; fencesBalanced: boolean } {
  const code: string[] = [];
  let prose = '';
  const lines = md.split('\n');
  let inFence = false;
  let current: string[] = [];
  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      if (inFence) code.push(current.join('\n'));
      current = [];
      inFence = !inFence;
      continue;
    }
    if (inFence) current.push(line);
    else prose += `${line}\n`;
  }
  return { prose, code, fencesBalanced: !inFence };
}

/** What a reader sees of text added with appendText: markdown escapes and &nbsp; undone. */
function unescapeText(md: string): string {
  return md
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!~<>|])/g, '$1')
    .replace(/\n\n/g, '\n');
}

interface Hit {
  where: 'label' | 'description' | 'tooltip text' | 'tooltip code';
  row: string;
  hostile: string;
}

describe('XSS corpus in the tree', function () {
  this.timeout(120_000);
  let a: ExplorerApi;
  let saved: unknown;
  const rows: WalkedRow[] = [];
  const hits: Hit[] = [];

  async function section(name: string): Promise<TreeNode> {
    const { rows: roots } = await timedChildren(a, undefined, LIMIT_MS);
    const cluster = roots.find((r) => labelOf(a, r) === NAME);
    assert.ok(cluster, 'the cluster row');
    const { rows: sections } = await timedChildren(a, cluster, LIMIT_MS);
    const s = sections.find((r) => labelOf(a, r) === name);
    assert.ok(s, `section ${name}`);
    return s;
  }

  function check(rowsOf: WalkedRow[]): void {
    for (const r of rowsOf) {
      const t = r.item.tooltip;
      if (t instanceof vscode.MarkdownString) {
        assert.equal(t.supportHtml, false, `${r.path}: tooltip renders no HTML`);
        assert.ok(!t.isTrusted, `${r.path}: tooltip is not trusted (no command links)`);
        const { prose, code, fencesBalanced } = splitFences(t.value);
        assert.ok(fencesBalanced, `${r.path}: a value closed a code fence early: ${t.value}`);
        assert.doesNotMatch(prose, /\]\(\s*(javascript|command):/i, `${r.path}: no javascript:/command: links`);
        for (const h of HOSTILE_STRINGS) {
          // A `>` appended as text is escaped, so raw markup cannot appear outside code.
          if (h.includes('>'))
            assert.ok(!prose.includes(h), `${r.path}: "${h}" is in the tooltip as live markdown: ${t.value}`);
          if (unescapeText(prose).includes(h)) hits.push({ where: 'tooltip text', row: r.path, hostile: h });
          if (code.some((c) => c.includes(h))) hits.push({ where: 'tooltip code', row: r.path, hostile: h });
        }
      } else if (typeof t === 'string') {
        for (const h of HOSTILE_STRINGS)
          if (t.includes(h)) hits.push({ where: 'tooltip text', row: r.path, hostile: h });
      }
      assert.equal(typeof r.item.label === 'string' || typeof r.item.label === 'object', true);
      for (const h of HOSTILE_STRINGS) {
        if (r.label.includes(h)) hits.push({ where: 'label', row: r.path, hostile: h });
        if (r.description.includes(h)) hits.push({ where: 'description', row: r.path, hostile: h });
      }
      const aria = r.item.accessibilityInformation?.label ?? '';
      assert.doesNotMatch(
        aria,
        /&lt;|&gt;|&amp;/,
        `${r.path}: the screen-reader label is plain text, not HTML-escaped`,
      );
    }
  }

  before(async () => {
    a = await api();
    saved = vscode.workspace.getConfiguration('cockroachdb').inspect('clusters')?.globalValue;
    await setClusters([{ name: NAME, url: sim.clusterUrl }]);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('cockroachdb').update('clusters', saved, vscode.ConfigurationTarget.Global);
    const by = new Map<string, number>();
    for (const h of hits) by.set(h.where, (by.get(h.where) ?? 0) + 1);
    console.log(
      `XSS corpus in the tree: ${rows.length} rows walked, ${hits.length} hostile values shown as text (${[...by].map(([k, v]) => `${k} ${v}`).join(', ')})`,
    );
  });

  it('sessions carry hostile user names, application names and SQL as text', async () => {
    const got = await walk(a, await section('Sessions'), 1, { limitMs: LIMIT_MS });
    rows.push(...got);
    const before = hits.length;
    check(got);
    const mine = hits.slice(before);
    assert.ok(
      mine.some((h) => h.where === 'label' || h.where === 'description'),
      `a hostile user or application name shows in a session row: ${got.map((r) => r.label).join(' | ')}`,
    );
    assert.ok(
      mine.some((h) => h.where === 'tooltip code' || h.where === 'tooltip text'),
      'hostile SQL shows in a session tooltip',
    );
  });

  it('databases and tables with hostile names are plain labels, CREATE statements in code blocks', async () => {
    const dbs = await section('Databases');
    const got = await walk(a, dbs, 2, { limitMs: LIMIT_MS });
    // Load the table details (CREATE statement) of the hostile tables, then re-read their rows.
    const hostileTables = got.filter((r) => HOSTILE_STRINGS.some((h) => r.label.includes(h)));
    assert.ok(
      hostileTables.length > 0,
      `a database or table with a hostile name: ${got.map((r) => r.label).join(' | ')}`,
    );
    for (const r of hostileTables) {
      if (r.item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await timedChildren(a, r.node, LIMIT_MS);
    }
    const again = await walk(a, dbs, 3, { limitMs: LIMIT_MS });
    rows.push(...again);
    const before = hits.length;
    check(again);
    assert.ok(
      hits.slice(before).some((h) => h.where === 'label'),
      'the hostile names are labels, verbatim',
    );
  });

  it('events carry hostile statements and names in tooltips as text or code', async () => {
    const got = await walk(a, await section('Events'), 1, { limitMs: LIMIT_MS });
    rows.push(...got);
    const before = hits.length;
    check(got);
    assert.ok(
      hits.slice(before).some((h) => h.where.startsWith('tooltip') || h.where === 'description'),
      `an event shows hostile info: ${got
        .slice(0, 5)
        .map((r) => `${r.label} ${r.description}`)
        .join(' | ')}`,
    );
  });

  it('hot ranges and nodes render their rows as text', async () => {
    const hot = await walk(a, await section('Hot ranges'), 1, { limitMs: LIMIT_MS });
    const nodes = await walk(a, await section('Nodes'), 1, { limitMs: LIMIT_MS });
    assert.ok(
      hot.some((r) => /^r\d+$/.test(r.label)),
      hot.map((r) => r.label).join(' | '),
    );
    assert.ok(nodes.some((r) => /^n\d+ /.test(r.label)));
    rows.push(...hot, ...nodes);
    check([...hot, ...nodes]);
  });

  it('the checks above can fail: an unescaped tooltip is caught', () => {
    // The same check against a tooltip built the wrong way must throw.
    const bad = new vscode.MarkdownString(`**${HOSTILE_STRINGS[0]!}**`);
    const fake: WalkedRow = {
      node: rows[0]!.node,
      path: 'probe',
      item: Object.assign(new vscode.TreeItem('probe'), { tooltip: bad }),
      label: 'probe',
      description: '',
      tooltip: bad.value,
    };
    assert.throws(() => check([fake]));
    const html = new vscode.MarkdownString('x');
    html.supportHtml = true;
    assert.throws(() => check([{ ...fake, item: Object.assign(new vscode.TreeItem('probe'), { tooltip: html }) }]));
  });
});
