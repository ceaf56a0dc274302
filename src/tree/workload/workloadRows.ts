// What every workload row shares: the window and ranking the rows use (from
// settings), one read through the cluster's client, and "this cluster cannot
// serve it" / "cut at the size limit" as rows rather than errors.
import type { StatementMetric, WorkloadResult } from '../../api/sql/models';
import { config } from '../../config/config';
import { isWindowPreset, presetWindow, windowWords, type WindowPreset } from '../../domain/workload';
import { MessageNode } from '../messageNode';
import type { TreeNode } from '../treeNode';

export const METRIC_WORDS: Record<StatementMetric, string> = {
  totalTime: 'total time',
  executionCount: 'executions',
  meanLatency: 'mean latency',
  p99Latency: 'p99 latency',
  cpu: 'SQL CPU',
  rowsRead: 'rows read',
  rowsWritten: 'rows written',
  contention: 'contention',
};

export const TOP_COUNT = 20;

export interface WorkloadView {
  preset: WindowPreset;
  metric: StatementMetric;
}

function isMetric(v: string): v is StatementMetric {
  return v in METRIC_WORDS;
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
  return `top ${TOP_COUNT} by ${METRIC_WORDS[v.metric]} · ${windowWords(v.preset)}`;
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
        `The cluster cut the answer at its size limit: ${rows.length} shown`,
      ),
    );
  return rows;
}
