// A cluster's Jobs: running first (with progress), then failed and paused ones
// (with the error), then recent ones; ids exact. A job opens its details in a
// read-only document, and offers the PAUSE/RESUME/CANCEL statement to copy —
// sql/ refuses job control, so the statement is run in a SQL shell.
import * as vscode from 'vscode';
import type { Job } from '../../api/sql/models';
import { Commands } from '../../constants';
import { oneLine } from '../../domain/format';
import { formatDuration } from '../../domain/time';
import { jobControls, jobControlStatement, type JobControl } from '../../domain/workload';
import type { ClusterNode } from '../clusterNode';
import type { ExplorerContext } from '../context';
import { LoadedSection } from '../loadedSection';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from '../treeNode';
import { answerRows } from './workloadRows';

const JOB_LIMIT = 200;

const GROUP_ICON: Record<Job['group'], vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync', new vscode.ThemeColor('charts.blue')),
  needsAttention: new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')),
  recent: new vscode.ThemeIcon('pass'),
};

export function progressText(j: Job): string {
  return j.fractionCompleted !== undefined ? `${Math.round(j.fractionCompleted * 100)}%` : '';
}

export class JobsSection extends LoadedSection {
  protected readonly what = 'jobs';

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/jobs`, cluster);
  }

  protected override emptyText(): string {
    return 'No jobs';
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.loadedCount;
    const tooltip = md();
    tooltip.appendText(
      'Backups, restores, imports, schema changes, changefeeds and the cluster’s own jobs (SHOW JOBS; information_schema.crdb_jobs_with_progress on v26.1+). Users without VIEWJOB (or CONTROLJOB) see only their own jobs.',
    );
    return item(this, 'Jobs', {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('tasklist'),
      description: n ? String(n) : '',
      tooltip,
      context: 'jobs;refreshable',
    });
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const answer = await this.cluster.entry.client.workload('jobs', { limit: JOB_LIMIT });
    return answerRows(this, answer, (j) => new JobNode(this, j));
  }
}

export class JobNode extends TreeNode {
  constructor(
    readonly section: JobsSection,
    readonly job: Job,
  ) {
    super(`${section.id}/${job.id}`, section);
  }

  override capabilities(): RowCapabilities {
    const j = this.job;
    const controls = new Set(jobControls(j.status));
    const statement = (c: JobControl) => () => jobControlStatement(c, j.id);
    return {
      copyText: () => ({ text: j.id, what: `the id of job ${j.id}` }),
      document: () => Promise.resolve({ path: `/jobs/job-${j.id}.md`, content: jobDocument(j), language: 'markdown' }),
      ...(controls.has('PAUSE') ? { pauseJob: statement('PAUSE') } : {}),
      ...(controls.has('RESUME') ? { resumeJob: statement('RESUME') } : {}),
      ...(controls.has('CANCEL') ? { cancelJob: statement('CANCEL') } : {}),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const j = this.job;
    const pct = progressText(j);
    const started = j.started ?? j.created;
    const parts = [
      j.type.toLowerCase(),
      `${j.status}${pct && j.group === 'running' ? ` ${pct}` : ''}`,
      ...(j.group === 'needsAttention' && j.error ? [oneLine(j.error, 50)] : []),
      ...(started ? [`${formatDuration(Date.now() - started.getTime())} ago`] : []),
      ...(j.coordinatorId !== undefined ? [`n${j.coordinatorId}`] : []),
    ];
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(`${j.type} job ${j.id}`);
    tooltip.appendMarkdown('**');
    tooltip.appendCodeblock(j.description, 'sql');
    tooltip.appendText(
      [
        `${j.status}${pct ? ` · ${pct}` : ''}${j.runningStatus ? ` · ${j.runningStatus}` : ''}`,
        `by ${j.userName || 'unknown'}${started ? ` · started ${started.toISOString()}` : ''}${j.coordinatorId !== undefined ? ` · coordinator n${j.coordinatorId}` : ''}`,
        ...(j.highWater ? [`High-water timestamp ${j.highWater}`] : []),
        ...(j.error ? [`Error: ${j.error}`] : []),
      ].join('\n\n'),
    );
    return item(this, oneLine(j.description, 70) || `${j.type} ${j.id}`, {
      description: parts.join(' · '),
      tooltip,
      icon: GROUP_ICON[j.group],
      context: `job;${j.group}`,
      command: { command: Commands.showJobDetails, title: 'Show Job Details', arguments: [this] },
      ariaLabel: `${j.type} job ${j.id}, ${parts.join(', ')}`,
    });
  }
}

const when = (d: Date | undefined): string => (d ? d.toISOString() : '—');

/** The job as a Markdown document: every field, then the statements that control it. */
export function jobDocument(j: Job): string {
  const fence = (text: string, lang = ''): string => {
    // A fence longer than any backtick run inside, so the description cannot end it.
    const run = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1;
    return `${'`'.repeat(run)}${lang}\n${text}\n${'`'.repeat(run)}`;
  };
  const row = (k: string, v: string): string => `| ${k} | ${v.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`;
  const controls = jobControls(j.status);
  return [
    `# ${j.type} job ${j.id}`,
    '',
    fence(j.description, 'sql'),
    '',
    '| Field | Value |',
    '| --- | --- |',
    row('Status', j.status),
    row('Running status', j.runningStatus || '—'),
    row('Progress', progressText(j) || '—'),
    row('User', j.userName || '—'),
    row('Created', when(j.created)),
    row('Started', when(j.started)),
    row('Last modified', when(j.modified)),
    row('Finished', when(j.finished)),
    row('Coordinator', j.coordinatorId !== undefined ? `n${j.coordinatorId}` : '—'),
    ...(j.highWater ? [row('High-water timestamp', j.highWater)] : []),
    '',
    ...(j.error ? ['## Error', '', fence(j.error), ''] : []),
    '## Control',
    '',
    controls.length
      ? `The SQL API does not run job control statements; run these in a SQL shell (\`cockroach sql\`) as a user with CONTROLJOB:\n\n${fence(controls.map((c) => jobControlStatement(c, j.id)).join('\n'), 'sql')}`
      : `A ${j.status} job cannot be paused, resumed or cancelled.`,
    '',
  ].join('\n');
}
