// Shared by the extension-host tests: the running extension's services, the
// simulated clusters started by e2e/run-host.mjs, and a scripted prompter that
// answers sign-in questions the way a person would.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Ui } from '../../src/ui/ui';
import type { ExplorerApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';

export const EXTENSION_ID = 'cockroachdb-explorer.cockroachdb-explorer';

export interface SimInfo {
  clusterUrl: string;
  caFile?: string;
  users: Array<{ username: string; password: string; admin: boolean }>;
  cloudUrl?: string;
  cloudApiKey?: string;
  /** The simulator's control port (src/sim/control.ts). */
  controlUrl: string;
  pid: number;
}

export function sims(): Record<'secure' | 'insecure' | 'insecureSession' | 'tls' | 'v26', SimInfo> {
  const raw = process.env.CRDB_TEST_SIMS;
  assert.ok(raw, 'CRDB_TEST_SIMS is not set: run these tests through e2e/run-host.mjs');
  return JSON.parse(raw);
}

export function admin(sim: SimInfo): { username: string; password: string } {
  const u = sim.users.find((x) => x.admin);
  assert.ok(u, 'the simulator has an admin user');
  return u;
}

export function nonAdmin(sim: SimInfo): { username: string; password: string } {
  const u = sim.users.find((x) => !x.admin);
  assert.ok(u, 'the simulator has a non-admin user');
  return u;
}

export async function api(): Promise<ExplorerApi> {
  const ext = vscode.extensions.getExtension<ExplorerApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function setClusters(
  list: Array<{ name: string; url: string; caFile?: string; skipTlsVerify?: boolean; readOnly?: boolean }>,
): Promise<void> {
  await vscode.workspace.getConfiguration('cockroachdb').update('clusters', list, vscode.ConfigurationTarget.Global);
}

/** A prompter that answers from a queue and records every question. */
export class ScriptedPrompter implements Partial<Ui> {
  readonly asked: string[] = [];
  /** The options of every input, pick and open dialog, in the order asked (prompts, placeholders, filters). */
  readonly options: Array<vscode.InputBoxOptions | vscode.QuickPickOptions | vscode.OpenDialogOptions> = [];
  /** Paths the open dialog answers with, in order; undefined (or none left) dismisses it. */
  readonly files: Array<string | undefined> = [];
  constructor(
    private readonly answers: Array<string | undefined> = [],
    private readonly picks: Array<string | undefined> = [],
    public warnAnswer: string | undefined = undefined,
    public confirmAnswer = true,
  ) {}
  async input(o: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push(`input:${o.title ?? o.prompt}`);
    this.options.push(o);
    const v = this.answers.shift();
    if (v !== undefined && o.validateInput) {
      const problem = await o.validateInput(v);
      assert.equal(problem ?? undefined, undefined, `answer ${v} rejected: ${String(problem)}`);
    }
    return v;
  }
  async pick<T extends vscode.QuickPickItem>(items: T[], o: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(`pick:${o.title ?? o.placeHolder}`);
    this.options.push(o);
    const label = this.picks.shift();
    return label === undefined ? undefined : items.find((i) => i.label === label);
  }
  async info(message: string): Promise<string | undefined> {
    this.asked.push(`info:${message}`);
    return undefined;
  }

  async error(message: string): Promise<string | undefined> {
    this.asked.push(`error:${message}`);
    return undefined;
  }

  async warn(message: string): Promise<string | undefined> {
    this.asked.push(`warn:${message}`);
    return this.warnAnswer;
  }
  async confirm(message: string): Promise<boolean> {
    this.asked.push(`confirm:${message}`);
    return this.confirmAnswer;
  }
  async openDialog(o: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
    this.asked.push(`dialog:${o.title ?? ''}`);
    this.options.push(o);
    const file = this.files.shift();
    return file === undefined ? undefined : [vscode.Uri.file(file)];
  }
}

export async function children(a: ExplorerApi, node?: TreeNode): Promise<TreeNode[]> {
  return a.tree.getChildren(node);
}

export function label(a: ExplorerApi, node: TreeNode): string {
  const l = a.tree.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export async function child(a: ExplorerApi, node: TreeNode | undefined, match: string | RegExp): Promise<TreeNode> {
  const kids = await children(a, node);
  const found = kids.find((k) => (typeof match === 'string' ? label(a, k) === match : match.test(label(a, k))));
  assert.ok(
    found,
    `no child ${String(match)} under ${node?.id ?? 'root'}; have: ${kids.map((k) => label(a, k)).join(' | ')}`,
  );
  return found;
}

export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Changes a running simulator's behaviour through its control port. */
export async function simControl(sim: SimInfo, action: string, params: Record<string, string> = {}): Promise<void> {
  const url = new URL(action, sim.controlUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { method: 'POST' });
  assert.equal(res.status, 200, `control ${action} failed: ${await res.text()}`);
}

export async function simStats(sim: SimInfo): Promise<{
  requests: number;
  revokedSessions: number;
  activeSessions: number;
  cancelledSessions: string[];
  cancelledQueries: string[];
}> {
  return (await fetch(new URL('/stats', sim.controlUrl))).json() as never;
}
