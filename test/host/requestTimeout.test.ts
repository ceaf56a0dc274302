// `cockroachdb.requestTimeout` changed while the explorer runs reaches the clients that
// already exist: a Cloud account's cached client and a cluster's client, each of which
// has answered once before the change. Neither is rebuilt for it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import { faultSim } from './faultsHelpers';
import { api, setClusters, simControl, sims } from './helpers';

const CLUSTER = sims().insecure;
const CLOUD = faultSim();
const cfg = () => vscode.workspace.getConfiguration('cockroachdb');
/** Longer than the 1 s timeout set below, much shorter than the 10 s default. */
const SLOW_MS = 4_000;

/** The rejection's kind and message. (The extension's ApiError is another bundle's class: no instanceof.) */
async function failure(p: Promise<unknown>): Promise<{ kind: unknown; message: string }> {
  try {
    await p;
  } catch (e) {
    return { kind: (e as { kind?: unknown }).kind, message: e instanceof Error ? e.message : String(e) };
  }
  throw new Error('expected the call to fail');
}

describe('a changed request timeout reaches existing clients', function () {
  this.timeout(60_000);
  let a: ExplorerApi;
  let savedClusters: unknown;

  before(async () => {
    a = await api();
    savedClusters = cfg().inspect('clusters')?.globalValue;
    await cfg().update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await simControl(CLUSTER, '/stall', { route: '' });
    await simControl(CLOUD, '/cloud/latency', { ms: '0' });
    await cfg().update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await cfg().update('clusters', savedClusters, vscode.ConfigurationTarget.Global);
  });

  it('a cached Cloud client gives up at the new timeout', async () => {
    const account = await a.cloud.add(CLOUD.cloudApiKey, CLOUD.cloudUrl);
    try {
      const client = await a.cloud.client(account);
      assert.ok(client, 'the account has a client');
      await client.getOrganization();
      await cfg().update('requestTimeout', 1, vscode.ConfigurationTarget.Global);
      assert.equal(await a.cloud.client(account), client, 'the same client is used after the change');
      await simControl(CLOUD, '/cloud/latency', { ms: String(SLOW_MS) });
      const err = await failure(client.getOrganization());
      assert.equal(err.kind, 'timeout', err.message);
      assert.match(err.message, /within 1000 ms/);
    } finally {
      await simControl(CLOUD, '/cloud/latency', { ms: '0' });
      await a.cloud.remove(account.id);
    }
  });

  it("a cluster's client gives up at the new timeout, and the cluster is not rebuilt for it", async () => {
    await setClusters([{ name: 'Timeout cluster', url: CLUSTER.clusterUrl }]);
    const [configured] = a.connections.configured();
    assert.ok(configured, 'the cluster is configured');
    const entry = a.connections.get(configured.id);
    assert.ok(entry, 'the cluster has a client');
    await entry.client.health(false);
    await cfg().update('requestTimeout', 1, vscode.ConfigurationTarget.Global);
    assert.equal(a.connections.get(configured.id), entry, 'the same entry and client after the change');
    // Stalled without end: only the client's own timeout can settle the call.
    await simControl(CLUSTER, '/stall', { route: 'health/' });
    const err = await failure(entry.client.health(false));
    assert.equal(err.kind, 'timeout', err.message);
    assert.match(err.message, /within 1000 ms/);
  });
});
