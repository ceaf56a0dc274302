// One status-bar item for the active cluster: healthy, degraded, unreachable or
// signed out, from health/?ready=true and node liveness. Polls at an interval,
// backs off while failing, slows down while the window is unfocused.
import * as vscode from 'vscode';
import type { NodeStatus } from '../api/cluster/models';
import type { AuthService } from '../auth/authService';
import type { ActiveCluster } from '../clusters/activeCluster';
import type { ConnectionManager } from '../clusters/connections';
import { config } from '../config/config';
import { Commands } from '../constants';
import { ApiError, isApiError } from '../api/http/errors';
import { evaluateHealthRules, type RuleResult } from '../domain/health/rules';
import { Disposable } from '../util/disposable';
import type { ScopedLogger } from '../util/logger';
import { healthFromError, healthFromRules, nextDelay, type Health } from './health';
import { healthThresholds } from './thresholds';

const RULE_ICON: Record<RuleResult['state'], string> = {
  ok: '$(pass)',
  warning: '$(warning)',
  critical: '$(error)',
  unknown: '$(question)',
};

const ICON: Record<Health['state'], string> = {
  healthy: '$(pass)',
  degraded: '$(warning)',
  critical: '$(error)',
  limited: '$(circle-large-outline)',
  unreachable: '$(error)',
  signedOut: '$(error)',
  unknown: '$(loading~spin)',
};

/** The state as the tooltip and the screen reader say it. */
function stateWords(state: Health['state']): string {
  switch (state) {
    case 'healthy':
      return vscode.l10n.t('healthy');
    case 'degraded':
      return vscode.l10n.t('degraded');
    case 'critical':
      return vscode.l10n.t('critical');
    case 'limited':
      return vscode.l10n.t('limited');
    case 'unreachable':
      return vscode.l10n.t('unreachable');
    case 'signedOut':
      return vscode.l10n.t('signed out');
    case 'unknown':
      return vscode.l10n.t('unknown');
  }
}

export class HealthStatusBar extends Disposable {
  readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private inflight: AbortController | undefined;
  last: { clusterId: string; health: Health; at: Date } | undefined;

  constructor(
    private readonly active: ActiveCluster,
    private readonly connections: ConnectionManager,
    private readonly auth: AuthService,
    private readonly log: ScopedLogger,
  ) {
    super();
    this.item = this._register(
      vscode.window.createStatusBarItem('cockroachdb.health', vscode.StatusBarAlignment.Left, 50),
    );
    this.item.name = vscode.l10n.t('CockroachDB cluster health');
    this.item.command = Commands.statusBarMenu;
    this._register(vscode.window.onDidChangeWindowState(() => this.schedule(0)));
    this._register(auth.onDidChange((id) => id === this.active.id() && this.schedule(0)));
    this._register(this.connections.onDidChange(() => this.schedule(0)));
    this._register(
      config.onDidChange(
        [
          'statusBar.enabled',
          'statusBar.interval',
          'health.capacityPercent',
          'health.clockOffsetMs',
          'health.maxOffsetMs',
          'health.p99LatencyMs',
        ],
        () => this.schedule(0),
      ),
    );
    this._register(
      active.onDidChange(() => {
        // Another cluster: its own backoff starts from nothing.
        this.failures = 0;
        this.schedule(0);
      }),
    );
    this._register({ dispose: () => this.stop() });
    // The first check waits a moment: activation itself does no network I/O.
    this.schedule(1500);
  }

  /** Checks now and resolves when the item shows the result. */
  async checkNow(): Promise<Health | undefined> {
    this.stop();
    const health = await this.check();
    this.schedule(this.delay());
    return health;
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inflight?.abort();
    this.inflight = undefined;
  }

  private delay(): number {
    return nextDelay(config.ms('statusBar.interval'), this.failures, vscode.window.state.focused);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.isDisposed) return;
    if (!config.get('statusBar.enabled') || !this.active.id()) {
      this.item.hide();
      return;
    }
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule(this.delay()));
    }, ms);
  }

  private async check(): Promise<Health | undefined> {
    const id = this.active.id();
    const entry = id ? this.connections.get(id) : undefined;
    if (!entry || !config.get('statusBar.enabled')) {
      this.item.hide();
      return undefined;
    }
    this.inflight?.abort();
    const ac = (this.inflight = new AbortController());
    let health: Health;
    try {
      if (entry.setupError) throw new Error(entry.setupError);
      // A secure cluster nobody signed in to is "signed out"; asking it would only raise a prompt.
      // So is a plain-http one that has answered 401 (insecure clusters before v22.1.11).
      const needsSession = !entry.insecure || this.auth.demandsSession(entry.id);
      if (needsSession && !(await this.auth.isSignedIn(entry.id)))
        throw new ApiError('unauthorized', vscode.l10n.t('signed out'));
      let ready = true;
      try {
        await entry.client.health(true, { signal: ac.signal });
      } catch (e) {
        if (ac.signal.aborted) return undefined;
        // A node that answers but is not ready is degraded; one that does not answer is unreachable.
        await entry.client.health(false, { signal: ac.signal });
        ready = false;
        this.log.debug(`health/?ready=true on ${entry.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      let nodes: NodeStatus[] | undefined = [];
      let nodesUnavailable: string | undefined;
      try {
        for await (const n of entry.client.allNodes({ signal: ac.signal })) nodes.push(n);
      } catch (e) {
        // A user who may not read nodes/ (or a virtual cluster that does not serve it) still gets
        // the rules that need nothing more; the others say what is missing.
        if (ac.signal.aborted || !(isApiError(e, 'forbidden') || isApiError(e, 'notAvailable'))) throw e;
        nodes = undefined;
        nodesUnavailable = e instanceof Error ? e.message : String(e);
      }
      const rules = evaluateHealthRules(
        { ready, ...(nodes ? { nodes } : {}), ...(nodesUnavailable ? { nodesUnavailable } : {}) },
        healthThresholds(),
      );
      health = healthFromRules(ready, nodes, rules);
      this.failures = health.state === 'unreachable' ? this.failures : 0;
    } catch (e) {
      if (ac.signal.aborted) return undefined;
      health = healthFromError(e);
      this.failures++;
    }
    this.show(entry.name, entry.id, health);
    return health;
  }

  private show(name: string, clusterId: string, health: Health): void {
    const at = new Date();
    this.last = { clusterId, health, at };
    // A firing rule reads as a sentence after the name: "prod · 2 under-replicated ranges".
    const sep = health.chart || health.state === 'critical' || health.state === 'degraded' ? ' · ' : ' ';
    this.item.text = `${ICON[health.state]} ${name}${sep}${health.summary}`;
    const tip = new vscode.MarkdownString('', true);
    // Only the rule chart links run, and only the overview command.
    tip.isTrusted = { enabledCommands: [Commands.showOverview] };
    tip.appendMarkdown('**');
    tip.appendText(name);
    tip.appendMarkdown('** — ');
    tip.appendText(stateWords(health.state));
    tip.appendMarkdown('\n\n');
    for (const r of health.rules ?? []) {
      tip.appendMarkdown(`- ${RULE_ICON[r.state]} `);
      tip.appendText(`${r.title}: ${r.value}`);
      if (r.chart) {
        const args = encodeURIComponent(JSON.stringify([clusterId, r.chart]));
        tip.appendMarkdown(` — [${vscode.l10n.t('chart')}](command:${Commands.showOverview}?${args})`);
      }
      tip.appendMarkdown('\n');
    }
    if (health.rules?.length && health.details.length) tip.appendMarkdown('\n');
    for (const d of health.details) {
      tip.appendMarkdown('- ');
      tip.appendText(d);
      tip.appendMarkdown('\n');
    }
    // Signed out, the click that helps is signing in; with a rule firing, its chart; else the actions.
    const signIn = health.state === 'signedOut';
    const chart = health.chart;
    const click = signIn
      ? vscode.l10n.t('Click to sign in.')
      : chart
        ? vscode.l10n.t('Click to open its chart in the overview.')
        : vscode.l10n.t('Click for actions.');
    tip.appendMarkdown('\n');
    tip.appendText(`${vscode.l10n.t('Last checked {0}.', at.toLocaleTimeString())} ${click}`);
    this.item.command = signIn
      ? { command: Commands.signIn, title: vscode.l10n.t('Sign In'), arguments: [clusterId] }
      : chart
        ? {
            command: Commands.showOverview,
            title: vscode.l10n.t('Show Cluster Overview'),
            arguments: [clusterId, chart],
          }
        : Commands.statusBarMenu;
    this.item.tooltip = tip;
    this.item.backgroundColor =
      health.state === 'healthy' || health.state === 'limited'
        ? undefined
        : new vscode.ThemeColor(
            health.state === 'degraded' ? 'statusBarItem.warningBackground' : 'statusBarItem.errorBackground',
          );
    this.item.accessibilityInformation = {
      label: vscode.l10n.t('CockroachDB {0}: {1}, {2}', name, stateWords(health.state), health.summary),
    };
    this.item.show();
  }
}
