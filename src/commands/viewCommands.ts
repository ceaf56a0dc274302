// Commands that act on rows: refresh, paging, filters, copying, opening things.
// What a command does with a row is the row's capability; these only connect the
// command to it and to the clipboard, the browser and the editor.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { MessageNode, PagerNode } from '../tree/messageNode';
import type { ExplorerProvider } from '../tree/provider';
import { safe } from '../tree/databasesSection';
import { capability, TreeNode } from '../tree/treeNode';
import type { Logger } from '../util/logger';
import type { ReadOnlyDocs } from './readOnlyDocs';
import type { CommandTable } from './register';
import { pickCluster, type PickDeps } from './targets';

export function viewCommands(deps: PickDeps & { tree: ExplorerProvider; docs: ReadOnlyDocs; logger: Logger }) {
  const { tree, docs, logger, ui } = deps;

  return {
    [Commands.refresh]: () => tree.refresh(),
    [Commands.refreshNode]: (node: unknown) => tree.refresh(node instanceof TreeNode ? node : undefined),
    [Commands.retry]: (node: unknown) => tree.refresh(node instanceof MessageNode ? node.parent : undefined),
    [Commands.loadMore]: async (node: unknown) => {
      if (!(node instanceof PagerNode)) return;
      await node.owner.loadMore();
      tree.rerender(node.owner);
    },
    [Commands.showLogs]: () => logger.show(),

    [Commands.filter]: async (node: unknown) => capability(node, 'editFilter')?.(ui),
    [Commands.clearFilter]: (node: unknown) => capability(node, 'clearFilter')?.(),

    [Commands.copyAddress]: async (node: unknown) => {
      const text = capability(node, 'copyAddress')?.();
      if (text) await vscode.env.clipboard.writeText(text);
    },
    [Commands.copyId]: async (node: unknown) => {
      const copied = capability(node, 'copyText')?.();
      if (copied) await vscode.env.clipboard.writeText(copied.text);
    },

    [Commands.openDbConsole]: async (arg: unknown) => {
      let url = capability(arg, 'consoleUrl')?.();
      if (url === undefined) {
        const entry = await pickCluster(deps, arg);
        if (!entry) return undefined;
        url = `${entry.consoleUrl.replace(/\/$/, '')}/`;
      }
      const uri = vscode.Uri.parse(url);
      // The address opened is returned so a caller (or a test) can tell what happened.
      return (await ui.openExternal(uri)) ? uri.toString(true) : undefined;
    },
    [Commands.showAlertingRules]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg);
      if (!entry) return;
      const rules = await entry.client.alertingRules();
      await docs.open(`/${safe(entry.name)}/alerting-rules.yaml`, rules.rawYaml, 'yaml');
    },
    [Commands.showTableDetails]: async (node: unknown) => {
      const doc = await capability(node, 'document')?.();
      if (doc) await docs.open(doc.path, doc.content, doc.language);
    },
  } satisfies CommandTable;
}
