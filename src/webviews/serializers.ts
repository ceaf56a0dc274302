// Restores both panels after a window reload. The webview state holds only an
// identity (cluster id, and range id) — never data — and the panel refetches.
// A state naming a cluster that is no longer configured closes the panel.
import * as vscode from 'vscode';
import type { ClusterResolver } from '../clusters/handle';
import { HotRangesPanel } from './hotRangesPanel';
import type { PanelEnv } from './panelBase';
import { RangeDetailsPanel } from './rangeDetailsPanel';

/** The part of the webview state the host reads; the front end writes it with setState. */
export interface RestorableState {
  clusterId?: unknown;
  rangeId?: unknown;
}

export function restoreTarget(
  state: unknown,
  needsRange: boolean,
): { clusterId: string; rangeId?: number } | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as RestorableState;
  if (typeof s.clusterId !== 'string' || !s.clusterId) return undefined;
  if (!needsRange) return { clusterId: s.clusterId };
  if (typeof s.rangeId !== 'number' || !Number.isSafeInteger(s.rangeId) || s.rangeId <= 0) return undefined;
  return { clusterId: s.clusterId, rangeId: s.rangeId };
}

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
): HotRangesPanel | RangeDetailsPanel | undefined {
  const gone = (why: string) => {
    env.log.info(`closed a restored ${viewType} panel: ${why}`);
    panel.dispose();
    return undefined;
  };
  const isRange = viewType === RangeDetailsPanel.viewType;
  const t = restoreTarget(state, isRange);
  if (!t) return gone(isRange ? 'its state names no cluster and range' : 'its state names no cluster');
  const cluster = resolver.resolve(t.clusterId);
  if (!cluster) return gone('its cluster is no longer configured');
  return isRange ? new RangeDetailsPanel(panel, env, cluster, t.rangeId!) : new HotRangesPanel(panel, env, cluster);
}

export function registerWebviewSerializers(env: PanelEnv, resolver: ClusterResolver): vscode.Disposable[] {
  return [HotRangesPanel.viewType, RangeDetailsPanel.viewType].map((viewType) =>
    vscode.window.registerWebviewPanelSerializer(viewType, {
      async deserializeWebviewPanel(panel, state: unknown) {
        restorePanel(viewType, panel, state, env, resolver);
      },
    }),
  );
}
