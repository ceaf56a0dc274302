// The simulated Cloud organization, in wire shape (snake_case, int64 as
// strings, exact Cc-Version 2024-09-16 enum strings), generated from a seed so
// every run with the same seed lists the same clusters in the same order.
import { Rng } from '../prng';

export interface WireRegion {
  name: string;
  sql_dns: string;
  ui_dns: string;
  internal_dns: string;
  private_endpoint_dns: string;
  node_count: number;
  primary?: boolean;
}

export type WireCluster = Record<string, unknown> & {
  id: string;
  name: string;
  plan: string;
  state: string;
  parent_id: string;
  created_at: string;
  regions: WireRegion[];
};

export interface WireAllowlistEntry {
  cidr_ip: string;
  cidr_mask: number;
  name?: string;
  sql: boolean;
  ui: boolean;
}

export interface ClusterState {
  cluster: WireCluster;
  nodes: Array<{ name: string; region_name: string; status: string }>;
  databases: Map<string, { name: string; table_count: string }>;
  /** name → password (the sim never returns passwords; kept to mirror real state). */
  sqlUsers: Map<string, string>;
  allowlist: WireAllowlistEntry[];
}

export interface WireFolder {
  resource_id: string;
  resource_type: 'FOLDER';
  parent_id: string;
  organization_id: string;
  name: string;
  path: Array<{ id: string; name: string }>;
  labels: Record<string, string>;
}

export interface CloudWorld {
  organization: { id: string; label: string; name: string; created_at: string };
  folders: WireFolder[];
  clusters: Map<string, ClusterState>;
  advancedClusterId: string;
}

export interface WorldOptions {
  seed: number;
  advancedClusterUiDns: string;
  /** SQL users of the ADVANCED cluster; must include the cluster sim's admin so sign-in works. */
  advancedClusterSqlUsers: string[];
}

function uuid(rng: Rng): string {
  const hex = (n: number): string => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

function suffix(rng: Rng): string {
  return Array.from({ length: 4 }, () => rng.pick([...'abcdefghjkmnpqrstvwxyz23456789'])).join('');
}

const BASE_TIME = Date.UTC(2024, 10, 2, 14, 21, 7);
// The Cloud API writes microsecond timestamps; pad the milliseconds to six digits.
const iso = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '512Z');

const REGIONS: Record<string, string[]> = {
  AWS: ['us-east-1', 'us-west-2', 'eu-central-1'],
  GCP: ['us-central1', 'us-east1', 'europe-west1'],
  AZURE: ['eastus2', 'westeurope'],
};
const MACHINES: Record<string, string> = { AWS: 'm6i.xlarge', GCP: 'n2-standard-4', AZURE: 'Standard_D4as_v5' };
const DOMAIN: Record<string, string> = { AWS: 'aws', GCP: 'gcp', AZURE: 'azure' };

interface Spec {
  name: string;
  plan: 'BASIC' | 'STANDARD' | 'ADVANCED';
  state: string;
  operation?: string;
  upgrade?: string;
  provider?: string;
  regions?: number;
  folder?: number;
}

// Hand-picked clusters cover every plan and state; the rest are filler so a
// list at limit 10 needs several pages.
const SPECS: Spec[] = [
  { name: 'prod-orders', plan: 'ADVANCED', state: 'CREATED', provider: 'AWS', folder: 0 },
  {
    name: 'prod-analytics',
    plan: 'ADVANCED',
    state: 'CREATED',
    operation: 'CRDB_PATCH_RUNNING',
    provider: 'GCP',
    regions: 3,
    folder: 0,
  },
  {
    name: 'prod-ledger',
    plan: 'ADVANCED',
    state: 'LOCKED',
    operation: 'CRDB_SCALE_RUNNING',
    provider: 'AZURE',
    folder: 2,
  },
  { name: 'new-search', plan: 'ADVANCED', state: 'CREATING', provider: 'AWS' },
  { name: 'dev-sandbox', plan: 'STANDARD', state: 'CREATED', upgrade: 'UPGRADE_AVAILABLE', provider: 'GCP', folder: 1 },
  {
    name: 'staging-api',
    plan: 'STANDARD',
    state: 'CREATED',
    upgrade: 'MAJOR_UPGRADE_RUNNING',
    operation: 'CRDB_MAJOR_UPGRADE_RUNNING',
    provider: 'AWS',
    folder: 1,
  },
  { name: 'hobby-blog', plan: 'BASIC', state: 'CREATED', provider: 'GCP' },
  { name: 'trial-locked', plan: 'BASIC', state: 'LOCKED', provider: 'AWS' },
  { name: 'spinning-up', plan: 'STANDARD', state: 'CREATING', provider: 'AZURE' },
  { name: 'old-experiment', plan: 'BASIC', state: 'DELETED', provider: 'GCP' },
  { name: 'failed-launch', plan: 'ADVANCED', state: 'CREATION_FAILED', provider: 'AWS' },
];
const FILLER_PLANS: Spec['plan'][] = ['BASIC', 'STANDARD', 'ADVANCED'];
const FILLER_COUNT = 20;

export function buildWorld(o: WorldOptions): CloudWorld {
  const rng = new Rng(o.seed ^ 0x5eed_c10d);
  const orgId = uuid(rng);
  const organization = {
    id: orgId,
    label: 'acme-corp',
    name: 'Acme Corp',
    created_at: iso(BASE_TIME - 400 * 86_400_000),
  };

  const folder = (name: string, parent?: WireFolder): WireFolder => {
    const id = uuid(rng);
    return {
      resource_id: id,
      resource_type: 'FOLDER',
      parent_id: parent?.resource_id ?? 'root',
      organization_id: orgId,
      name,
      path: [...(parent ? [...parent.path, { id: parent.resource_id, name: parent.name }] : [])],
      labels: {},
    };
  };
  const production = folder('Production');
  const staging = folder('Staging');
  const payments = folder('Payments', production);
  const folders = [production, staging, payments];
  const creatorId = uuid(rng);

  const specs = [...SPECS];
  for (let i = 0; i < FILLER_COUNT; i++) {
    specs.push({
      name: `team-${String(i + 1).padStart(2, '0')}-${rng.pick(['svc', 'etl', 'web', 'ml'])}`,
      plan: FILLER_PLANS[i % 3]!,
      state: 'CREATED',
      provider: rng.pick(['AWS', 'GCP', 'AZURE']),
    });
  }

  const clusters = new Map<string, ClusterState>();
  let advancedClusterId = '';
  specs.forEach((s, i) => {
    const st = buildCluster(rng, s, i, { orgFolders: folders, creatorId, o });
    clusters.set(st.cluster.id, st);
    if (s.name === 'prod-orders') advancedClusterId = st.cluster.id;
  });
  return { organization, folders, clusters, advancedClusterId };
}

function buildCluster(
  rng: Rng,
  s: Spec,
  index: number,
  ctx: { orgFolders: WireFolder[]; creatorId: string; o: WorldOptions },
): ClusterState {
  const provider = s.provider ?? 'AWS';
  const id = uuid(rng);
  const sfx = suffix(rng);
  const advanced = s.plan === 'ADVANCED';
  const live = s.state === 'CREATED' || s.state === 'LOCKED';
  const regionNames = REGIONS[provider]!.slice(0, s.regions ?? 1);
  const isMain = s.name === 'prod-orders';
  const regions: WireRegion[] = regionNames.map((r, ri) => {
    const host = `${s.name}-${sfx}.${DOMAIN[provider]}-${r}.cockroachlabs.cloud`;
    const region: WireRegion = {
      name: r,
      sql_dns: s.state === 'CREATING' && !advanced ? '' : host,
      // Only ADVANCED clusters have a DB Console, and only once they exist.
      ui_dns: advanced && live ? (isMain ? ctx.o.advancedClusterUiDns : `admin-${host}`) : '',
      internal_dns: advanced ? `internal-${host}` : '',
      private_endpoint_dns: advanced ? `private-${host}` : '',
      node_count: advanced && live ? 3 : 0,
    };
    if (!advanced) region.primary = ri === 0;
    return region;
  });
  const created = BASE_TIME + index * 3_600_000 * 7 + rng.int(0, 3_600_000);
  const config = advanced
    ? {
        dedicated: {
          machine_type: MACHINES[provider],
          num_virtual_cpus: 4,
          storage_gib: 150,
          memory_gib: 16,
          disk_iops: provider === 'AWS' ? 3000 : 0,
        },
      }
    : {
        serverless: {
          routing_id: `${s.name}-${rng.int(1000, 9999)}`,
          upgrade_type: s.plan === 'BASIC' ? 'AUTOMATIC' : rng.pick(['MANUAL', 'AUTOMATIC']),
          // int64 on the wire: strings. One limit exceeds 2^53 so clients must keep it exact.
          usage_limits:
            s.plan === 'STANDARD'
              ? { provisioned_virtual_cpus: String(rng.pick([2, 4, 8])) }
              : { request_unit_limit: index === 6 ? '9007199254740993' : '50000000', storage_mib_limit: '10240' },
        },
      };
  const folderIdx = s.folder;
  const cluster: WireCluster = {
    id,
    name: s.name,
    cockroach_version: rng.pick(['v24.3.4', 'v25.1.2', 'v25.2.0']),
    upgrade_status: s.upgrade ?? 'FINALIZED',
    plan: s.plan,
    cloud_provider: provider,
    account_id: advanced ? String(rng.int(100_000_000, 999_999_999)) + '123' : '',
    state: s.state,
    creator_id: ctx.creatorId,
    operation_status: s.operation ?? 'UNSPECIFIED',
    network_visibility: 'PUBLIC',
    config,
    regions,
    sql_dns: regions[0]?.sql_dns ?? '',
    cidr_range: advanced && provider === 'GCP' ? '172.28.0.0/14' : '',
    labels: index % 4 === 0 ? { env: s.name.startsWith('prod') ? 'prod' : 'dev' } : {},
    is_customer_cloud_account: false,
    delete_protection: advanced ? 'ENABLED' : 'DISABLED',
    egress_traffic_policy: advanced ? 'ALLOW_ALL' : 'UNSPECIFIED',
    parent_id: folderIdx !== undefined ? ctx.orgFolders[folderIdx]!.resource_id : 'root',
    created_at: iso(created),
    updated_at: iso(created + 86_400_000),
    ...(s.state === 'DELETED' ? { deleted_at: iso(created + 30 * 86_400_000) } : {}),
  };

  const nodes: ClusterState['nodes'] = [];
  if (advanced && live) {
    for (const r of regions) {
      for (let k = 0; k < r.node_count; k++) {
        const name = `cockroachdb-${suffix(rng)}${k}`;
        // One node per main cluster is NOT_READY so both statuses are exercised.
        nodes.push({ name, region_name: r.name, status: isMain && k === 2 ? 'NOT_READY' : 'LIVE' });
      }
    }
    nodes.sort((a, b) => a.region_name.localeCompare(b.region_name) || a.name.localeCompare(b.name));
  }

  const databases = new Map<string, { name: string; table_count: string }>();
  for (const [n, t] of [
    ['defaultdb', '0'],
    ['postgres', '0'],
    ['movr', String(rng.int(3, 12))],
    ['orders', String(rng.int(5, 40))],
  ] as const) {
    databases.set(n, { name: n, table_count: t });
  }
  const sqlUsers = new Map<string, string>();
  const users = isMain ? ctx.o.advancedClusterSqlUsers : ['app_user', 'analytics_ro'];
  for (const u of users) sqlUsers.set(u, 'not-returned');
  const allowlist: WireAllowlistEntry[] =
    s.plan === 'BASIC'
      ? []
      : [
          { cidr_ip: '203.0.113.0', cidr_mask: 24, name: 'office', sql: true, ui: true },
          { cidr_ip: '198.51.100.7', cidr_mask: 32, name: 'ci-runner', sql: true, ui: false },
        ];
  return { cluster, nodes, databases, sqlUsers, allowlist };
}
