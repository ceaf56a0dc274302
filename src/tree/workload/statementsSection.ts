// SQL activity → Statements: the top fingerprints of the window by the chosen
// metric, each opening Statement details; "Show all" goes on to the panel.
import * as vscode from 'vscode';
import type { StatementStats } from '../../api/sql/models';
import { Commands } from '../../constants';
import { oneLine } from '../../domain/format';
import { compactCount, formatSeconds } from '../../domain/workload';
import { cpuNanos } from '../../domain/format';
import type { ClusterNode } from '../clusterNode';
import type { ExplorerContext } from '../context';
import { LoadedSection } from '../loadedSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from '../treeNode';
import { answerRows, TOP_COUNT, viewWindow, viewWords, workloadView } from './workloadRows';

export class StatementsSection extends LoadedSection {
  protected readonly what = vscode.l10n.t('statement statistics');

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
    parent: TreeNode,
  ) {
    super(`${parent.id}/statements`, parent);
  }

  override capabilities(): RowCapabilities {
    return { activityRef: () => ({ cluster: this.cluster.entry, kind: 'statements' }) };
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No statements ran in this window');
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Statements'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('symbol-event'),
      description: viewWords(),
      context: 'statements;refreshable',
    });
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const view = workloadView();
    const answer = await this.cluster.entry.client.workload('statements', {
      window: viewWindow(view),
      metric: view.metric,
      limit: TOP_COUNT,
    });
    const rows = answerRows(this, answer, (s) => new StatementNode(this, s));
    if (answer.status === 'ok' && answer.items.length > 0) rows.push(new ShowAllNode(this, 'statements'));
    return rows;
  }
}

/** The figures people compare first, in one line. */
export function statementFigures(
  s: Pick<StatementStats, 'p99Latency' | 'meanLatency' | 'executionCount' | 'totalTime'>,
): string {
  const lat =
    s.p99Latency !== undefined
      ? vscode.l10n.t('p99 {0}', formatSeconds(s.p99Latency))
      : vscode.l10n.t('mean {0}', formatSeconds(s.meanLatency));
  return vscode.l10n.t('{0} · {1} exec · {2} total', lat, compactCount(s.executionCount), formatSeconds(s.totalTime));
}

export class StatementNode extends TreeNode {
  constructor(
    readonly section: StatementsSection,
    readonly stats: StatementStats,
  ) {
    super(`${section.id}/${stats.fingerprintId}:${encodeURIComponent(stats.appName)}`, section);
  }

  override capabilities(): RowCapabilities {
    const s = this.stats;
    return {
      copyText: () => ({ text: s.fingerprintId, what: vscode.l10n.t('the fingerprint id {0}', s.fingerprintId) }),
      statementRef: () => ({ cluster: this.section.cluster.entry, fingerprintId: s.fingerprintId, appName: s.appName }),
      sqlText: () => s.query,
    };
  }

  getTreeItem(): vscode.TreeItem {
    const s = this.stats;
    const label = oneLine(s.querySummary || s.query, 70);
    const tooltip = md();
    tooltip.appendCodeblock(s.query, 'sql');
    tooltip.appendText(
      [
        vscode.l10n.t(
          '{0} · {1} · fingerprint {2}',
          s.appName || vscode.l10n.t('(no application)'),
          s.database || vscode.l10n.t('(no database)'),
          s.fingerprintId,
        ),
        vscode.l10n.t('{0} executions, total {1}', compactCount(s.executionCount), formatSeconds(s.totalTime)),
        s.p99Latency !== undefined
          ? vscode.l10n.t('mean {0}, p99 {1}', formatSeconds(s.meanLatency), formatSeconds(s.p99Latency))
          : vscode.l10n.t('mean {0}', formatSeconds(s.meanLatency)),
        vscode.l10n.t(
          'CPU {0} · rows read {1} · contention {2}',
          cpuNanos(s.meanCpuNanos),
          compactCount(s.meanRowsRead),
          formatSeconds(s.meanContention),
        ),
        ...(s.fullScan ? [vscode.l10n.t('Full table scan')] : []),
        ...s.indexRecommendations.map((r) => vscode.l10n.t('Index recommendation: {0}', r)),
      ].join('\n\n'),
    );
    return item(this, label, {
      description: statementFigures(s),
      tooltip,
      icon: new vscode.ThemeIcon(s.fullScan || s.indexRecommendations.length ? 'warning' : 'symbol-event'),
      context: `statement${s.fullScan ? ';fullScan' : ''}`,
      command: {
        command: Commands.showStatementDetails,
        title: vscode.l10n.t('Show Statement Details'),
        arguments: [this],
      },
      ariaLabel: s.fullScan
        ? vscode.l10n.t('Statement {0}, {1}, full scan', label, statementFigures(s))
        : vscode.l10n.t('Statement {0}, {1}', label, statementFigures(s)),
    });
  }
}

/** The last row of a top-N list: everything, sortable and filterable, in the SQL activity panel. */
export class ShowAllNode extends TreeNode {
  constructor(
    readonly owner: TreeNode & { readonly cluster: ClusterNode },
    readonly kind: 'statements' | 'transactions',
  ) {
    super(`${owner.id}/~all`, owner);
  }

  override capabilities(): RowCapabilities {
    return { activityRef: () => ({ cluster: this.owner.cluster.entry, kind: this.kind }) };
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Show all in SQL activity…'), {
      icon: new vscode.ThemeIcon('table'),
      context: 'showAll',
      command: { command: Commands.showSqlActivity, title: vscode.l10n.t('Show SQL Activity'), arguments: [this] },
    });
  }
}
