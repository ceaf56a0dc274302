import assert from 'node:assert/strict';
import { collect, KNOWN_CLUSTER_STATES, type CloudClient } from '../../../../src/api/cloud';
import type { RunningCloudSim } from '../../../../src/sim/cloud';
import { apiErrorOf, clientFor, startSim } from './cloudSim';

describe('Cloud API client against the simulator', () => {
  let sim: RunningCloudSim;
  let client: CloudClient;
  let advId: string;

  before(async () => {
    sim = await startSim({ advancedClusterUiDns: 'localhost:34567' });
    client = clientFor(sim);
    advId = sim.control.advancedClusterId;
  });
  after(() => sim.close());

  it('sends the bearer key and Cc-Version 2024-09-16 under /api/v1/', async () => {
    sim.control.clearRequests();
    const org = await client.getOrganization();
    assert.equal(org.name, 'Acme Corp');
    assert.equal(org.label, 'acme-corp');
    assert.match(org.createdAt, /^\d{4}-\d\d-\d\dT/);
    const [rec] = sim.control.requests();
    assert.equal(rec!.path, '/api/v1/organization');
    assert.equal(rec!.key, 'admin');
    assert.equal(rec!.ccVersion, '2024-09-16');
  });

  it('lists folders and filters them by path', async () => {
    const folders = await collect(client.folders());
    assert.deepEqual(folders.map((f) => f.name).sort(), ['Payments', 'Production', 'Staging']);
    const payments = folders.find((f) => f.name === 'Payments')!;
    assert.deepEqual(
      payments.path.map((p) => p.name),
      ['Production'],
    );
    const [byPath] = (await client.listFoldersPage({ path: '/Production/Payments/' })).items;
    assert.equal(byPath?.resourceId, payments.resourceId);
  });

  it('pages clusters with limit 10 (page by page) and to the end, without repeats', async () => {
    const first = await client.listClustersPage({ limit: 10 });
    assert.equal(first.items.length, 10);
    assert.ok(first.nextPage, 'a next_page token');
    const second = await client.listClustersPage({ limit: 10, page: first.nextPage! });
    assert.ok(second.items[0]!.name > first.items[9]!.name, 'keyset continues after the last name');

    sim.control.clearRequests();
    const all = await collect(client.clusters({ limit: 10 }));
    assert.ok(all.length >= 25, `${all.length} clusters`);
    assert.equal(new Set(all.map((c) => c.id)).size, all.length);
    assert.deepEqual(
      all.map((c) => c.name),
      [...all.map((c) => c.name)].sort(),
    );
    assert.equal(sim.control.requests().length, Math.ceil(all.length / 10));
    assert.ok(!all.some((c) => c.state === 'DELETED' || c.state === 'CREATION_FAILED'));

    const withInactive = await collect(client.clusters({ limit: 10, showInactive: true }));
    assert.equal(withInactive.length, all.length + 2);
    const desc = await client.listClustersPage({ limit: 5, sortOrder: 'DESC', asOfTime: new Date().toISOString() });
    assert.deepEqual(
      desc.items.map((c) => c.name),
      [...all.map((c) => c.name)].reverse().slice(0, 5),
    );
  });

  it('normalises clusters of every plan and state with exact enum strings', async () => {
    const all = await collect(client.clusters({ showInactive: true, limit: 100 }));
    assert.deepEqual(new Set(all.map((c) => c.plan)), new Set(['BASIC', 'STANDARD', 'ADVANCED']));
    for (const s of KNOWN_CLUSTER_STATES)
      assert.ok(
        all.some((c) => c.state === s),
        `a ${s} cluster`,
      );
    const adv = await client.getCluster(advId);
    assert.equal(adv.name, 'prod-orders');
    assert.equal(adv.plan, 'ADVANCED');
    assert.equal(adv.regions[0]!.uiDns, 'localhost:34567');
    assert.equal(adv.regions[0]!.nodeCount, 3);
    assert.equal(adv.config.dedicated?.numVirtualCpus, 4);
    const std = all.find((c) => c.plan === 'STANDARD' && c.state === 'CREATED')!;
    assert.equal(std.regions[0]!.uiDns, '');
    assert.equal(std.regions[0]!.nodeCount, 0);
    assert.equal(typeof std.config.serverless?.usageLimits?.provisionedVirtualCpus, 'number');
  });

  it('reads int64 strings as numbers when safe and keeps unsafe ones exact', async () => {
    const hobby = await client.getCluster(sim.control.clusterId('hobby-blog'));
    assert.equal(hobby.config.serverless?.usageLimits?.requestUnitLimit, '9007199254740993');
    assert.equal(hobby.config.serverless?.usageLimits?.storageMibLimit, 10240);
    const dbs = await collect(client.databases(advId));
    assert.ok(dbs.every((d) => typeof d.tableCount === 'number'));
  });

  it('accepts enum values it does not know', async () => {
    const id = sim.control.clusterId('dev-sandbox');
    sim.control.patchCluster(id, {
      state: 'HIBERNATING',
      plan: 'ENTERPRISE',
      operation_status: 'CRDB_WARP_DRIVE_RUNNING',
      upgrade_status: 'NEW_STATUS',
    });
    const c = await client.getCluster(id);
    assert.equal(c.state, 'HIBERNATING');
    assert.equal(c.plan, 'ENTERPRISE');
    assert.equal(c.operationStatus, 'CRDB_WARP_DRIVE_RUNNING');
    assert.equal(c.upgradeStatus, 'NEW_STATUS');
    sim.control.patchCluster(id, {
      state: 'CREATED',
      plan: 'STANDARD',
      operation_status: 'UNSPECIFIED',
      upgrade_status: 'UPGRADE_AVAILABLE',
    });
  });

  it('lists cluster nodes with LIVE and NOT_READY, by region', async () => {
    const nodes = await collect(client.nodes(advId, { limit: 2 }));
    assert.equal(nodes.length, 3);
    assert.deepEqual(new Set(nodes.map((n) => n.status)), new Set(['LIVE', 'NOT_READY']));
    assert.ok(nodes.every((n) => n.regionName === 'us-east-1' && n.name.startsWith('cockroachdb-')));
    const multi = sim.control.clusterId('prod-analytics');
    const inRegion = await collect(client.nodes(multi, { regionName: 'us-east1' }));
    assert.equal(inRegion.length, 3);
    assert.ok(inRegion.every((n) => n.regionName === 'us-east1'));
  });

  it('creates, renames and deletes databases', async () => {
    const created = await client.createDatabase(advId, 'inventory');
    assert.deepEqual(created, { name: 'inventory', tableCount: 0 });
    const renamed = await client.renameDatabase(advId, 'inventory', 'stock');
    assert.equal(renamed.name, 'stock');
    let names = (await collect(client.databases(advId))).map((d) => d.name);
    assert.ok(names.includes('stock') && !names.includes('inventory'));
    await client.deleteDatabase(advId, 'stock');
    names = (await collect(client.databases(advId))).map((d) => d.name);
    assert.ok(!names.includes('stock'));
    const dup = await apiErrorOf(client.createDatabase(advId, 'defaultdb'));
    assert.equal(dup.kind, 'badRequest');
    assert.match(dup.message, /already exists/);
  });

  it('lists, creates, re-passwords and deletes SQL users; the ADVANCED cluster lists admin', async () => {
    const users = (await collect(client.sqlUsers(advId))).map((u) => u.name);
    assert.ok(users.includes('admin'));
    assert.deepEqual(await client.createSqlUser(advId, 'explorer', 'pw-123456'), { name: 'explorer' });
    assert.deepEqual(await client.changeSqlUserPassword(advId, 'explorer', 'pw-654321'), { name: 'explorer' });
    assert.equal(sim.control.world().clusters.get(advId)!.sqlUsers.get('explorer'), 'pw-654321');
    await client.deleteSqlUser(advId, 'explorer');
    assert.ok(!(await collect(client.sqlUsers(advId))).some((u) => u.name === 'explorer'));
  });

  it('builds connection strings with database, sql_user and os', async () => {
    const cs = await client.getConnectionString(advId, { database: 'movr', sqlUser: 'admin', os: 'MAC' });
    assert.match(
      cs.connectionString,
      /^postgresql:\/\/admin@.+:26257\/movr\?sslmode=verify-full&sslrootcert=\$HOME\/Library/,
    );
    assert.deepEqual(cs.params, { host: cs.params.host, port: '26257', database: 'movr', username: 'admin' });
    const basic = await client.getConnectionString(sim.control.clusterId('hobby-blog'));
    assert.equal(basic.params.database, 'defaultdb');
    assert.equal(basic.params.username, undefined);
    const noOs = await apiErrorOf(client.getConnectionString(advId));
    assert.equal(noOs.kind, 'badRequest');
    assert.match(noOs.message, /os is required/);
  });

  it('lists, adds, updates and removes allowlist entries', async () => {
    const page = await client.listAllowlistPage(advId);
    assert.equal(page.propagating, false);
    assert.ok(page.items.some((e) => e.name === 'office' && e.cidrMask === 24 && e.ui && e.sql));
    const added = await client.addAllowlistEntry(advId, {
      cidrIp: '192.0.2.10',
      cidrMask: 32,
      ui: false,
      sql: true,
      name: 'app',
    });
    assert.deepEqual(added, { cidrIp: '192.0.2.10', cidrMask: 32, ui: false, sql: true, name: 'app' });
    const updated = await client.updateAllowlistEntry(advId, '192.0.2.10', 32, { ui: true, sql: true });
    assert.equal(updated.ui, true);
    await client.removeAllowlistEntry(advId, '192.0.2.10', 32);
    assert.ok(!(await collect(client.allowlist(advId))).some((e) => e.cidrIp === '192.0.2.10'));
  });

  it('allowMyIpForDbConsole adds a UI-only /32 entry, and widens an existing SQL-only entry without dropping SQL', async () => {
    const e = await client.allowMyIpForDbConsole(advId, '203.0.113.77', 'my laptop');
    assert.deepEqual(e, { cidrIp: '203.0.113.77', cidrMask: 32, ui: true, sql: false, name: 'my laptop' });
    const wire = sim.control
      .world()
      .clusters.get(advId)!
      .allowlist.find((x) => x.cidr_ip === '203.0.113.77');
    assert.deepEqual(wire, { cidr_ip: '203.0.113.77', cidr_mask: 32, ui: true, sql: false, name: 'my laptop' });
    // Calling again is harmless.
    assert.equal((await client.allowMyIpForDbConsole(advId, '203.0.113.77', 'again')).name, 'my laptop');
    const ci = await client.allowMyIpForDbConsole(advId, '198.51.100.7', 'me');
    assert.deepEqual(ci, { cidrIp: '198.51.100.7', cidrMask: 32, ui: true, sql: true, name: 'ci-runner' });
    assert.equal((await apiErrorOf(client.allowMyIpForDbConsole(advId, 'my-ip', 'x'))).kind, 'badRequest');
  });

  it('refuses mutations on a LOCKED cluster with the server message', async () => {
    const err = await apiErrorOf(client.createDatabase(sim.control.clusterId('prod-ledger'), 'x'));
    assert.equal(err.kind, 'badRequest');
    assert.match(err.message, /LOCKED/);
  });
});
