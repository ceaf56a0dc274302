// Rows that are not data: an error with Retry (or Sign In), an empty state, a
// partial-result notice. `getChildren` never pops up a notification; it returns one of these.
import * as vscode from 'vscode';
import { isApiError } from '../api/http/errors';
import { Commands } from '../constants';
import { item, md, TreeNode } from './treeNode';

export type MessageKind = 'error' | 'signIn' | 'empty' | 'info' | 'partial';

const ICONS: Record<MessageKind, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  signIn: new vscode.ThemeIcon('sign-in'),
  empty: new vscode.ThemeIcon('circle-slash'),
  info: new vscode.ThemeIcon('info'),
  partial: new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')),
};

export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode,
    key: string,
    readonly kind: MessageKind,
    readonly text: string,
    readonly detail?: string,
  ) {
    super(`${parent.id}/~${key}`, parent);
  }

  getTreeItem(): vscode.TreeItem {
    const clusterArg = this.clusterId;
    let command: vscode.Command | undefined;
    let description: string | undefined;
    if (this.kind === 'error' || this.kind === 'partial') {
      command = { command: Commands.retry, title: vscode.l10n.t('Retry'), arguments: [this] };
      description = vscode.l10n.t('Retry');
    } else if (this.kind === 'signIn') {
      command = { command: Commands.signIn, title: vscode.l10n.t('Sign In'), arguments: [clusterArg] };
      description = vscode.l10n.t('Sign in');
    }
    const tooltip = md();
    tooltip.appendText(this.text);
    if (this.detail) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(this.detail);
    }
    return item(this, this.text, {
      icon: ICONS[this.kind],
      context: `message;${this.kind}`,
      tooltip,
      ...(description ? { description } : {}),
      ...(command ? { command } : {}),
      ariaLabel: [this.text, description].filter(Boolean).join('. '),
    });
  }
}

/** The row to show when loading `what` failed. */
export function errorRow(parent: TreeNode, what: string, error: unknown): MessageNode {
  if (isApiError(error, 'unauthorized'))
    return new MessageNode(parent, 'signin', 'signIn', vscode.l10n.t('Sign in to see this'), error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new MessageNode(parent, 'error', 'error', vscode.l10n.t('Could not load {0}: {1}', what, message));
}

/** "Load more" at the end of a paged list. */
export class PagerNode extends TreeNode {
  constructor(
    readonly owner: TreeNode & { loadMore(): Promise<void> },
    private readonly loaded: number,
  ) {
    super(`${owner.id}/~more`, owner);
  }

  getTreeItem(): vscode.TreeItem {
    return item(this, vscode.l10n.t('Load more…'), {
      icon: new vscode.ThemeIcon('ellipsis'),
      description: vscode.l10n.t('{0} shown', this.loaded),
      context: 'pager',
      command: { command: Commands.loadMore, title: vscode.l10n.t('Load More'), arguments: [this] },
      ariaLabel: vscode.l10n.t('Load more, {0} shown', this.loaded),
    });
  }
}
