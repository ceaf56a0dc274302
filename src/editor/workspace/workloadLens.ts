// The workload CodeLens: above SQL in the editor whose fingerprint the ACTIVE
// cluster has statistics for, "p99 120 ms · 3.2k exec/h · 1 insight (full scan)";
// a click opens Statement details. `cockroachdb.codeLens.workload` says where
// (sqlFiles: .sql documents; allFiles: also SQL in string literals of code; off).
//
// What it costs: when off, nothing (no provider, no timer, no query). When on, the
// statements of the last hour (top 1,000 by executions) and the statement insights
// of the active cluster, loaded once per refresh interval and shared by every
// document (lensCache.ts); a document only looks its SQL up in that. A document
// without SQL never causes a load; a signed-out cluster is not asked (no prompt),
// and an unreachable one is asked again only an interval later.
import * as vscode from 'vscode';
import type { AuthService } from '../../auth/authService';
import type { ActiveCluster } from '../../clusters/activeCluster';
import type { ConnectionManager } from '../../clusters/connections';
import { config } from '../../config/config';
import { Commands } from '../../constants';
import { sqlSites, type SqlSite } from '../../domain/sqlInCode';
import { Disposable } from '../../util/disposable';
import type { ScopedLogger } from '../../util/logger';
import { lensTitle, lensTooltip, RefreshingCache, windowHours, workloadFigures, type WorkloadIndex } from './lensCache';

export interface WorkloadLensDeps {
  connections: ConnectionManager;
  active: ActiveCluster;
  log: ScopedLogger;
  /**
   * Whether a cluster has a session, so that a signed-out one is not asked (asking would
   * raise a sign-in prompt). Without it only plain-http clusters get lenses.
   */
  auth?: Pick<AuthService, 'isSignedIn' | 'demandsSession' | 'onDidChange'>;
}

export type LensMode = 'sqlFiles' | 'allFiles' | 'off';

export function lensMode(): LensMode {
  const v = config.get('codeLens.workload');
  return v === 'allFiles' || v === 'off' ? v : 'sqlFiles';
}

/** Statements asked for per load: the busiest of the last hour. */
export const LENS_STATEMENT_LIMIT = 1000;
const LENS_INSIGHT_LIMIT = 500;
const HOUR_MS = 3_600_000;
/** Even with a short refresh interval, no more than one load per cluster in this time. */
const MIN_REFRESH_MS = 10_000;
/** Documents whose SQL sites are kept (by version), so a redraw does not lex again. */
const SITE_CACHE_SIZE = 64;

const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

function isSqlDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'sql' || /\.(sql|ddl|pgsql|psql)$/i.test(doc.uri.path);
}

/** The path that names a document's language for the SQL lexer. */
function lexPath(doc: vscode.TextDocument): string {
  if (isSqlDocument(doc)) return 'document.sql';
  const byLanguage: Record<string, string> = {
    typescript: 'a.ts',
    typescriptreact: 'a.tsx',
    javascript: 'a.js',
    javascriptreact: 'a.jsx',
    python: 'a.py',
    go: 'a.go',
    java: 'a.java',
    kotlin: 'a.kt',
    csharp: 'a.cs',
    rust: 'a.rs',
    ruby: 'a.rb',
    php: 'a.php',
    xml: 'a.xml',
  };
  return byLanguage[doc.languageId] ?? doc.uri.path;
}

export class WorkloadLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  readonly cache: RefreshingCache<WorkloadIndex>;
  private readonly sites = new Map<string, { version: number; sites: SqlSite[] }>();

  constructor(private readonly deps: WorkloadLensDeps) {
    super();
    this.cache = new RefreshingCache<WorkloadIndex>({
      load: (clusterId, signal) => this.load(clusterId, signal),
      ttlMs: () => {
        const ms = config.ms('refreshInterval');
        return ms > 0 ? Math.max(ms, MIN_REFRESH_MS) : Number.POSITIVE_INFINITY;
      },
      onUpdate: () => this.changed.fire(),
      onExpire: () => this.changed.fire(),
      onError: (clusterId, e) =>
        deps.log.warn(
          `workload CodeLens: no figures from ${clusterId} (${e instanceof Error ? e.message : String(e)})`,
        ),
    });
    this._register({ dispose: () => this.cache.dispose() });
    this._register(deps.active.onDidChange(() => this.changed.fire()));
    this._register(
      deps.connections.onDidChange(() => {
        this.cache.invalidate();
        this.changed.fire();
      }),
    );
    if (deps.auth)
      this._register(
        deps.auth.onDidChange((id) => {
          this.cache.invalidate(id);
          if (id === deps.active.id()) this.changed.fire();
        }),
      );
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.sites.delete(d.uri.toString())));
  }

  /** Redraws every document's lenses (and reloads the figures if they are stale). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const mode = lensMode();
    if (mode === 'off' || (mode === 'sqlFiles' && !isSqlDocument(doc))) return [];
    const clusterId = this.deps.active.id();
    if (!clusterId) return [];
    const sites = this.sitesOf(doc);
    if (sites.length === 0) return [];
    const index = await this.cache.get(clusterId);
    if (!index || token.isCancellationRequested || index.clusterId !== this.deps.active.id()) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const site of sites) {
      const f = index.byText.get(site.normalized);
      if (!f) continue;
      const at = doc.positionAt(site.start);
      lenses.push(
        new vscode.CodeLens(new vscode.Range(at, at), {
          title: lensTitle(f),
          tooltip: lensTooltip(f, index.clusterName),
          command: Commands.showStatementDetails,
          arguments: [{ clusterId: index.clusterId, fingerprintId: f.top.fingerprintId, appName: f.top.appName }],
        }),
      );
    }
    return lenses;
  }

  private sitesOf(doc: vscode.TextDocument): SqlSite[] {
    const key = doc.uri.toString();
    const held = this.sites.get(key);
    if (held && held.version === doc.version) return held.sites;
    const sites = sqlSites(doc.getText(), lexPath(doc));
    this.sites.delete(key);
    this.sites.set(key, { version: doc.version, sites });
    if (this.sites.size > SITE_CACHE_SIZE) this.sites.delete(this.sites.keys().next().value!);
    return sites;
  }

  /** One load: the last hour's statements and statement insights of a cluster that can answer without a prompt. */
  private async load(clusterId: string, signal: AbortSignal): Promise<WorkloadIndex | undefined> {
    const entry = this.deps.connections.get(clusterId);
    if (!entry || entry.setupError) return undefined;
    const auth = this.deps.auth;
    const needsSession = !entry.insecure || (auth?.demandsSession(entry.id) ?? false);
    if (needsSession && !(auth && (await auth.isSignedIn(entry.id)))) return undefined;
    const end = new Date();
    const window = { start: new Date(end.getTime() - HOUR_MS), end };
    const opts = { signal, retry: false as const };
    const [statements, insights] = await Promise.all([
      entry.client.workload(
        'statements',
        { window, metric: 'executionCount', limit: LENS_STATEMENT_LIMIT, includeInternal: false },
        opts,
      ),
      // Insights only add to the figures: without them (no privilege, v22.1) the lenses still show.
      entry.client.workload('statementInsights', { window, limit: LENS_INSIGHT_LIMIT }, opts).catch(() => undefined),
    ]);
    if (statements.status !== 'ok') {
      this.deps.log.info(`workload CodeLens: ${entry.name} has no statement statistics (${statements.reason})`);
      return undefined;
    }
    const byText = workloadFigures(
      statements.items,
      insights?.status === 'ok' ? insights.items : [],
      windowHours(window.start, end),
    );
    return { clusterId, clusterName: entry.name, byText, loadedAt: end.getTime() };
  }
}

/**
 * The lens for the extension: registers the provider while the setting is on (and only
 * then), for .sql documents or for every file. Nothing is asked of any cluster until a
 * document with SQL asks for lenses.
 */
export function registerWorkloadLens(deps: WorkloadLensDeps): vscode.Disposable {
  let provider: WorkloadLensProvider | undefined;
  let registration: vscode.Disposable | undefined;
  let registeredMode: LensMode | undefined;
  const apply = (): void => {
    const mode = lensMode();
    if (mode === registeredMode) return;
    registration?.dispose();
    provider?.dispose();
    registration = provider = undefined;
    registeredMode = mode;
    if (mode === 'off') return;
    provider = new WorkloadLensProvider(deps);
    const selector: vscode.DocumentFilter[] =
      mode === 'sqlFiles'
        ? SCHEMES.map((scheme) => ({ scheme, language: 'sql' }))
        : SCHEMES.map((scheme) => ({ scheme }));
    registration = vscode.languages.registerCodeLensProvider(selector, provider);
  };
  apply();
  const listeners = [
    config.onDidChange('codeLens.workload', apply),
    // A new interval applies from the next load; redraw so that stale figures reload now.
    config.onDidChange('refreshInterval', () => provider?.refresh()),
  ];
  return {
    dispose: () => {
      for (const l of listeners) l.dispose();
      registration?.dispose();
      provider?.dispose();
    },
  };
}
