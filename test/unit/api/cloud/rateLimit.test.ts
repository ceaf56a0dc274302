import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { SlidingWindowLimiter, limiterForKey, type Clock } from '../../../../src/api/cloud';
import type { RunningCloudSim } from '../../../../src/sim/cloud';
import { apiErrorOf, clientFor, startSim } from './cloudSim';

/** Manual clock: timers fire only when the test advances time. */
function fakeClock(): Clock & { advance(ms: number): Promise<void> } {
  let t = 0;
  let timers: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    setTimer(fn, ms) {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return () => void (timers = timers.filter((x) => x !== timer));
    },
    async advance(ms) {
      const end = t + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        t = next.at;
        next.fn();
        await new Promise((r) => setImmediate(r));
      }
      t = end;
      await new Promise((r) => setImmediate(r));
    },
  };
}

/** Largest number of arrivals inside any 1000 ms window. */
function maxPerRollingSecond(times: number[]): number {
  const ts = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < ts.length; i++) {
    while (ts[i]! - ts[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('Cloud API rate limiting', () => {
  describe('SlidingWindowLimiter (injected clock)', () => {
    it('grants 10 at once, then one per expiring slot, in FIFO order', async () => {
      const clock = fakeClock();
      const lim = new SlidingWindowLimiter({ limit: 10, safetyMarginMs: 0, clock });
      const granted: number[] = [];
      const all = Array.from({ length: 25 }, (_, i) => lim.acquire().then(() => granted.push(i)));
      await clock.advance(0);
      assert.equal(granted.length, 10);
      await clock.advance(999);
      assert.equal(granted.length, 10);
      await clock.advance(1);
      assert.equal(granted.length, 20);
      await clock.advance(1000);
      await Promise.all(all);
      assert.deepEqual(granted, [...Array(25).keys()]);
    });

    it('pauses every caller for Retry-After and lets an aborted waiter leave the queue', async () => {
      const clock = fakeClock();
      const lim = new SlidingWindowLimiter({ limit: 10, clock });
      lim.pauseFor(2000);
      const ac = new AbortController();
      let done = 0;
      const a = lim.acquire().then(() => done++);
      const b = lim.acquire(ac.signal).catch((e: unknown) => e);
      ac.abort();
      assert.equal(inspect(await b).includes('cancelled'), true);
      await clock.advance(1999);
      assert.equal(done, 0);
      await clock.advance(1);
      await a;
      assert.equal(done, 1);
    });

    it('is shared per API key and keyed by a hash, not the key', () => {
      const a = limiterForKey('secret-key-1');
      assert.equal(limiterForKey('secret-key-1'), a);
      assert.notEqual(limiterForKey('secret-key-2'), a);
    });
  });

  describe('over real sockets', () => {
    let sim: RunningCloudSim;
    beforeEach(async () => {
      sim = await startSim();
    });
    afterEach(() => sim.close());

    it('keeps a burst of 35 requests from several clients of one key within 10 per rolling second', async () => {
      // Two clients of the same key share one budget (e.g. tree + webview).
      const a = clientFor(sim);
      const b = clientFor(sim);
      const advId = sim.control.advancedClusterId;
      const calls = Array.from({ length: 35 }, (_, i) =>
        i % 2 ? a.getCluster(advId) : b.listClustersPage({ limit: 5 }),
      );
      await Promise.all(calls);
      const reqs = sim.control.requests();
      assert.equal(reqs.length, 35);
      assert.ok(
        reqs.every((r) => r.status === 200),
        'no 429 ever',
      );
      assert.ok(maxPerRollingSecond(reqs.map((r) => r.at)) <= 10);
    });

    it('waits out 429 + Retry-After when the server allows fewer requests than the client', async () => {
      sim.control.setRateLimitPerSecond(3);
      const client = clientFor(sim);
      const results = await Promise.all(Array.from({ length: 7 }, () => client.getOrganization()));
      assert.equal(results.length, 7);
      const reqs = sim.control.requests();
      assert.ok(
        reqs.some((r) => r.status === 429),
        'the server did rate-limit',
      );
      assert.equal(reqs.filter((r) => r.status === 200).length, 7);
    });

    it('retries a GET after any Retry-After (also on 503)', async () => {
      sim.control.failNext({ count: 1, status: 503, retryAfterSeconds: 0.05 });
      const org = await clientFor(sim).getOrganization();
      assert.equal(org.name, 'Acme Corp');
      assert.deepEqual(
        sim.control.requests().map((r) => r.status),
        [503, 200],
      );
    });

    it('never retries a mutation that got 429', async () => {
      sim.control.failNext({ count: 1, status: 429, retryAfterSeconds: 0.05, method: 'POST' });
      const client = clientFor(sim);
      const err = await apiErrorOf(client.createDatabase(sim.control.advancedClusterId, 'once'));
      assert.equal(err.kind, 'rateLimited');
      assert.equal(err.details.retryAfterSeconds, 0.05);
      const posts = sim.control.requests().filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1);
      assert.ok(!sim.control.world().clusters.get(sim.control.advancedClusterId)!.databases.has('once'));
    });

    it('surfaces rateLimited once GET retries are exhausted, without the key in it', async () => {
      sim.control.failNext({ count: 3, status: 429, retryAfterSeconds: 0.05 });
      const client = clientFor(sim, { rateLimitRetries: 2 });
      const err = await apiErrorOf(client.getOrganization());
      assert.equal(err.kind, 'rateLimited');
      assert.equal(err.status, 429);
      assert.match(err.message, /rate-limiting this API key \(10 requests per second\)/);
      assert.equal(sim.control.requests().length, 3);
      assert.ok(!inspect(err, { depth: 8 }).includes(sim.cloudApiKey));
    });

    it('does not wait out a Retry-After longer than maxRetryAfterSeconds', async () => {
      sim.control.failNext({ count: 1, status: 429, retryAfterSeconds: 120 });
      const client = clientFor(sim, { maxRetryAfterSeconds: 5 });
      const err = await apiErrorOf(client.getOrganization());
      assert.equal(err.kind, 'rateLimited');
      assert.match(err.message, /Try again in 120 s/);
      // Every caller of the key now fails fast instead of hanging for two minutes.
      const again = await apiErrorOf(clientFor(sim, { maxRetryAfterSeconds: 5 }).listClustersPage());
      assert.equal(again.kind, 'rateLimited');
      assert.equal(sim.control.requests().length, 1);
    });
  });
});
