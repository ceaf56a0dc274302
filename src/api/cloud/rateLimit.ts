// Client-side limiter for the Cloud API's "10 requests per second per user".
//
// Why client-side: the tree, the status bar and a webview may all poll the same
// account at once; if each relied on 429s the key would be throttled for
// everyone. One limiter per API key, shared by every CloudClient built with that
// key, keeps the whole extension under the limit. The registry is keyed by a
// SHA-256 of the key so the key itself is never held as a map key or logged.
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { ApiError } from '../http/errors';

/** Injectable time source so tests can drive waits without real sleeping. */
export interface Clock {
  now(): number;
  /** Schedules fn after ms; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

function abortError(): ApiError {
  return new ApiError('cancelled', l10n.t('The Cloud API request was cancelled.'));
}

/** Abortable sleep on the given clock. */
export function sleep(ms: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = (): void => {
      cancel();
      reject(abortError());
    };
    const cancel = clock.setTimer(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface LimiterOptions {
  /** Requests allowed per window. Default 10. */
  limit?: number;
  /** Default 1000 ms. */
  windowMs?: number;
  /**
   * Added to the window because the server counts arrivals, not sends: a
   * request delayed in flight (first connection, TLS) could otherwise land
   * inside the next window. Default 100 ms (costs ~10 % throughput in bursts).
   */
  safetyMarginMs?: number;
  clock?: Clock;
}

/** Sliding-window log limiter, FIFO, abortable, with a server-imposed pause. */
export class SlidingWindowLimiter {
  readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  private readonly stamps: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(opts: LimiterOptions = {}) {
    this.limit = Math.max(1, opts.limit ?? 10);
    this.windowMs = (opts.windowMs ?? 1000) + (opts.safetyMarginMs ?? 100);
    this.clock = opts.clock ?? systemClock;
  }

  /** Resolves when a request may be sent now; the slot is taken on resolve. */
  acquire(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const w: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError());
        },
      };
      signal?.addEventListener('abort', w.onAbort, { once: true });
      this.queue.push(w);
      this.pump();
    });
  }

  /** The server said Retry-After: nobody using this key sends anything until then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.reschedule();
  }

  /** Milliseconds left of a server-imposed pause (0 when none). */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** Requests granted within the current window (for tests and diagnostics). */
  inFlightWindow(): number {
    this.prune(this.clock.now());
    return this.stamps.length;
  }

  private prune(now: number): void {
    while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
  }

  private delay(now: number): number {
    this.prune(now);
    if (this.pausedUntil > now) return this.pausedUntil - now;
    if (this.stamps.length < this.limit) return 0;
    return this.stamps[0]! + this.windowMs - now;
  }

  private reschedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.pump();
  }

  private pump(): void {
    if (this.cancelTimer) return; // a timer is pending and will pump again
    while (this.queue.length > 0) {
      const now = this.clock.now();
      const wait = this.delay(now);
      if (wait > 0) {
        this.cancelTimer = this.clock.setTimer(() => {
          this.cancelTimer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const w = this.queue.shift()!;
      w.signal?.removeEventListener('abort', w.onAbort);
      this.stamps.push(now);
      w.resolve();
    }
  }
}

const registry = new Map<string, SlidingWindowLimiter>();

function keyFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/**
 * The limiter shared by every client of this key in this process. The first
 * caller's options win: a key has one budget however many clients use it.
 */
export function limiterForKey(apiKey: string, opts: LimiterOptions = {}): SlidingWindowLimiter {
  const id = keyFingerprint(apiKey);
  let l = registry.get(id);
  if (!l) {
    l = new SlidingWindowLimiter(opts);
    registry.set(id, l);
  }
  return l;
}

/** Drops a key's limiter (e.g. when the user removes the key). */
export function forgetLimiter(apiKey: string): void {
  registry.delete(keyFingerprint(apiKey));
}
