// A session that expires while many requests are in flight raises exactly one
// re-sign-in prompt for that cluster; after signing in, every request is retried.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { ClusterClient } from '../../src/api/cluster/client';
import type { ExplorerApi } from '../../src/extension';
import { admin, api, ScriptedPrompter, setClusters, sims } from './helpers';

const s = sims();
const origin = (u: string) => {
  const x = new URL(u);
  return `${x.protocol}//${x.hostname}:${x.port || '8080'}`;
};

describe('re-sign-in after a session expires', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  const id = origin(s.tls.clusterUrl);
  const ca = () => fs.readFileSync(s.tls.caFile!, 'utf8');

  before(async () => {
    a = await api();
    await setClusters([{ name: 'Reauth sim', url: s.tls.clusterUrl, caFile: s.tls.caFile! }]);
    const user = admin(s.tls);
    a.ui.use(new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]));
    assert.equal(await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', id), true);
  });

  after(() => {
    a.ui.reset();
  });

  it('many concurrent 401s raise one prompt, then the requests are retried', async () => {
    const stale = a.auth.token(id);
    assert.ok(stale, 'signed in');
    // Revoke the extension's session behind its back: every request now gets 401.
    await new ClusterClient({ baseUrl: s.tls.clusterUrl, caPem: ca(), session: { getToken: () => stale } }).logout();
    const user = admin(s.tls);
    const p = new ScriptedPrompter([user.username, user.password], ["Don't remember the password"], 'Sign In');
    a.ui.use(p);
    const entry = a.connections.get(id)!;
    const results = await Promise.all(Array.from({ length: 6 }, () => entry.client.nodesPage({ limit: 2 })));
    assert.ok(results.every((r) => r.items.length === 2));
    assert.equal(p.asked.filter((q) => q.startsWith('warn:')).length, 1, p.asked.join(' / '));
    assert.notEqual(a.auth.token(id), stale);
  });

  it('with the password remembered, signs in again silently', async () => {
    const user = admin(s.tls);
    a.ui.use(new ScriptedPrompter([user.username, user.password], ['Remember the password for automatic re-sign-in']));
    assert.equal(await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', id), true);
    const stale = a.auth.token(id)!;
    await new ClusterClient({ baseUrl: s.tls.clusterUrl, caPem: ca(), session: { getToken: () => stale } }).logout();
    const p = new ScriptedPrompter();
    a.ui.use(p);
    const page = await a.connections.get(id)!.client.nodesPage({ limit: 1 });
    assert.equal(page.items.length, 1);
    assert.deepEqual(p.asked, [], 'no question asked');
    await vscode.commands.executeCommand('cockroachdb.signOut', id);
  });
});
