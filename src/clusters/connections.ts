// One ClusterHandle per configured cluster: a Cluster API client with the
// cluster's CA, timeout and session, created on first use (never at activation).
// Also the ClusterResolver that restored webview panels use.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AuthService } from '../auth/authService';
import { config } from '../config/config';
import type { ScopedLogger } from '../util/logger';
import type { ClusterConfig, ClusterHandle, ClusterResolver } from './handle';
import { LazyClusterClient } from './lazyClient';
import { isInsecureOrigin } from './origin';
import { readClusters } from './settings';

/** Read at every request, so a changed setting reaches clients already built. */
const requestTimeoutMs = (): number => config.ms('requestTimeout');

/** A cluster the explorer talks to: its handle for views, what it was built from, and why it cannot be used. */
export interface ClusterConnection extends ClusterHandle {
  readonly config: ClusterConfig;
  readonly insecure: boolean;
  /** Set when the client could not be built (e.g. the CA file is missing). */
  readonly setupError?: string;
}

export class ConnectionManager implements ClusterResolver, vscode.Disposable {
  private readonly entries = new Map<string, ClusterConnection>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly detected = new vscode.EventEmitter<string>();
  /** Fires with a cluster id when it turns out to serve virtual clusters (the row shows it). */
  readonly onDidDetectVirtualClusters = this.detected.event;
  /** Clusters reached through a Cloud account (ADVANCED), keyed by origin. */
  private readonly fromCloud = new Map<string, ClusterConfig>();
  /** Clusters whose default virtual cluster turned out to be an application one. */
  private readonly virtualized = new Set<string>();
  // A changed list (or trust granted to the workspace's list) means other clients; a changed
  // timeout does not: clients read it at every request.
  private readonly configListener = config.onDidChange('clusters', () => this.reload());

  constructor(
    private readonly auth: AuthService,
    private readonly log: ScopedLogger,
  ) {}

  configured(): ClusterConfig[] {
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

  /** A Cloud ADVANCED cluster, reached with the Cloud API's CA; settings entries win for the same origin. */
  registerCloudCluster(cluster: Omit<ClusterConfig, 'source'>): ClusterConnection {
    this.fromCloud.set(cluster.id, { ...cluster, source: 'cloud' });
    this.entries.delete(cluster.id);
    return this.get(cluster.id)!;
  }

  get(id: string): ClusterConnection | undefined {
    const cached = this.entries.get(id);
    if (cached) return cached;
    const config = this.configured().find((c) => c.id === id) ?? this.fromCloud.get(id);
    if (!config) return undefined;
    const entry = this.build(config);
    this.entries.set(id, entry);
    return entry;
  }

  resolve(clusterId: string): ClusterHandle | undefined {
    return this.get(clusterId);
  }

  all(): ClusterConnection[] {
    return this.configured().map((c) => this.get(c.id)!);
  }

  private build(config: ClusterConfig): ClusterConnection {
    let caPem = config.caPem;
    let setupError: string | undefined;
    if (config.caFile) {
      try {
        caPem = fs.readFileSync(config.caFile, 'utf8');
      } catch (e) {
        setupError = vscode.l10n.t(
          'The CA file {0} could not be read ({1}). Fix "caFile" in the cockroachdb.clusters setting.',
          config.caFile,
          e instanceof Error ? e.message : String(e),
        );
      }
    }
    if (config.skipTlsVerify)
      this.log.warn(
        `TLS verification is off for ${config.name} (skipTlsVerify); the session token is exposed to anyone on the network path`,
      );
    const client = new LazyClusterClient({
      baseUrl: config.url,
      ...(caPem ? { caPem } : {}),
      ...(config.skipTlsVerify ? { skipTlsVerify: true } : {}),
      timeoutMs: requestTimeoutMs,
      ...(config.virtualCluster ? { virtualCluster: config.virtualCluster } : {}),
      ...(this.virtualized.has(config.id) ? { virtualized: true } : {}),
      onVirtualized: () => {
        if (this.virtualized.has(config.id)) return;
        this.virtualized.add(config.id);
        this.log.info(
          `${config.name} serves virtual clusters: nodes, ranges and events come from the system cluster, SQL and sessions from ${config.virtualCluster ?? "the server's default"}`,
        );
        this.detected.fire(config.id);
      },
      session: {
        getToken: () => this.auth.token(config.id),
        // Called only once a request has failed, by which time `self` below exists.
        renew: (failed) => this.auth.renew(self, failed),
      },
    });
    const self: ClusterConnection = {
      id: config.id,
      name: config.name,
      client,
      consoleUrl: config.consoleUrl,
      config,
      insecure: isInsecureOrigin(config.id),
      ...(setupError ? { setupError } : {}),
    };
    return self;
  }

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
    this.detected.dispose();
  }
}
