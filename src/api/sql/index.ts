// The SQL layer's public surface: the executor contract, the HTTP executor,
// typed errors, version features and the query sets.
import type { RequestOptions } from '../cluster/api';
import type { SqlBatch, SqlBatchResult, SqlExecutor } from './types';

export * from './types';
export * from './errors';
export * from './version';
export type * from './models';
export { HttpSqlExecutor } from './http';
export { topStatements } from './queries/statements';
export { topTransactions } from './queries/transactions';
export { statementInsights, transactionInsights } from './queries/insights';
export { contentionEvents } from './queries/contention';
export { jobs } from './queries/jobs';

/** Any ClusterApi (the real client or the lazy one) as a SqlExecutor for the query sets. */
export function sqlExecutorOf(api: {
  executeSql(batch: SqlBatch, opts?: RequestOptions): Promise<SqlBatchResult>;
}): SqlExecutor {
  return { execute: (batch, opts) => api.executeSql(batch, opts) };
}
export { statementHistory, planTree } from './queries/statementHistory';
export { lockWaits } from './queries/locks';
export * from './workload';
