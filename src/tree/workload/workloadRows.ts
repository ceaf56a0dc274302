// What every workload row shares: the window and ranking the rows use (from
// settings), one read through the cluster's client, and "this cluster cannot
// serve it" / "cut at the size limit" as rows rather than errors.
import * as l10n from '@vscode/l10n';
import type { StatementMetric, WorkloadResult } from '../../api/sql/models';
import { config } from '../../config/config';
import { isWindowPreset, presetWindow, windowWords, type WindowPreset } from '../../domain/workload';
import { MessageNode } from '../messageNode';
import type { TreeNode } from '../treeNode';

/** What each ranking metric is called, in the order the picker lists them. */
export function metricWords(): Record<StatementMetric, string> {
  return {
    totalTime: l10n.t('total time'),
    executionCount: l10n.t('executions'),
    meanLatency: l10n.t('mean latency'),
    p99Latency: l10n.t('p99 latency'),
    cpu: l10n.t('SQL CPU'),
    rowsRead: l10n.t('rows read'),
    rowsWritten: l10n.t('rows written'),
    contention: l10n.t('contention'),
  };
}

export const TOP_COUNT = 20;

export interface WorkloadView {
  preset: WindowPreset;
  metric: StatementMetric;
}

function isMetric(v: string): v is StatementMetric {
  return v in metricWords();
}

/** The tree's window and ranking; a hand-edited value outside the lists reads as the default. */
export function workloadView(): WorkloadView {
  const w = config.get('workload.window');
  const m = config.get('workload.metric');
  return { preset: isWindowPreset(w) ? w : '1h', metric: isMetric(m) ? m : 'totalTime' };
}

export function viewWindow(v: WorkloadView = workloadView()): { start: Date; end: Date } {
  return presetWindow(v.preset);
}

export function viewWords(v: WorkloadView = workloadView()): string {
  return l10n.t('top {0} by {1} · {2}', TOP_COUNT, metricWords()[v.metric], windowWords(v.preset));
}

/** Rows of an answer: the data rows, a note when the server cut the answer, or the unavailable row. */
export function answerRows<I, T extends TreeNode>(
  parent: TreeNode,
  answer: WorkloadResult<I>,
  toNode: (item: I) => T,
): TreeNode[] {
  if (answer.status !== 'ok') return [new MessageNode(parent, 'unavailable', 'info', answer.reason, answer.whatToDo)];
  const rows: TreeNode[] = answer.items.map(toNode);
  if (answer.truncated)
    rows.push(
      new MessageNode(
        parent,
        'truncated',
        'info',
        l10n.t('The cluster cut the answer at its size limit: {0} shown', rows.length),
      ),
    );
  return rows;
}
