import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  NO_DB_CONSOLE_MESSAGE,
  clusterApiUrlFor,
  collect,
  connectToAdvancedCluster,
  hasDbConsole,
  type CloudCluster,
} from '../../../../src/api/cloud';
import { isApiError } from '../../../../src/api/http/errors';
import { startClusterSimulator } from '../../../../src/sim';
import { startCloudSimulator } from '../../../../src/sim/cloud';
import { apiErrorOf, clientFor } from './cloudSim';

function cluster(plan: string, uiDns: string[], extra: Partial<CloudCluster> = {}): CloudCluster {
  return {
    id: 'c1',
    name: 'c1',
    cockroachVersion: 'v25.1.2',
    plan,
    cloudProvider: 'AWS',
    state: 'CREATED',
    operationStatus: 'UNSPECIFIED',
    upgradeStatus: 'FINALIZED',
    config:
      plan === 'ADVANCED'
        ? { dedicated: { machineType: 'm6i.xlarge', numVirtualCpus: 4, storageGib: 150, memoryGib: 16, diskIops: 0 } }
        : {},
    regions: uiDns.map((ui, i) => ({
      name: `r${i}`,
      sqlDns: 'sql',
      uiDns: ui,
      internalDns: '',
      privateEndpointDns: '',
      nodeCount: 3,
    })),
    cidrRange: '',
    labels: {},
    creatorId: 'u',
    ...extra,
  };
}

describe('Cloud → Cluster API hand-over', () => {
  describe('clusterApiUrlFor', () => {
    it('adds port 8080 to ui_dns, keeps a port already there', () => {
      assert.equal(
        clusterApiUrlFor(cluster('ADVANCED', ['admin-x.aws-us-east-1.cockroachlabs.cloud'])),
        'https://admin-x.aws-us-east-1.cockroachlabs.cloud:8080',
      );
      assert.equal(clusterApiUrlFor(cluster('ADVANCED', ['localhost:34567'])), 'https://localhost:34567');
      assert.equal(clusterApiUrlFor(cluster('ADVANCED', ['', 'admin-b.example'])), 'https://admin-b.example:8080');
      assert.equal(
        clusterApiUrlFor(cluster('ADVANCED', ['admin-a.example', 'admin-b.example']), 'r1'),
        'https://admin-b.example:8080',
      );
    });

    it('explains in plain words that BASIC and STANDARD have no DB Console', () => {
      for (const plan of ['BASIC', 'STANDARD']) {
        const c = cluster(plan, ['']);
        assert.equal(hasDbConsole(c), false);
        assert.throws(
          () => clusterApiUrlFor(c),
          (e: unknown) => isApiError(e, 'notAvailable') && e.message === NO_DB_CONSOLE_MESSAGE,
        );
      }
      assert.match(
        NO_DB_CONSOLE_MESSAGE,
        /^BASIC and STANDARD clusters have no DB Console, so nodes, ranges, hot ranges and sessions are not available; use the Cloud Console.s metrics instead\.$/,
      );
    });

    it('says an ADVANCED cluster without ui_dns yet (CREATING) has no address', () => {
      assert.throws(
        () => clusterApiUrlFor(cluster('ADVANCED', [''], { state: 'CREATING' })),
        /no DB Console address .*CREATING/,
      );
    });
  });

  describe('end to end over real sockets', () => {
    it('goes from the Cloud cluster list to Cluster API nodes with a SQL user of that cluster', async function () {
      this.timeout(30_000);
      const clusterSim = await startClusterSimulator({ port: 0, tls: true });
      const clusterPort = new URL(clusterSim.clusterUrl).port;
      const cloudSim = await startCloudSimulator({
        advancedClusterUiDns: `localhost:${clusterPort}`,
        ...(clusterSim.caFile ? { advancedClusterCaFile: clusterSim.caFile } : {}),
      });
      try {
        const cloud = clientFor(cloudSim);
        const all = await collect(cloud.clusters({ limit: 10 }));
        const adv = all.find(
          (c) =>
            c.plan === 'ADVANCED' && c.state === 'CREATED' && c.regions.some((r) => r.uiDns.startsWith('localhost:')),
        );
        assert.ok(adv, 'the ADVANCED cluster pointing at the local cluster sim');
        assert.equal(clusterApiUrlFor(adv), `https://localhost:${clusterPort}`);

        const admin = clusterSim.users.find((u) => u.admin)!;
        const sqlUsers = (await collect(cloud.sqlUsers(adv.id))).map((u) => u.name);
        assert.ok(sqlUsers.includes(admin.username), 'the Cloud lists the cluster sim admin as a SQL user');
        await cloud.allowMyIpForDbConsole(adv.id, '127.0.0.1', 'explorer tests');

        const caPem = readFileSync(cloudSim.advancedClusterCaFile ?? clusterSim.caFile!, 'utf8');
        const client = await connectToAdvancedCluster(adv, {
          username: admin.username,
          password: admin.password,
          caPem,
        });
        const nodes = [];
        for await (const n of client.allNodes()) nodes.push(n);
        assert.ok(nodes.length > 0);
        assert.ok(nodes.every((n) => n.nodeId > 0));

        const wrong = await apiErrorOf(
          connectToAdvancedCluster(adv, { username: admin.username, password: 'wrong', caPem }),
        );
        assert.equal(wrong.kind, 'unauthorized');

        const basic = all.find((c) => c.plan === 'BASIC')!;
        await assert.rejects(connectToAdvancedCluster(basic, { username: 'admin', password: 'x' }), {
          message: NO_DB_CONSOLE_MESSAGE,
        });
      } finally {
        await cloudSim.close();
        await clusterSim.close();
      }
    });
  });
});
