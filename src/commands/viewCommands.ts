// Commands that act on rows: refresh, paging, filters, copying, opening things.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../clusters/connections';
import { Commands } from '../constants';
import { CloudClusterNode } from '../tree/cloudNodes';
import { ClusterNode } from '../tree/clusterNode';
import type { ExplorerProvider } from '../tree/provider';
import { DatabaseNode, TableNode } from '../tree/databasesSection';
import type { NodeFilter, RangeFilter, SessionFilter } from '../tree/filters';
import { parseRangeIds } from '../tree/filters';
import { HotRangeNode } from '../tree/hotRangesSection';
import { MessageNode, PagerNode } from '../tree/messageNode';
import { CrdbNodeNode, NodesSection } from '../tree/nodesSection';
import { RangeNode, RangesSection } from '../tree/rangesSection';
import { SessionNode, SessionsSection } from '../tree/sessionsSection';
import { TreeNode } from '../tree/treeNode';
import type { Prompter } from '../auth/prompter';
import type { Logger } from '../util/logger';
import type { ReadOnlyDocs } from './readOnlyDocs';
import type { Handler } from './register';
import { pickCluster } from './targets';

export function viewCommands(deps: { connections: ConnectionManager; tree: ExplorerProvider; docs: ReadOnlyDocs; logger: Logger; prompter: () => Prompter }): Partial<Record<string, Handler>> {
  const { connections, tree, docs, logger } = deps;
  const input = (o: vscode.InputBoxOptions) => deps.prompter().input(o);
  const choose = async (labels: string[], title: string) => (await deps.prompter().pick(labels.map((label) => ({ label })), { title }))?.label;

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

    [Commands.filter]: async (node: unknown) => {
      if (node instanceof NodesSection) {
        const cur = node.filter ?? {};
        const locality = await input({ title: 'Filter nodes (1/2): locality', prompt: 'Part of the locality, e.g. region=us-east1 (empty for any)', value: cur.locality ?? '' });
        if (locality === undefined) return;
        const liveness = await choose(['any', 'live', 'suspect', 'draining', 'decommissioning', 'dead'], 'Filter nodes (2/2): liveness');
        if (liveness === undefined) return;
        const f: NodeFilter = { ...(locality.trim() ? { locality: locality.trim() } : {}), ...(liveness !== 'any' ? { liveness } : {}) };
        tree.filters.set(node.id, f);
        tree.rerender(node);
      } else if (node instanceof SessionsSection) {
        const cur = node.filter ?? {};
        const user = await input({ title: 'Filter sessions (1/3): user', prompt: 'SQL user (empty for any)', value: cur.user ?? '' });
        if (user === undefined) return;
        const application = await input({ title: 'Filter sessions (2/3): application', prompt: 'Part of the application name (empty for any)', value: cur.application ?? '' });
        if (application === undefined) return;
        const status = await choose(['any', 'active', 'idle', 'closed'], 'Filter sessions (3/3): status');
        if (status === undefined) return;
        const f: SessionFilter = { ...(user.trim() ? { user: user.trim() } : {}), ...(application.trim() ? { application: application.trim() } : {}), ...(status !== 'any' ? { status } : {}) };
        tree.filters.set(node.id, f);
        tree.refresh(node); // the user filter and closed sessions are asked of the server
      } else if (node instanceof RangesSection) {
        const text = await input({
          title: 'Filter ranges',
          prompt: 'Range ids, e.g. 12, 40-45',
          value: node.filter?.rangeIds?.join(', ') ?? '',
          validateInput: (v) => (!v.trim() || parseRangeIds(v) ? undefined : 'Range ids separated by commas, ranges as 40-45'),
        });
        if (text === undefined) return;
        const ids = parseRangeIds(text);
        const f: RangeFilter | undefined = ids ? { rangeIds: ids } : undefined;
        tree.filters.set(node.id, f);
        tree.refresh(node);
      }
    },
    [Commands.clearFilter]: (node: unknown) => {
      if (!(node instanceof TreeNode)) return;
      tree.filters.set(node.id, undefined);
      tree.refresh(node);
    },

    [Commands.copyAddress]: async (node: unknown) => {
      const text = node instanceof CrdbNodeNode ? node.node.address : node instanceof ClusterNode ? node.entry.id : undefined;
      if (text) await vscode.env.clipboard.writeText(text);
    },
    [Commands.copyId]: async (node: unknown) => {
      const text =
        node instanceof ClusterNode ? node.entry.id
        : node instanceof CrdbNodeNode ? String(node.node.nodeId)
        : node instanceof RangeNode ? String(node.range.rangeId)
        : node instanceof HotRangeNode ? String(node.hot.rangeId)
        : node instanceof SessionNode ? node.session.id
        : node instanceof DatabaseNode ? node.database
        : node instanceof TableNode ? `${node.db.database}.${node.table}`
        : node instanceof CloudClusterNode ? node.cluster.id
        : undefined;
      if (text) await vscode.env.clipboard.writeText(text);
    },

    [Commands.openDbConsole]: async (arg: unknown) => {
      const entry = await pickCluster(connections, arg);
      if (!entry) return;
      const suffix = arg instanceof CrdbNodeNode ? `/#/node/${arg.node.nodeId}` : '/';
      const uri = vscode.Uri.parse(entry.consoleUrl.replace(/\/$/, '') + suffix);
      // The address opened is returned so a caller (or a test) can tell what happened.
      return (await vscode.env.openExternal(uri)) ? uri.toString(true) : undefined;
    },
    [Commands.showAlertingRules]: async (arg: unknown) => {
      const entry = await pickCluster(connections, arg);
      if (!entry) return;
      const rules = await entry.client.alertingRules();
      await docs.open(`/${safe(entry.name)}/alerting-rules.yaml`, rules.rawYaml, 'yaml');
    },
    [Commands.showTableDetails]: async (node: unknown) => {
      if (!(node instanceof TableNode)) return;
      const d = await node.loadDetails();
      tree.rerender(node);
      await docs.open(`/${safe(node.cluster.entry.name)}/${safe(node.db.database)}/${safe(node.table)}.sql`, `${d.createStatement};\n${d.zoneConfigStatement ? `\n-- zone configuration\n${d.zoneConfigStatement};\n` : ''}`, 'sql');
    },
  };
}

/** A path segment for a virtual document, whatever characters a name holds. */
function safe(name: string): string {
  return encodeURIComponent(name).slice(0, 120);
}
