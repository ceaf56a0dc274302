// Cancelling a running query or a whole session, always after a confirmation
// that names the session, its statement and its node.
import type { AuthService } from '../auth/authService';
import { Commands } from '../constants';
import { oneLine } from '../tree/format';
import type { ExplorerProvider } from '../tree/provider';
import { SessionNode } from '../tree/sessionsSection';
import type { ScopedLogger } from '../util/logger';
import type { Handler } from './register';

export function sessionCommands(deps: { auth: AuthService; tree: ExplorerProvider; log: ScopedLogger }): Partial<Record<string, Handler>> {
  const { auth, tree, log } = deps;
  const describe = (n: SessionNode) => {
    const s = n.session;
    const q = s.activeQueries[0];
    return `Session ${s.id} of ${s.username} (${s.applicationName || 'no application'}) on node n${s.nodeId}${q ? `\nStatement: ${oneLine(q.sql, 300)}` : ''}`;
  };
  return {
    [Commands.cancelQuery]: async (node: unknown) => {
      if (!(node instanceof SessionNode)) return false;
      const q = node.session.activeQueries[0];
      if (!q) return false;
      if (!(await auth.prompter.confirm('Cancel the running query?', describe(node), 'Cancel Query'))) return false;
      await node.section.cluster.entry.client.cancelQuery(q.id);
      log.info(`cancelled query ${q.id} of session ${node.session.id}`);
      tree.refresh(node.section);
      return true;
    },
    [Commands.cancelSession]: async (node: unknown) => {
      if (!(node instanceof SessionNode)) return false;
      if (!(await auth.prompter.confirm('Cancel the session? Its connection is closed.', describe(node), 'Cancel Session'))) return false;
      await node.section.cluster.entry.client.cancelSession(node.session.id);
      log.info(`cancelled session ${node.session.id}`);
      tree.refresh(node.section);
      return true;
    },
  };
}
