// A range's problems by the names the DB Console's Range Report uses, from the
// flags each replica reports, and the replica types that vote.
import * as l10n from '@vscode/l10n';
import type { RangeProblems } from '../api/cluster/models';

/** The problem flags of one replica's view of a range (api/v2 `problems`), as read-only data. */
export type RangeProblemFlags = Readonly<Omit<RangeProblems, 'other'>> & { readonly other: readonly string[] };

export type ProblemSeverity = 'problem' | 'warning';

type ProblemFlag = keyof Omit<RangeProblemFlags, 'other'>;

const FLAG_NAMES: ReadonlyArray<[ProblemFlag, string]> = [
  ['unavailable', l10n.t('unavailable')],
  ['underreplicated', l10n.t('under-replicated')],
  ['overreplicated', l10n.t('over-replicated')],
  ['leaderNotLeaseHolder', l10n.t('leader not leaseholder')],
  ['noRaftLeader', l10n.t('no raft leader')],
  ['noLease', l10n.t('no lease')],
  ['quiescentEqualsTicking', l10n.t('quiescent equals ticking')],
  ['raftLogTooLarge', l10n.t('raft log too large')],
];

/** The flags whose ranges stop or risk traffic. */
const SEVERE: ReadonlySet<ProblemFlag> = new Set<ProblemFlag>([
  'unavailable',
  'noLease',
  'noRaftLeader',
  'underreplicated',
]);

/** `circuitBreakerError` / `circuit_breaker_error` → `circuit breaker error`. */
function humanise(flag: string): string {
  return flag
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/** Known flags in Range Report order, then unknown ones humanised; no duplicates. */
export function problemNames(p: RangeProblemFlags | undefined): string[] {
  if (!p) return [];
  const names = FLAG_NAMES.filter(([k]) => p[k]).map(([, n]) => n);
  for (const o of p.other) {
    const n = humanise(o);
    if (n && !names.includes(n)) names.push(n);
  }
  return names;
}

/** Unavailable, leaderless, lease-less and under-replicated ranges stop or risk traffic; the rest degrade it. */
export function problemSeverity(name: string): ProblemSeverity {
  return FLAG_NAMES.some(([flag, n]) => n === name && SEVERE.has(flag)) ? 'problem' : 'warning';
}

/**
 * Replicas in the Raft voting set. Outgoing and demoting voters still vote until
 * the joint configuration is left; learners and non-voters never do. A replica no
 * source typed is taken for a full voter, what api/v2 servers imply; a type this
 * client does not know (`type 9`) is not counted.
 */
const VOTER_TYPES: ReadonlySet<string> = new Set([
  'VOTER_FULL',
  'VOTER_INCOMING',
  'VOTER_OUTGOING',
  'VOTER_DEMOTING_LEARNER',
  'VOTER_DEMOTING_NON_VOTER',
]);

export function isVoter(type: string | undefined): boolean {
  return type === undefined || type === '' || VOTER_TYPES.has(type);
}
