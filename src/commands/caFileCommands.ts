// The CA file of a cluster is picked, not typed: a file dialog filtered to certificates
// (typing a path stays possible). Used by Add Cluster when the certificate is not
// trusted, and by Change CA File… on a cluster row, which rewrites the `caFile` of that
// cluster's entry in the settings layer it came from and reconnects.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClusterConnection } from '../clusters/connections';
import { normaliseOrigin } from '../clusters/origin';
import { readClusterEntries, writeClusterEntries, type ClusterSetting, type ConfigScope } from '../config/config';
import { Commands } from '../constants';
import type { ExplorerProvider } from '../tree/provider';
import type { Ui } from '../ui/ui';
import type { CommandTable } from './register';
import { pickCluster, type PickDeps } from './targets';

export const CHOOSE_LABEL = vscode.l10n.t('Choose CA file…');
export const TYPE_LABEL = vscode.l10n.t('Type a path…');
export const NONE_LABEL = vscode.l10n.t('None');

/** `~/certs/ca.crt` → the home folder's; a path as people type it in a terminal. */
export function expandHome(p: string): string {
  const t = p.trim();
  return t === '~' || t.startsWith('~/') ? path.join(os.homedir(), t.slice(1)) : t;
}

/** The open dialog, filtered to certificates; the chosen file's path, or undefined when dismissed. */
export async function chooseCaFile(ui: Ui, title: string, near?: string): Promise<string | undefined> {
  const start = near ? expandHome(near) : undefined;
  const picked = await ui.openDialog({
    title,
    openLabel: vscode.l10n.t('Use as CA'),
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: false,
    filters: { [vscode.l10n.t('CA certificates (PEM)')]: ['crt', 'pem'], [vscode.l10n.t('All files')]: ['*'] },
    ...(start ? { defaultUri: vscode.Uri.file(path.isAbsolute(start) ? start : path.resolve(start)) } : {}),
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  // The extension reads the file with Node, on the machine it runs on.
  if (uri.scheme !== 'file') {
    void ui.error(vscode.l10n.t('{0} is not a file on this machine; choose a local file.', uri.toString()));
    return undefined;
  }
  return uri.fsPath;
}

/** An input box for the path, for those who have it on the clipboard. */
export async function typeCaFile(ui: Ui, title: string, value?: string): Promise<string | undefined> {
  const typed = await ui.input({
    title,
    prompt: vscode.l10n.t('Path of the CA certificate (PEM), e.g. /home/me/certs/ca.crt'),
    ...(value ? { value } : {}),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a path')),
  });
  return typed === undefined ? undefined : expandHome(typed);
}

/** Writes `change(entry)` over the entry of `origin`, in the settings layer the explorer reads it from. */
export async function rewriteClusterEntry(
  origin: string,
  change: (entry: ClusterSetting) => ClusterSetting,
): Promise<ConfigScope | undefined> {
  // The most specific layer that holds the list wins; an untrusted workspace's layers are not read.
  const scopes: ConfigScope[] = vscode.workspace.isTrusted ? ['workspaceFolder', 'workspace', 'global'] : ['global'];
  for (const scope of scopes) {
    const list = readClusterEntries(scope);
    const index = list.findIndex((c) => sameOrigin(c.url, origin));
    if (index < 0) continue;
    await writeClusterEntries(
      list.map((c, i) => (i === index ? change(c) : c)),
      scope,
    );
    return scope;
  }
  return undefined;
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return normaliseOrigin(url) === origin;
  } catch {
    return false;
  }
}

interface CaChoice extends vscode.QuickPickItem {
  action: 'choose' | 'type' | 'none';
}

/** Resolves to the new path, '' for none, or undefined when cancelled. */
async function askNewCaFile(ui: Ui, entry: ClusterConnection): Promise<string | undefined> {
  const current = entry.config.caFile;
  const title = vscode.l10n.t('CA file of {0}', entry.name);
  const items: CaChoice[] = [
    {
      label: CHOOSE_LABEL,
      detail: vscode.l10n.t('Pick the ca.crt that signed the node certificates'),
      action: 'choose',
    },
    { label: TYPE_LABEL, detail: vscode.l10n.t('Type the path of the CA certificate instead'), action: 'type' },
    {
      label: NONE_LABEL,
      detail: vscode.l10n.t('Trust only the CAs this computer trusts (a certificate from a public CA)'),
      action: 'none',
    },
  ];
  for (;;) {
    const picked = await ui.pick(items, {
      title,
      placeHolder: current ? vscode.l10n.t('Now: {0}', current) : vscode.l10n.t('Now: none'),
    });
    if (!picked) return undefined;
    if (picked.action === 'none') return '';
    const file =
      picked.action === 'choose' ? await chooseCaFile(ui, title, current) : await typeCaFile(ui, title, current);
    if (file !== undefined) return file;
  }
}

export function caFileCommands(deps: PickDeps & { tree: ExplorerProvider }) {
  const { connections, tree, ui } = deps;
  return {
    [Commands.changeCaFile]: async (arg: unknown) => {
      const entry = await pickCluster(deps, arg, vscode.l10n.t('Select the cluster whose CA file to change'));
      if (!entry) return undefined;
      if (entry.config.source !== 'settings') {
        void ui.info(vscode.l10n.t('{0} comes from a Cloud account, which provides its CA.', entry.name));
        return undefined;
      }
      if (entry.insecure) {
        void ui.info(vscode.l10n.t('{0} uses plain http: there is no certificate to verify.', entry.name));
        return undefined;
      }
      const file = await askNewCaFile(ui, entry);
      if (file === undefined) return undefined;
      const scope = await rewriteClusterEntry(entry.id, (c) => {
        const { caFile: _old, skipTlsVerify: _skip, ...rest } = c;
        // A CA is chosen to verify with: a skipTlsVerify left on would make it do nothing.
        const keepSkip = !file && c.skipTlsVerify === true;
        return { ...rest, ...(file ? { caFile: file } : {}), ...(keepSkip ? { skipTlsVerify: true } : {}) };
      });
      if (!scope) {
        void ui.warn(
          vscode.l10n.t('{0} is not in cockroachdb.clusters; set "caFile" in its entry by hand.', entry.name),
        );
        return undefined;
      }
      connections.reload();
      tree.refresh();
      void ui.info(
        !file
          ? vscode.l10n.t('{0} now trusts only the CAs this computer trusts.', entry.name)
          : entry.config.skipTlsVerify
            ? vscode.l10n.t(
                '{0} now verifies its certificate against {1}. Certificate verification is on again.',
                entry.name,
                file,
              )
            : vscode.l10n.t('{0} now verifies its certificate against {1}.', entry.name, file),
      );
      return file;
    },
  } satisfies CommandTable;
}
