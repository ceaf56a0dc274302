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
  protected readonly what = vscode.l10n.t('jobs');

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
  ) {
    super(`${cluster.id}/jobs`, cluster);
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No jobs');
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.loadedCount;
    const tooltip = md();
    tooltip.appendText(
      vscode.l10n.t(
        'Backups, restores, imports, schema changes, changefeeds and the cluster’s own jobs (SHOW JOBS; information_schema.crdb_jobs_with_progress on v26.1+). Users without VIEWJOB (or CONTROLJOB) see only their own jobs.',
      ),
    );
    return item(this, vscode.l10n.t('Jobs'), {
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
      copyText: () => ({ text: j.id, what: vscode.l10n.t('the id of job {0}', j.id) }),
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
      ...(started ? [vscode.l10n.t('{0} ago', formatDuration(Date.now() - started.getTime()))] : []),
      ...(j.coordinatorId !== undefined ? [`n${j.coordinatorId}`] : []),
    ];
    const tooltip = md();
    tooltip.appendMarkdown('**');
    tooltip.appendText(vscode.l10n.t('{0} job {1}', j.type, j.id));
    tooltip.appendMarkdown('**');
    tooltip.appendCodeblock(j.description, 'sql');
    tooltip.appendText(
      [
        `${j.status}${pct ? ` · ${pct}` : ''}${j.runningStatus ? ` · ${j.runningStatus}` : ''}`,
        [
          vscode.l10n.t('by {0}', j.userName || vscode.l10n.t('unknown')),
          ...(started ? [vscode.l10n.t('started {0}', started.toISOString())] : []),
          ...(j.coordinatorId !== undefined ? [vscode.l10n.t('coordinator n{0}', j.coordinatorId)] : []),
        ].join(' · '),
        ...(j.highWater ? [vscode.l10n.t('High-water timestamp {0}', j.highWater)] : []),
        ...(j.error ? [vscode.l10n.t('Error: {0}', j.error)] : []),
      ].join('\n\n'),
    );
    return item(this, oneLine(j.description, 70) || `${j.type} ${j.id}`, {
      description: parts.join(' · '),
      tooltip,
      icon: GROUP_ICON[j.group],
      context: `job;${j.group}`,
      command: { command: Commands.showJobDetails, title: vscode.l10n.t('Show Job Details'), arguments: [this] },
      ariaLabel: vscode.l10n.t('{0} job {1}, {2}', j.type, j.id, parts.join(', ')),
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
  // Both cells escaped: the value is the cluster's, the name may be a translation.
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const row = (k: string, v: string): string => `| ${cell(k)} | ${cell(v)} |`;
  const controls = jobControls(j.status);
  return [
    `# ${vscode.l10n.t('{0} job {1}', j.type, j.id)}`,
    '',
    fence(j.description, 'sql'),
    '',
    `| ${cell(vscode.l10n.t('Field'))} | ${cell(vscode.l10n.t('Value'))} |`,
    '| --- | --- |',
    row(vscode.l10n.t('Status'), j.status),
    row(vscode.l10n.t('Running status'), j.runningStatus || '—'),
    row(vscode.l10n.t('Progress'), progressText(j) || '—'),
    row(vscode.l10n.t('User'), j.userName || '—'),
    row(vscode.l10n.t('Created'), when(j.created)),
    row(vscode.l10n.t('Started'), when(j.started)),
    row(vscode.l10n.t('Last modified'), when(j.modified)),
    row(vscode.l10n.t('Finished'), when(j.finished)),
    row(vscode.l10n.t('Coordinator'), j.coordinatorId !== undefined ? `n${j.coordinatorId}` : '—'),
    ...(j.highWater ? [row(vscode.l10n.t('High-water timestamp'), j.highWater)] : []),
    '',
    ...(j.error ? [`## ${vscode.l10n.t('Error')}`, '', fence(j.error), ''] : []),
    `## ${vscode.l10n.t('Control')}`,
    '',
    controls.length
      ? `${vscode.l10n.t('The SQL API does not run job control statements; run these in a SQL shell (`cockroach sql`) as a user with CONTROLJOB:')}\n\n${fence(controls.map((c) => jobControlStatement(c, j.id)).join('\n'), 'sql')}`
      : vscode.l10n.t('A {0} job cannot be paused, resumed or cancelled.', j.status),
    '',
  ].join('\n');
}
