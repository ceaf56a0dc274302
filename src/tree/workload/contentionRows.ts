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
  return `${table || vscode.l10n.t('unknown table')}${x.index ? `@${x.index}` : ''}`;
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
  return rows.length
    ? rows
    : [new MessageNode(parent, 'empty', 'empty', vscode.l10n.t('No contention event recorded for it'))];
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
        void ui.info(
          vscode.l10n.t('The blocking transaction has ended since this row was loaded; there is nothing to cancel.'),
        );
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
  if (!blocker) return vscode.l10n.t('The blocking transaction is no longer open in a live session.');
  const q = blocker.activeQueries[0];
  const app = blocker.applicationName || vscode.l10n.t('no application');
  return q
    ? vscode.l10n.t(
        'Blocking session {0} of {1} ({2}) on n{3}, running: {4}',
        blocker.id,
        blocker.username,
        app,
        blocker.nodeId,
        oneLine(q.sql, 200),
      )
    : vscode.l10n.t('Blocking session {0} of {1} ({2}) on n{3}', blocker.id, blocker.username, app, blocker.nodeId);
}

/** A blocked row's description and accessible label: where, and whether its blocker is still live. */
function liveBlockerWords(label: string, where: string, live: boolean): { description: string; ariaLabel: string } {
  return live
    ? {
        description: vscode.l10n.t('{0} · blocker live', where),
        ariaLabel: vscode.l10n.t('{0} on {1}, the blocking session is still open', label, where),
      }
    : { description: where, ariaLabel: vscode.l10n.t('{0} on {1}', label, where) };
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
        what: vscode.l10n.t('the blocking transaction id {0}', this.event.blockingTxnId),
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
    const label = vscode.l10n.t('Blocked {0} by txn {1}', formatSeconds(e.duration), shortTxn(e.blockingTxnId));
    const key = e.key || vscode.l10n.t('not reported');
    const tooltip = md();
    tooltip.appendText(
      [
        e.waitingStatementId
          ? vscode.l10n.t(
              'Waiting transaction {0} (fingerprint {1}), statement {2}',
              e.waitingTxnId,
              e.waitingTxnFingerprintId,
              e.waitingStatementId,
            )
          : vscode.l10n.t('Waiting transaction {0} (fingerprint {1})', e.waitingTxnId, e.waitingTxnFingerprintId),
        vscode.l10n.t('Blocking transaction {0} (fingerprint {1})', e.blockingTxnId, e.blockingTxnFingerprintId),
        e.contentionType
          ? vscode.l10n.t('On {0}, key {1} · {2}', where(e), key, e.contentionType)
          : vscode.l10n.t('On {0}, key {1}', where(e), key),
        `${formatSeconds(e.duration)}${e.collectedAt ? ` · ${e.collectedAt.toISOString()}` : ''}`,
        blockerText(this.blocker),
      ].join('\n\n'),
    );
    return item(this, label, {
      ...liveBlockerWords(label, where(e), this.blocker !== undefined),
      tooltip,
      icon: new vscode.ThemeIcon(this.blocker ? 'lock' : 'unlock'),
      context: 'contention',
    });
  }
}

/** SQL activity → Live lock waits: contended locks right now, each waiter under its holder. */
export class LockWaitsSection extends LoadedSection {
  protected readonly what = vscode.l10n.t('lock waits');

  constructor(
    readonly ctx: ExplorerContext,
    readonly cluster: ClusterNode,
    parent: TreeNode,
  ) {
    super(`${parent.id}/locks`, parent);
  }

  protected override emptyText(): string {
    return vscode.l10n.t('No transaction is waiting for a lock');
  }

  getTreeItem(): vscode.TreeItem {
    const n = this.loadedCount;
    return item(this, vscode.l10n.t('Live lock waits'), {
      collapsible: Collapsed,
      icon: new vscode.ThemeIcon('lock'),
      description: n !== undefined ? String(n) : vscode.l10n.t('now'),
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
      copyText: () => ({
        text: this.waiter.txnId,
        what: vscode.l10n.t('the waiting transaction id {0}', this.waiter.txnId),
      }),
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
    const label = waitLabel(w, h);
    const tooltip = md();
    tooltip.appendText(
      [
        w.lockStrength
          ? vscode.l10n.t('Waiting transaction {0} ({1})', w.txnId, w.lockStrength)
          : vscode.l10n.t('Waiting transaction {0}', w.txnId),
        h
          ? h.duration !== undefined
            ? vscode.l10n.t('Held by transaction {0} for {1}', h.txnId, formatSeconds(h.duration))
            : vscode.l10n.t('Held by transaction {0}', h.txnId)
          : vscode.l10n.t('Holder not reported'),
        w.rangeId !== undefined
          ? vscode.l10n.t('On {0}, key {1}, range r{2}', where(w), w.key, w.rangeId)
          : vscode.l10n.t('On {0}, key {1}', where(w), w.key),
        blockerText(this.blocker),
      ].join('\n\n'),
    );
    return item(this, label, {
      ...liveBlockerWords(label, where(w), this.blocker !== undefined),
      tooltip,
      icon: new vscode.ThemeIcon('lock'),
      context: 'lockWait',
    });
  }
}

/** "txn 1a2b3c4d waits 2.1s for txn 5e6f7a8b", with whichever of the wait and the holder is known. */
function waitLabel(w: LockWait, h: LockWait | undefined): string {
  const waiter = shortTxn(w.txnId);
  if (w.duration !== undefined)
    return h
      ? vscode.l10n.t('txn {0} waits {1} for txn {2}', waiter, formatSeconds(w.duration), shortTxn(h.txnId))
      : vscode.l10n.t('txn {0} waits {1}', waiter, formatSeconds(w.duration));
  return h
    ? vscode.l10n.t('txn {0} waits for txn {1}', waiter, shortTxn(h.txnId))
    : vscode.l10n.t('txn {0} waits', waiter);
}
