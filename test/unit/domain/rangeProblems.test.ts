import assert from 'node:assert/strict';
import { isVoter, problemNames, problemSeverity } from '../../../src/domain/rangeProblems';
import { NO_PROBLEMS } from '../modelFixtures';

describe('domain: range problems', () => {
  it('names flags like the Range Report, in its order, including unknown newer ones', () => {
    assert.deepEqual(
      problemNames({
        ...NO_PROBLEMS,
        unavailable: true,
        leaderNotLeaseHolder: true,
        other: ['circuitBreakerError', 'paused_followers'],
      }),
      ['unavailable', 'leader not leaseholder', 'circuit breaker error', 'paused followers'],
    );
    assert.deepEqual(problemNames({ ...NO_PROBLEMS, raftLogTooLarge: true, underreplicated: true }), [
      'under-replicated',
      'raft log too large',
    ]);
    assert.deepEqual(problemNames(NO_PROBLEMS), []);
    assert.deepEqual(problemNames(undefined), []);
  });
  it('names an unknown flag once, even when it repeats a known one', () => {
    assert.deepEqual(
      problemNames({ ...NO_PROBLEMS, noLease: true, other: ['no_lease', 'pausedFollowers', 'paused_followers', ''] }),
      ['no lease', 'paused followers'],
    );
  });
  it('calls what stops or risks traffic a problem and the rest a warning', () => {
    for (const n of ['unavailable', 'no lease', 'no raft leader', 'under-replicated'])
      assert.equal(problemSeverity(n), 'problem', n);
    for (const n of ['over-replicated', 'leader not leaseholder', 'raft log too large', 'circuit breaker error'])
      assert.equal(problemSeverity(n), 'warning', n);
  });
  it('counts untyped, outgoing and demoting voters until they are removed, never learners or non-voters', () => {
    for (const t of [
      undefined,
      '',
      'VOTER_FULL',
      'VOTER_INCOMING',
      'VOTER_OUTGOING',
      'VOTER_DEMOTING_LEARNER',
      'VOTER_DEMOTING_NON_VOTER',
    ])
      assert.ok(isVoter(t), String(t));
    for (const t of ['LEARNER', 'NON_VOTER', 'type 9']) assert.ok(!isVoter(t), t);
  });
});
