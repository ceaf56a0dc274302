// SQL activity → Transactions: the top transaction fingerprints of the window by
// the chosen metric. The panel joins their statements' text; the row names the
// application and the statement count and opens the panel on transactions.
import * as vscode from 'vscode';
import type { TransactionStats } from '../../api/sql/models';
import { Commands } from '../../constants';
import { cpuNanos } from '../../domain/format';
import { compactCount, formatSeconds } from '../../domain/workload';
import type { ClusterNode } from '../clusterNode';
import type { ExplorerContext } from '../context';
import { LoadedSection } from '../loadedSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from '../treeNode';
import { ShowAllNode, statementFigures } from './statementsSection';
import { answerRows, TOP_COUNT, viewWindow, viewWords, workloadView } from './workloadRows';

export class TransactionsSection extends LoadedSection {
  protected readonly what = vscode.l10n.t('transaction statistics');

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
    parent: TreeNode,
  ) {
    super(`${parent.id}/transactions`, parent);
  }

  override capabilities(): RowCapabilities {
    return { activityRef: () => ({ cluster: this.cluster.entry, kind: 'transactions' }) };
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No transactions ran in this window');
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Transactions'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('layers'),
      description: viewWords(),
      context: 'transactions;refreshable',
    });
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const view = workloadView();
    const answer = await this.cluster.entry.client.workload('transactions', {
      window: viewWindow(view),
      metric: view.metric,
      limit: TOP_COUNT,
    });
    const rows = answerRows(this, answer, (t) => new TransactionNode(this, t));
    if (answer.status === 'ok' && answer.items.length > 0) rows.push(new ShowAllNode(this, 'transactions'));
    return rows;
  }
}

export class TransactionNode extends TreeNode {
  constructor(
    readonly section: TransactionsSection,
    readonly stats: TransactionStats,
  ) {
    super(`${section.id}/${stats.fingerprintId}:${encodeURIComponent(stats.appName)}`, section);
  }

  override capabilities(): RowCapabilities {
    const t = this.stats;
    return {
      copyText: () => ({
        text: t.fingerprintId,
        what: vscode.l10n.t('the transaction fingerprint id {0}', t.fingerprintId),
      }),
      activityRef: () => ({ cluster: this.section.cluster.entry, kind: 'transactions' }),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const t = this.stats;
    const n = t.statementFingerprintIds.length;
    const app = t.appName || vscode.l10n.t('(no application)');
    const label =
      n === 1 ? vscode.l10n.t('{0} · {1} statement', app, n) : vscode.l10n.t('{0} · {1} statements', app, n);
    const tooltip = md();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Transaction')}** `);
    tooltip.appendText(t.fingerprintId);
    tooltip.appendText(
      [
        '',
        vscode.l10n.t(
          '{0} executions, total {1}, mean {2}',
          compactCount(t.executionCount),
          formatSeconds(t.totalTime),
          formatSeconds(t.meanLatency),
        ),
        vscode.l10n.t(
          'CPU {0} · retries up to {1} · contention {2}',
          cpuNanos(t.meanCpuNanos),
          t.maxRetries,
          formatSeconds(t.meanContention),
        ),
        vscode.l10n.t(
          'Statement fingerprints: {0}',
          t.statementFingerprintIds.join(', ') || vscode.l10n.t('not reported'),
        ),
      ].join('\n\n'),
    );
    return item(this, label, {
      description: statementFigures(t),
      tooltip,
      icon: new vscode.ThemeIcon('layers'),
      context: 'transaction',
      command: { command: Commands.showSqlActivity, title: vscode.l10n.t('Show SQL Activity'), arguments: [this] },
    });
  }
}
