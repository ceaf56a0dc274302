// The Cluster overview and the diagnostics snapshot.
import * as vscode from 'vscode';
import type { AuthService } from '../auth/authService';
import { gatherSnapshot } from '../clusters/snapshotData';
import { Commands } from '../constants';
import { buildSnapshot } from '../domain/diagnostics/snapshot';
import { healthThresholds } from '../status/thresholds';
import type { ScopedLogger } from '../util/logger';
import { safeFileName } from '../webviews/model/fileNames';
import { OverviewPanel } from '../webviews/overviewPanel';
import type { PanelEnv } from '../webviews/panelBase';
import { CHART_IDS, type ChartId } from '../domain/overview/types';
import type { CommandTable } from './register';
import { pickCluster, type PickDeps } from './targets';

function chartOf(v: unknown): ChartId | undefined {
  return typeof v === 'string' && (CHART_IDS as readonly string[]).includes(v) ? (v as ChartId) : undefined;
}

export function overviewCommands(deps: PickDeps & { panels: PanelEnv; auth: AuthService; log: ScopedLogger }) {
  const { ui, panels, auth, log } = deps;
  return {
    /** (row | cluster id | nothing, chart?) — the status bar passes the id and its worst rule's chart. */
    [Commands.showOverview]: async (arg: unknown, chart?: unknown) => {
      const entry = await pickCluster(deps, arg, vscode.l10n.t('Show the overview of which cluster?'));
      if (!entry) return undefined;
      return OverviewPanel.show(panels, entry, chartOf(chart));
    },
    [Commands.saveDiagnosticsSnapshot]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, vscode.l10n.t('Save a diagnostics snapshot of which cluster?'));
      if (!entry) return undefined;
      const literals = await ui.pick(
        [
          { label: vscode.l10n.t('Replace SQL literals'), description: vscode.l10n.t('recommended'), keep: false },
          {
            label: vscode.l10n.t('Keep SQL literals'),
            description: vscode.l10n.t('values in statements stay as they ran'),
            keep: true,
          },
        ],
        { placeHolder: vscode.l10n.t('Statements in the snapshot: replace their literal values?') },
      );
      if (!literals) return undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const name = safeFileName(`${entry.name}-diagnostics-${stamp}`, 'md');
      const target = await ui.saveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name),
        saveLabel: vscode.l10n.t('Save Snapshot'),
        title: vscode.l10n.t('Diagnostics snapshot of {0} (Markdown, with a .json beside it)', entry.name),
        filters: { [vscode.l10n.t('Markdown')]: ['md'] },
      });
      if (!target) return undefined;
      const input = await ui.progress(vscode.l10n.t('Reading {0} for the snapshot…', entry.name), (signal) =>
        gatherSnapshot(entry.name, entry.client, healthThresholds(), signal),
      );
      const token = auth.token(entry.id);
      const snapshot = buildSnapshot(input, { includeSqlLiterals: literals.keep, secrets: token ? [token] : [] });
      const jsonUri = target.with({ path: target.path.replace(/(\.md)?$/i, '.json') });
      const encoder = new TextEncoder();
      await vscode.workspace.fs.writeFile(target, encoder.encode(snapshot.markdown));
      await vscode.workspace.fs.writeFile(jsonUri, encoder.encode(`${JSON.stringify(snapshot.json, null, 2)}\n`));
      log.info(`saved a diagnostics snapshot of ${entry.name} to ${target.fsPath || target.toString()}`);
      void ui.info(
        vscode.l10n.t(
          'Saved the diagnostics snapshot of {0} (Markdown and JSON). Nothing was sent anywhere.',
          entry.name,
        ),
      );
      return { markdown: target, json: jsonUri };
    },
  } satisfies CommandTable;
}
