// The confirmed cancel of a session or a query, shared by the Sessions rows,
// the contention rows and the panels: the modal names the session, its user and
// application, its node and the statement it runs, so nobody cancels blind.
import * as l10n from '@vscode/l10n';
import type { ClusterApi } from '../api/cluster/api';
import type { Session } from '../api/cluster/models';
import { oneLine } from '../domain/format';
import type { Ui } from '../ui/ui';

/** What a cancel confirmation needs to know of a session (a tree Session or a panel's LiveSession). */
export interface CancellableSession {
  id: string;
  nodeId: number;
  username: string;
  applicationName: string;
  /** The statement it runs now, if any. */
  statement?: string;
}

export function cancellable(s: Session): CancellableSession {
  const q = s.activeQueries[0];
  return {
    id: s.id,
    nodeId: s.nodeId,
    username: s.username,
    applicationName: s.applicationName,
    ...(q ? { statement: q.sql } : {}),
  };
}

export function describeSession(s: CancellableSession): string {
  const app = s.applicationName || l10n.t('no application');
  return s.statement
    ? l10n.t(
        'Session {0} of {1} ({2}) on node n{3}\nStatement: {4}',
        s.id,
        s.username,
        app,
        s.nodeId,
        oneLine(s.statement, 300),
      )
    : l10n.t('Session {0} of {1} ({2}) on node n{3}', s.id, s.username, app, s.nodeId);
}

/** Asks, then cancels. Resolves false when the user declined; a failed cancel throws for the caller's message. */
export async function confirmCancelSession(
  ui: Ui,
  client: Pick<ClusterApi, 'cancelSession'>,
  s: CancellableSession,
  headline = l10n.t('Cancel the session? Its connection is closed.'),
): Promise<boolean> {
  if (!(await ui.confirm(headline, describeSession(s), l10n.t('Cancel Session')))) return false;
  await client.cancelSession(s.id);
  return true;
}

export async function confirmCancelQuery(
  ui: Ui,
  client: Pick<ClusterApi, 'cancelQuery'>,
  s: CancellableSession,
  queryId: string,
): Promise<boolean> {
  if (!(await ui.confirm(l10n.t('Cancel the running query?'), describeSession(s), l10n.t('Cancel Query'))))
    return false;
  await client.cancelQuery(queryId);
  return true;
}

/** The headline when the session to cancel is the one blocking others. */
export const BLOCKING_SESSION_HEADLINE = l10n.t(
  'Cancel the blocking session? Its open transaction is rolled back and its connection closed.',
);
