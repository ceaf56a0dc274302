// Who blocked whom: contention events (from an insight) and live lock waits,
// each naming the table, index and key, and — when the blocking transaction is
// still open in a live session — offering Cancel Blocking Session through the
// same confirmed cancel as the Sessions rows.
import * as vscode from 'vscode';
import type { Session } from '../../api/cluster/models';
import type { ContentionEvent, LockWait } from '../../api/sql/models';
import type { ContentionQuery } from '../../api/sql/workload';
import { BLOCKING_SESSION_HEADLINE, cancellable, confirmCancelSession } from '../../clusters/cancel';
import { sessionsByTxn } from '../../clusters/liveTransactions';
import { oneLine } from '../../domain/format';
import { formatSeconds } from '../../domain/workload';
import type { ClusterNode } from '../clusterNode';
import type { ExplorerContext } from '../context';
import { LoadedSection } from '../loadedSection';
import { MessageNode } from '../messageNode';
import { Collapsed, item, md, TreeNode, type RowCapabilities } from '../treeNode';
import { answerRows } from './workloadRows';

const shortTxn = (id: string): string => id.slice(0, 8);

function where(x: { database: string; schema?: string; table: string; index: string }): string {
  const table = [x.database, x.schema, x.table].filter(Boolean).join('.');
  return `${table || 'unknown table'}${x.index ? `@${x.index}` : ''}`;
}

/** Rows of a row that is blocked by something: one per blocking event, blockers resolved to live sessions. */
export async function contentionRows(
  parent: TreeNode,
  cluster: ClusterNode,
  query: ContentionQuery,
): Promise<TreeNode[]> {
  const client = cluster.entry.client;
  const [answer, live] = await Promise.all([
    client.workload('contention', query),
    // Without the sessions the events still show, just without the cancel.
    sessionsByTxn(client).catch(() => new Map<string, Session>()),
  ]);
  const rows = answerRows(
    parent,
    answer,
    (e) => new ContentionNode(parent, cluster, e, live.get(e.blockingTxnId.toLowerCase())),
  );
  return rows.length ? rows : [new MessageNode(parent, 'empty', 'empty', 'No contention event recorded for it')];
}

/** What a blocked row offers when its blocker is live. */
function blockerCapabilities(
  row: TreeNode & { refreshAfterCancel(): void },
  cluster: ClusterNode,
  txnId: string,
  blocker: Session | undefined,
): RowCapabilities {
  if (!blocker) return {};
  return {
    cancelBlocker: async (ui) => {
      // The row may be minutes old: cancel only a session that still holds the transaction.
      const now = (await sessionsByTxn(cluster.entry.client)).get(txnId.toLowerCase());
      if (!now || now.id !== blocker.id) {
        row.refreshAfterCancel();
        void ui.info('The blocking transaction has ended since this row was loaded; there is nothing to cancel.');
        return false;
      }
      if (!(await confirmCancelSession(ui, cluster.entry.client, cancellable(now), BLOCKING_SESSION_HEADLINE)))
        return false;
      row.refreshAfterCancel();
      return true;
    },
  };
}

function blockerText(blocker: Session | undefined): string {
  if (!blocker) return 'The blocking transaction is no longer open in a live session.';
  const q = blocker.activeQueries[0];
  return `Blocking session ${blocker.id} of ${blocker.username} (${blocker.applicationName || 'no application'}) on n${blocker.nodeId}${q ? `, running: ${oneLine(q.sql, 200)}` : ''}`;
}

export class ContentionNode extends TreeNode {
  constructor(
    parent: TreeNode,
    private readonly cluster: ClusterNode,
    readonly event: ContentionEvent,
    readonly blocker: Session | undefined,
  ) {
    super(
      `${parent.id}/c:${event.blockingTxnId}:${event.waitingTxnId}:${event.collectedAt?.getTime() ?? 0}:${event.key}`,
      parent,
    );
  }

  refreshAfterCancel(): void {
    this.parent?.reset();
    this.cluster.ctx.refresh(this.parent);
  }

  override capabilities(): RowCapabilities {
    return {
      ...(this.event.table
        ? {
            tableRef: () => ({
              ...(this.event.database ? { database: this.event.database } : {}),
              ...(this.event.schema ? { schema: this.event.schema } : {}),
              table: this.event.table,
            }),
          }
        : {}),
      copyText: () => ({
        text: this.event.blockingTxnId,
        what: `the blocking transaction id ${this.event.blockingTxnId}`,
      }),
      ...blockerCapabilities(this, this.cluster, this.event.blockingTxnId, this.blocker),
      ...(this.event.table
        ? {
            tableRef: () => ({
              ...(this.event.database ? { database: this.event.database } : {}),
              ...(this.event.schema ? { schema: this.event.schema } : {}),
              table: this.event.table,
            }),
          }
        : {}),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const e = this.event;
    const label = `Blocked ${formatSeconds(e.duration)} by txn ${shortTxn(e.blockingTxnId)}`;
    const tooltip = md();
    tooltip.appendText(
      [
        `Waiting transaction ${e.waitingTxnId} (fingerprint ${e.waitingTxnFingerprintId})${e.waitingStatementId ? `, statement ${e.waitingStatementId}` : ''}`,
        `Blocking transaction ${e.blockingTxnId} (fingerprint ${e.blockingTxnFingerprintId})`,
        `On ${where(e)}, key ${e.key || 'not reported'}${e.contentionType ? ` · ${e.contentionType}` : ''}`,
        `${formatSeconds(e.duration)}${e.collectedAt ? ` · ${e.collectedAt.toISOString()}` : ''}`,
        blockerText(this.blocker),
      ].join('\n\n'),
    );
    return item(this, label, {
      description: `${where(e)}${this.blocker ? ' · blocker live' : ''}`,
      tooltip,
      icon: new vscode.ThemeIcon(this.blocker ? 'lock' : 'unlock'),
      context: 'contention',
      ariaLabel: `${label} on ${where(e)}${this.blocker ? ', the blocking session is still open' : ''}`,
    });
  }
}

/** SQL activity → Live lock waits: contended locks right now, each waiter under its holder. */
export class LockWaitsSection extends LoadedSection {
  protected readonly what = 'lock waits';

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
    parent: TreeNode,
  ) {
    super(`${parent.id}/locks`, parent);
  }

  protected override emptyText(): string {
    return 'No transaction is waiting for a lock';
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.loadedCount;
    return item(this, 'Live lock waits', {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('lock'),
      description: n !== undefined ? String(n) : 'now',
      context: 'locks;refreshable',
    });
  }

  protected async loadRows(): Promise<TreeNode[]> {
    const client = this.cluster.entry.client;
    const [answer, live] = await Promise.all([
      client.workload('lockWaits', {}),
      sessionsByTxn(client).catch(() => new Map<string, Session>()),
    ]);
    if (answer.status !== 'ok') return answerRows(this, answer, () => this);
    const holders = new Map<string, LockWait>();
    for (const l of answer.items) if (l.granted) holders.set(l.key, l);
    const waiters = answer.items.filter((l) => !l.granted);
    return waiters.map((w) => {
      const holder = holders.get(w.key);
      return new LockWaitNode(this, w, holder, holder ? live.get(holder.txnId.toLowerCase()) : undefined);
    });
  }
}

export class LockWaitNode extends TreeNode {
  constructor(
    readonly section: LockWaitsSection,
    readonly waiter: LockWait,
    readonly holder: LockWait | undefined,
    readonly blocker: Session | undefined,
  ) {
    super(`${section.id}/${waiter.txnId}:${encodeURIComponent(waiter.key)}`, section);
  }

  refreshAfterCancel(): void {
    this.section.ctx.refresh(this.section);
  }

  override capabilities(): RowCapabilities {
    return {
      copyText: () => ({ text: this.waiter.txnId, what: `the waiting transaction id ${this.waiter.txnId}` }),
      ...(this.waiter.table
        ? {
            tableRef: () => ({
              ...(this.waiter.database ? { database: this.waiter.database } : {}),
              ...(this.waiter.schema ? { schema: this.waiter.schema } : {}),
              table: this.waiter.table,
            }),
          }
        : {}),
      ...blockerCapabilities(this, this.section.cluster, this.holder?.txnId ?? '', this.blocker),
    };
  }

  getTreeItem(): vscode.TreeItem {
    const w = this.waiter;
    const h = this.holder;
    const label = `txn ${shortTxn(w.txnId)} waits${w.duration !== undefined ? ` ${formatSeconds(w.duration)}` : ''}${h ? ` for txn ${shortTxn(h.txnId)}` : ''}`;
    const tooltip = md();
    tooltip.appendText(
      [
        `Waiting transaction ${w.txnId}${w.lockStrength ? ` (${w.lockStrength})` : ''}`,
        h
          ? `Held by transaction ${h.txnId}${h.duration !== undefined ? ` for ${formatSeconds(h.duration)}` : ''}`
          : 'Holder not reported',
        `On ${where(w)}, key ${w.key}${w.rangeId !== undefined ? `, range r${w.rangeId}` : ''}`,
        blockerText(this.blocker),
      ].join('\n\n'),
    );
    return item(this, label, {
      description: `${where(w)}${this.blocker ? ' · blocker live' : ''}`,
      tooltip,
      icon: new vscode.ThemeIcon('lock'),
      context: 'lockWait',
      ariaLabel: `${label} on ${where(w)}${this.blocker ? ', the blocking session is still open' : ''}`,
    });
  }
}
