// Shared by faults.test.ts and xss.test.ts: the dedicated fault simulator that
// e2e/run-host.mjs starts as `sims.faults`, time-boxed tree loads, and the tree
// walk that collects every row's label, description and tooltip.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import type { SimInfo } from './helpers';

export interface FaultSimInfo extends SimInfo {
  cloudUrl: string;
  cloudApiKey: string;
}

/** The simulators by name, including the ones helpers.sims() does not type. */
export function allSims(): Record<string, SimInfo> {
  const raw = process.env.CRDB_TEST_SIMS;
  assert.ok(raw, 'CRDB_TEST_SIMS is not set: run these tests through e2e/run-host.mjs');
  return JSON.parse(raw) as Record<string, SimInfo>;
}

export function faultSim(): FaultSimInfo {
  const f = allSims().faults;
  assert.ok(f, 'e2e/run-host.mjs starts sims.faults');
  assert.ok(f.cloudUrl && f.cloudApiKey, 'sims.faults runs with --cloud');
  return f as FaultSimInfo;
}

/** GET /info on the control port (the --tls-fault servers). */
export async function simInfo(sim: SimInfo): Promise<{ tlsFaults?: Record<string, { url: string; caFile: string }> }> {
  const res = await fetch(new URL('/info', sim.controlUrl));
  assert.equal(res.status, 200);
  return (await res.json()) as never;
}

/** getChildren that must settle within `limitMs`; resolves with the rows and how long it took. */
export async function timedChildren(
  a: ExplorerApi,
  node: TreeNode | undefined,
  limitMs: number,
): Promise<{ rows: TreeNode[]; ms: number }> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`getChildren(${node?.id ?? 'root'}) did not settle within ${limitMs} ms`)),
      limitMs,
    );
  });
  try {
    const rows = await Promise.race([a.tree.getChildren(node), hang]);
    return { rows, ms: Date.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

export function labelOf(a: ExplorerApi, node: TreeNode): string {
  const l = a.tree.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export function tooltipText(t: vscode.TreeItem['tooltip']): string {
  if (t === undefined) return '';
  return typeof t === 'string' ? t : t.value;
}

export interface WalkedRow {
  node: TreeNode;
  path: string;
  item: vscode.TreeItem;
  label: string;
  description: string;
  tooltip: string;
}

/**
 * Expands `start` breadth-first down to `depth` levels (skipping rows whose label
 * matches `skip`), each getChildren time-boxed, and returns every row seen.
 */
export async function walk(
  a: ExplorerApi,
  start: TreeNode,
  depth: number,
  opts: { skip?: RegExp; limitMs?: number; maxRows?: number } = {},
): Promise<WalkedRow[]> {
  const out: WalkedRow[] = [];
  let level: Array<{ node: TreeNode; path: string }> = [{ node: start, path: labelOf(a, start) }];
  for (let d = 0; d < depth && level.length; d++) {
    const next: Array<{ node: TreeNode; path: string }> = [];
    for (const { node, path } of level) {
      const item = a.tree.getTreeItem(node);
      if (d > 0 && item.collapsibleState === vscode.TreeItemCollapsibleState.None) continue;
      const { rows } = await timedChildren(a, node, opts.limitMs ?? 20_000);
      for (const r of rows) {
        const it = a.tree.getTreeItem(r);
        const label = labelOf(a, r);
        const row: WalkedRow = {
          node: r,
          path: `${path} › ${label}`,
          item: it,
          label,
          description: typeof it.description === 'string' ? it.description : '',
          tooltip: tooltipText(it.tooltip),
        };
        out.push(row);
        if (opts.maxRows && out.length >= opts.maxRows) return out;
        if (!opts.skip?.test(label)) next.push({ node: r, path: row.path });
      }
    }
    level = next;
  }
  return out;
}
