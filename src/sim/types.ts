// Public option/handle types of the cluster simulator, kept apart so that route
// modules can import them without pulling in the server.

export type SimProfile = 'v21' | 'v23' | 'v25' | 'v26' | 'seed-spec';

export interface SimOptions {
  /** 0 (default) = any free port. The server binds 127.0.0.1 only. */
  port?: number;
  profile?: SimProfile;
  /** Default 9, at most 500. */
  nodes?: number;
  /** Every /api/v2/ request runs as root without a session (v22.1.11+ behaviour). */
  insecure?: boolean;
  /** With `insecure`: plain HTTP that still demands a session, like v22.1.0–v22.1.10. */
  insecureNeedsSession?: boolean;
  /**
   * How long `nodes/{id}/ranges/` for an unknown or down node takes before its 500: the
   * server's own dial timeout. Default 3000 ms.
   */
  deadNodeDelayMs?: number;
  /** HTTPS with a generated CA; `dir` reuses (or persists) the CA and server cert there. */
  tls?: { dir?: string } | boolean;
  seed?: number;
  latencyMs?: number;
  downNodes?: number[];
  failRate?: number;
  /** Default 7 days, like `server.web_session.timeout`. */
  sessionTtlSeconds?: number;
  /**
   * The DB Console port serves the application virtual cluster `app` by default, as on
   * clusters with cluster virtualization; `X-Cockroach-Tenant: system` reaches the system cluster.
   */
  virtualized?: boolean;
  /** Replicas per node; default 200, at most 10 000. */
  rangesPerNode?: number;
  /** Default 20, at most 2 000. */
  sessionsPerNode?: number;
  /** Length of each node's hot-range list; default 128. */
  hotRangesPerNode?: number;
}

export interface SimUser {
  username: string;
  password: string;
  admin: boolean;
}

export interface SimControl {
  /**
   * `sinceMs` (Unix ms, default now) backdates when the newly down nodes went down, so that
   * the metric series show the outage without waiting for new samples.
   */
  setDownNodes(ids: number[], sinceMs?: number): void;
  setFailRate(p: number): void;
  /** Requests whose path starts with the prefix never get an answer until cleared or closed. */
  stallRoute(routePrefix: string | undefined): void;
  /** Requests whose path starts with the prefix get 200 with a body that is not JSON. */
  garbageRoute(routePrefix: string | undefined): void;
  expireAllSessions(): void;
  setLatency(ms: number): void;
  /** See SimOptions.deadNodeDelayMs. */
  setDeadNodeDelay(ms: number): void;
  setNotReady(notReady: boolean): void;
  setVirtualCluster(on: boolean): void;
  /** Requests seen whose path (with or without `/api/v2/`) starts with the prefix; '' = all. */
  requestCount(routePrefix?: string): number;
  /** Like requestCount, for requests that virtual cluster `tenant` served. */
  tenantRequestCount(tenant: string, routePrefix?: string): number;
  revokedSessions(): number;
  activeSessionCount(): number;
  /** Hex ids given to `CANCEL SESSION`, in order. */
  cancelledSessions(): string[];
  /** Ids given to `CANCEL QUERY`, in order. */
  cancelledQueries(): string[];
}

export interface RunningClusterSim {
  clusterUrl: string;
  caFile?: string;
  users: SimUser[];
  control: SimControl;
  close(): Promise<void>;
}
