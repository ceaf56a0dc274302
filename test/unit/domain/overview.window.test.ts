import assert from 'node:assert/strict';
import { MAX_LOOKBACK_MS, samplePeriodFor, windowRange } from '../../../src/domain/overview/window';
import type { OverviewWindow } from '../../../src/domain/overview/types';

const NOW = new Date('2026-09-01T12:00:00.000Z');
const now = NOW.getTime();
const H = 3_600_000;

describe('domain: overview window', () => {
  it('resolves the presets to a window ending now, at most 360 points of a multiple of 10 s', () => {
    const cases: Array<[OverviewWindow['preset'], number, number]> = [
      ['1h', H, 10_000],
      ['6h', 6 * H, 60_000],
      ['1d', 24 * H, 240_000],
      ['7d', 7 * 24 * H, 1_680_000],
    ];
    for (const [preset, span, sample] of cases) {
      const r = windowRange({ preset }, NOW);
      assert.deepEqual(r, { startMs: now - span, endMs: now, sampleMs: sample }, preset);
      assert.equal(r.sampleMs % 10_000, 0);
      assert.ok((r.endMs - r.startMs) / r.sampleMs <= 360, preset);
    }
  });
  it('chooses the smallest multiple of 10 s that keeps a window to 360 points', () => {
    assert.equal(samplePeriodFor(60_000), 10_000);
    assert.equal(samplePeriodFor(3_600_000), 10_000);
    assert.equal(samplePeriodFor(3_600_001), 20_000);
    assert.equal(samplePeriodFor(2 * H), 20_000);
    assert.equal(samplePeriodFor(0), 10_000);
    assert.equal(samplePeriodFor(NaN), 10_000);
  });
  it('keeps a custom range inside the last ten days', () => {
    const r = windowRange({ preset: 'custom', start: '2026-08-31T12:00:00Z', end: '2026-08-31T18:00:00Z' }, NOW);
    assert.deepEqual(r, { startMs: now - 24 * H, endMs: now - 18 * H, sampleMs: 60_000 });
    const old = windowRange({ preset: 'custom', start: '2026-01-01T00:00:00Z', end: '2026-09-01T11:00:00Z' }, NOW);
    assert.equal(old.startMs, now - MAX_LOOKBACK_MS);
    assert.equal(old.endMs, now - H);
    const future = windowRange({ preset: 'custom', start: '2026-09-01T11:00:00Z', end: '2027-01-01T00:00:00Z' }, NOW);
    assert.equal(future.endMs, now);
  });
  it('mends a custom range that is reversed, too short, too old or unreadable', () => {
    const reversed = windowRange({ preset: 'custom', start: '2026-09-01T11:00:00Z', end: '2026-09-01T10:00:00Z' }, NOW);
    assert.equal(reversed.endMs - reversed.startMs, 60_000);
    const ancient = windowRange({ preset: 'custom', start: '2020-01-01T00:00:00Z', end: '2020-01-02T00:00:00Z' }, NOW);
    assert.equal(ancient.startMs, now - MAX_LOOKBACK_MS);
    assert.ok(ancient.endMs > ancient.startMs);
    const junk = windowRange({ preset: 'custom', start: 'yesterday', end: '' }, NOW);
    assert.deepEqual(junk, { startMs: now - H, endMs: now, sampleMs: 10_000 });
    const tampered = windowRange({ preset: '30y' } as unknown as OverviewWindow, NOW);
    assert.deepEqual(tampered, { startMs: now - H, endMs: now, sampleMs: 10_000 });
  });
});
