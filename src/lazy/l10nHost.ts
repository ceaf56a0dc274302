// The vscode-free layers (API, domain, models) localise with `@vscode/l10n`; it reads the
// same bundle VS Code loaded for this extension. Imported first by each bundle's entry, so
// that text built when a module loads is already in the person's language.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
