// The empty extension: activation costs only what VS Code itself charges for loading one.
exports.activate = function activate() {};
exports.deactivate = function deactivate() {};
