// The fault matrix: each failure a cluster, the network or the Cloud API can
// produce, injected into a dedicated simulator (sims.faults in e2e/run-host.mjs),
// and what the person looking at the explorer then sees. For every fault: an error
// row with Retry (or a sign-in row) whose text names the problem, the rest of the
// tree still loads, every getChildren settles within the request timeout plus
// slack, and no promise rejection goes unhandled. Prints a table of fault → behaviour.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { admin, api, nonAdmin, ScriptedPrompter, setClusters, simControl } from './helpers';
import { allSims, faultSim, labelOf, simInfo, timedChildren } from './faultsHelpers';

const F = faultSim();
const NEIGHBOUR_SIM = allSims().insecure!;
const FAULTS = 'Faults sim';
const NO_CA = 'Faults sim without its CA file';
const NEIGHBOUR = 'Healthy neighbour';
const REFUSED = 'Refusing cluster';
const NO_DNS = 'Unresolvable cluster';
const WRONG_HOST = 'Wrong-host certificate';
const DNS_HOST = 'crdb-fault-matrix.invalid';
/** Default request timeout (10 s) + slack: nothing may take longer to settle. */
const LIMIT_MS = 10_000 + 5_000;
const SHORT_TIMEOUT_S = 2;
const cfg = () => vscode.workspace.getConfiguration('cockroachdb');

const table: Array<{ fault: string; observed: string }> = [];
const observe = (fault: string, observed: string): void => void table.push({ fault, observed });
const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('fault matrix', function () {
  this.timeout(90_000);
  let a: ExplorerApi;
  let savedClusters: unknown;
  let refusedUrl: string;
  let wrongHost: { url: string; caFile: string };
  let clusters: Array<{ name: string; url: string; caFile?: string }>;

  const labels = (rows: TreeNode[]): string => rows.map((r) => labelOf(a, r)).join(' | ');

  async function root(name: string): Promise<TreeNode> {
    const { rows } = await timedChildren(a, undefined, LIMIT_MS);
    const hit = rows.find((r) => labelOf(a, r) === name);
    assert.ok(hit, `no root row ${name}; have ${labels(rows)}`);
    return hit;
  }

  async function section(cluster: string, name: string): Promise<TreeNode> {
    const { rows } = await timedChildren(a, await root(cluster), LIMIT_MS);
    const hit = rows.find((r) => labelOf(a, r) === name);
    assert.ok(hit, `no section ${name} under ${cluster}; have ${labels(rows)}`);
    return hit;
  }

  /** Fresh rows of a section (caches dropped first), time-boxed. */
  async function load(
    cluster: string,
    name: string,
    limitMs = LIMIT_MS,
  ): Promise<{ rows: TreeNode[]; ms: number; node: TreeNode }> {
    a.tree.refresh();
    const node = await section(cluster, name);
    const r = await timedChildren(a, node, limitMs);
    return { ...r, node };
  }

  /** The one error row, with Retry, whose text matches `re`. */
  function errorRow(rows: TreeNode[], re: RegExp): { row: TreeNode; text: string } {
    const row = rows.find((r) => re.test(labelOf(a, r)));
    assert.ok(row, `expected a row matching ${String(re)}; have: ${labels(rows)}`);
    const it = a.tree.getTreeItem(row);
    assert.equal(it.contextValue, 'message;error', `${labelOf(a, row)} is an error row`);
    assert.equal(it.command?.command, 'cockroachdb.retry', 'the error row offers Retry');
    return { row, text: labelOf(a, row) };
  }

  function dataRows(rows: TreeNode[], re: RegExp): TreeNode[] {
    return rows.filter((r) => re.test(labelOf(a, r)));
  }

  /** The rest of the explorer: another cluster's nodes still load. */
  async function neighbourLoads(): Promise<void> {
    const { rows } = await load(NEIGHBOUR, 'Nodes');
    assert.ok(dataRows(rows, /^n\d+ /).length >= 4, `the healthy neighbour still lists its nodes: ${labels(rows)}`);
  }

  async function signIn(user: { username: string; password: string }, cluster = FAULTS): Promise<void> {
    const p = new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]);
    a.ui.use(p);
    const ok = await vscode.commands.executeCommand<boolean>('cockroachdb.signIn', await root(cluster));
    assert.equal(ok, true, `sign-in as ${user.username}: ${p.asked.join(' / ')}`);
  }

  before(async () => {
    a = await api();
    // Prove the rejection detector works before relying on it.
    process.on('unhandledRejection', onRejection);
    const probe = new Error('fault-matrix probe');
    void Promise.reject(probe);
    const t0 = Date.now();
    while (!rejections.includes(probe) && Date.now() - t0 < 2_000) await new Promise((r) => setTimeout(r, 20));
    assert.ok(rejections.includes(probe), 'the unhandledRejection listener sees unhandled rejections');
    // Anything else caught here came from the test files before this one.
    const earlier = rejections.filter((r) => r !== probe);
    if (earlier.length)
      console.log(
        `fault matrix: ${earlier.length} unhandled rejection(s) from earlier test files: ${earlier.map((r) => (r instanceof Error ? r.message : String(r))).join(' / ')}`,
      );
    rejections.length = 0;

    savedClusters = cfg().inspect('clusters')?.globalValue;
    refusedUrl = `http://127.0.0.1:${await closedPort()}`;
    const info = await simInfo(F);
    assert.ok(info.tlsFaults?.wrongHost, 'sims.faults runs a --tls-fault wrongHost server');
    wrongHost = info.tlsFaults.wrongHost;
    clusters = [
      { name: FAULTS, url: F.clusterUrl, caFile: F.caFile! },
      { name: NEIGHBOUR, url: NEIGHBOUR_SIM.clusterUrl },
      { name: REFUSED, url: refusedUrl },
      { name: NO_DNS, url: `http://${DNS_HOST}:8080` },
      { name: WRONG_HOST, url: wrongHost.url, caFile: wrongHost.caFile },
    ];
    await setClusters(clusters);
    await cfg().update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
    await signIn(admin(F));
  });

  afterEach(async () => {
    // Every fault is lifted after its test, whatever happened in it.
    await simControl(F, '/down-nodes', { ids: '' });
    await simControl(F, '/fail-rate', { p: '0' });
    await simControl(F, '/stall', { route: '' });
    await simControl(F, '/garbage', { route: '' });
    await simControl(F, '/virtual', { on: '0' });
    await simControl(F, '/latency', { ms: '0' });
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    a.ui.reset();
    await cfg().update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('clusters', savedClusters, vscode.ConfigurationTarget.Global);
    const w = Math.max(...table.map((r) => r.fault.length), 5);
    console.log(`\nFault matrix (${table.length} faults)`);
    console.log(`${'fault'.padEnd(w)} | observed`);
    console.log(`${'-'.repeat(w)}-+-${'-'.repeat(60)}`);
    for (const r of table) console.log(`${r.fault.padEnd(w)} | ${r.observed}`);
    console.log('');
  });

  it('baseline: a self-signed cluster with its CA file loads every section', async () => {
    const { rows: sections } = await timedChildren(a, await root(FAULTS), LIMIT_MS);
    assert.deepEqual(
      sections.map((s) => labelOf(a, s)),
      ['Overview', 'Nodes', 'Hot ranges', 'Sessions', 'Databases', 'SQL activity', 'Jobs', 'Events', 'Alerting rules'],
    );
    const { rows, ms } = await load(FAULTS, 'Nodes');
    assert.equal(dataRows(rows, /^n\d+ /).length, 5, labels(rows));
    observe('self-signed cert, CA file given', `loads: ${dataRows(rows, /^n\d+ /).length} nodes (${ms} ms)`);
  });

  it('a node down: the other nodes answer and the row says which one did not', async () => {
    await simControl(F, '/down-nodes', { ids: '3' });
    const hot = await load(FAULTS, 'Hot ranges');
    const partial = hot.rows.find((r) => /did not answer \(n3\)/.test(labelOf(a, r)));
    assert.ok(partial, `partial-result row: ${labels(hot.rows)}`);
    assert.equal(a.tree.getTreeItem(partial).command?.command, 'cockroachdb.retry');
    const ranges = dataRows(hot.rows, /^r\d+$/).length;
    assert.ok(ranges > 0, 'hot ranges of the live nodes still show');
    const nodes = await load(FAULTS, 'Nodes');
    const n3 = nodes.rows.find((r) => /^n3 /.test(labelOf(a, r)));
    assert.ok(n3, labels(nodes.rows));
    const n3desc = String(a.tree.getTreeItem(n3).description ?? '');
    const n1desc = String(a.tree.getTreeItem(nodes.rows.find((r) => /^n1 /.test(labelOf(a, r)))!).description ?? '');
    assert.notEqual(n3desc, n1desc, 'the down node is described differently from a live one');
    observe(
      'node n3 down',
      `Hot ranges: "${labelOf(a, partial)}" + Retry, ${ranges} ranges of live nodes; Nodes: n3 "${n3desc}"`,
    );
  });

  it('random 500s: an error row with Retry, Retry works once the cluster recovers, nothing hangs', async () => {
    await simControl(F, '/fail-rate', { p: '1' });
    const nodes = await load(FAULTS, 'Nodes');
    const err = errorRow(nodes.rows, /^Could not load nodes: .*HTTP 500/);
    await neighbourLoads();
    await simControl(F, '/fail-rate', { p: '0' });
    await vscode.commands.executeCommand('cockroachdb.retry', err.row);
    const again = await timedChildren(a, nodes.node, LIMIT_MS);
    assert.equal(dataRows(again.rows, /^n\d+ /).length, 5, `Retry reloads: ${labels(again.rows)}`);
    await simControl(F, '/fail-rate', { p: '0.3' });
    a.tree.refresh();
    const { rows: sections } = await timedChildren(a, await root(FAULTS), LIMIT_MS);
    let worst = 0;
    let failed = 0;
    for (const s of sections.filter(
      (x) => a.tree.getTreeItem(x).collapsibleState !== vscode.TreeItemCollapsibleState.None,
    )) {
      const r = await timedChildren(a, s, LIMIT_MS);
      worst = Math.max(worst, r.ms);
      assert.ok(r.rows.length > 0, `${labelOf(a, s)} shows something`);
      if (r.rows.some((x) => a.tree.getTreeItem(x).contextValue === 'message;error')) failed++;
    }
    observe(
      'random 500s (fail-rate 1, then 0.3)',
      `"${err.text}" + Retry; Retry after recovery loads 5 nodes; at p=0.3 all 5 sections settled (${failed} with an error row, slowest ${worst} ms)`,
    );
  });

  it(`a stalled route: the timeout fires at the configured ${SHORT_TIMEOUT_S} s and the other sections load`, async () => {
    await cfg().update('requestTimeout', SHORT_TIMEOUT_S, vscode.ConfigurationTarget.Global);
    try {
      await simControl(F, '/stall', { route: 'nodes/' });
      const limit = SHORT_TIMEOUT_S * 1000;
      const nodes = await load(FAULTS, 'Nodes', limit + 3_000);
      const err = errorRow(nodes.rows, new RegExp(`^Could not load nodes: No answer from .* within ${limit} ms`));
      assert.ok(nodes.ms >= limit - 100, `the timeout fired at ${nodes.ms} ms, not before ${limit} ms`);
      const dbs = await timedChildren(a, await section(FAULTS, 'Databases'), limit + 3_000);
      assert.ok(
        dbs.rows.length > 0 && !dbs.rows.some((r) => a.tree.getTreeItem(r).contextValue === 'message;error'),
        `Databases load: ${labels(dbs.rows)}`,
      );
      observe(
        `stalled nodes/ (requestTimeout ${SHORT_TIMEOUT_S} s)`,
        `after ${nodes.ms} ms: "${err.text}" + Retry; Databases load`,
      );
    } finally {
      await cfg().update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a 200 with a garbage body: an error row naming the bad body', async () => {
    await simControl(F, '/garbage', { route: 'nodes/' });
    const nodes = await load(FAULTS, 'Nodes');
    const err = errorRow(nodes.rows, /^Could not load nodes: nodes\/ answered HTTP 200 with a body that is not JSON/);
    assert.doesNotMatch(err.text, /\n/, 'the row is one line');
    const sessions = await timedChildren(a, await section(FAULTS, 'Sessions'), LIMIT_MS);
    assert.ok(dataRows(sessions.rows, / @ /).length > 0, `Sessions load: ${labels(sessions.rows)}`);
    observe('200 with a garbage body on nodes/', `"${err.text.slice(0, 110)}…" + Retry; Sessions load`);
  });

  it('session expiry mid-use: one prompt for the whole wave, then sign-in rows; signing in again restores the tree', async () => {
    const before = await load(FAULTS, 'Nodes');
    assert.equal(dataRows(before.rows, /^n\d+ /).length, 5);
    await simControl(F, '/expire-sessions');
    const p = new ScriptedPrompter([], [], undefined); // dismisses the "session expired" prompt
    a.ui.use(p);
    a.tree.refresh();
    const sections = await Promise.all(['Nodes', 'Sessions', 'Hot ranges'].map((n) => section(FAULTS, n)));
    const results = await Promise.all(sections.map((s) => timedChildren(a, s, LIMIT_MS)));
    for (const r of results) {
      assert.equal(r.rows.length, 1, labels(r.rows));
      const it = a.tree.getTreeItem(r.rows[0]!);
      assert.equal(it.contextValue, 'message;signIn', labels(r.rows));
      assert.equal(it.command?.command, 'cockroachdb.signIn');
    }
    const warns = p.asked.filter((q) => q.startsWith('warn:'));
    assert.equal(warns.length, 1, `one prompt for three failing sections: ${p.asked.join(' / ')}`);
    const top = await timedChildren(a, await root(FAULTS), LIMIT_MS);
    await signIn(admin(F));
    const after = await load(FAULTS, 'Nodes');
    assert.equal(dataRows(after.rows, /^n\d+ /).length, 5, labels(after.rows));
    observe(
      'session expired mid-use',
      `one prompt ("${warns[0]!.slice(5)}"), sections show "${labelOf(a, results[0]!.rows[0]!)}", cluster row shows "${labels(top.rows)}"; signing in again reloads`,
    );
  });

  it('a non-admin user: the 403 is explained and what the user may read still loads', async () => {
    await signIn(nonAdmin(F));
    try {
      const nodes = await load(FAULTS, 'Nodes');
      const err = errorRow(nodes.rows, /admin role or the VIEWCLUSTERMETADATA privilege/);
      const dbs = await timedChildren(a, await section(FAULTS, 'Databases'), LIMIT_MS);
      assert.ok(
        dbs.rows.length > 0 && !dbs.rows.some((r) => /^message;/.test(String(a.tree.getTreeItem(r).contextValue))),
        `Databases load for a non-admin: ${labels(dbs.rows)}`,
      );
      observe(
        `non-admin user "${nonAdmin(F).username}" (403)`,
        `"${err.text}" + Retry; Databases load (${dbs.rows.length} rows)`,
      );
    } finally {
      await signIn(admin(F));
    }
  });

  it('a virtual cluster appears (501 on the default): system routes reach the system cluster, the rest says what cannot be served', async () => {
    await simControl(F, '/virtual', { on: '1' });
    try {
      const nodes = await load(FAULTS, 'Nodes');
      const nodeRows = nodes.rows.filter((r) => /^n\d+ /.test(labelOf(a, r)));
      assert.ok(nodeRows.length > 0, `nodes come from the system cluster: ${labels(nodes.rows)}`);
      assert.ok(
        !nodes.rows.some((r) => a.tree.getTreeItem(r).contextValue === 'message;error'),
        `no error row: ${labels(nodes.rows)}`,
      );
      const dbs = await load(FAULTS, 'Databases');
      const err = errorRow(dbs.rows, /not served by the cluster's default virtual cluster.*Choose Virtual Cluster/);
      const { rows: sections } = await timedChildren(a, await root(FAULTS), LIMIT_MS);
      assert.equal(sections.length, 9, 'the sections still show');
      await neighbourLoads();
      observe(
        'virtual cluster (501)',
        `nodes load from the system cluster; Databases: "${err.text}" + Retry; other clusters load`,
      );
    } finally {
      // The client remembers the virtualization; a fresh one for the tests that follow.
      a.connections.reload();
    }
  });

  it('Cloud 429 with Retry-After: waited out and retried; past the retry budget an error row with Retry', async () => {
    const account = await a.cloud.add(F.cloudApiKey, F.cloudUrl);
    try {
      const acct = async (): Promise<TreeNode> => {
        const { rows } = await timedChildren(a, undefined, LIMIT_MS);
        const hit = rows.find((r) => r.id === `cloud:${account.id}`);
        assert.ok(hit, `the Cloud account row: ${labels(rows)}`);
        return hit;
      };
      const stats = async (): Promise<number> =>
        ((await (await fetch(new URL('/cloud/stats', F.controlUrl))).json()) as { byStatus: Record<string, number> })
          .byStatus['429'] ?? 0;
      const before429 = await stats();
      await simControl(F, '/cloud/fail-next', { status: '429', retryAfter: '1', count: '2' });
      a.tree.refresh(await acct());
      const ok = await timedChildren(a, await acct(), LIMIT_MS);
      assert.ok(
        ok.rows.length > 0 && !ok.rows.some((r) => /^message;/.test(String(a.tree.getTreeItem(r).contextValue))),
        `clusters load after the 429s: ${labels(ok.rows)}`,
      );
      assert.equal((await stats()) - before429, 2, 'the simulator answered 429 twice');
      assert.ok(ok.ms >= 1_900, `Retry-After was honoured (${ok.ms} ms for two 1 s waits)`);

      await simControl(F, '/cloud/fail-next', { status: '429', retryAfter: '1', count: '4' });
      a.tree.refresh(await acct());
      const limited = await timedChildren(a, await acct(), LIMIT_MS);
      const err = errorRow(limited.rows, /^Could not load clusters: .*rate-limiting/);
      await neighbourLoads();
      await vscode.commands.executeCommand('cockroachdb.retry', err.row);
      const again = await timedChildren(a, await acct(), LIMIT_MS);
      assert.ok(
        !again.rows.some((r) => /^message;/.test(String(a.tree.getTreeItem(r).contextValue))),
        `Retry loads: ${labels(again.rows)}`,
      );
      observe(
        'Cloud 429, Retry-After: 1 (2×, then 4×)',
        `2×: clusters load after ${ok.ms} ms; 4× (over the 3 retries): after ${limited.ms} ms "${err.text.slice(0, 120)}…" + Retry; Retry loads`,
      );
    } finally {
      await a.cloud.remove(account.id);
    }
  });

  it('connection refused: an error row that says so', async () => {
    const nodes = await load(REFUSED, 'Nodes');
    const err = errorRow(nodes.rows, /Connection refused at 127\.0\.0\.1:\d+/);
    await neighbourLoads();
    observe('connection refused', `after ${nodes.ms} ms: "${err.text}" + Retry`);
  });

  it('DNS failure: an error row naming the host that does not resolve', async () => {
    const nodes = await load(NO_DNS, 'Nodes');
    const err = errorRow(nodes.rows, new RegExp(`Cannot resolve host name "${DNS_HOST.replace(/\./g, '\\.')}"`));
    await neighbourLoads();
    observe(`DNS failure (${DNS_HOST})`, `after ${nodes.ms} ms: "${err.text}" + Retry`);
  });

  it('a self-signed certificate without the CA file: the row names the unknown CA and says to set the CA file', async () => {
    // Same address as the faults sim (so the session is there), without caFile.
    await setClusters(clusters.map((c) => (c.name === FAULTS ? { name: NO_CA, url: c.url } : c)));
    try {
      const nodes = await load(NO_CA, 'Nodes');
      const err = errorRow(nodes.rows, /signed by an unknown CA .*CA file/);
      await neighbourLoads();
      observe('self-signed cert, no CA file', `"${err.text}" + Retry`);
    } finally {
      await setClusters(clusters);
    }
    const nodes = await load(FAULTS, 'Nodes');
    assert.equal(dataRows(nodes.rows, /^n\d+ /).length, 5, 'with the CA file again it loads');
  });

  it('a certificate for another host name: sign-in fails with a message naming the mismatch', async () => {
    const rows = (await timedChildren(a, await root(WRONG_HOST), LIMIT_MS)).rows;
    assert.equal(a.tree.getTreeItem(rows[0]!).contextValue, 'message;signIn', labels(rows));
    const entry = a.connections.get(new URL(wrongHost.url).origin);
    assert.ok(entry, 'the wrong-host cluster is configured');
    const user = admin(F);
    a.ui.use(new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]));
    let message = '';
    const t0 = Date.now();
    await assert.rejects(a.auth.signIn(entry), (e: Error) => {
      message = e.message;
      return /certificate does not cover host "127\.0\.0\.1".*wrong-host\.sim\.invalid/.test(e.message);
    });
    assert.ok(Date.now() - t0 < LIMIT_MS);
    assert.equal(await a.auth.isSignedIn(entry.id), false, 'no session kept');
    // Through the command, the failure is a notification, not a thrown error or a hang.
    a.ui.use(new ScriptedPrompter([user.username, user.password], ["Don't remember the password"]));
    assert.equal(await vscode.commands.executeCommand('cockroachdb.signIn', await root(WRONG_HOST)), undefined);
    await neighbourLoads();
    observe(
      'hostname mismatch (cert for wrong-host.sim.invalid)',
      `tree shows "${labelOf(a, rows[0]!)}"; sign-in fails: "${message}"`,
    );
  });

  it('no promise rejection went unhandled during the fault matrix', async () => {
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      rejections.map((r) => (r instanceof Error ? (r.stack ?? r.message) : String(r))),
      [],
    );
    assert.ok(table.length >= 12, `every fault was observed (${table.length})`);
  });
});
