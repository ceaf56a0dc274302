// What every `cockroachdb.*` setting is: its type, its default and bounds (read from the
// manifest, so package.json stays the one place they are written), and whether an
// untrusted workspace may set it. Pure: no vscode import, so the rules are unit-tested.
import manifest from '../../package.json';

export const SECTION = 'cockroachdb';

/** One entry of `cockroachdb.clusters`, as written in settings. */
export interface ClusterSetting {
  name: string;
  url: string;
  caFile?: string;
  skipTlsVerify?: boolean;
  /** Where SQL, sessions and databases come from on a cluster with virtual clusters; unset = the server's default. */
  virtualCluster?: string;
  /** Run SQL refuses statements that write or change schema or privileges. */
  readOnly?: boolean;
}

/** The value each key reads as, after defaults and clamping. Durations are in seconds, as in settings. */
export interface SettingValues {
  clusters: ClusterSetting[];
  'cloud.apiUrl': string;
  refreshInterval: number;
  pageSize: number;
  requestTimeout: number;
  'workload.window': string;
  'workload.metric': string;
  'sql.maxResultBytes': number;
  'sql.timeout': number;
  'codeLens.workload': string;
  'statusBar.enabled': boolean;
  'statusBar.interval': number;
  'health.capacityPercent': number;
  'health.clockOffsetMs': number;
  'health.maxOffsetMs': number;
  'health.p99LatencyMs': number;
}

export type SettingKey = keyof SettingValues;
export type DurationKey = 'refreshInterval' | 'requestTimeout' | 'statusBar.interval' | 'sql.timeout';

type Kind = 'number' | 'integer' | 'boolean' | 'string' | 'clusters';

/** How the code reads each key; the manifest supplies everything else. */
const KINDS: { readonly [K in SettingKey]: Kind } = {
  clusters: 'clusters',
  'cloud.apiUrl': 'string',
  refreshInterval: 'number',
  // A page of 12.5 rows means nothing; the manifest's "number" accepts fractions.
  pageSize: 'integer',
  requestTimeout: 'number',
  'workload.window': 'string',
  'workload.metric': 'string',
  'sql.maxResultBytes': 'integer',
  'sql.timeout': 'number',
  'codeLens.workload': 'string',
  'statusBar.enabled': 'boolean',
  'statusBar.interval': 'number',
  'health.capacityPercent': 'number',
  'health.clockOffsetMs': 'number',
  'health.maxOffsetMs': 'number',
  'health.p99LatencyMs': 'number',
};

export const SETTING_KEYS = Object.keys(KINDS) as SettingKey[];

export interface SettingSpec<K extends SettingKey = SettingKey> {
  readonly key: K;
  readonly kind: Kind;
  readonly default: SettingValues[K];
  readonly minimum?: number;
  readonly maximum?: number;
  /** Listed in `capabilities.untrustedWorkspaces.restrictedConfigurations`. */
  readonly restricted: boolean;
}

export type SettingSpecs = { readonly [K in SettingKey]: SettingSpec<K> };

/** The parts of package.json read here. */
export interface ManifestLike {
  contributes: {
    configuration: {
      properties: Record<string, { type?: string; default?: unknown; minimum?: number; maximum?: number }>;
    };
  };
  capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: readonly string[] } };
}

const JSON_TYPE: Record<Kind, string> = {
  number: 'number',
  integer: 'number',
  boolean: 'boolean',
  string: 'string',
  clusters: 'array',
};

/** Builds the table from a manifest; throws when the manifest and the code disagree on a key. */
export function specsFrom(m: ManifestLike): SettingSpecs {
  const props = m.contributes.configuration.properties;
  const restricted = new Set(m.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
  const out: Partial<Record<SettingKey, SettingSpec>> = {};
  for (const key of SETTING_KEYS) {
    const p = props[`${SECTION}.${key}`];
    const kind = KINDS[key];
    // l10n-ignore: build invariant (package.json and the code disagree), failed by the unit tests
    if (!p) throw new Error(`${SECTION}.${key} is read by the code but not declared in package.json`);
    if (p.type !== JSON_TYPE[kind])
      // l10n-ignore: build invariant, as above
      throw new Error(`${SECTION}.${key} is declared as ${p.type}, read as ${JSON_TYPE[kind]}`);
    out[key] = {
      key,
      kind,
      default: p.default as never,
      ...(p.minimum !== undefined ? { minimum: p.minimum } : {}),
      ...(p.maximum !== undefined ? { maximum: p.maximum } : {}),
      restricted: restricted.delete(`${SECTION}.${key}`),
    };
  }
  if (restricted.size)
    // l10n-ignore: build invariant, as above
    throw new Error(`restrictedConfigurations names unknown settings: ${[...restricted].join(', ')}`);
  return out as SettingSpecs;
}

export const SPECS: SettingSpecs = specsFrom(manifest as ManifestLike);

/** Keeps the entries that have at least a URL; a hand-edited list may hold anything. */
export function clusterEntries(raw: unknown): ClusterSetting[] {
  if (!Array.isArray(raw)) return [];
  const out: ClusterSetting[] = [];
  for (const entry of raw) {
    if (!entry || typeof entry !== 'object') continue;
    const { name, url, caFile, skipTlsVerify, virtualCluster, readOnly } = entry as Partial<
      Record<keyof ClusterSetting, unknown>
    >;
    if (typeof url !== 'string') continue;
    out.push({
      name: typeof name === 'string' ? name.trim() : '',
      url,
      ...(typeof caFile === 'string' && caFile ? { caFile } : {}),
      ...(skipTlsVerify === true ? { skipTlsVerify: true } : {}),
      ...(typeof virtualCluster === 'string' && virtualCluster.trim() ? { virtualCluster: virtualCluster.trim() } : {}),
      ...(readOnly === true ? { readOnly: true } : {}),
    });
  }
  return out;
}

/** A value of the wrong type reads as the default; a number outside the manifest's bounds is clamped. */
export function coerce<K extends SettingKey>(spec: SettingSpec<K>, raw: unknown): SettingValues[K] {
  const fallback = spec.default;
  switch (spec.kind) {
    case 'clusters':
      return clusterEntries(raw ?? fallback) as SettingValues[K];
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : fallback) as SettingValues[K];
    case 'string':
      return (typeof raw === 'string' && raw.trim() ? raw.trim() : fallback) as SettingValues[K];
    case 'number':
    case 'integer': {
      let n = typeof raw === 'number' && Number.isFinite(raw) ? raw : (fallback as number);
      if (spec.kind === 'integer') n = Math.floor(n);
      if (spec.minimum !== undefined) n = Math.max(spec.minimum, n);
      if (spec.maximum !== undefined) n = Math.min(spec.maximum, n);
      return n as SettingValues[K];
    }
  }
}

export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/**
 * Which layer of a setting counts. In an untrusted workspace only the user's own value
 * (or the default) is read: a repository's .vscode/settings.json must not be able to
 * point the explorer at a host or change its TLS settings.
 */
export function pickTrusted<T>(inspected: InspectedSetting<T> | undefined, trusted: boolean, fallback: T): T {
  if (!inspected) return fallback;
  if (trusted)
    return (
      inspected.workspaceFolderValue ??
      inspected.workspaceValue ??
      inspected.globalValue ??
      inspected.defaultValue ??
      fallback
    );
  return inspected.globalValue ?? inspected.defaultValue ?? fallback;
}

/** The value a key reads as, given what VS Code's inspect() returned and whether the workspace is trusted. */
export function resolveSetting<K extends SettingKey>(
  spec: SettingSpec<K>,
  inspected: InspectedSetting<unknown> | undefined,
  workspaceTrusted: boolean,
): SettingValues[K] {
  // Only the restricted keys can be harmful from a workspace; the rest follow VS Code's usual layering.
  return coerce(spec, pickTrusted<unknown>(inspected, workspaceTrusted || !spec.restricted, undefined));
}
