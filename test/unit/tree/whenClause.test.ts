import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  evaluateWhen,
  flagsRequired,
  mentionedWords,
  parseContextValue,
  viewItemPatterns,
} from '../../../src/tree/whenClause';

const VIEW = 'view == cockroachdb.explorer';
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
};
const rowMenus = manifest.contributes.menus['view/item/context']!;
const shown = (contextValue: string): string[] =>
  [
    ...new Set(
      rowMenus
        .filter((m) => m.when && evaluateWhen(m.when, { view: 'cockroachdb.explorer', viewItem: contextValue }))
        .map((m) => m.command),
    ),
  ].sort();

describe('when clauses of tree-row menus', () => {
  it('splits a context value into kind and flags', () => {
    assert.deepEqual(parseContextValue('node;console;address'), { kind: 'node', flags: ['console', 'address'] });
    assert.deepEqual(parseContextValue('pager'), { kind: 'pager', flags: [] });
  });

  it('matches a viewItem regex and the view together', () => {
    const when = `${VIEW} && viewItem =~ /;copyId(;|$)/`;
    assert.equal(evaluateWhen(when, { view: 'cockroachdb.explorer', viewItem: 'range;copyId' }), true);
    assert.equal(evaluateWhen(when, { view: 'cockroachdb.explorer', viewItem: 'range;copyIds' }), false);
    assert.equal(evaluateWhen(when, { view: 'other.view', viewItem: 'range;copyId' }), false);
    assert.equal(evaluateWhen(when, { view: 'cockroachdb.explorer' }), false, 'no viewItem, no match');
  });

  it('reads regexes with escapes, classes and flags, and != / ! / || / quoted values', () => {
    assert.equal(
      evaluateWhen('viewItem =~ /^(cluster|node)\\b.*;console(;|$)/', { viewItem: 'cluster;api;console' }),
      true,
    );
    assert.equal(
      evaluateWhen('viewItem =~ /^(cluster|node)\\b.*;console(;|$)/', { viewItem: 'clusterX;console' }),
      false,
    );
    assert.equal(evaluateWhen('viewItem =~ /[/;]x$/i', { viewItem: 'a;X' }), true);
    assert.equal(evaluateWhen("view != 'a' && !hidden", { view: 'b' }), true);
    assert.equal(evaluateWhen('view != a', { view: 'a' }), false);
    assert.equal(evaluateWhen('false || view == a', { view: 'a' }), true);
    assert.equal(evaluateWhen('false', {}), false);
  });

  it('throws on constructs it does not understand instead of guessing', () => {
    assert.throws(() => evaluateWhen('view in listOfViews', {}), /unsupported/);
    assert.throws(() => evaluateWhen('viewItem =~ /open', {}), /unterminated/);
    assert.throws(() => evaluateWhen('(view == a)', {}), /unsupported/);
  });

  it('lists the viewItem patterns and the words they mention, without regex escapes', () => {
    const [re] = viewItemPatterns(`${VIEW} && viewItem =~ /^session\\b.*;activeQuery(;|$)/`);
    assert.ok(re);
    assert.deepEqual([...mentionedWords(re)].sort(), ['activeQuery', 'session']);
  });

  it('finds the flags a clause depends on for a row, and none for a flag no pattern of this row uses', () => {
    const console = `${VIEW} && viewItem =~ /^(cluster|node)\\b.*;console(;|$)/`;
    const ctx = { view: 'cockroachdb.explorer' };
    assert.deepEqual(flagsRequired(console, 'node;console;copyId', ctx), ['console']);
    // The drift of issue 10: a Cloud cluster row set `console`, which this clause never matches.
    assert.deepEqual(flagsRequired(console, 'cloudCluster;copyId;console', ctx), []);
    // A clause matched by the kind alone depends on no flag.
    assert.deepEqual(flagsRequired(`${VIEW} && viewItem =~ /^table\\b/`, 'table;copyId', ctx), []);
  });

  it('every row-menu clause in package.json is understood and names the explorer view', () => {
    assert.ok(rowMenus.length > 0);
    for (const m of rowMenus) {
      assert.ok(m.when, `${m.command} has a when clause`);
      assert.equal(viewItemPatterns(m.when).length, 1, `${m.command}: one viewItem pattern in ${m.when}`);
      assert.equal(
        evaluateWhen(m.when, {
          view: 'other.view',
          viewItem: 'cluster;api;console;refreshable;copyId;address;signedIn',
        }),
        false,
      );
    }
  });

  it('shows the manifest’s menus on the rows the tree makes', () => {
    assert.deepEqual(shown('cloudCluster;copyId;plan-ADVANCED'), [
      'cockroachdb.copyConnectionString',
      'cockroachdb.copyId',
    ]);
    assert.deepEqual(shown('session;copyId;open'), ['cockroachdb.cancelSession', 'cockroachdb.copyId']);
    assert.ok(shown('session;copyId;open;activeQuery').includes('cockroachdb.cancelQuery'));
    assert.deepEqual(shown('pager'), []);
    assert.ok(shown('cloudAccount;refreshable;removable').includes('cockroachdb.remove'));
    assert.ok(
      !shown('cluster;api;console;refreshable;copyId;address;signedIn').includes('cockroachdb.remove'),
      'a Cloud cluster’s API row cannot be removed',
    );
  });
});
