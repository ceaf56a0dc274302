// The floor extension's code: bench/host.mjs writes it, with a manifest declaring the
// explorer's commands, into the sandbox. It loads the VS Code API and registers each of
// those commands with an empty handler — what the explorer's activation cannot avoid —
// and nothing else, so the explorer's activation minus this is its own.
const vscode = require('vscode');

exports.activate = function activate(context) {
  for (const { command } of context.extension.packageJSON.contributes.commands)
    context.subscriptions.push(vscode.commands.registerCommand(command, () => undefined));
};
exports.deactivate = function deactivate() {};
