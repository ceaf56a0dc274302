import * as assert from 'node:assert/strict';
import type { StatementInsight, StatementStats } from '../../../src/api/sql/models';
import {
  lensTitle,
  lensTooltip,
  RefreshingCache,
  windowHours,
  workloadFigures,
} from '../../../src/editor/workspace/lensCache';
import { normalizeCodeSql } from '../../../src/domain/sqlInCode';

/** A clock and timers the test moves by hand. */
class FakeTime {
  t = 1_000_000;
  private timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  now = (): number => this.t;
  schedule = (fn: () => void, ms: number): { dispose(): void } => {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return { dispose: () => void (timer.live = false) };
  };
  advance(ms: number): void {
    this.t += ms;
    for (const timer of this.timers.filter((x) => x.live && x.at <= this.t)) {
      timer.live = false;
      timer.fn();
    }
  }
  get pendingTimers(): number {
    return this.timers.filter((x) => x.live).length;
  }
}

/** A load the test settles by hand. */
function deferredLoads<V>() {
  const calls: Array<{
    key: string;
    signal: AbortSignal;
    resolve: (v: V | undefined) => void;
    reject: (e: unknown) => void;
  }> = [];
  const load = (key: string, signal: AbortSignal): Promise<V | undefined> =>
    new Promise((resolve, reject) => calls.push({ key, signal, resolve, reject }));
  return { calls, load };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('editor: the workload lens cache (RefreshingCache)', () => {
  it('one load for many concurrent callers, none while fresh', async () => {
    const time = new FakeTime();
    const { calls, load } = deferredLoads<string>();
    const cache = new RefreshingCache<string>({ load, ttlMs: () => 30_000, now: time.now, schedule: time.schedule });
    const waiting = [cache.get('c1'), cache.get('c1'), cache.get('c1')];
    assert.equal(calls.length, 1);
    calls[0]!.resolve('figures');
    assert.deepEqual(await Promise.all(waiting), ['figures', 'figures', 'figures']);
    time.advance(29_000);
    assert.equal(await cache.get('c1'), 'figures');
    assert.equal(calls.length, 1);
    assert.equal(cache.loads, 1);
  });

  it('keys (clusters) load separately', async () => {
    const time = new FakeTime();
    const { calls, load } = deferredLoads<string>();
    const cache = new RefreshingCache<string>({ load, ttlMs: () => 30_000, now: time.now, schedule: time.schedule });
    void cache.get('a');
    void cache.get('b');
    assert.deepEqual(
      calls.map((c) => c.key),
      ['a', 'b'],
    );
  });

  it('a stale value is served at once while one background load refreshes it', async () => {
    const time = new FakeTime();
    const { calls, load } = deferredLoads<number>();
    const updates: string[] = [];
    const cache = new RefreshingCache<number>({
      load,
      ttlMs: () => 30_000,
      now: time.now,
      schedule: time.schedule,
      onUpdate: (k) => updates.push(k),
    });
    const first = cache.get('c');
    calls[0]!.resolve(1);
    assert.equal(await first, 1);
    time.advance(30_000);
    assert.equal(await cache.get('c'), 1, 'stale, at once');
    assert.equal(await cache.get('c'), 1);
    assert.equal(calls.length, 2, 'one refresh, not one per caller');
    calls[1]!.resolve(2);
    await tick();
    assert.equal(await cache.get('c'), 2);
    assert.deepEqual(updates, ['c', 'c']);
  });

  it('a failed load counts: no retry until the interval has passed', async () => {
    const time = new FakeTime();
    const { calls, load } = deferredLoads<number>();
    const errors: unknown[] = [];
    const cache = new RefreshingCache<number>({
      load,
      ttlMs: () => 30_000,
      now: time.now,
      schedule: time.schedule,
      onError: (_k, e) => errors.push(e),
    });
    const first = cache.get('c');
    calls[0]!.reject(new Error('connect ECONNREFUSED'));
    assert.equal(await first, undefined);
    assert.equal(errors.length, 1);
    for (let i = 0; i < 20; i++) assert.equal(await cache.get('c'), undefined);
    assert.equal(calls.length, 1, 'not one load per keystroke');
    time.advance(30_000);
    void cache.get('c');
    assert.equal(calls.length, 2);
  });

  it('tells about expiry only when someone asked since the last load', async () => {
    const time = new FakeTime();
    const { calls, load } = deferredLoads<number>();
    const expired: string[] = [];
    const cache = new RefreshingCache<number>({
      load,
      ttlMs: () => 10_000,
      now: time.now,
      schedule: time.schedule,
      onExpire: (k) => expired.push(k),
    });
    const first = cache.get('c');
    calls[0]!.resolve(1);
    await first;
    time.advance(10_000);
    assert.deepEqual(expired, [], 'nobody looked after the load');
    // A document asks (stale → one refresh); once that lands and is looked at, expiry is told.
    void cache.get('c');
    calls[1]!.resolve(2);
    await tick();
    await cache.get('c');
    time.advance(10_000);
    assert.deepEqual(expired, ['c']);
  });

  it('invalidate aborts the load under way and forgets the value; Infinity never expires', async () => {
    const time = new FakeTime();
    const { calls, load } = deferredLoads<number>();
    const cache = new RefreshingCache<number>({
      load,
      ttlMs: () => Number.POSITIVE_INFINITY,
      now: time.now,
      schedule: time.schedule,
    });
    const first = cache.get('c');
    cache.invalidate('c');
    assert.ok(calls[0]!.signal.aborted);
    calls[0]!.resolve(1);
    assert.equal(await first, undefined);
    assert.equal(cache.peek('c'), undefined);
    const second = cache.get('c');
    calls[1]!.resolve(2);
    assert.equal(await second, 2);
    time.advance(10 * 24 * 3_600_000);
    assert.equal(await cache.get('c'), 2);
    assert.equal(calls.length, 2);
    assert.equal(time.pendingTimers, 0);
    cache.dispose();
    assert.equal(cache.peek('c'), undefined);
  });
});

const stats = (over: Partial<StatementStats>): StatementStats => ({
  fingerprintId: 'a1b2c3d4e5f60718',
  appName: 'movr-api',
  database: 'movr',
  query: 'SELECT * FROM rides WHERE rider_id = $1',
  querySummary: 'SELECT * FROM rides',
  executionCount: 100,
  meanLatency: 0.01,
  p99Latency: 0.12,
  totalTime: 1,
  meanRowsRead: 1,
  meanRowsWritten: 0,
  meanBytesRead: 0,
  meanContention: 0,
  meanCpuNanos: 0,
  maxRetries: 0,
  fullScan: false,
  distSql: false,
  implicitTxn: true,
  indexRecommendations: [],
  ...over,
});

const insight = (over: Partial<StatementInsight>): StatementInsight => ({
  statementId: 's1',
  statementFingerprintId: 'a1b2c3d4e5f60718',
  transactionId: 't1',
  transactionFingerprintId: 'f1',
  sessionId: 'x',
  query: 'SELECT * FROM rides WHERE rider_id = $1',
  problem: 'SlowExecution',
  causes: ['Unset'],
  status: 'Completed',
  userName: 'app',
  appName: 'movr-api',
  database: 'movr',
  fullScan: true,
  rowsRead: 10,
  rowsWritten: 0,
  retries: 0,
  cpuNanos: 0,
  indexRecommendations: [],
  planGist: '',
  errorCode: '',
  ...over,
});

describe('editor: the workload lens figures', () => {
  it('groups fingerprints with the same text (comments, apps) into one lens', () => {
    const figures = workloadFigures(
      [
        stats({ executionCount: 3000, totalTime: 30, p99Latency: 0.12 }),
        stats({
          fingerprintId: '00000000000000ff',
          appName: 'analytics',
          query: 'SELECT * FROM rides WHERE rider_id = $1 /* v1 */',
          executionCount: 1800,
          totalTime: 9,
          p99Latency: 0.09,
        }),
        stats({ fingerprintId: '0000000000000abc', query: 'UPDATE vehicles SET status = $1 WHERE id = $2' }),
      ],
      [insight({})],
      1.5,
    );
    const f = figures.get(normalizeCodeSql('select * from rides where rider_id = ?'))!;
    assert.ok(f);
    assert.equal(f.executions, 4800);
    assert.equal(f.perHour, 3200);
    assert.equal(f.p99, 0.12);
    assert.equal(f.fingerprints, 2);
    assert.deepEqual(f.apps, ['analytics', 'movr-api']);
    assert.deepEqual(f.top, { fingerprintId: 'a1b2c3d4e5f60718', appName: 'movr-api', database: 'movr' });
    assert.equal(f.insights, 1);
    assert.equal(lensTitle(f), 'p99 120 ms · 3.2k exec/h · 1 insight (full scan)');
    assert.match(lensTooltip(f, 'Sim'), /Sim, last hour: 4.8k executions of 2 fingerprints \(analytics, movr-api\)/);
    assert.equal(figures.size, 2);
  });

  it('says the cause in words, else full scan, else the problem; mean latency without a p99', () => {
    const a = workloadFigures(
      [stats({ p99Latency: undefined, totalTime: 2.5, executionCount: 100 })],
      [insight({ causes: ['HighContention'] }), insight({ causes: ['HighContention', 'SuboptimalPlan'] })],
      1,
    );
    assert.equal(lensTitle([...a.values()][0]!), 'mean 25 ms · 100 exec/h · 2 insights (high contention)');
    const b = workloadFigures([stats({ fullScan: true })], [], 1);
    assert.equal(lensTitle([...b.values()][0]!), 'p99 120 ms · 100 exec/h · full scan');
    const c = workloadFigures([stats({})], [insight({ fullScan: false, problem: 'FailedExecution' })], 1);
    assert.equal(lensTitle([...c.values()][0]!), 'p99 120 ms · 100 exec/h · 1 insight (failed execution)');
    const d = workloadFigures([stats({})], [insight({ statementFingerprintId: 'other' })], 1);
    assert.equal(lensTitle([...d.values()][0]!), 'p99 120 ms · 100 exec/h');
  });

  it('the hours of a window whose start is rounded down to the hour', () => {
    const end = new Date('2026-01-01T10:30:00Z');
    assert.equal(windowHours(new Date(end.getTime() - 3_600_000), end), 1.5);
    assert.equal(windowHours(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T10:00:00Z')), 1 / 60);
  });
});
