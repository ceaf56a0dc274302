// The status-bar item for the active cluster in each state: healthy, degraded
// (a node down, or the node not ready), unreachable, signed out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { admin, api, ScriptedPrompter, setClusters, simControl, sims } from './helpers';

const all = sims();
const origin = (u: string) => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

describe('status-bar health', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  // appendText turns spaces into &nbsp;, so compare the tooltip's words.
  const tipText = () => (a.status.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ');

  before(async () => {
    a = await api();
    await setClusters([
      { name: 'Status secure', url: all.secure.clusterUrl, caFile: all.secure.caFile! },
      { name: 'Status insecure', url: all.insecure.clusterUrl },
      { name: 'Status nowhere', url: 'http://127.0.0.1:9' },
    ]);
  });

  after(async () => {
    a.ui.reset();
    await simControl(all.secure, '/down-nodes', { ids: '' });
    await simControl(all.secure, '/not-ready', { on: '0' });
    await vscode.commands.executeCommand('cockroachdb.signOut', origin(all.secure.clusterUrl));
    await setClusters([]);
  });

  it('says signed out for a secure cluster nobody signed in to, without asking it', async () => {
    await vscode.commands.executeCommand('cockroachdb.signOut', origin(all.secure.clusterUrl));
    await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', origin(all.secure.clusterUrl));
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'signedOut');
    assert.match(a.status.item.text, /^\$\(error\) Status secure signed out/);
  });

  it('is healthy with live/total nodes once signed in', async () => {
    const u = admin(all.secure);
    a.ui.use(new ScriptedPrompter([u.username, u.password], ["Don't remember the password"]));
    await vscode.commands.executeCommand('cockroachdb.signIn', origin(all.secure.clusterUrl));
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'healthy', JSON.stringify(h));
    assert.match(a.status.item.text, /^\$\(pass\) Status secure 9\/9 live$/);
    assert.match(tipText(), /draining|decommissioning/, 'nodes an operator is working on are listed');
    assert.match(tipText(), /Last checked/);
  });

  it('turns degraded when a node goes down, names the rule that fires and lists the dead node', async () => {
    await simControl(all.secure, '/down-nodes', { ids: '3' });
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'degraded');
    assert.equal(h?.summary.includes('under-replicated'), true, h?.summary);
    assert.match(a.status.item.text, /^\$\(warning\) Status secure · \d+ under-replicated ranges? \+1$/);
    assert.equal(h?.live, 8);
    assert.match(tipText(), /n3 dead/);
    await simControl(all.secure, '/down-nodes', { ids: '' });
  });

  it('turns degraded when the node answering is not ready', async () => {
    await simControl(all.secure, '/not-ready', { on: '1' });
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'degraded', 'a gateway that is not ready still answers: a warning');
    assert.match(h!.details.join(), /not ready/);
    await simControl(all.secure, '/not-ready', { on: '0' });
  });

  it('is unreachable when nothing answers', async () => {
    await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', 'http://127.0.0.1:9');
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'unreachable');
    assert.match(a.status.item.text, /^\$\(error\) Status nowhere unreachable/);
  });

  it('an insecure cluster needs no sign-in for its health', async () => {
    await vscode.commands.executeCommand('cockroachdb.selectActiveCluster', origin(all.insecure.clusterUrl));
    const h = await a.status.checkNow();
    assert.equal(h?.state, 'degraded', 'the insecure simulator runs with node 4 down');
    assert.match(a.status.item.text, /^\$\(warning\) Status insecure · /);
    assert.equal(`${h?.live}/${h?.total}`, '4/5');
    assert.match(tipText(), /n4 dead/);
  });
});
