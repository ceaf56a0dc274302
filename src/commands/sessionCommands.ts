// Cancelling a running query or a whole session. The session row does the work,
// after a confirmation that names the session, its statement and its node.
import { Commands } from '../constants';
import { capability } from '../tree/treeNode';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';

export function sessionCommands(deps: { ui: Ui }) {
  const { ui } = deps;
  return {
    [Commands.cancelQuery]: async (node: unknown) => (await capability(node, 'cancelQuery')?.(ui)) ?? false,
    [Commands.cancelSession]: async (node: unknown) => (await capability(node, 'cancelSession')?.(ui)) ?? false,
  } satisfies CommandTable;
}
