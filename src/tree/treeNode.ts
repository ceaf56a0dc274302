// Base of every row in the explorer. Each level of the tree is one subclass; ids
// are stable and hierarchical (parent id + '/' + own key) so expansion survives a
// refresh, and `contextValue` is a `kind;flag;flag` grammar that menus match.
// What a row can do is in `capabilities()`; the menu flags for those are derived
// from it here, so a flag cannot promise a command the row does not implement.
import * as vscode from 'vscode';
import type { ClusterHandle } from '../clusters/handle';
import type { ClusterConnection } from '../clusters/connections';
import type { Ui } from '../ui/ui';

/** What a row offers to the row commands. A new row kind gets a command by implementing one. */
export interface RowCapabilities {
  /** Copy Id: the row's own identifier and what it is. */
  copyText?: () => { text: string; what: string };
  /** Copy Address: host:port or origin. */
  copyAddress?: () => string;
  /** Open DB Console: the page for this row. */
  consoleUrl?: () => string;
  /** Filter…: asks for and applies the row's filter. */
  editFilter?: (ui: Ui) => Promise<void>;
  /** Clear Filter: present only while a filter is set. */
  clearFilter?: () => void;
  /** Remove: asks, then removes what the row stands for. */
  remove?: (ui: Ui) => Promise<void>;
  /** Cancel Query: present only while a query runs; resolves true when cancelled. */
  cancelQuery?: (ui: Ui) => Promise<boolean>;
  /** Cancel Session: present only while the session is open. */
  cancelSession?: (ui: Ui) => Promise<boolean>;
  /** Show Range Details: the range this row is. */
  rangeRef?: () => { cluster: ClusterHandle; rangeId: number };
  /** Show Table Details: a read-only document for the row. */
  document?: () => Promise<{ path: string; content: string; language: string }>;
  /** Copy Connection String. */
  connectionString?: () => Promise<{ text: string; what: string }>;
  /** Show SQL Activity: the panel, on the list this row stands for. */
  activityRef?: () => { cluster: ClusterHandle; kind: 'statements' | 'transactions' };
  /** Choose Window and Metric…: asks, then applies the workload rows' window and ranking. */
  workloadView?: (ui: Ui) => Promise<void>;
  /** Show Statement Details: the fingerprint this row is (or names). */
  statementRef?: () => { cluster: ClusterHandle; fingerprintId: string; appName: string };
  /** Open as SQL: text for a new untitled SQL editor; nothing runs. */
  sqlText?: () => string;
  /** Cancel Blocking Session: present only while the blocker is open in a live session. */
  cancelBlocker?: (ui: Ui) => Promise<boolean>;
  /** Go to Definition in Workspace: the table this row is or names (stored names, not SQL spellings). */
  tableRef?: () => { database?: string; schema?: string; table: string };
  /** Copy PAUSE / RESUME / CANCEL JOB Statement, where the job's state allows it. */
  pauseJob?: () => string;
  resumeJob?: () => string;
  cancelJob?: () => string;
}

/**
 * The menu flag each capability sets (undefined: the menu matches the row kind).
 * Typed over every capability, so a new one must say whether it has a flag.
 */
const FLAGS: { readonly [K in keyof Required<RowCapabilities>]: string | undefined } = {
  copyText: 'copyId',
  copyAddress: 'address',
  consoleUrl: 'console',
  editFilter: 'filterable',
  clearFilter: 'filtered',
  remove: 'removable',
  cancelQuery: 'activeQuery',
  cancelSession: 'open',
  rangeRef: undefined,
  document: undefined,
  connectionString: undefined,
  activityRef: 'activity',
  workloadView: 'workloadView',
  statementRef: 'statement',
  sqlText: 'sqlText',
  cancelBlocker: 'blockerLive',
  tableRef: 'tableRef',
  pauseJob: 'pausable',
  resumeJob: 'resumable',
  cancelJob: 'cancelable',
};

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

  /** The cluster row's entry above this row, if any. */
  get clusterEntry(): ClusterConnection | undefined {
    return this.parent?.clusterEntry;
  }

  /** What the row commands can do with this row; none by default. */
  capabilities(): RowCapabilities {
    return {};
  }
}

/** `kind;state…;capability flags…` — the one place capability flags are set. */
export function contextValue(node: TreeNode, kindAndState: string): string {
  const caps = node.capabilities();
  const flags = (Object.keys(FLAGS) as Array<keyof RowCapabilities>)
    .filter((k) => caps[k] !== undefined)
    .map((k) => FLAGS[k]);
  return [kindAndState, ...flags.filter((f): f is string => f !== undefined)].join(';');
}

/** The capability `name` of a command's row argument, if it is a row that has it. */
export function capability<K extends keyof RowCapabilities>(arg: unknown, name: K): RowCapabilities[K] | undefined {
  return arg instanceof TreeNode ? arg.capabilities()[name] : undefined;
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
    /** The row kind and its state flags; capability flags are added from the row. */
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
  t.contextValue = contextValue(node, options.context);
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
