// Adding CockroachDB Cloud accounts and copying a Cloud cluster's connection
// string. Removing an account is the account row's Remove.
import * as vscode from 'vscode';
import type { CloudAccounts } from '../cloud/accounts';
import { Commands } from '../constants';
import { capability } from '../tree/treeNode';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';

export function cloudCommands(deps: { accounts: CloudAccounts; ui: Ui }) {
  const { accounts, ui } = deps;
  return {
    [Commands.addCloudAccount]: async () => {
      const key = await ui.input({
        title: vscode.l10n.t('Add CockroachDB Cloud Account'),
        prompt: vscode.l10n.t(
          'API key of a service account (Cloud Console → Organization → Access Management → Service Accounts). Kept in VS Code secret storage.',
        ),
        password: true,
        validateInput: (v) => (v.trim().length >= 8 ? undefined : vscode.l10n.t('Paste the API key')),
      });
      if (key === undefined) return undefined;
      const account = await ui.progress(vscode.l10n.t('Checking the API key…'), () => accounts.add(key.trim()));
      void ui.info(vscode.l10n.t('Added the CockroachDB Cloud organization {0}.', account.organization));
      return account.id;
    },
    [Commands.copyConnectionString]: async (node: unknown) => {
      const get = capability(node, 'connectionString');
      if (!get) return;
      const { text, what } = await get();
      await vscode.env.clipboard.writeText(text);
      void ui.info(
        vscode.l10n.t(
          "Copied {0}. Replace <ENTER-PASSWORD> (or the password placeholder) with the SQL user's password.",
          what,
        ),
      );
    },
  } satisfies CommandTable;
}
