// Every workload read by name, so callers (the tree, the panels, the lazy
// client) need one method and one type map instead of one per view.
import type {
  ContentionEvent,
  Job,
  LockWait,
  StatementHour,
  StatementInsight,
  StatementStats,
  TransactionInsight,
  TransactionStats,
  WorkloadResult,
} from './models';
import type { RunOptions } from './queries/common';
import { contentionEvents, type ContentionQuery } from './queries/contention';
import { statementInsights, transactionInsights, type InsightsQuery } from './queries/insights';
import { jobs } from './queries/jobs';
import { lockWaits, type LockWaitsQuery } from './queries/locks';
import { statementHistory, type StatementHistoryQuery } from './queries/statementHistory';
import { topStatements, type TopStatementsQuery } from './queries/statements';
import { topTransactions, type TopTransactionsQuery } from './queries/transactions';
import type { SqlExecutor } from './types';
import type { SqlFeatures, SqlVersion } from './version';

export type { ContentionQuery, InsightsQuery, LockWaitsQuery, StatementHistoryQuery, TopStatementsQuery };
export type { TopTransactionsQuery, RunOptions };

export interface WorkloadReads {
  statements: { query: TopStatementsQuery; item: StatementStats };
  transactions: { query: TopTransactionsQuery; item: TransactionStats };
  statementInsights: { query: InsightsQuery; item: StatementInsight };
  transactionInsights: { query: InsightsQuery; item: TransactionInsight };
  contention: { query: ContentionQuery; item: ContentionEvent };
  lockWaits: { query: LockWaitsQuery; item: LockWait };
  jobs: { query: { limit?: number }; item: Job };
  statementHistory: { query: StatementHistoryQuery; item: StatementHour };
}
export type WorkloadKind = keyof WorkloadReads;
export type WorkloadQuery<K extends WorkloadKind> = WorkloadReads[K]['query'];
export type WorkloadItem<K extends WorkloadKind> = WorkloadReads[K]['item'];

/** A workload answer with the version it was planned for (shown beside the data). */
export type WorkloadAnswer<K extends WorkloadKind> = WorkloadResult<WorkloadItem<K>> & { version?: SqlVersion };

type Reader<K extends WorkloadKind> = (
  executor: SqlExecutor,
  features: SqlFeatures,
  query: WorkloadQuery<K>,
  opts: RunOptions,
) => Promise<WorkloadResult<WorkloadItem<K>>>;

const READERS: { [K in WorkloadKind]: Reader<K> } = {
  statements: topStatements,
  transactions: topTransactions,
  statementInsights,
  transactionInsights,
  contention: contentionEvents,
  lockWaits,
  jobs: (executor, features, query, opts) => jobs(executor, features, query, opts),
  statementHistory,
};

export function readWorkload<K extends WorkloadKind>(
  kind: K,
  executor: SqlExecutor,
  features: SqlFeatures,
  query: WorkloadQuery<K>,
  opts: RunOptions = {},
): Promise<WorkloadResult<WorkloadItem<K>>> {
  return (READERS[kind] as Reader<K>)(executor, features, query, opts);
}
