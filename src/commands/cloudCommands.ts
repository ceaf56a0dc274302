// Adding and removing CockroachDB Cloud accounts and copying a Cloud cluster's
// connection string.
import * as vscode from 'vscode';
import type { Prompter } from '../auth/prompter';
import type { CloudAccounts } from '../cloud/accounts';
import { Commands } from '../constants';
import { CloudAccountNode, CloudClusterNode } from '../tree/cloudNodes';
import type { Handler } from './register';

export function cloudCommands(deps: { accounts: CloudAccounts; prompter: () => Prompter }): Partial<Record<string, Handler>> {
  const { accounts } = deps;
  return {
    [Commands.addCloudAccount]: async () => {
      const key = await deps.prompter().input({
        title: 'Add CockroachDB Cloud Account',
        prompt: 'API key of a service account (Cloud Console → Organization → Access Management → Service Accounts). Kept in VS Code secret storage.',
        password: true,
        validateInput: (v) => (v.trim().length >= 8 ? undefined : 'Paste the API key'),
      });
      if (key === undefined) return undefined;
      const account = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Checking the API key…' },
        () => accounts.add(key.trim()),
      );
      void vscode.window.showInformationMessage(`Added the CockroachDB Cloud organization ${account.organization}.`);
      return account.id;
    },
    [Commands.copyConnectionString]: async (node: unknown) => {
      if (!(node instanceof CloudClusterNode)) return;
      const os = process.platform === 'win32' ? 'WINDOWS' : process.platform === 'darwin' ? 'MAC' : 'LINUX';
      const cs = await node.client.getConnectionString(node.cluster.id, { os });
      await vscode.env.clipboard.writeText(cs.connectionString);
      void vscode.window.showInformationMessage(`Copied the connection string of ${node.cluster.name}. Replace <ENTER-PASSWORD> (or the password placeholder) with the SQL user's password.`);
    },
  };
}

/** Remove for a Cloud account row; returns false when the row is not one. */
export async function removeCloudAccount(node: unknown, accounts: CloudAccounts, prompter: Prompter): Promise<boolean> {
  if (!(node instanceof CloudAccountNode)) return false;
  if (await prompter.confirm(`Remove the Cloud organization ${node.account.organization}?`, 'The API key is deleted from secret storage.', 'Remove')) {
    await accounts.remove(node.account.id);
  }
  return true;
}
