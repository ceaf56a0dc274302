// Base of every row in the explorer. Each level of the tree is one subclass; ids
// are stable and hierarchical (parent id + '/' + own key) so expansion survives a
// refresh, and `contextValue` is a `kind;flag;flag` grammar that menus match.
import * as vscode from 'vscode';

export abstract class TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
  ) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  /** Forgets cached children so the next expansion loads fresh data. */
  reset(): void {}

  /** The cluster this row belongs to, if any (commands use it). */
  get clusterId(): string | undefined {
    return this.parent?.clusterId;
  }
}

/** A TreeItem with the fields every row sets: id, accessibility label and context. */
export function item(
  node: TreeNode,
  label: string,
  options: {
    collapsible?: vscode.TreeItemCollapsibleState;
    description?: string;
    tooltip?: string | vscode.MarkdownString;
    icon?: vscode.ThemeIcon;
    context: string;
    ariaLabel?: string;
    command?: vscode.Command;
    resourceUri?: vscode.Uri;
  },
): vscode.TreeItem {
  const t = new vscode.TreeItem(label, options.collapsible ?? vscode.TreeItemCollapsibleState.None);
  t.id = node.id;
  if (options.description !== undefined) t.description = options.description;
  if (options.tooltip !== undefined) t.tooltip = options.tooltip;
  if (options.icon) t.iconPath = options.icon;
  if (options.command) t.command = options.command;
  if (options.resourceUri) t.resourceUri = options.resourceUri;
  t.contextValue = options.context;
  t.accessibilityInformation = {
    label: options.ariaLabel ?? [label, options.description].filter(Boolean).join(', '),
    role: 'treeitem',
  };
  return t;
}

/** Markdown with user data escaped; SQL goes in code blocks. */
export function md(): vscode.MarkdownString {
  const m = new vscode.MarkdownString('', true);
  m.isTrusted = false;
  m.supportHtml = false;
  return m;
}

export const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
export const Expanded = vscode.TreeItemCollapsibleState.Expanded;
