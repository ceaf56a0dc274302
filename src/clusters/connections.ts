// One ClusterHandle per configured cluster: a Cluster API client with the
// cluster's CA, timeout and session, created on first use (never at activation).
// Also the ClusterResolver that restored webview panels use.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClusterApi } from '../api/cluster/api';
import type { AuthService } from '../auth/authService';
import { config } from '../config/config';
import type { ScopedLogger } from '../util/logger';
import type { ClusterHandle, ClusterResolver } from './handle';
import { LazyClusterClient } from './lazyClient';
import { isInsecureOrigin } from './origin';
import { readClusters, type ConfiguredCluster } from './settings';

/** Read at every request, so a changed setting reaches clients already built. */
const requestTimeoutMs = (): number => config.ms('requestTimeout');

export interface ClusterEntry extends ClusterHandle {
  readonly config: ConfiguredCluster;
  readonly insecure: boolean;
  /** Set when the client could not be built (e.g. the CA file is missing). */
  readonly setupError?: string;
}

export interface ExtraCluster {
  id: string;
  name: string;
  url: string;
  caPem?: string;
  consoleUrl: string;
}

export class ConnectionManager implements ClusterResolver, vscode.Disposable {
  private readonly entries = new Map<string, ClusterEntry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly detected = new vscode.EventEmitter<string>();
  /** Fires with a cluster id when it turns out to serve virtual clusters (the row shows it). */
  readonly onDidDetectVirtualClusters = this.detected.event;
  /** Clusters reached through a Cloud account (ADVANCED), keyed by origin. */
  private readonly extra = new Map<string, ExtraCluster>();
  /** Clusters whose default virtual cluster turned out to be an application one. */
  private readonly virtualized = new Set<string>();
  // A changed list (or trust granted to the workspace's list) means other clients; a changed
  // timeout does not: clients read it at every request.
  private readonly configListener = config.onDidChange('clusters', () => this.reload());

  constructor(
    private readonly auth: AuthService,
    private readonly log: ScopedLogger,
  ) {}

  configured(): ConfiguredCluster[] {
    return readClusters();
  }

  /** True once the cluster answered like a cluster with virtual clusters (or is configured with one). */
  isVirtualized(id: string): boolean {
    const vc = this.get(id)?.config.virtualCluster;
    return this.virtualized.has(id) || (vc !== undefined && vc !== 'system');
  }

  /** Drops cached clients so that the next use picks up changed settings. */
  reload(): void {
    this.entries.clear();
    // Settings changed: what the server serves is found out again (one 501 at most).
    this.virtualized.clear();
    this.changed.fire();
  }

  registerExtra(cluster: ExtraCluster): ClusterEntry {
    this.extra.set(cluster.id, cluster);
    this.entries.delete(cluster.id);
    return this.get(cluster.id)!;
  }

  get(id: string): ClusterEntry | undefined {
    const cached = this.entries.get(id);
    if (cached) return cached;
    const config = this.configured().find((c) => c.id === id);
    const extra = this.extra.get(id);
    if (!config && !extra) return undefined;
    const entry = config ? this.build(config) : this.buildExtra(extra!);
    this.entries.set(id, entry);
    return entry;
  }

  resolve(clusterId: string): ClusterHandle | undefined {
    return this.get(clusterId);
  }

  all(): ClusterEntry[] {
    return this.configured().map((c) => this.get(c.id)!);
  }

  private build(config: ConfiguredCluster): ClusterEntry {
    let caPem: string | undefined;
    let setupError: string | undefined;
    if (config.caFile) {
      try {
        caPem = fs.readFileSync(config.caFile, 'utf8');
      } catch (e) {
        setupError = `The CA file ${config.caFile} could not be read (${e instanceof Error ? e.message : String(e)}). Fix "caFile" in the cockroachdb.clusters setting.`;
      }
    }
    if (config.skipTlsVerify) this.log.warn(`TLS verification is off for ${config.name} (skipTlsVerify); the session token is exposed to anyone on the network path`);
    return this.makeEntry({ id: config.id, name: config.name, url: config.id, consoleUrl: config.id, caPem }, config, setupError);
  }

  private buildExtra(extra: ExtraCluster): ClusterEntry {
    const config: ConfiguredCluster = { id: extra.id, name: extra.name, url: extra.url };
    return this.makeEntry(extra, config, undefined);
  }

  private makeEntry(
    base: { id: string; name: string; url: string; consoleUrl: string; caPem?: string | undefined },
    config: ConfiguredCluster,
    setupError: string | undefined,
  ): ClusterEntry {
    const target = { id: base.id, name: base.name } as { id: string; name: string; client: ClusterApi };
    const client = new LazyClusterClient({
      baseUrl: base.url,
      ...(base.caPem ? { caPem: base.caPem } : {}),
      ...(config.skipTlsVerify ? { skipTlsVerify: true } : {}),
      timeoutMs: requestTimeoutMs,
      ...(config.virtualCluster ? { virtualCluster: config.virtualCluster } : {}),
      ...(this.virtualized.has(base.id) ? { virtualized: true } : {}),
      onVirtualized: () => {
        if (this.virtualized.has(base.id)) return;
        this.virtualized.add(base.id);
        this.log.info(`${base.name} serves virtual clusters: nodes, ranges and events come from the system cluster, SQL and sessions from ${config.virtualCluster ?? "the server's default"}`);
        this.detected.fire(base.id);
      },
      session: {
        getToken: () => this.auth.token(base.id),
        renew: (failed) => this.auth.renew(target, failed),
      },
    });
    target.client = client;
    return {
      id: base.id,
      name: base.name,
      client,
      consoleUrl: base.consoleUrl,
      config,
      insecure: isInsecureOrigin(base.id),
      ...(setupError ? { setupError } : {}),
    };
  }

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
    this.detected.dispose();
  }
}
