// Which bundle implements each command. Activation registers every command with a stub
// that loads the bundle named here on the command's first run; `satisfies` makes a
// command missing from this table a compile error, and BundleTable makes a bundle that
// leaves out one of its commands another.
import { Commands, type CommandId } from '../constants';
import type { Handler } from '../commands/register';

export type CommandBundle = 'commands' | 'panels' | 'editor';

export const COMMAND_BUNDLE = {
  [Commands.addCluster]: 'commands',
  [Commands.addCloudAccount]: 'commands',
  [Commands.remove]: 'commands',
  [Commands.signIn]: 'commands',
  [Commands.signOut]: 'commands',
  [Commands.refresh]: 'commands',
  [Commands.refreshNode]: 'commands',
  [Commands.selectActiveCluster]: 'commands',
  [Commands.showHotRanges]: 'panels',
  [Commands.showRangeDetails]: 'panels',
  [Commands.filter]: 'commands',
  [Commands.clearFilter]: 'commands',
  [Commands.cancelQuery]: 'commands',
  [Commands.cancelSession]: 'commands',
  [Commands.copyAddress]: 'commands',
  [Commands.copyId]: 'commands',
  [Commands.copyConnectionString]: 'commands',
  [Commands.openDbConsole]: 'commands',
  [Commands.showAlertingRules]: 'commands',
  [Commands.showTableDetails]: 'commands',
  [Commands.showLogs]: 'commands',
  [Commands.loadMore]: 'commands',
  [Commands.retry]: 'commands',
  [Commands.statusBarMenu]: 'commands',
  [Commands.selectVirtualCluster]: 'commands',
  [Commands.changeCaFile]: 'commands',
  [Commands.showSqlActivity]: 'panels',
  [Commands.showStatementDetails]: 'panels',
  [Commands.openAsSql]: 'panels',
  [Commands.chooseWorkloadView]: 'panels',
  [Commands.cancelBlockingSession]: 'panels',
  [Commands.showJobDetails]: 'panels',
  [Commands.copyPauseJob]: 'panels',
  [Commands.copyResumeJob]: 'panels',
  [Commands.copyCancelJob]: 'panels',
  [Commands.runSql]: 'editor',
  [Commands.explainSql]: 'editor',
  [Commands.explainAnalyzeSql]: 'editor',
  [Commands.cancelSqlRun]: 'editor',
  [Commands.chooseEditorCluster]: 'editor',
  [Commands.showSqlHistory]: 'editor',
  [Commands.findInWorkspace]: 'editor',
  [Commands.goToTableDefinition]: 'editor',
  [Commands.showOverview]: 'panels',
  [Commands.saveDiagnosticsSnapshot]: 'panels',
  [Commands.openWalkthrough]: 'commands',
} as const satisfies Record<CommandId, CommandBundle>;

/** The commands a bundle implements. */
export type CommandsOf<B extends CommandBundle> = {
  [K in CommandId]: (typeof COMMAND_BUNDLE)[K] extends B ? K : never;
}[CommandId];

/** A bundle's command table: exactly its commands, each one present. */
export type BundleTable<B extends CommandBundle> = { readonly [K in CommandsOf<B>]: Handler };
