// Opening the Hot ranges and Range details panels.
import * as l10n from '@vscode/l10n';
import { Commands } from '../constants';
import { capability } from '../tree/treeNode';
import type { PanelEnv } from '../webviews/panelBase';
import { HotRangesPanel } from '../webviews/hotRangesPanel';
import { RangeDetailsPanel } from '../webviews/rangeDetailsPanel';
import type { CommandTable } from './register';
import { pickCluster, type PickDeps } from './targets';

export function panelCommands(deps: PickDeps & { panels: PanelEnv }) {
  const { ui, panels } = deps;
  return {
    [Commands.showHotRanges]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, l10n.t('Show hot ranges of which cluster?'));
      if (!entry) return;
      HotRangesPanel.show(panels, entry);
    },
    [Commands.showRangeDetails]: async (arg: unknown, rangeArg?: unknown) => {
      const ref = capability(arg, 'rangeRef')?.();
      const cluster = ref?.cluster ?? (await pickCluster(deps, arg, l10n.t('Show a range of which cluster?')));
      if (!cluster) return;
      let rangeId = ref?.rangeId ?? (typeof rangeArg === 'number' ? rangeArg : undefined);
      if (rangeId === undefined) {
        const text = await ui.input({
          title: l10n.t('Range details on {0}', cluster.name),
          prompt: l10n.t('Range id'),
          validateInput: (v) =>
            /^\d+$/.test(v.trim()) && Number(v) > 0 ? undefined : l10n.t('Enter a positive range id'),
        });
        if (text === undefined) return;
        rangeId = Number(text.trim());
      }
      RangeDetailsPanel.show(panels, cluster, rangeId);
    },
  } satisfies CommandTable;
}
