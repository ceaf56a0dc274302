// Restores the panels after a window reload (the serializers are registered in
// src/extension.ts). The webview state holds only an identity (cluster id, and the
// range id or the statement) — never data — and the panel refetches. A state naming a
// cluster that is no longer configured closes the panel.
import type * as vscode from 'vscode';
import type { ClusterResolver } from '../clusters/handle';
import { HotRangesPanel } from './hotRangesPanel';
import { OverviewPanel } from './overviewPanel';
import type { PanelEnv } from './panelBase';
import type { StatementTarget } from './protocol/workload';
import { RangeDetailsPanel } from './rangeDetailsPanel';
import { SqlActivityPanel } from './sqlActivityPanel';
import { SqlResultsPanel } from './sqlResultsPanel';
import { StatementDetailsPanel } from './statementDetailsPanel';

/** The part of the webview state the host reads; the front end writes it with setState. */
export interface RestorableState {
  clusterId?: unknown;
  rangeId?: unknown;
  fingerprintId?: unknown;
  appName?: unknown;
}

type Needs = 'cluster' | 'range' | 'statement';

export interface RestoreTarget {
  clusterId: string;
  rangeId?: number;
  statement?: StatementTarget;
}

function statementOf(v: unknown): StatementTarget | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Record<string, unknown>;
  if (typeof s.fingerprintId !== 'string' || !/^[0-9a-f]{1,32}$/.test(s.fingerprintId)) return undefined;
  if (typeof s.appName !== 'string') return undefined;
  return { fingerprintId: s.fingerprintId, appName: s.appName };
}

export function restoreTarget(state: unknown, need: Needs): RestoreTarget | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as RestorableState;
  if (typeof s.clusterId !== 'string' || !s.clusterId) return undefined;
  if (need === 'cluster') return { clusterId: s.clusterId };
  if (need === 'statement') {
    // The Statement details front end saves { clusterId, fingerprintId, appName }.
    const statement = statementOf(s);
    return statement ? { clusterId: s.clusterId, statement } : undefined;
  }
  if (typeof s.rangeId !== 'number' || !Number.isSafeInteger(s.rangeId) || s.rangeId <= 0) return undefined;
  return { clusterId: s.clusterId, rangeId: s.rangeId };
}

type AnyPanel =
  HotRangesPanel | RangeDetailsPanel | SqlActivityPanel | StatementDetailsPanel | SqlResultsPanel | OverviewPanel;

const NEEDS: Record<string, Needs> = {
  [HotRangesPanel.viewType]: 'cluster',
  [SqlActivityPanel.viewType]: 'cluster',
  [SqlResultsPanel.viewType]: 'cluster',
  [OverviewPanel.viewType]: 'cluster',
  [RangeDetailsPanel.viewType]: 'range',
  [StatementDetailsPanel.viewType]: 'statement',
};

/** Why a restored panel was closed, for the log only. */
const WHAT: Record<Needs, string> = {
  cluster: 'its state names no cluster', // l10n-ignore: log text
  range: 'its state names no cluster and range', // l10n-ignore: log text
  statement: 'its state names no cluster and statement', // l10n-ignore: log text
};

/**
 * Adopts a panel VS Code restored after a reload, or closes it when its state
 * names no (longer configured) cluster. Returns the new panel object, if any.
 * Exported so extension-host tests can drive a restore without reloading.
 */
export function restorePanel(
  viewType: string,
  panel: vscode.WebviewPanel,
  state: unknown,
  env: PanelEnv,
  resolver: ClusterResolver,
): AnyPanel | undefined {
  const gone = (why: string) => {
    env.log.info(`closed a restored ${viewType} panel: ${why}`);
    panel.dispose();
    return undefined;
  };
  const needs = NEEDS[viewType] ?? 'cluster';
  const t = restoreTarget(state, needs);
  if (!t) return gone(WHAT[needs]);
  const cluster = resolver.resolve(t.clusterId);
  // l10n-ignore: log text
  if (!cluster) return gone('its cluster is no longer configured');
  switch (viewType) {
    case RangeDetailsPanel.viewType:
      return new RangeDetailsPanel(panel, env, cluster, t.rangeId!);
    case StatementDetailsPanel.viewType:
      return new StatementDetailsPanel(panel, env, cluster, t.statement!);
    case SqlActivityPanel.viewType:
      return new SqlActivityPanel(panel, env, cluster);
    case SqlResultsPanel.viewType:
      return new SqlResultsPanel(panel, env, cluster);
    case OverviewPanel.viewType:
      return new OverviewPanel(panel, env, cluster);
    default:
      return new HotRangesPanel(panel, env, cluster);
  }
}
