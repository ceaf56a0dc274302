import assert from 'node:assert/strict';
import { ageFromNanos, formatDuration, nanosToIso } from '../../../src/domain/time';

describe('domain: durations and nanosecond timestamps', () => {
  it('formats durations by their two largest units', () => {
    assert.equal(formatDuration(3 * 86400_000 + 4 * 3600_000), '3d 4h');
    assert.equal(formatDuration(5 * 3600_000 + 2 * 60_000 + 9_000), '5h 2m');
    assert.equal(formatDuration(61_000), '1m 1s');
    assert.equal(formatDuration(42_000), '42s');
    assert.equal(formatDuration(-1), '—');
    assert.equal(formatDuration(Number.NaN), '—');
  });
  it('measures ages from nanoseconds beyond 2^53 exactly, and -1 when unset', () => {
    assert.equal(ageFromNanos(1_700_000_000_000_000_123n, 1_700_000_060_000), 60_000);
    assert.equal(ageFromNanos(0n), -1);
  });
  it('turns decimal nanosecond strings into ISO times, blank when unset or malformed', () => {
    assert.equal(nanosToIso('1700000000123456789'), '2023-11-14T22:13:20.123Z');
    assert.equal(nanosToIso('999'), '1970-01-01T00:00:00.000Z');
    assert.equal(nanosToIso('0'), '');
    assert.equal(nanosToIso(undefined), '');
    assert.equal(nanosToIso('-5'), '');
    assert.equal(nanosToIso('1e9'), '');
  });
});
