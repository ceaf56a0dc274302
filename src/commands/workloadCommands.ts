// The workload rows' and panels' commands: SQL activity and Statement details,
// Open as SQL, the tree's window and ranking, Cancel Blocking Session, job
// details and the job-control statements to copy.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import { capability, type RowCapabilities } from '../tree/treeNode';
import { chooseWorkloadView } from '../tree/workload/sqlActivitySection';
import type { Ui } from '../ui/ui';
import { openAsSql, type PanelEnv } from '../webviews/panelBase';
import { SqlActivityPanel } from '../webviews/sqlActivityPanel';
import { StatementDetailsPanel } from '../webviews/statementDetailsPanel';
import type { ReadOnlyDocs } from './readOnlyDocs';
import type { CommandTable } from './register';
import { pickCluster } from './targets';

/** A statement named by a panel or a test: `{ clusterId, fingerprintId, appName }`. */
function statementArg(arg: unknown): { clusterId: string; fingerprintId: string; appName: string } | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  if (
    typeof a.clusterId !== 'string' ||
    typeof a.fingerprintId !== 'string' ||
    !/^[0-9a-f]{1,32}$/.test(a.fingerprintId)
  )
    return undefined;
  return {
    clusterId: a.clusterId,
    fingerprintId: a.fingerprintId,
    appName: typeof a.appName === 'string' ? a.appName : '',
  };
}

async function copyStatement(
  node: unknown,
  which: 'pauseJob' | 'resumeJob' | 'cancelJob',
): Promise<string | undefined> {
  const text = (capability(node, which) as RowCapabilities['pauseJob'])?.();
  if (!text) return undefined;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(
    vscode.l10n.t('Copied "{0}" — run it in a SQL shell: the SQL API does not run job control statements.', text),
    6000,
  );
  return text;
}

export function workloadCommands(deps: {
  connections: ConnectionManager;
  ui: Ui;
  panels: PanelEnv;
  docs: ReadOnlyDocs;
}) {
  const { connections, ui, panels, docs } = deps;
  return {
    [Commands.showSqlActivity]: async (arg: unknown) => {
      const ref = capability(arg, 'activityRef')?.();
      const cluster =
        ref?.cluster ?? (await pickCluster(deps, arg, vscode.l10n.t('Show the SQL activity of which cluster?')));
      if (!cluster) return;
      SqlActivityPanel.show(panels, cluster, ref?.kind ?? 'statements');
    },
    [Commands.showStatementDetails]: async (arg: unknown) => {
      const ref = capability(arg, 'statementRef')?.();
      if (ref) {
        StatementDetailsPanel.show(panels, ref.cluster, { fingerprintId: ref.fingerprintId, appName: ref.appName });
        return;
      }
      const named = statementArg(arg);
      const cluster = named && connections.resolve(named.clusterId);
      if (!named || !cluster) return;
      StatementDetailsPanel.show(panels, cluster, { fingerprintId: named.fingerprintId, appName: named.appName });
    },
    [Commands.openAsSql]: async (arg: unknown) => {
      const text = capability(arg, 'sqlText')?.();
      if (text !== undefined) await openAsSql(text);
    },
    [Commands.chooseWorkloadView]: async (arg: unknown) => {
      await (capability(arg, 'workloadView') ?? chooseWorkloadView)(ui);
    },
    [Commands.cancelBlockingSession]: async (arg: unknown) => (await capability(arg, 'cancelBlocker')?.(ui)) ?? false,
    [Commands.showJobDetails]: async (arg: unknown) => {
      const doc = await capability(arg, 'document')?.();
      if (doc) await docs.open(doc.path, doc.content, doc.language);
    },
    [Commands.copyPauseJob]: (arg: unknown) => copyStatement(arg, 'pauseJob'),
    [Commands.copyResumeJob]: (arg: unknown) => copyStatement(arg, 'resumeJob'),
    [Commands.copyCancelJob]: (arg: unknown) => copyStatement(arg, 'cancelJob'),
  } satisfies CommandTable;
}
