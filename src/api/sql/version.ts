// Which SQL a cluster version understands. Read from a node's version text
// (NodeStatus.version, e.g. "v23.2.4") or `SHOW CLUSTER SETTING version`
// ("23.2" or "23.2-upgrading-to-24.1-step-008"); the query sets pick their
// statements from the features below, never from string comparisons.

export interface SqlVersion {
  major: number;
  minor: number;
}

export interface SqlFeatures {
  /** `POST /api/v2/sql/` itself (v22.1+). */
  sqlApi: boolean;
  /** `separate_txns` / `stop_on_error` (v23.2+, PR #108447). */
  separateTxns: boolean;
  /** crdb_internal.cluster_execution_insights (v22.2+). */
  statementInsights: boolean;
  /** crdb_internal.cluster_txn_execution_insights (v23.1+). */
  transactionInsights: boolean;
  /** crdb_internal.statement_activity / transaction_activity, the hourly top cache (v23.1+). */
  activityCache: boolean;
  /** crdb_internal.transaction_contention_events (v22.1+). */
  contentionEvents: boolean;
  /** crdb_internal is refused unless `allow_unsafe_internals` (v26.1+); prefer information_schema.crdb_* views. */
  internalsLocked: boolean;
}

/** "v23.2.4", "23.2", "23.2-upgrading-to-24.1-step-008", "CockroachDB CCL v25.1.2 (…)" → {major, minor}. */
export function parseSqlVersion(text: string | undefined): SqlVersion | undefined {
  if (!text) return undefined;
  const m = /(?:^|[^\d.])v?(\d{2})\.(\d+)/.exec(` ${text.trim()}`);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function atLeast(v: SqlVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

export function sqlFeatures(v: SqlVersion): SqlFeatures {
  return {
    sqlApi: atLeast(v, 22, 1),
    separateTxns: atLeast(v, 23, 2),
    statementInsights: atLeast(v, 22, 2),
    transactionInsights: atLeast(v, 23, 1),
    activityCache: atLeast(v, 23, 1),
    contentionEvents: atLeast(v, 22, 1),
    internalsLocked: atLeast(v, 26, 1),
  };
}

/** The oldest version across nodes decides: during an upgrade the cluster runs at that level. */
export function clusterSqlVersion(nodeVersions: Iterable<string>): SqlVersion | undefined {
  let lowest: SqlVersion | undefined;
  for (const t of nodeVersions) {
    const v = parseSqlVersion(t);
    if (v && (!lowest || !atLeast(v, lowest.major, lowest.minor))) lowest = v;
  }
  return lowest;
}

export function versionLabel(v: SqlVersion): string {
  return `v${v.major}.${v.minor}`;
}
