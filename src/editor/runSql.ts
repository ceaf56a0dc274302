// Run SQL and Explain from an editor: the selection, or the statement under the
// cursor, on the editor's cluster through `sql/`. Statements that write or
// change schema ask first (and a read-only cluster refuses them); results go to
// the one SQL results panel; a failing statement gets a diagnostic where it
// failed; every run can be cancelled, and lands in the cluster's history.
import * as vscode from 'vscode';
import { isApiError } from '../api/http/errors';
import { classifyStatement } from '../api/sql/classify';
import { isSqlError } from '../api/sql/errors';
import { parseExplain } from '../api/sql/explainPlan';
import { splitStatements, statementAt } from '../api/sql/split';
import type { SqlStatementResult } from '../api/sql/types';
import type { ClusterConnection } from '../clusters/connections';
import { config } from '../config/config';
import { ContextKeys } from '../constants';
import { oneLine } from '../domain/format';
import type { Ui } from '../ui/ui';
import { Disposable } from '../util/disposable';
import type { ScopedLogger } from '../util/logger';
import type { PanelEnv } from '../webviews/panelBase';
import type { SqlResultsPayload, StatementOutcome } from '../webviews/protocol/sqlResults';
import { SqlResultsPanel } from '../webviews/sqlResultsPanel';
import type { EditorClusters } from './editorCluster';
import type { SqlHistory } from './history';
import { errorRange, outcomeOf, runErrorOf } from './outcome';

export type RunMode = 'run' | 'explain' | 'explainAnalyze';

/** A piece of a document to run: its text and where it starts. */
export interface SqlTarget {
  uri: vscode.Uri;
  statements: Array<{ sql: string; start: number; end: number }>;
}

/** Statements that only make sense together in one session (a transaction, a USE, a SET). */
const SESSION = /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET|RESET|USE)\b/i;

const LIMIT_SETTING = 'cockroachdb.sql.maxResultBytes';

export class SqlRunner extends Disposable {
  readonly diagnostics: vscode.DiagnosticCollection;
  private nextId = 0;
  private inFlight: { id: number; ctl: AbortController } | undefined;

  constructor(
    private readonly deps: {
      clusters: EditorClusters;
      ui: Ui;
      panels: PanelEnv;
      history: SqlHistory;
      log: ScopedLogger;
    },
  ) {
    super();
    this.diagnostics = this._register(vscode.languages.createDiagnosticCollection('cockroachdb-sql'));
    this._register({ dispose: () => this.inFlight?.ctl.abort() });
  }

  /** The selection, else the statement under the cursor; undefined when there is none. */
  targetOf(editor: vscode.TextEditor, range?: { start: number; end: number }): SqlTarget | undefined {
    const doc = editor.document;
    const text = doc.getText();
    let base = 0;
    let piece: string;
    if (range) {
      base = range.start;
      piece = text.slice(range.start, range.end);
    } else if (!editor.selection.isEmpty) {
      base = doc.offsetAt(editor.selection.start);
      piece = doc.getText(editor.selection);
    } else {
      const at = statementAt(text, doc.offsetAt(editor.selection.active));
      if (!at) return undefined;
      return { uri: doc.uri, statements: [at] };
    }
    const statements = splitStatements(piece).map((s) => ({ sql: s.sql, start: base + s.start, end: base + s.end }));
    return statements.length ? { uri: doc.uri, statements } : undefined;
  }

  cancel(): boolean {
    if (!this.inFlight) return false;
    this.inFlight.ctl.abort();
    return true;
  }

  /** Runs what the editor points at; resolves with the final results (undefined when nothing ran). */
  async run(
    editor: vscode.TextEditor,
    mode: RunMode,
    range?: { start: number; end: number },
  ): Promise<SqlResultsPayload | undefined> {
    const { ui } = this.deps;
    const target = this.targetOf(editor, range);
    if (!target) {
      void ui.info(
        vscode.l10n.t(
          'There is no SQL statement at the cursor. Select the statements to run, or put the cursor in one.',
        ),
      );
      return undefined;
    }
    const cluster =
      this.deps.clusters.clusterFor(editor.document) ?? (await this.deps.clusters.choose(editor.document));
    if (!cluster) return undefined;
    const statements = mode === 'run' ? target.statements : target.statements.slice(0, 1);
    if (
      !(await this.allowed(
        cluster,
        statements.map((s) => s.sql),
        mode,
      ))
    )
      return undefined;
    return this.execute(editor.document, cluster, { ...target, statements }, mode);
  }

  /** The safety rules: read-only refuses, a statement that writes or changes schema asks. */
  private async allowed(cluster: ClusterConnection, sqls: string[], mode: RunMode): Promise<boolean> {
    const { ui } = this.deps;
    const kinds = sqls.map((sql) => ({ sql, c: classifyStatement(sql) }));
    // EXPLAIN only plans; EXPLAIN ANALYZE runs the statement.
    const risky = mode === 'explain' ? [] : kinds.filter((k) => k.c.dangerous);
    if (risky.length && cluster.config.readOnly) {
      const refused = vscode.l10n.t(
        '{0} is read-only (its "readOnly" setting): {1} was not run. {2}',
        cluster.name,
        risky[0]!.c.verb,
        risky[0]!.c.reason ?? '',
      );
      void ui.error(refused.trim());
      return false;
    }
    if (mode === 'explainAnalyze') {
      return ui.confirm(
        risky.length
          ? vscode.l10n.t(
              'EXPLAIN ANALYZE runs the statement on {0}. It {1}',
              cluster.name,
              risky[0]!.c.reason ?? vscode.l10n.t('changes data'),
            )
          : vscode.l10n.t('EXPLAIN ANALYZE runs the statement on {0}.', cluster.name),
        oneLine(sqls[0] ?? '', 500),
        vscode.l10n.t('Run EXPLAIN ANALYZE'),
      );
    }
    if (!risky.length) return true;
    const first = risky[0]!;
    const others = risky.length - 1;
    const question =
      others === 0
        ? vscode.l10n.t('Run {0} on {1}?', first.c.verb, cluster.name)
        : others === 1
          ? vscode.l10n.t(
              'Run {0} on {1}? (and {2} more statement that change things)',
              first.c.verb,
              cluster.name,
              others,
            )
          : vscode.l10n.t(
              'Run {0} on {1}? (and {2} more statements that change things)',
              first.c.verb,
              cluster.name,
              others,
            );
    return ui.confirm(
      question,
      `${first.c.reason ? `${first.c.reason}\n\n` : ''}${oneLine(first.sql, 500)}`,
      vscode.l10n.t('Run'),
    );
  }

  private async execute(
    doc: vscode.TextDocument,
    cluster: ClusterConnection,
    target: SqlTarget,
    mode: RunMode,
  ): Promise<SqlResultsPayload> {
    this.inFlight?.ctl.abort();
    const id = ++this.nextId;
    const ctl = new AbortController();
    this.inFlight = { id, ctl };
    this.diagnostics.delete(doc.uri);
    const maxResultBytes = config.get('sql.maxResultBytes');
    const statementTimeoutMs = config.ms('sql.timeout');
    const started = Date.now();
    const run: SqlResultsPayload = {
      runId: id,
      status: 'running',
      clusterName: cluster.name,
      startedAt: new Date(started).toISOString(),
      statements: [],
      maxResultBytes,
      limitSetting: LIMIT_SETTING,
    };
    const panel = SqlResultsPanel.showRun(this.deps.panels, cluster, { ...run }, () => ctl.abort());
    await vscode.commands.executeCommand('setContext', ContextKeys.sqlRunning, true);
    const sqls = target.statements.map((s) =>
      // The person's own statement under EXPLAIN: it is the SQL being explained, not a value in it.
      mode === 'run' ? s.sql : (mode === 'explainAnalyze' ? 'EXPLAIN ANALYZE ' : 'EXPLAIN ') + s.sql,
    );
    const opts = { signal: ctl.signal, timeoutMs: statementTimeoutMs + 10_000 };
    const batch = (list: string[]) =>
      cluster.client.executeSql({ statements: list.map((sql) => ({ sql })), maxResultBytes, statementTimeoutMs }, opts);
    const failAt = (i: number, e: unknown): void => {
      if (isSqlError(e)) {
        const stmt = target.statements[i]!;
        const err = runErrorOf(e, sqls[i] ?? stmt.sql);
        run.statements.push({ index: i, sql: sqls[i]!, tag: '', columns: [], rows: [], truncated: false, error: err });
        const r = errorRange(stmt.sql, err);
        const d = new vscode.Diagnostic(
          new vscode.Range(doc.positionAt(stmt.start + r.start), doc.positionAt(stmt.start + r.end)),
          `${err.message}${err.hint ? ` — ${err.hint}` : ''}`,
          vscode.DiagnosticSeverity.Error,
        );
        d.source = vscode.l10n.t('CockroachDB ({0})', cluster.name);
        if (err.code) d.code = err.code;
        this.diagnostics.set(doc.uri, [d]);
        run.status = 'failed';
      } else if (ctl.signal.aborted) {
        run.status = 'cancelled';
      } else {
        run.status = 'failed';
        run.failure = isApiError(e, 'unauthorized')
          ? vscode.l10n.t('Not signed in to {0}: sign in (CockroachDB: Sign In) and run again.', cluster.name)
          : e instanceof Error
            ? e.message
            : String(e);
      }
    };
    try {
      if (sqls.some((s) => SESSION.test(s))) {
        // One request: the statements share a session (transaction, SET, USE).
        try {
          const res = await batch(sqls);
          res.statements.forEach((r: SqlStatementResult, i) => run.statements.push(outcomeOf(r, sqls[i] ?? '')));
        } catch (e) {
          failAt(isSqlError(e) ? (e.statementIndex ?? 0) : 0, e);
        }
      } else {
        for (let i = 0; i < sqls.length; i++) {
          try {
            const res = await batch([sqls[i]!]);
            const r = res.statements[0];
            if (r) run.statements.push({ ...outcomeOf(r, sqls[i]!), index: i });
          } catch (e) {
            failAt(i, e);
            break;
          }
          if (ctl.signal.aborted) {
            run.status = 'cancelled';
            break;
          }
        }
      }
      if (run.status === 'running') run.status = 'done';
      if (mode !== 'run') this.attachPlan(run, mode);
    } finally {
      run.durationMs = Date.now() - started;
      if (this.inFlight?.id === id) this.inFlight = undefined;
      await vscode.commands.executeCommand('setContext', ContextKeys.sqlRunning, this.inFlight !== undefined);
      for (const s of target.statements.slice(0, Math.max(1, run.statements.length)))
        await this.deps.history.add(cluster.id, s.sql, run.status === 'done');
      panel.update({ ...run });
    }
    return run;
  }

  private attachPlan(run: SqlResultsPayload, mode: RunMode): void {
    const first: StatementOutcome | undefined = run.statements[0];
    if (!first || first.error) return;
    const col = first.columns.findIndex((c) => c.name === 'info');
    const lines = first.rows.map((r) => r[col >= 0 ? col : 0] ?? '');
    run.plan = parseExplain(lines, mode === 'explainAnalyze');
  }
}
