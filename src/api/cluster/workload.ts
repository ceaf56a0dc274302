// Workload reads for the cluster client: which version's plans to use. The
// version comes from nodes/ answers; a user who may not read nodes/ (no admin
// role or VIEWCLUSTERMETADATA) is asked `SELECT version()` instead. When neither
// says, the plans of each level are tried newest first: a missing table moves on.
import type { RequestOptions } from './api';
import type { SqlExecutor } from '../sql/types';
import { parseSqlVersion, sqlFeatures, type SqlVersion } from '../sql/version';
import {
  readWorkload,
  type RunOptions,
  type WorkloadAnswer,
  type WorkloadKind,
  type WorkloadQuery,
} from '../sql/workload';

/** Levels whose plans differ, newest first: v26.1 (information_schema), v23.1 (activity cache), v22.2, v22.1. */
const UNKNOWN_VERSION_GUESSES: readonly SqlVersion[] = [
  { major: 26, minor: 1 },
  { major: 23, minor: 1 },
  { major: 22, minor: 2 },
  { major: 22, minor: 1 },
];

export interface WorkloadReaderDeps {
  executor: SqlExecutor;
  knownVersion(): SqlVersion | undefined;
  /** Reads nodes/ (which records the version); rejects when the user may not. */
  learnVersion(opts: RequestOptions): Promise<SqlVersion | undefined>;
  rememberVersion(v: SqlVersion): void;
  /** The signed-in user, for the privilege advice. */
  user(): string | undefined;
}

export class WorkloadReader {
  constructor(private readonly deps: WorkloadReaderDeps) {}

  async read<K extends WorkloadKind>(
    kind: K,
    query: WorkloadQuery<K>,
    opts: RunOptions = {},
  ): Promise<WorkloadAnswer<K>> {
    const known = await this.version(opts);
    const user = this.deps.user();
    const runOpts = { ...opts, ...(opts.user || !user ? {} : { user }) };
    const executor = this.deps.executor;
    if (known) return { ...(await readWorkload(kind, executor, sqlFeatures(known), query, runOpts)), version: known };
    let answer: WorkloadAnswer<K> | undefined;
    for (const guess of UNKNOWN_VERSION_GUESSES) {
      answer = await readWorkload(kind, executor, sqlFeatures(guess), query, runOpts);
      if (answer.status === 'ok') return answer;
    }
    return answer!;
  }

  private async version(opts: RequestOptions): Promise<SqlVersion | undefined> {
    const known = this.deps.knownVersion();
    if (known) return known;
    try {
      const v = await this.deps.learnVersion(opts);
      if (v) return v;
    } catch (e) {
      if (opts.signal?.aborted) throw e;
    }
    const res = await this.deps.executor.execute({ statements: [{ sql: 'SELECT version() AS v' }] }, opts);
    const text = String(res.statements[0]?.rows?.[0]?.v ?? '');
    // Only CockroachDB's own answer counts ("CockroachDB CCL v23.2.4 (…)"); another server's number means nothing here.
    const v = /CockroachDB/i.test(text) ? parseSqlVersion(text) : undefined;
    if (v) this.deps.rememberVersion(v);
    return v;
  }
}
