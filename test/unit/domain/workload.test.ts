import * as assert from 'node:assert/strict';
import {
  causeWords,
  compactCount,
  formatSeconds,
  insightHeadline,
  isWindowPreset,
  jobControls,
  jobControlStatement,
  namedCauses,
  presetWindow,
  windowWords,
} from '../../../src/domain/workload';

describe('domain/workload', () => {
  it('formats latencies as people read them', () => {
    assert.equal(formatSeconds(0.0004), '0.40 ms');
    assert.equal(formatSeconds(0.0042), '4.2 ms');
    assert.equal(formatSeconds(0.12), '120 ms');
    assert.equal(formatSeconds(1.239), '1.24 s');
    assert.equal(formatSeconds(182), '3m 2s');
    assert.equal(formatSeconds(undefined), '');
    assert.equal(formatSeconds(Number.NaN), '');
    assert.equal(formatSeconds(-1), '');
  });

  it('compacts counts', () => {
    assert.equal(compactCount(950), '950');
    assert.equal(compactCount(3210), '3.2k');
    assert.equal(compactCount(41_000), '41k');
    assert.equal(compactCount(1_200_000), '1.2M');
    assert.equal(compactCount(3_400_000_000), '3.4B');
    assert.equal(compactCount(undefined), '');
  });

  it('names insight problems and causes in plain words, failed first, then the leading cause', () => {
    assert.equal(causeWords('HighRetryCount'), 'high retry count');
    assert.equal(causeWords('SomeNewCause'), 'some new cause');
    assert.deepEqual(namedCauses(['Unset', 'HighContention', 'None', '']), ['HighContention']);
    assert.equal(insightHeadline(['FailedExecution'], ['HighContention']), 'Failed execution');
    assert.equal(insightHeadline(['SlowExecution'], ['SuboptimalPlan', 'HighContention']), 'High contention');
    assert.equal(insightHeadline(['SlowExecution'], ['PlanRegression']), 'Plan regression');
    assert.equal(insightHeadline(['SlowExecution'], ['SuboptimalPlan']), 'Suboptimal plan');
    assert.equal(insightHeadline(['SlowExecution'], []), 'Slow execution');
  });

  it('offers the job controls the state allows, and only for integer ids', () => {
    assert.deepEqual(jobControls('running'), ['PAUSE', 'CANCEL']);
    assert.deepEqual(jobControls('paused'), ['RESUME', 'CANCEL']);
    assert.deepEqual(jobControls('succeeded'), []);
    assert.deepEqual(jobControls('failed'), []);
    assert.equal(jobControlStatement('PAUSE', '1152921504606846977'), 'PAUSE JOB 1152921504606846977;');
    assert.throws(() => jobControlStatement('CANCEL', '1; DROP TABLE x'), /not a job id/);
    assert.throws(() => jobControlStatement('CANCEL', ''), /not a job id/);
  });

  it('turns window presets into windows ending now', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const w = presetWindow('6h', now);
    assert.equal(w.start.toISOString(), '2026-12-01T06:00:00.000Z');
    assert.equal(w.end, now);
    assert.equal(presetWindow('7d', now).start.toISOString(), '2026-11-24T12:00:00.000Z');
    assert.equal(windowWords('1d'), 'last day');
    assert.ok(isWindowPreset('3d'));
    assert.ok(!isWindowPreset('2h'));
    assert.ok(!isWindowPreset(undefined));
  });
});
