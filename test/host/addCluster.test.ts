// The first connection (issue 16): Add Cluster probes the address before anything is
// saved and says what answered; a certificate it cannot verify is named, and the CA file
// is chosen in the open dialog right there; a secure cluster goes on to Sign In; a copied
// DB Console URL or a postgresql:// connection string is turned into the right address;
// Change CA File… on a cluster row rewrites that entry and reconnects.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { faultSim, simInfo } from './faultsHelpers';
import { admin, api, child, children, label, ScriptedPrompter, setClusters, sims, type SimInfo } from './helpers';
import { originOf } from './menusHelpers';

type Entry = { name: string; url: string; caFile?: string; skipTlsVerify?: boolean };

function entries(scope: 'globalValue' | 'workspaceValue' = 'globalValue'): Entry[] {
  return (vscode.workspace.getConfiguration('cockroachdb').inspect<Entry[]>('clusters')?.[scope] ?? []) as Entry[];
}

function entryOf(origin: string): Entry | undefined {
  return entries().find((e) => originOf(e.url) === origin);
}

/** Every prompt and placeholder the flow showed, for what it said along the way. */
function shown(p: ScriptedPrompter): string {
  return p.options
    .map((o) => ('prompt' in o ? (o.prompt ?? '') : '') + ' ' + ('placeHolder' in o ? (o.placeHolder ?? '') : ''))
    .join('\n');
}

async function addCluster(a: ExplorerApi, p: ScriptedPrompter): Promise<string | undefined> {
  a.ui.use(p);
  return vscode.commands.executeCommand<string | undefined>('cockroachdb.addCluster');
}

describe('Add Cluster: the first connection', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let secure: SimInfo;
  let insecure: SimInfo;

  before(async () => {
    a = await api();
    ({ secure, insecure } = sims());
    await setClusters([]);
  });

  afterEach(async () => {
    a.ui.reset();
    for (const e of a.connections.all()) if (a.auth.token(e.id)) await a.auth.signOut(e);
    await setClusters([]);
  });

  it('an insecure cluster: the probe says version and insecure in the name step, no sign-in follows', async () => {
    const p = new ScriptedPrompter([insecure.clusterUrl, 'First insecure']);
    const origin = await addCluster(a, p);
    assert.equal(origin, originOf(insecure.clusterUrl), p.asked.join(' / '));
    assert.deepEqual(p.asked, ['input:Add Cluster: address', 'input:Add Cluster: name']);
    assert.match(shown(p), /Found CockroachDB v23\.\S+ · insecure \(plain http\): no sign-in needed/);
    assert.deepEqual(entryOf(origin!), { name: 'First insecure', url: origin });
    await child(a, undefined, 'First insecure');
  });

  it('a self-signed TLS cluster without its CA: the reason, the CA chosen in the dialog, saved with it, then sign-in', async () => {
    const u = admin(secure);
    const p = new ScriptedPrompter(
      [secure.clusterUrl, 'First secure', u.username, u.password],
      ['Choose CA file…', "Don't remember the password"],
    );
    p.files.push(secure.caFile!);
    const origin = await addCluster(a, p);
    assert.equal(origin, originOf(secure.clusterUrl), p.asked.join(' / '));
    assert.deepEqual(p.asked, [
      'input:Add Cluster: address',
      'pick:Add Cluster: the certificate is signed by an unknown CA',
      `dialog:CA certificate of ${origin}`,
      'input:Add Cluster: name',
      'input:Sign in to First secure',
      `input:Sign in to First secure as ${u.username}`,
      'pick:Sign in to First secure',
    ]);
    assert.match(shown(p), /UNABLE_TO_VERIFY_LEAF_SIGNATURE/, 'the named reason is shown with its code');
    const dialog = p.options.find((o): o is vscode.OpenDialogOptions => 'filters' in o);
    assert.deepEqual(dialog?.filters?.['CA certificates (PEM)'], ['crt', 'pem']);
    assert.equal(dialog?.canSelectMany, false);
    assert.match(shown(p), /Found CockroachDB v25\.2\.4 · secure: sign-in comes next/);
    assert.equal(entryOf(origin!)?.caFile, secure.caFile);
    assert.ok(a.auth.token(origin!), 'signed in straight after saving');
    const sections = (await children(a, await child(a, undefined, 'First secure'))).map((n) => label(a, n));
    assert.ok(sections.includes('Nodes'), `the tree shows the signed-in cluster: ${sections.join(', ')}`);
  });

  it('a dismissed dialog asks again; giving up saves nothing', async () => {
    const p = new ScriptedPrompter([secure.clusterUrl], ['Choose CA file…']); // dialog dismissed, then the pick too
    assert.equal(await addCluster(a, p), undefined);
    assert.deepEqual(p.asked.slice(1), [
      'pick:Add Cluster: the certificate is signed by an unknown CA',
      `dialog:CA certificate of ${originOf(secure.clusterUrl)}`,
      'pick:Add Cluster: the certificate is signed by an unknown CA',
    ]);
    assert.deepEqual(entries(), []);
  });

  it('skipping verification is a warned, explicit choice saved for that cluster only', async () => {
    const p = new ScriptedPrompter([secure.clusterUrl, 'Unverified'], ['Skip verification…'], undefined, true);
    const origin = await addCluster(a, p); // the sign-in that follows is dismissed
    assert.ok(origin, p.asked.join(' / '));
    assert.ok(p.asked.includes(`confirm:Skip certificate verification for ${origin}?`), p.asked.join(' / '));
    assert.ok(p.asked.includes('input:Sign in to Unverified'), 'sign-in follows');
    assert.deepEqual(entryOf(origin!), { name: 'Unverified', url: origin, skipTlsVerify: true });
  });

  it('the CA of a host-name mismatch does not help: the next reason is named, and the person can give up', async () => {
    const wrongHost = (await simInfo(faultSim())).tlsFaults?.wrongHost;
    assert.ok(wrongHost, 'sims.faults runs a --tls-fault wrongHost server');
    const p = new ScriptedPrompter([wrongHost.url], ['Choose CA file…']);
    p.files.push(wrongHost.caFile);
    assert.equal(await addCluster(a, p), undefined);
    assert.deepEqual(p.asked.slice(1), [
      'pick:Add Cluster: the certificate is signed by an unknown CA',
      `dialog:CA certificate of ${originOf(wrongHost.url)}`,
      'pick:Add Cluster: the certificate is for another host name',
    ]);
    assert.match(shown(p), /wrong-host\.sim\.invalid/);
    assert.deepEqual(entries(), []);
  });

  it('a copied DB Console URL with a #/… page is accepted, and what was left out is said', async () => {
    const p = new ScriptedPrompter([`${insecure.clusterUrl}/#/overview/list`, 'From the browser']);
    const origin = await addCluster(a, p);
    assert.equal(origin, originOf(insecure.clusterUrl), p.asked.join(' / '));
    assert.match(shown(p), /Using http:\/\/127\.0\.0\.1:\d+ — the DB Console page \(#\/overview\/list\) is left out/);
    assert.equal(entryOf(origin!)?.url, origin);
  });

  it('a postgresql:// connection string: the DB Console port assumed and said, its CA used, its password never kept', async () => {
    const u = admin(secure);
    const conn = `postgresql://${u.username}:hunter2@db1.invalid:26257/defaultdb?sslmode=verify-full&sslrootcert=${encodeURIComponent(secure.caFile!)}`;
    // db1.invalid:8080 does not resolve: the address is edited to the node's, keeping the connection string's CA.
    const p = new ScriptedPrompter(
      [conn, secure.clusterUrl, 'From psql', u.username, u.password],
      ['Edit the address…', "Don't remember the password"],
    );
    const origin = await addCluster(a, p);
    assert.equal(origin, originOf(secure.clusterUrl), p.asked.join(' / '));
    const text = shown(p);
    assert.match(text, /Cannot resolve host name "db1\.invalid"/);
    assert.equal(p.asked[1], 'pick:Add Cluster: the host name is unknown');
    assert.equal(entryOf(origin!)?.caFile, secure.caFile, "the connection string's sslrootcert is the CA file");
    const userStep = p.options.find(
      (o) => 'title' in o && o.title === 'Sign in to From psql',
    ) as vscode.InputBoxOptions;
    assert.equal(userStep?.value, u.username, "sign-in suggests the connection string's user");
    assert.ok(a.auth.token(origin!), 'signed in');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('cockroachdb').inspect('clusters'));
    assert.ok(!settings.includes('hunter2'), 'the password is in no setting');
  });

  it('nothing answers: Add it anyway saves it, says what was assumed and asks for no sign-in', async () => {
    const p = new ScriptedPrompter(
      ['postgresql://root@db1.invalid:26258/defaultdb?sslmode=disable', 'Not yet up'],
      ['Add it anyway'],
    );
    const origin = await addCluster(a, p);
    assert.equal(origin, 'http://db1.invalid:8080', p.asked.join(' / '));
    assert.deepEqual(p.asked, [
      'input:Add Cluster: address',
      'pick:Add Cluster: the host name is unknown',
      'input:Add Cluster: name',
    ]);
    const text = shown(p);
    assert.match(
      text,
      /Nothing usable answered at http:\/\/db1\.invalid:8080 \(the host name is unknown\); it is saved anyway/,
    );
    assert.match(text, /Using http:\/\/db1\.invalid:8080 — the DB Console port of the node in the connection string/);
    assert.deepEqual(entryOf(origin!), { name: 'Not yet up', url: origin });
  });
});

describe('Change CA File… on a cluster row', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let secure: SimInfo;
  let origin: string;
  const NAME = 'CA change';

  before(async () => {
    a = await api();
    secure = sims().secure;
    origin = originOf(secure.clusterUrl);
  });

  afterEach(async () => {
    a.ui.reset();
    await setClusters([]);
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder)
      await vscode.workspace
        .getConfiguration('cockroachdb')
        .update('clusters', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('picks the file in a dialog filtered to certificates, rewrites the entry and reconnects', async () => {
    await setClusters([{ name: NAME, url: secure.clusterUrl, caFile: '/nonexistent/ca.crt' }]);
    const before = (await children(a, await child(a, undefined, NAME))).map((n) => label(a, n)).join(' | ');
    assert.match(before, /could not be read/, `the missing CA file shows: ${before}`);
    const p = new ScriptedPrompter([], ['Choose CA file…']);
    p.files.push(secure.caFile!);
    a.ui.use(p);
    assert.equal(
      await vscode.commands.executeCommand('cockroachdb.changeCaFile', await child(a, undefined, NAME)),
      secure.caFile,
    );
    assert.deepEqual(p.asked.slice(0, 2), [`pick:CA file of ${NAME}`, `dialog:CA file of ${NAME}`]);
    const dialog = p.options.find((o): o is vscode.OpenDialogOptions => 'filters' in o);
    assert.deepEqual(dialog?.filters?.['CA certificates (PEM)'], ['crt', 'pem']);
    assert.equal(dialog?.defaultUri?.fsPath, '/nonexistent/ca.crt', 'the dialog opens where the current file is');
    assert.equal(entryOf(origin)?.caFile, secure.caFile);
    const entry = a.connections.get(origin);
    assert.equal(entry?.config.caFile, secure.caFile, 'the connection was rebuilt');
    const after = (await children(a, await child(a, undefined, NAME))).map((n) => label(a, n)).join(' | ');
    assert.match(after, new RegExp(`^Sign in to ${NAME}`), `the CA file is read now: ${after}`);
    // Signing in goes over TLS verified against the chosen CA.
    const u = admin(secure);
    a.ui.use(new ScriptedPrompter([u.username, u.password], ["Don't remember the password"]));
    assert.equal(await a.auth.signIn(entry!), true);
    await a.auth.signOut(entry!);
  });

  it('None clears the CA file', async () => {
    await setClusters([{ name: NAME, url: secure.clusterUrl, caFile: secure.caFile! }]);
    a.ui.use(new ScriptedPrompter([], ['None']));
    assert.equal(await vscode.commands.executeCommand('cockroachdb.changeCaFile', await child(a, undefined, NAME)), '');
    assert.deepEqual(entryOf(origin), { name: NAME, url: secure.clusterUrl });
  });

  it('choosing a CA turns a skipTlsVerify off', async () => {
    await setClusters([{ name: NAME, url: secure.clusterUrl, skipTlsVerify: true }]);
    const p = new ScriptedPrompter([], ['Choose CA file…']);
    p.files.push(secure.caFile!);
    a.ui.use(p);
    await vscode.commands.executeCommand('cockroachdb.changeCaFile', await child(a, undefined, NAME));
    assert.deepEqual(entryOf(origin), { name: NAME, url: secure.clusterUrl, caFile: secure.caFile });
    assert.ok(
      p.asked.some((q) => /verification is on again/.test(q)),
      p.asked.join(' / '),
    );
  });

  it('rewrites the entry in the settings layer it came from', async function () {
    if (!vscode.workspace.workspaceFolders?.length || !vscode.workspace.isTrusted) {
      // Only the user's settings are read then: the global entry is the one rewritten.
      await setClusters([{ name: NAME, url: secure.clusterUrl }]);
    } else {
      await vscode.workspace
        .getConfiguration('cockroachdb')
        .update('clusters', [{ name: NAME, url: secure.clusterUrl }], vscode.ConfigurationTarget.Workspace);
    }
    const scope = entries('workspaceValue').length ? 'workspaceValue' : 'globalValue';
    const p = new ScriptedPrompter([secure.caFile!], ['Type a path…']);
    a.ui.use(p);
    await vscode.commands.executeCommand('cockroachdb.changeCaFile', await child(a, undefined, NAME));
    assert.equal(entries(scope)[0]?.caFile, secure.caFile, `${scope} holds the new CA file`);
    if (scope === 'workspaceValue') assert.deepEqual(entries('globalValue'), [], 'the user settings are untouched');
  });

  it('a plain-http cluster has no certificate to verify, and says so', async () => {
    const { insecure } = sims();
    await setClusters([{ name: NAME, url: insecure.clusterUrl }]);
    const p = new ScriptedPrompter();
    a.ui.use(p);
    assert.equal(
      await vscode.commands.executeCommand('cockroachdb.changeCaFile', await child(a, undefined, NAME)),
      undefined,
    );
    assert.match(p.asked[0] ?? '', /uses plain http: there is no certificate to verify/);
  });
});
