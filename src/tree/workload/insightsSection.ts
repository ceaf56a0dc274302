// SQL activity → Insights: statement and transaction insights of the window,
// newest first, each saying the problem and its cause. A contended one expands
// to who blocked it (see contentionRows), with Cancel Blocking Session while
// the blocker is still open.
import * as vscode from 'vscode';
import type { StatementInsight, TransactionInsight } from '../../api/sql/models';
import { Commands } from '../../constants';
import { oneLine } from '../../domain/format';
import { formatDuration } from '../../domain/time';
import { causeWords, formatSeconds, insightHeadline, namedCauses } from '../../domain/workload';
import type { ClusterNode } from '../clusterNode';
import type { ExplorerContext } from '../context';
import { LoadedSection } from '../loadedSection';
import { errorRow, MessageNode } from '../messageNode';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from '../treeNode';
import { contentionRows } from './contentionRows';
import { viewWindow, workloadView } from './workloadRows';
import { windowWords } from '../../domain/workload';

const INSIGHT_LIMIT = 100;

type AnyInsight = { kind: 'statement'; i: StatementInsight } | { kind: 'transaction'; i: TransactionInsight };

const endOf = (x: AnyInsight): number => x.i.end?.getTime() ?? 0;

export class InsightsSection extends LoadedSection {
  protected readonly what = vscode.l10n.t('insights');

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
    parent: TreeNode,
  ) {
    super(`${parent.id}/insights`, parent);
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No insights in this window');
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.loadedCount;
    return item(this, vscode.l10n.t('Insights'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('lightbulb'),
      description: `${n ? `${n} · ` : ''}${windowWords(workloadView().preset)}`,
      context: 'insights;refreshable',
    });
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const window = { start: viewWindow().start };
    const client = this.cluster.entry.client;
    // Either kind may be missing on a version, or refused; the other still shows.
    const [stmts, txns] = await Promise.allSettled([
      client.workload('statementInsights', { window, limit: INSIGHT_LIMIT }),
      client.workload('transactionInsights', { window, limit: INSIGHT_LIMIT }),
    ]);
    if (stmts.status === 'rejected' && txns.status === 'rejected') throw stmts.reason;
    const merged: AnyInsight[] = [];
    const notes: TreeNode[] = [];
    if (stmts.status === 'rejected') notes.push(errorRow(this, vscode.l10n.t('statement insights'), stmts.reason));
    else if (stmts.value.status === 'ok')
      merged.push(...stmts.value.items.map((i) => ({ kind: 'statement' as const, i })));
    else notes.push(new MessageNode(this, 'na-statements', 'info', stmts.value.reason, stmts.value.whatToDo));
    if (txns.status === 'rejected') notes.push(errorRow(this, vscode.l10n.t('transaction insights'), txns.reason));
    else if (txns.value.status === 'ok')
      merged.push(...txns.value.items.map((i) => ({ kind: 'transaction' as const, i })));
    // On v26.1 both say the same (crdb_internal is locked): once is enough.
    else if (
      stmts.status === 'rejected' ||
      stmts.value.status !== 'unavailable' ||
      stmts.value.reason !== txns.value.reason.replace('Transaction', 'Statement')
    )
      notes.push(new MessageNode(this, 'na-transactions', 'info', txns.value.reason, txns.value.whatToDo));
    for (const r of [stmts, txns])
      if (r.status === 'fulfilled' && r.value.status === 'ok' && r.value.truncated)
        notes.push(
          new MessageNode(
            this,
            `cut-${notes.length}`,
            'info',
            vscode.l10n.t('The cluster cut an answer at its size limit: not every insight is shown'),
          ),
        );
    merged.sort((a, b) => endOf(b) - endOf(a));
    return [...notes, ...merged.map((x) => new InsightNode(this, x))];
  }
}

export class InsightNode extends TreeNode {
  private rows: Promise<TreeNode[]> | undefined;

  constructor(
    readonly section: InsightsSection,
    readonly insight: AnyInsight,
  ) {
    super(
      `${section.id}/${insight.kind === 'statement' ? `s:${insight.i.statementId}` : `t:${insight.i.transactionId}`}`,
      section,
    );
  }

  private get problems(): string[] {
    const x = this.insight;
    return x.kind === 'statement' ? [x.i.problem] : x.i.problems;
  }

  private get contended(): boolean {
    return this.insight.i.causes.includes('HighContention') || (this.insight.i.contention ?? 0) > 0;
  }

  override capabilities(): RowCapabilities {
    const x = this.insight;
    const caps: RowCapabilities = {
      sqlText: () => x.i.query,
    };
    if (x.kind === 'statement') {
      caps.copyText = () => ({ text: x.i.statementId, what: vscode.l10n.t('the statement id {0}', x.i.statementId) });
      caps.statementRef = () => ({
        cluster: this.section.cluster.entry,
        fingerprintId: x.i.statementFingerprintId,
        appName: x.i.appName,
      });
    } else
      caps.copyText = () => ({
        text: x.i.transactionId,
        what: vscode.l10n.t('the transaction id {0}', x.i.transactionId),
      });
    return caps;
  }

  override reset(): void {
    this.rows = undefined;
  }

  override getChildren(): Promise<TreeNode[]> {
    if (!this.contended) return Promise.resolve([]);
    const x = this.insight;
    this.rows ??= contentionRows(this, this.section.cluster, {
      window: { start: new Date((x.i.start ?? x.i.end ?? new Date()).getTime() - 3_600_000) },
      ...(x.kind === 'statement' ? { waitingStatementId: x.i.statementId } : {}),
      waitingTxnId: x.i.transactionId,
    }).catch((e: unknown) => {
      this.rows = undefined;
      return [errorRow(this, vscode.l10n.t('contention events'), e)];
    });
    return this.rows;
  }

  getTreeItem(): vscode.TreeItem {
    const x = this.insight;
    const causes = namedCauses(x.i.causes);
    const headline = insightHeadline(this.problems, causes);
    const summary = oneLine(x.i.query, 60);
    const ago = x.i.end ? vscode.l10n.t('{0} ago', formatDuration(Date.now() - x.i.end.getTime())) : '';
    const problemWords = this.problems.map(causeWords).join(', ');
    const causeList = causes.map(causeWords).join(', ');
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(
      x.kind === 'statement'
        ? vscode.l10n.t('{0} (statement insight)', headline)
        : vscode.l10n.t('{0} (transaction insight)', headline),
    );
    tooltip.appendMarkdown('**');
    tooltip.appendCodeblock(x.i.query, 'sql');
    tooltip.appendText(
      [
        causes.length
          ? vscode.l10n.t('Problem: {0} · cause: {1}', problemWords, causeList)
          : vscode.l10n.t('Problem: {0}', problemWords),
        `${x.i.userName} · ${x.i.appName || vscode.l10n.t('(no application)')} · ${x.i.end ? x.i.end.toISOString() : ''}`,
        ...(x.i.contention ? [vscode.l10n.t('Contention {0}', formatSeconds(x.i.contention))] : []),
        ...(x.kind === 'statement' && x.i.fullScan ? [vscode.l10n.t('Full table scan')] : []),
        ...(x.kind === 'statement'
          ? x.i.indexRecommendations.map((r) => vscode.l10n.t('Index recommendation: {0}', r))
          : []),
        ...(x.kind === 'statement' && x.i.errorCode ? [vscode.l10n.t('Error code {0}', x.i.errorCode)] : []),
      ].join('\n\n'),
    );
    const because = causes.length ? causeList : vscode.l10n.t('slow execution');
    return item(this, headline, {
      collapsible: this.contended ? Collapsed : vscode.TreeItemCollapsibleState.None,
      description: `${because} · ${summary}${ago ? ` · ${ago}` : ''}`,
      tooltip,
      icon: new vscode.ThemeIcon(
        this.problems.includes('FailedExecution') ? 'error' : 'warning',
        new vscode.ThemeColor(
          this.problems.includes('FailedExecution') ? 'errorForeground' : 'editorWarning.foreground',
        ),
      ),
      context: `insight;${x.kind}`,
      ...(x.kind === 'statement'
        ? {
            command: {
              command: Commands.showStatementDetails,
              title: vscode.l10n.t('Show Statement Details'),
              arguments: [this],
            },
          }
        : {}),
      ariaLabel: insightAriaLabel(x.kind, headline, because, summary, ago),
    });
  }
}

/** "<headline> statement insight: <because>, <summary>, <ago>", with the age only when known. */
function insightAriaLabel(
  kind: AnyInsight['kind'],
  headline: string,
  because: string,
  summary: string,
  ago: string,
): string {
  if (kind === 'statement')
    return ago
      ? vscode.l10n.t('{0} statement insight: {1}, {2}, {3}', headline, because, summary, ago)
      : vscode.l10n.t('{0} statement insight: {1}, {2}', headline, because, summary);
  return ago
    ? vscode.l10n.t('{0} transaction insight: {1}, {2}, {3}', headline, because, summary, ago)
    : vscode.l10n.t('{0} transaction insight: {1}, {2}', headline, because, summary);
}
