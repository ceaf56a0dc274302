// Which cluster an editor's SQL runs on: one picked for that editor (kept for the
// session, by document), else the active cluster. A status item in SQL editors
// names it; a click picks another.
import * as vscode from 'vscode';
import type { ActiveCluster } from '../clusters/activeCluster';
import type { ClusterConnection, ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import type { Ui } from '../ui/ui';
import { Disposable } from '../util/disposable';

export class EditorClusters extends Disposable {
  private readonly chosen = new Map<string, string>();
  private readonly item: vscode.StatusBarItem;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly active: ActiveCluster,
    private readonly ui: Ui,
  ) {
    super();
    this.item = this._register(
      vscode.window.createStatusBarItem('cockroachdb.editorCluster', vscode.StatusBarAlignment.Right, 100),
    );
    this.item.name = vscode.l10n.t('CockroachDB: cluster of this SQL editor');
    this.item.command = Commands.chooseEditorCluster;
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this._register(active.onDidChange(() => this.render()));
    this._register(connections.onDidChange(() => this.render()));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.chosen.delete(d.uri.toString())));
    this.render();
  }

  /** The cluster this document's SQL runs on, if any is configured. */
  clusterFor(doc: vscode.TextDocument): ClusterConnection | undefined {
    const picked = this.chosen.get(doc.uri.toString());
    const id = (picked && this.connections.get(picked) ? picked : undefined) ?? this.active.id();
    return id ? this.connections.get(id) : undefined;
  }

  /** This document's SQL runs on `clusterId` (a statement run again from a cluster's history). */
  assign(doc: vscode.TextDocument, clusterId: string): void {
    this.chosen.set(doc.uri.toString(), clusterId);
    this.render();
  }

  /** Asks which cluster this editor's SQL runs on; undefined when dismissed. */
  async choose(doc: vscode.TextDocument | undefined): Promise<ClusterConnection | undefined> {
    const all = this.connections.all();
    if (all.length === 0) {
      void this.ui.info(vscode.l10n.t('No clusters yet. Add one with "CockroachDB: Add Cluster…".'));
      return undefined;
    }
    const current = doc ? this.clusterFor(doc)?.id : undefined;
    const picked = await this.ui.pick(
      all.map((e) => ({
        label: e.name,
        description: [
          e.id,
          ...(e.id === current ? [vscode.l10n.t('current')] : []),
          ...(e.config.readOnly ? [vscode.l10n.t('read-only')] : []),
        ].join(' · '),
        entry: e,
      })),
      { title: vscode.l10n.t('Run this editor’s SQL on which cluster?'), placeHolder: vscode.l10n.t('Cluster') },
    );
    if (!picked) return undefined;
    if (doc) this.chosen.set(doc.uri.toString(), picked.entry.id);
    this.render();
    return picked.entry;
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'sql') {
      this.item.hide();
      return;
    }
    const c = this.clusterFor(editor.document);
    if (!c) {
      this.item.text = vscode.l10n.t('$(database) no cluster');
      this.item.tooltip = vscode.l10n.t('No cluster configured. Click to choose one.');
    } else if (c.config.readOnly) {
      this.item.text = vscode.l10n.t('$(database) {0} $(lock)', c.name);
      this.item.tooltip = vscode.l10n.t(
        'Run SQL (Ctrl/Cmd+Enter) runs on {0} ({1}), read-only: statements that write are refused. Click to choose another cluster for this editor.',
        c.name,
        c.id,
      );
    } else {
      this.item.text = vscode.l10n.t('$(database) {0}', c.name);
      this.item.tooltip = vscode.l10n.t(
        'Run SQL (Ctrl/Cmd+Enter) runs on {0} ({1}). Click to choose another cluster for this editor.',
        c.name,
        c.id,
      );
    }
    this.item.show();
  }
}
