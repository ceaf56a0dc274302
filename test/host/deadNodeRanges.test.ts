// The ranges of a node that is down: the server answers 500 after its own dial
// timeout; the tree says in plain words that the node did not answer, with Retry.
import * as assert from 'node:assert/strict';
import type { ExplorerApi } from '../../src/extension';
import { api, child, children, label, setClusters, sims } from './helpers';

const s = sims();
const NAME = 'Dead node sim';

describe('ranges of a down node', function () {
  this.timeout(60_000);
  let a: ExplorerApi;

  before(async () => {
    a = await api();
    await setClusters([{ name: NAME, url: s.insecure.clusterUrl }]);
  });

  after(async () => {
    await setClusters([]);
  });

  it('shows "node n4 did not answer" with Retry, not a generic HTTP 500', async () => {
    const nodes = await child(a, await child(a, undefined, NAME), 'Nodes');
    const n4 = await child(a, nodes, /^n4 /);
    const rows = await children(a, await child(a, n4, 'Ranges'));
    assert.equal(rows.length, 1, rows.map((r) => label(a, r)).join(' | '));
    const row = a.tree.getTreeItem(rows[0]!);
    assert.match(label(a, rows[0]!), /Node n4 did not answer/);
    assert.doesNotMatch(label(a, rows[0]!), /HTTP 500|internal server error/i);
    assert.equal(row.command?.command, 'cockroachdb.retry');
  });
});
