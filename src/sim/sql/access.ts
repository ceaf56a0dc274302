// Who may read what, checked before the engine runs a statement, with
// CockroachDB's own errors: the v26 lock-down of crdb_internal and system
// (pkg/sql/unsafesql, sqlerrors.ErrUnsafeTableAccess), VIEWACTIVITY for the
// workload tables, and the information_schema.crdb_* views only where they exist.
// Privileges on the user tables are the engine's (userTables.ts roles), in
// CockroachDB's words by userErrors.ts.

import type { SimProfile } from '../types';
import { pgError, type PgError } from '../routes/sqlOutcome';
import { relationsNamed } from './rewrite';
import { ACTIVITY_RELATIONS, V26_VIEWS } from './schema';

export const UNSAFE_INTERNALS: PgError = pgError('Access to crdb_internal and system is restricted.', '42501', {
  hint:
    'These interfaces are unsupported in production. To proceed, set the session variable ' +
    'allow_unsafe_internals = true (not recommended), or contact Cockroach Labs for a supported alternative.',
});

/** The engine's own schemas: no CockroachDB cluster has them. */
const ENGINE_SCHEMAS = new Set(['sim_data', 'sim_show', 'sim_types', 'pg_toast']);

export const locksDown = (profile: SimProfile): boolean => profile === 'v26';

export function checkAccess(
  profile: SimProfile,
  user: { username: string; admin: boolean },
  sql: string,
): PgError | undefined {
  const rels = relationsNamed(sql);
  if (locksDown(profile) && rels.some((r) => r.schema === 'crdb_internal' || r.schema === 'system'))
    return UNSAFE_INTERNALS;
  for (const r of rels) {
    if (r.schema === 'information_schema' && V26_VIEWS.has(r.name) && !locksDown(profile))
      return pgError(`relation "information_schema.${r.name}" does not exist`, '42P01');
    if (ENGINE_SCHEMAS.has(r.schema)) return pgError(`relation "${r.schema}.${r.name}" does not exist`, '42P01');
  }
  if (
    !user.admin &&
    rels.some(
      (r) => (r.schema === 'crdb_internal' || r.schema === 'information_schema') && ACTIVITY_RELATIONS.has(r.name),
    )
  )
    return pgError(`user ${user.username} does not have VIEWACTIVITY or VIEWACTIVITYREDACTED privilege`, '42501');
  return undefined;
}
