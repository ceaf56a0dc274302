import assert from 'node:assert/strict';
import { cpuNanos, fixed, formatBytes, nodeList, oneLine } from '../../../src/domain/format';

describe('domain: number and text formatting', () => {
  it('formats bytes in binary units with three significant figures', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(1023), '1023 B');
    assert.equal(formatBytes(2048), '2.0 KiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(512 * 1024 ** 2), '512 MiB');
    assert.equal(formatBytes(32 * 1024 ** 3), '32.0 GiB');
    assert.equal(formatBytes(3 * 1024 ** 5), '3.0 PiB');
    assert.equal(formatBytes(4096 * 1024 ** 5), '4096 PiB', 'stays in the largest unit');
  });
  it('moves to the next unit where rounding would print 1024 of this one', () => {
    assert.equal(formatBytes(1023.6 * 1024), '1.0 MiB');
    assert.equal(formatBytes(1023.4 * 1024), '1023 KiB');
  });
  it('keeps the sign of a negative figure and leaves a missing one blank', () => {
    assert.equal(formatBytes(-1536), '-1.5 KiB');
    assert.equal(formatBytes(-0.2), '0 B');
    assert.equal(formatBytes(undefined), '');
    assert.equal(formatBytes(Number.NaN), '');
    assert.equal(formatBytes(Number.POSITIVE_INFINITY), '');
  });
  it('formats fixed-point figures and CPU nanoseconds, blank when missing', () => {
    assert.equal(fixed(12.345), '12.3');
    assert.equal(fixed(12.345, 2), '12.35');
    assert.equal(fixed(undefined), '');
    assert.equal(fixed(Number.NaN), '');
    assert.equal(cpuNanos(2_500_000), '2.5 ms');
    assert.equal(cpuNanos(1_234_000_000), '1.23 s');
    assert.equal(cpuNanos(undefined), '');
  });
  it('lists node ids and collapses long SQL to one line', () => {
    assert.equal(nodeList([1, 3]), 'n1, n3');
    assert.equal(nodeList([]), '');
    assert.equal(oneLine('SELECT *\n  FROM t\tWHERE x = 1', 12), 'SELECT * FR…');
    assert.equal(oneLine('  SELECT 1  '), 'SELECT 1');
  });
});
