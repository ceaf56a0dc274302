// The manifest and the code agree: every declared command is registered, every
// registered command is declared, and the extension activates from its view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './helpers';

describe('manifest and activation', () => {
  it('activates and returns its services', async () => {
    const a = await api();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(a.tree && a.auth && a.connections && a.status);
  });

  it('registers every command in contributes.commands and declares every registered command', async () => {
    const a = await api();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: Array<{ command: string }> };
    };
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    const all = new Set(await vscode.commands.getCommands(true));
    const ours = [...all].filter((c) => c.startsWith('cockroachdb.'));
    const notRegistered = [...declared].filter((c) => !all.has(c));
    const notDeclared = ours.filter((c) => !declared.has(c) && !c.startsWith('cockroachdb.explorer.'));
    assert.deepEqual(notRegistered, [], 'declared but not registered');
    assert.deepEqual(notDeclared, [], 'registered but not declared');
    assert.deepEqual([...new Set(a.commandIds)].sort(), [...declared].sort());
  });

  it('has no * activation and only view, command and webview activation', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { activationEvents: string[] };
    assert.ok(!pkg.activationEvents.includes('*'));
    for (const e of pkg.activationEvents) assert.match(e, /^onWebviewPanel:cockroachdb\./);
  });

  it('logs to the "CockroachDB" output channel through the redacting logger', async () => {
    const a = await api();
    assert.equal(a.logger.channel.name, 'CockroachDB');
  });
});
