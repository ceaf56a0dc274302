/**
 * The simulated cluster's SQL catalogue: what the client's queries may read, per profile.
 *
 * Contract (column names and CockroachDB types as sql/ reports them):
 *
 * | relation | profiles | notes |
 * |---|---|---|
 * | `crdb_internal.statement_statistics` (+ `_persisted`) | v23, v25, seed-spec | aggregated_ts TIMESTAMPTZ, fingerprint_id BYTES, transaction_fingerprint_id BYTES, plan_hash BYTES, app_name STRING, metadata JSONB, statistics JSONB, sampled_plan JSONB, aggregation_interval INTERVAL, index_recommendations STRING[] |
 * | `crdb_internal.transaction_statistics` (+ `_persisted`) | v23, v25, seed-spec | aggregated_ts, fingerprint_id BYTES, app_name, metadata JSONB (`stmtFingerprintIDs`), statistics JSONB, aggregation_interval |
 * | `crdb_internal.statement_activity` | v23, v25, seed-spec (v23.1+) | statement_statistics' columns with `agg_interval`, `plan`, plus execution_count INT8, execution_total_seconds, execution_total_cluster_seconds, contention_time_avg_seconds, cpu_sql_avg_nanos, service_latency_avg_seconds, service_latency_p99_seconds FLOAT8 |
 * | `crdb_internal.transaction_activity` | v23, v25, seed-spec | aggregated_ts, fingerprint_id, app_name, agg_interval, metadata, statistics, query STRING, and the same derived columns |
 * | `crdb_internal.cluster_execution_insights` | v23, v25, seed-spec | session_id, txn_id UUID, txn_fingerprint_id BYTES, stmt_id, stmt_fingerprint_id BYTES, problem, causes STRING[], query, status, start_time, end_time TIMESTAMPTZ, full_scan BOOL, user_name, app_name, database_name, plan_gist, rows_read, rows_written INT8, priority, retries INT8, last_retry_reason, exec_node_ids INT8[], contention INTERVAL, index_recommendations STRING[], implicit_txn BOOL, cpu_sql_nanos INT8, error_code, last_error_redactable |
 * | `crdb_internal.cluster_txn_execution_insights` | v23, v25, seed-spec | txn_id, txn_fingerprint_id, query, implicit_txn, session_id, start_time, end_time, user_name, app_name, rows_read, rows_written, priority, retries, last_retry_reason, contention, problems STRING[], causes STRING[], stmt_execution_ids STRING[], cpu_sql_nanos, last_error_code, status |
 * | `crdb_internal.transaction_contention_events` | v23, v25, seed-spec | collection_ts, blocking_txn_id UUID, blocking_txn_fingerprint_id BYTES, waiting_txn_id UUID, waiting_txn_fingerprint_id BYTES, waiting_stmt_id, waiting_stmt_fingerprint_id BYTES, contention_duration INTERVAL, contending_key BYTES, contending_pretty_key, database_name, schema_name, table_name, index_name, contention_type |
 * | `crdb_internal.cluster_locks` | v23, v25, seed-spec | range_id, table_id INT8, database_name, schema_name, table_name, index_name, lock_key BYTES, lock_key_pretty, txn_id UUID, ts TIMESTAMPTZ, lock_strength, durability, granted, contended BOOL, duration INTERVAL, isolation_level; rebuilt on every read (a cancelled blocker's locks are gone) |
 * | `crdb_internal.jobs` | v23, v25, seed-spec | job_id INT8, job_type, description, statement, user_name, descriptor_ids INT8[], status, running_status, created, started, finished, modified TIMESTAMPTZ, fraction_completed FLOAT8, high_water_timestamp DECIMAL, error, coordinator_id INT8, trace_id INT8, last_run, next_run, num_runs, execution_errors STRING[] |
 * | `crdb_internal.cluster_sessions`, `cluster_queries`; `[SHOW CLUSTER SESSIONS]`, `[SHOW CLUSTER QUERIES]` | all with sql/ | as SHOW CLUSTER SESSIONS / QUERIES (live session model; cancels show) |
 * | `SHOW JOBS`, `[SHOW JOBS]`, `SHOW AUTOMATIC JOBS` | all with sql/ (v26 too) | job_id … execution_errors as SHOW JOBS; automatic jobs only in the latter |
 * | `information_schema.crdb_statement_statistics` | v26 only | as pkg/sql/vtable/information_schema_crdb.go: aggregated_ts, fingerprint_id, transaction_fingerprint_id, plan_hash BYTES, app_name, node_id INT8, agg_interval, execution_count INT8, service_latency, cpu_sql_nanos, contention_time, total_estimated_execution_time, p99_latency FLOAT8, exec_sample_count INT8, svc_lat_sum, cpu_sql_nanos_sum, contention_time_sum (+ `_sq`), kv_cpu_time_nanos_sum(_sq), admission_wait_time_sum(_sq) FLOAT8, rows_read_sum, rows_written_sum, bytes_read_sum INT8, bytes_read_sum_sq FLOAT8, max_retries INT8, query, query_summary, database STRING; internal apps (`$ internal%`) excluded |
 * | `information_schema.crdb_transaction_statistics` | v26 only | aggregated_ts, fingerprint_id BYTES, app_name, node_id, agg_interval, the same statistics columns plus commit_lat_sum(_sq), stmt_fingerprint_ids BYTES[]; internal apps excluded |
 * | `information_schema.crdb_jobs`, `crdb_jobs_with_progress` | v26 only | job_id, job_type, owner, description, created, finished, state, error (+ progress_fraction, resolved DECIMAL, status_message, last_updated), as pkg/sql/vtable/information_schema_crdb.go |
 *
 * Live workload (liveWorkload in data/sessions.ts): the newest contention events name, as
 * blocking_txn_id and waiting_txn_id, the open transactions (sessions/ `active_txn.id`, SHOW
 * CLUSTER SESSIONS `kv_txn`) of live sessions, waiting_stmt_id is the waiter's running query id,
 * and those sessions' queries are executions of generated fingerprints (`sql_no_constants` is
 * the fingerprint's `metadata->>'query'` with `_` for each `$n`). Every granted cluster_locks row
 * is such a blocker's; its waiter has a row on the same key, granted false. Older events are
 * history and name transactions that are no longer open.
 *
 * User databases (userTables.ts): every database `databases/` lists except `system` has its
 * tables (data/schema.ts's catalogue plus the columns the rows need) with rows from the seed,
 * one engine schema per CockroachDB (database, schema): `movr`, `bank`, `bank.audit`, … The
 * request's `database` is the search path; `db.schema.table`, `db.table` and `schema.table`
 * resolve as in CockroachDB. Admins' DML and DDL change the engine's copy for the simulator
 * process; `viewer` reads and gets 42501 for writes; nobody writes crdb_internal.
 *
 * v26: every `crdb_internal.*` / `system.*` reference fails with 42501 "Access to
 * crdb_internal and system is restricted." (allow_unsafe_internals). Users without
 * VIEWACTIVITY (`viewer`) get 42501 on the statistics, activity, insights, contention
 * and lock relations, and see only their own jobs. v21 has no sql/ at all.
 */

export const ACTIVITY_RELATIONS = new Set([
  'statement_statistics',
  'statement_statistics_persisted',
  'transaction_statistics',
  'transaction_statistics_persisted',
  'statement_activity',
  'transaction_activity',
  'cluster_execution_insights',
  'cluster_txn_execution_insights',
  'transaction_contention_events',
  'cluster_locks',
  'crdb_statement_statistics',
  'crdb_transaction_statistics',
]);

/** information_schema views that only the v26 profile has. */
export const V26_VIEWS = new Set([
  'crdb_statement_statistics',
  'crdb_transaction_statistics',
  'crdb_jobs',
  'crdb_jobs_with_progress',
]);

const STMT_COLS = `aggregated_ts, fingerprint_id, transaction_fingerprint_id, plan_hash, app_name, metadata, statistics,
  sampled_plan, aggregation_interval, index_recommendations`;
const DERIVED = `execution_count, execution_total_seconds, execution_total_cluster_seconds, contention_time_avg_seconds,
  cpu_sql_avg_nanos, service_latency_avg_seconds, service_latency_p99_seconds`;
const TXN_COLS = 'aggregated_ts, fingerprint_id, app_name, metadata, statistics, aggregation_interval';

/** The flat columns of v26.1's information_schema.crdb_*_statistics views, from the JSON statistics. */
const CNT = "(statistics->'statistics'->>'cnt')::float8";
const EXEC_CNT = "coalesce((statistics->'execution_statistics'->>'cnt')::float8, 0)";
const mean = (path: string): string => `(statistics->${path}->>'mean')::float8`;
const STABLE_STATS = `execution_count, service_latency_avg_seconds AS service_latency, cpu_sql_avg_nanos AS cpu_sql_nanos,
  contention_time_avg_seconds AS contention_time, execution_total_seconds AS total_estimated_execution_time,
  service_latency_p99_seconds AS p99_latency, ${EXEC_CNT}::int8 AS exec_sample_count,
  ${CNT} * ${mean("'statistics'->'svcLat'")} AS svc_lat_sum,
  ${EXEC_CNT} * coalesce(${mean("'execution_statistics'->'cpuSQLNanos'")}, 0) AS cpu_sql_nanos_sum,
  ${EXEC_CNT} * coalesce(${mean("'execution_statistics'->'contentionTime'")}, 0) AS contention_time_sum,
  NULL::float8 AS svc_lat_sum_sq, NULL::float8 AS cpu_sql_nanos_sum_sq, NULL::float8 AS contention_time_sum_sq,
  0::float8 AS kv_cpu_time_nanos_sum, NULL::float8 AS kv_cpu_time_nanos_sum_sq, 0::float8 AS admission_wait_time_sum,
  NULL::float8 AS admission_wait_time_sum_sq,
  round(${CNT} * coalesce(${mean("'statistics'->'rowsRead'")}, 0))::int8 AS rows_read_sum,
  round(${CNT} * coalesce(${mean("'statistics'->'rowsWritten'")}, 0))::int8 AS rows_written_sum,
  round(${CNT} * coalesce(${mean("'statistics'->'bytesRead'")}, 0))::int8 AS bytes_read_sum,
  NULL::float8 AS bytes_read_sum_sq, coalesce((statistics->'statistics'->>'maxRetries')::int8, 0) AS max_retries`;

/** Run once per engine; the data tables live in `sim_data`, what clients read is views. */
export const SCHEMA_DDL = `
SET TIME ZONE 'UTC';
CREATE DOMAIN public.string AS text;
CREATE DOMAIN public.bytes AS bytea;
CREATE SCHEMA sim_data;
CREATE SCHEMA sim_show;
CREATE SCHEMA crdb_internal;

CREATE FUNCTION sim_data.can_view(owner text) RETURNS bool LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('sim.admin', true), 'on') = 'on' OR owner = current_setting('sim.user', true) $$;

CREATE TABLE sim_data.statements (
  aggregated_ts timestamptz, fingerprint_id bytea, transaction_fingerprint_id bytea, plan_hash bytea, app_name text,
  metadata jsonb, statistics jsonb, sampled_plan jsonb, aggregation_interval interval, index_recommendations text[],
  execution_count int8, execution_total_seconds float8, execution_total_cluster_seconds float8,
  contention_time_avg_seconds float8, cpu_sql_avg_nanos float8, service_latency_avg_seconds float8,
  service_latency_p99_seconds float8);
CREATE TABLE sim_data.transactions (
  aggregated_ts timestamptz, fingerprint_id bytea, app_name text, metadata jsonb, statistics jsonb,
  aggregation_interval interval, query text,
  execution_count int8, execution_total_seconds float8, execution_total_cluster_seconds float8,
  contention_time_avg_seconds float8, cpu_sql_avg_nanos float8, service_latency_avg_seconds float8,
  service_latency_p99_seconds float8);
CREATE TABLE crdb_internal.cluster_execution_insights (
  session_id text, txn_id uuid, txn_fingerprint_id bytea, stmt_id text, stmt_fingerprint_id bytea, problem text,
  causes text[], query text, status text, start_time timestamptz, end_time timestamptz, full_scan bool, user_name text,
  app_name text, database_name text, plan_gist text, rows_read int8, rows_written int8, priority text, retries int8,
  last_retry_reason text, exec_node_ids int8[], contention interval, index_recommendations text[], implicit_txn bool,
  cpu_sql_nanos int8, error_code text, last_error_redactable text);
CREATE TABLE crdb_internal.cluster_txn_execution_insights (
  txn_id uuid, txn_fingerprint_id bytea, query text, implicit_txn bool, session_id text, start_time timestamptz,
  end_time timestamptz, user_name text, app_name text, rows_read int8, rows_written int8, priority text, retries int8,
  last_retry_reason text, contention interval, problems text[], causes text[], stmt_execution_ids text[],
  cpu_sql_nanos int8, last_error_code text, status text);
CREATE TABLE crdb_internal.transaction_contention_events (
  collection_ts timestamptz, blocking_txn_id uuid, blocking_txn_fingerprint_id bytea, waiting_txn_id uuid,
  waiting_txn_fingerprint_id bytea, waiting_stmt_id text, waiting_stmt_fingerprint_id bytea,
  contention_duration interval, contending_key bytea, contending_pretty_key text, database_name text,
  schema_name text, table_name text, index_name text, contention_type text);
CREATE TABLE crdb_internal.cluster_locks (
  range_id int8, table_id int8, database_name text, schema_name text, table_name text, index_name text,
  lock_key bytea, lock_key_pretty text, txn_id uuid, ts timestamptz, lock_strength text, durability text,
  granted bool, contended bool, duration interval, isolation_level text);
CREATE TABLE sim_data.jobs (
  job_id int8, job_type text, automatic bool, description text, statement text, user_name text,
  descriptor_ids int8[], status text, running_status text, created timestamptz, started timestamptz,
  finished timestamptz, modified timestamptz, fraction_completed float8, high_water_timestamp numeric, error text,
  coordinator_id int8, trace_id int8, last_run timestamptz, next_run timestamptz, num_runs int8,
  execution_errors text[]);
CREATE TABLE sim_data.sessions (
  node_id int8, session_id text, status text, user_name text, client_address text, application_name text,
  active_queries text, last_active_query text, num_txns_executed int8, session_start timestamp,
  active_query_start timestamp, kv_txn text, alloc_bytes int8, max_alloc_bytes int8, trace_id int8,
  goroutine_id int8, authentication_method text);
CREATE TABLE sim_data.queries (
  query_id text, txn_id uuid, node_id int8, session_id text, user_name text, start timestamp, query text,
  client_address text, application_name text, distributed bool, full_scan bool, phase text);

CREATE VIEW crdb_internal.statement_statistics AS SELECT ${STMT_COLS} FROM sim_data.statements;
CREATE VIEW crdb_internal.statement_statistics_persisted AS SELECT ${STMT_COLS} FROM sim_data.statements;
CREATE VIEW crdb_internal.statement_activity AS SELECT aggregated_ts, fingerprint_id, transaction_fingerprint_id,
  plan_hash, app_name, aggregation_interval AS agg_interval, metadata, statistics, sampled_plan AS plan,
  index_recommendations, ${DERIVED} FROM sim_data.statements;
CREATE VIEW crdb_internal.transaction_statistics AS SELECT ${TXN_COLS} FROM sim_data.transactions;
CREATE VIEW crdb_internal.transaction_statistics_persisted AS SELECT ${TXN_COLS} FROM sim_data.transactions;
CREATE VIEW crdb_internal.transaction_activity AS SELECT aggregated_ts, fingerprint_id, app_name,
  aggregation_interval AS agg_interval, metadata, statistics, query, ${DERIVED} FROM sim_data.transactions;
CREATE VIEW crdb_internal.jobs AS SELECT job_id, job_type, description, statement, user_name, descriptor_ids, status,
  running_status, created, started, finished, modified, fraction_completed, high_water_timestamp, error,
  coordinator_id, trace_id, last_run, next_run, num_runs, execution_errors
  FROM sim_data.jobs WHERE sim_data.can_view(user_name);
CREATE VIEW crdb_internal.cluster_sessions AS SELECT * FROM sim_data.sessions;
CREATE VIEW crdb_internal.cluster_queries AS SELECT * FROM sim_data.queries;

CREATE VIEW sim_show.jobs AS SELECT job_id, job_type, description, statement, user_name, status, running_status,
  created, started, finished, modified, fraction_completed, error, coordinator_id, trace_id, last_run, next_run,
  num_runs, execution_errors FROM sim_data.jobs WHERE NOT automatic AND sim_data.can_view(user_name)
  ORDER BY created DESC;
CREATE VIEW sim_show.automatic_jobs AS SELECT job_id, job_type, description, statement, user_name, status,
  running_status, created, started, finished, modified, fraction_completed, error, coordinator_id, trace_id,
  last_run, next_run, num_runs, execution_errors FROM sim_data.jobs WHERE automatic AND sim_data.can_view(user_name)
  ORDER BY created DESC;
CREATE VIEW sim_show.cluster_sessions AS SELECT * FROM sim_data.sessions WHERE sim_data.can_view(user_name);
CREATE VIEW sim_show.cluster_queries AS SELECT * FROM sim_data.queries WHERE sim_data.can_view(user_name);

CREATE VIEW information_schema.crdb_statement_statistics AS SELECT aggregated_ts, fingerprint_id,
  transaction_fingerprint_id, plan_hash, app_name, 1::int8 AS node_id, aggregation_interval AS agg_interval,
  ${STABLE_STATS}, coalesce(metadata->>'query', '') AS query,
  coalesce(metadata->>'querySummary', '') AS query_summary, coalesce(metadata->>'db', '') AS database
  FROM sim_data.statements WHERE app_name NOT LIKE '$ internal%';
CREATE VIEW information_schema.crdb_transaction_statistics AS SELECT aggregated_ts, fingerprint_id, app_name,
  1::int8 AS node_id, aggregation_interval AS agg_interval, ${STABLE_STATS},
  ((statistics->'statistics'->>'cnt')::float8 * (statistics->'statistics'->'commitLat'->>'mean')::float8)
    AS commit_lat_sum, NULL::float8 AS commit_lat_sum_sq,
  ARRAY(SELECT decode(elem, 'hex') FROM jsonb_array_elements_text(metadata->'stmtFingerprintIDs') AS elem)
    AS stmt_fingerprint_ids
  FROM sim_data.transactions WHERE app_name NOT LIKE '$ internal%';
CREATE VIEW information_schema.crdb_jobs AS SELECT job_id, job_type, user_name AS owner, description, created,
  finished, status AS state, error FROM sim_data.jobs WHERE sim_data.can_view(user_name);
CREATE VIEW information_schema.crdb_jobs_with_progress AS SELECT job_id, job_type, user_name AS owner, description,
  created, finished, status AS state, error, fraction_completed::float4 AS progress_fraction,
  high_water_timestamp AS resolved, running_status AS status_message, modified AS last_updated
  FROM sim_data.jobs WHERE sim_data.can_view(user_name);
`;

/** Generated rows go in with one statement per table. */
export const LOAD_TARGETS = {
  statements: 'sim_data.statements',
  transactions: 'sim_data.transactions',
  stmtInsights: 'crdb_internal.cluster_execution_insights',
  txnInsights: 'crdb_internal.cluster_txn_execution_insights',
  contention: 'crdb_internal.transaction_contention_events',
  locks: 'crdb_internal.cluster_locks',
  jobs: 'sim_data.jobs',
  sessions: 'sim_data.sessions',
  queries: 'sim_data.queries',
} as const;

export const loadSql = (table: string): string =>
  `INSERT INTO ${table} SELECT * FROM pg_catalog.jsonb_populate_recordset(NULL::${table}, $1::jsonb)`;
