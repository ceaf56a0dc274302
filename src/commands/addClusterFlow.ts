// Add Cluster, probing as it goes: the address (an origin, a copied DB Console page or a
// postgresql:// connection string, src/clusters/address.ts) is tried at once
// (src/clusters/probe.ts), and what answered — version, secure or not, virtual clusters —
// is said in the next step. When the certificate is not trusted the reason is named and a
// CA file can be chosen right there, then the probe runs again, until it works or the
// person gives up. A secure cluster goes on to Sign In once saved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseClusterAddress, addressProblem, type ClusterAddress } from '../clusters/address';
import {
  describeFound,
  isCertificateProblem,
  needsSignIn,
  probeCluster,
  type ProbeFailed,
  type ProbeFound,
} from '../clusters/probe';
import { readClusters } from '../clusters/settings';
import { readClusterEntries, writeClusterEntries, type ClusterSetting } from '../config/config';
import { Commands } from '../constants';
import type { Ui } from '../ui/ui';
import { CHOOSE_LABEL, TYPE_LABEL, chooseCaFile, typeCaFile } from './caFileCommands';
import { askVirtualCluster } from './virtualClusterCommands';

export const SKIP_LABEL = vscode.l10n.t('Skip verification…');
export const EDIT_LABEL = vscode.l10n.t('Edit the address…');
export const RETRY_LABEL = vscode.l10n.t('Try again');
export const ANYWAY_LABEL = vscode.l10n.t('Add it anyway');

export interface AddClusterDeps {
  ui: Ui;
  /** After the entry is written: the tree and the connections pick it up. */
  saved(): void;
}

/** How the certificate is checked. */
interface Trust {
  caFile?: string;
  skipTlsVerify?: true;
}

type Step =
  | { kind: 'probe'; address: ClusterAddress; trust: Trust }
  | { kind: 'anyway'; address: ClusterAddress; trust: Trust; failed: ProbeFailed };

interface Choice extends vscode.QuickPickItem {
  next: () => Promise<Step | undefined>;
}

/** Runs the whole flow; resolves to the new cluster's origin, or undefined when cancelled. */
export async function addClusterFlow(deps: AddClusterDeps): Promise<string | undefined> {
  const { ui } = deps;
  const typed = await ui.input({
    title: vscode.l10n.t('Add Cluster: address'),
    prompt: vscode.l10n.t(
      "Address of any node's DB Console (its HTTP port), a DB Console URL copied from the browser, or a postgresql:// connection string",
    ),
    placeHolder: 'https://db1.example.com:8080',
    validateInput: addressProblem,
  });
  if (typed === undefined) return undefined;
  let address = parsedOrThrow(typed);
  if (alreadyAdded(ui, address.origin)) return undefined;
  let step: Step = { kind: 'probe', address, trust: initialTrust(address) };
  let found: ProbeFound | undefined;
  for (;;) {
    if (step.kind === 'anyway') break;
    address = step.address;
    const { trust } = step;
    const result = await ui.progress(
      vscode.l10n.t('Add Cluster: looking for a CockroachDB node at {0}…', address.origin),
      (signal) => probeCluster({ origin: address.origin, ...trust, signal }),
      { cancellable: true },
    );
    if (result.ok) {
      found = result;
      break;
    }
    if (result.problem === 'cancelled') return undefined;
    const next = await askAfterFailure(ui, result, address, trust);
    if (!next) return undefined;
    if (next.kind === 'probe' && next.address.origin !== address.origin && alreadyAdded(ui, next.address.origin)) {
      return undefined;
    }
    step = next;
  }
  return finish(deps, step.address, step.trust, found, step.kind === 'anyway' ? step.failed : undefined);
}

function parsedOrThrow(text: string): ClusterAddress {
  const parsed = parseClusterAddress(text);
  // validateInput has already refused what does not parse.
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.address;
}

function alreadyAdded(ui: Ui, origin: string): boolean {
  if (!readClusters().some((c) => c.id === origin)) return false;
  void ui.info(vscode.l10n.t('{0} is already in the explorer.', origin));
  return true;
}

/** A connection string's sslrootcert is tried first when it is a file here. */
function initialTrust(address: ClusterAddress): Trust {
  const file = address.caFile;
  return file && path.isAbsolute(file) && fs.existsSync(file) ? { caFile: file } : {};
}

async function askAfterFailure(
  ui: Ui,
  failed: ProbeFailed,
  address: ClusterAddress,
  trust: Trust,
): Promise<Step | undefined> {
  const again = (t: Trust, a = address): Step => ({ kind: 'probe', address: a, trust: t });
  const title = vscode.l10n.t('Add Cluster: {0}', failed.reason);
  const caTitle = vscode.l10n.t('CA certificate of {0}', address.origin);
  const choose: Choice = {
    label: CHOOSE_LABEL,
    detail: vscode.l10n.t('Pick the ca.crt that signed the node certificates, then try again'),
    next: async () => {
      const file = await chooseCaFile(ui, caTitle, trust.caFile ?? address.caFile);
      return file === undefined ? sameQuestion() : again({ caFile: file });
    },
  };
  const type: Choice = {
    label: TYPE_LABEL,
    detail: vscode.l10n.t("Type the CA file's path instead"),
    next: async () => {
      const file = await typeCaFile(ui, caTitle, trust.caFile ?? address.caFile);
      return file === undefined ? sameQuestion() : again({ caFile: file });
    },
  };
  const skip: Choice = {
    label: SKIP_LABEL,
    detail: vscode.l10n.t('Not recommended: the certificate is not checked for this cluster'),
    next: async () => ((await confirmSkip(ui, address.origin)) ? again({ skipTlsVerify: true }) : sameQuestion()),
  };
  const edit: Choice = {
    label: EDIT_LABEL,
    detail: vscode.l10n.t('Change the address and try again'),
    next: async () => {
      const text = await ui.input({
        title: vscode.l10n.t('Add Cluster: address'),
        prompt: failed.message,
        value: address.origin,
        validateInput: addressProblem,
      });
      return text === undefined ? sameQuestion() : again(trust, withUserOf(address, parsedOrThrow(text)));
    },
  };
  const retry: Choice = { label: RETRY_LABEL, next: async () => again(trust) };
  const anyway: Choice = {
    label: ANYWAY_LABEL,
    detail: vscode.l10n.t('Save it now; the explorer shows the problem, with Retry'),
    next: async () => ({ kind: 'anyway', address, trust, failed }),
  };
  const items: Choice[] = [];
  if (failed.suggestedOrigin) {
    const other = withUserOf(address, parsedOrThrow(failed.suggestedOrigin));
    items.push({ label: vscode.l10n.t('Use {0}', other.origin), next: async () => again({}, other) });
  }
  if (failed.problem === 'hostMismatch') items.push(edit, skip, choose, type);
  else if (failed.problem === 'expired' || failed.problem === 'notYetValid') items.push(skip, edit, choose, type);
  else if (isCertificateProblem(failed.problem)) items.push(choose, type, skip, edit);
  else items.push(retry, edit, anyway);
  const sameQuestion = (): Promise<Step | undefined> => askAfterFailure(ui, failed, address, trust);
  const picked = await ui.pick(items, { title, placeHolder: failed.message });
  return picked?.next();
}

/** A corrected address keeps the SQL user a pasted connection string named, for sign-in. */
function withUserOf(original: ClusterAddress, next: ClusterAddress): ClusterAddress {
  const user = next.user ?? original.user;
  return user ? { ...next, user } : next;
}

async function confirmSkip(ui: Ui, origin: string): Promise<boolean> {
  return ui.confirm(
    vscode.l10n.t('Skip certificate verification for {0}?', origin),
    vscode.l10n.t(
      'Without verification anyone on the network path can pose as this cluster and read your password and session token. Only this cluster\'s entry gets "skipTlsVerify": true; every other cluster stays verified. Choosing its CA file is the safe fix.',
    ),
    vscode.l10n.t('Skip Verification'),
  );
}

async function finish(
  deps: AddClusterDeps,
  address: ClusterAddress,
  trust: Trust,
  found: ProbeFound | undefined,
  failed: ProbeFailed | undefined,
): Promise<string | undefined> {
  const { ui } = deps;
  const { origin } = address;
  const what = found
    ? vscode.l10n.t('Found {0}.', describeFound(found))
    : vscode.l10n.t(
        'Nothing usable answered at {0} ({1}); it is saved anyway.',
        origin,
        failed?.reason ?? vscode.l10n.t('not probed'),
      );
  const name = await ui.input({
    title: vscode.l10n.t('Add Cluster: name'),
    prompt: address.summary
      ? vscode.l10n.t('{0} {1}. A name to show in the explorer:', what, address.summary)
      : vscode.l10n.t('{0} A name to show in the explorer:', what),
    value: new URL(origin).hostname.replace(/^\[|\]$/g, ''),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name')),
  });
  if (name === undefined) return undefined;
  let virtualCluster: string | undefined;
  if (found?.virtualized) {
    virtualCluster = await askVirtualCluster(
      ui,
      vscode.l10n.t('Add Cluster: this cluster serves virtual clusters'),
      [],
      undefined,
    );
    if (virtualCluster === undefined) return undefined;
  }
  const entry: ClusterSetting = {
    name: name.trim(),
    url: origin,
    ...(trust.caFile && origin.startsWith('https:') ? { caFile: trust.caFile } : {}),
    ...(trust.skipTlsVerify ? { skipTlsVerify: true } : {}),
    ...(virtualCluster ? { virtualCluster } : {}),
  };
  await writeClusterEntries([...readClusterEntries('global'), entry], 'global');
  deps.saved();
  if (found && needsSignIn(found)) {
    await vscode.commands.executeCommand(Commands.signIn, origin, address.user ? { username: address.user } : {});
  }
  return origin;
}
