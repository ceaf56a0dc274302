// A cluster's "SQL activity" row: Statements, Transactions, Insights and Live
// lock waits, over the window and ranking chosen with Choose Window and Metric….
import * as vscode from 'vscode';
import type { StatementMetric } from '../../api/sql/models';
import { config } from '../../config/config';
import { WINDOW_PRESETS, windowWords, type WindowPreset } from '../../domain/workload';
import type { Ui } from '../../ui/ui';
import type { ClusterNode } from '../clusterNode';
import type { ExplorerContext } from '../context';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from '../treeNode';
import { LockWaitsSection } from './contentionRows';
import { InsightsSection } from './insightsSection';
import { StatementsSection } from './statementsSection';
import { TransactionsSection } from './transactionsSection';
import { metricWords, viewWords, workloadView } from './workloadRows';

export class SqlActivitySection extends TreeNode {
  private sections: TreeNode[] | undefined;

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/activity`, cluster);
  }

  override capabilities(): RowCapabilities {
    return {
      activityRef: () => ({ cluster: this.cluster.entry, kind: 'statements' }),
      workloadView: (ui) => chooseWorkloadView(ui),
    };
  }

  override reset(): void {
    for (const s of this.sections ?? []) s.reset();
  }

  override getChildren(): Promise<TreeNode[]> {
    this.sections ??= [
      new StatementsSection(this.ctx, this.cluster, this),
      new TransactionsSection(this.ctx, this.cluster, this),
      new InsightsSection(this.ctx, this.cluster, this),
      new LockWaitsSection(this.ctx, this.cluster, this),
    ];
    return Promise.resolve(this.sections);
  }

  getTreeItem(): vscode.TreeItem {
    const tooltip = md();
    tooltip.appendText(
      vscode.l10n.t(
        'Statements and transactions ({0}), insights and live lock waits, read over SQL from crdb_internal (information_schema on v26.1+). Needs VIEWACTIVITY or VIEWACTIVITYREDACTED. Show SQL Activity opens every fingerprint in a sortable table.',
        viewWords(),
      ),
    );
    return item(this, vscode.l10n.t('SQL activity'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('pulse'),
      description: windowWords(workloadView().preset),
      tooltip,
      context: 'sqlActivity;refreshable',
    });
  }
}

/** Two quick questions, written to user settings; the rows follow the settings' change. */
export async function chooseWorkloadView(ui: Ui): Promise<void> {
  const current = workloadView();
  const w = await ui.pick(
    WINDOW_PRESETS.map((p) => ({ label: windowWords(p), preset: p, picked: p === current.preset })),
    {
      title: vscode.l10n.t('Workload rows: time window'),
      placeHolder: vscode.l10n.t('Now: {0}', windowWords(current.preset)),
    },
  );
  if (!w) return;
  const words = metricWords();
  const m = await ui.pick(
    (Object.keys(words) as StatementMetric[]).map((k) => ({
      label: words[k],
      metric: k,
      picked: k === current.metric,
    })),
    {
      title: vscode.l10n.t('Workload rows: rank the top 20 by'),
      placeHolder: vscode.l10n.t('Now: {0}', words[current.metric]),
    },
  );
  if (!m) return;
  await config.set('workload.window', w.preset satisfies WindowPreset);
  await config.set('workload.metric', m.metric);
}
