// Mutable run-time state of one simulator: faults, counters, cancellations.
// Route handlers read it; SimControl writes it.

import { SessionStore } from './auth';
import { HotRangeIndex } from './data/ranges';
import type { CancelState } from './data/sessions';
import type { Topology } from './data/topology';
import type { OutageLog } from './metrics/outages';
import { outageLogOf } from './metrics/outages';
import { K, Rng, mix } from './prng';
import type { SimControl, SimProfile } from './types';

export class SimState implements CancelState {
  readonly hot: HotRangeIndex;
  readonly store: SessionStore;
  /** When each node went down and came back, for the metric series. */
  readonly outages: OutageLog;
  down = new Set<number>();
  failRate = 0;
  latencyMs = 0;
  deadNodeDelayMs = 3000;
  stallPrefix: string | undefined;
  garbagePrefix: string | undefined;
  notReady = false;
  virtualCluster = false;
  readonly sessions = new Set<string>();
  readonly queries = new Set<string>();
  readonly cancelledSessionLog: string[] = [];
  readonly cancelledQueryLog: string[] = [];
  private readonly counts = new Map<string, number>();
  /** Keyed by virtual cluster and path, to show which one answered a request. */
  private readonly tenantCounts = new Map<string, number>();
  private readonly faultRng: Rng;
  /** Callbacks that release stalled requests (to answer them) when the stall is lifted. */
  readonly stalled = new Set<() => void>();

  constructor(
    readonly topo: Topology,
    readonly profile: SimProfile,
    readonly insecure: boolean,
    ttlSeconds: number,
  ) {
    this.hot = new HotRangeIndex(topo);
    this.store = new SessionStore(ttlSeconds);
    this.outages = outageLogOf(topo);
    this.faultRng = new Rng(mix(topo.seed, K.fault));
  }

  count(path: string): void {
    this.counts.set(path, (this.counts.get(path) ?? 0) + 1);
  }

  countTenant(tenant: string, path: string): void {
    const key = `${tenant}\u0000${path}`;
    this.tenantCounts.set(key, (this.tenantCounts.get(key) ?? 0) + 1);
  }

  shouldFail(): boolean {
    return this.failRate > 0 && this.faultRng.float() < this.failRate;
  }

  control(): SimControl {
    const strip = (p: string): string => p.replace(/^\/?(api\/v2\/)?/, '');
    return {
      setDownNodes: (ids, sinceMs) => {
        this.down = new Set(ids);
        const now = BigInt(Date.now()) * 1_000_000n;
        const since =
          sinceMs === undefined || !Number.isFinite(sinceMs) ? now : BigInt(Math.floor(sinceMs)) * 1_000_000n;
        this.outages.apply(this.down, now, since);
      },
      setFailRate: (p) => {
        this.failRate = p;
      },
      stallRoute: (prefix) => {
        this.stallPrefix = prefix === undefined ? undefined : strip(prefix);
        if (prefix === undefined) {
          for (const release of [...this.stalled]) release();
          this.stalled.clear();
        }
      },
      garbageRoute: (prefix) => {
        this.garbagePrefix = prefix === undefined ? undefined : strip(prefix);
      },
      expireAllSessions: () => this.store.expireAll(),
      setLatency: (ms) => {
        this.latencyMs = ms;
      },
      setDeadNodeDelay: (ms) => {
        this.deadNodeDelayMs = Math.max(0, ms);
      },
      setNotReady: (v) => {
        this.notReady = v;
      },
      setVirtualCluster: (v) => {
        this.virtualCluster = v;
      },
      requestCount: (prefix = '') => {
        const p = strip(prefix);
        let n = 0;
        for (const [path, c] of this.counts) if (path.startsWith(p)) n += c;
        return n;
      },
      tenantRequestCount: (tenant, prefix = '') => {
        const p = `${tenant}\u0000${strip(prefix)}`;
        let n = 0;
        for (const [key, c] of this.tenantCounts) if (key.startsWith(p)) n += c;
        return n;
      },
      revokedSessions: () => this.store.revoked(),
      activeSessionCount: () => this.store.activeCount(),
      cancelledSessions: () => [...this.cancelledSessionLog],
      cancelledQueries: () => [...this.cancelledQueryLog],
    };
  }
}
