// Opening the Hot ranges and Range details panels.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import { clusterOf } from '../tree/clusterNode';
import { HotRangeNode } from '../tree/hotRangesSection';
import { RangeNode } from '../tree/rangesSection';
import type { ScopedLogger } from '../util/logger';
import { HotRangesPanel } from '../webviews/hotRangesPanel';
import { RangeDetailsPanel } from '../webviews/rangeDetailsPanel';
import type { Handler } from './register';
import { pickCluster } from './targets';

export function panelCommands(deps: { extensionUri: vscode.Uri; connections: ConnectionManager; log: ScopedLogger }): Partial<Record<string, Handler>> {
  const { extensionUri, connections, log } = deps;
  const logLine = (m: string) => log.info(m);
  return {
    [Commands.showHotRanges]: async (arg: unknown) => {
      const entry = await pickCluster(connections, arg, 'Show hot ranges of which cluster?');
      if (!entry) return;
      HotRangesPanel.show(extensionUri, entry, logLine);
    },
    [Commands.showRangeDetails]: async (arg: unknown, rangeArg?: unknown) => {
      let rangeId: number | undefined;
      let entry;
      if (arg instanceof RangeNode || arg instanceof HotRangeNode) {
        entry = clusterOf(arg)?.entry;
        rangeId = arg instanceof RangeNode ? arg.range.rangeId : arg.hot.rangeId;
      } else {
        entry = await pickCluster(connections, arg, 'Show a range of which cluster?');
        if (typeof rangeArg === 'number') rangeId = rangeArg;
      }
      if (!entry) return;
      if (rangeId === undefined) {
        const text = await vscode.window.showInputBox({
          title: `Range details on ${entry.name}`,
          prompt: 'Range id',
          ignoreFocusOut: true,
          validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 ? undefined : 'Enter a positive range id'),
        });
        if (text === undefined) return;
        rangeId = Number(text.trim());
      }
      RangeDetailsPanel.show(extensionUri, entry, rangeId, logLine);
    },
  };
}
