// The non-data states every panel shows the same way: loading, signed out
// (with a button that runs the sign-in command for this cluster), unreachable,
// no permission, and per-node errors beside the data.
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { NodeErrorInfo } from '../../protocol/data';
import type { Failure } from '../../protocol/messages';
import { custom, el } from './dom';
import { post } from './vscodeApi';

export function loadingState(what: string): HTMLElement {
  return el(
    'div',
    { class: 'state', 'data-testid': 'loading', role: 'status', 'aria-live': 'polite' },
    custom('vscode-progress-ring', { 'aria-hidden': 'true' }),
    el('span', {}, l10n.t('Loading {0}…', what)),
  );
}

function title(kind: Failure['kind']): string {
  switch (kind) {
    case 'unauthorized':
      return l10n.t('Signed out');
    case 'forbidden':
      return l10n.t('Not allowed');
    case 'unreachable':
      return l10n.t('Cluster unreachable');
    case 'notFound':
      return l10n.t('Not found');
    case 'other':
      return l10n.t('Could not load');
  }
}

function hint(kind: Failure['kind']): string {
  switch (kind) {
    case 'unauthorized':
      return l10n.t('Sign in to this cluster to see this view.');
    case 'forbidden':
      return l10n.t('This view needs the admin role or the VIEWCLUSTERMETADATA privilege.');
    case 'unreachable':
      return l10n.t('No node answered. Check the address, the network and the CA certificate, then retry.');
    case 'notFound':
      return l10n.t('The cluster does not know this object (it may have been merged away).');
    case 'other':
      return '';
  }
}

export function button(
  label: string,
  testid: string,
  onClick: () => void,
  attrs: Record<string, string> = {},
): HTMLElement {
  const b = custom('vscode-button', { 'data-testid': testid, ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function errorState(f: Failure, retry: () => void): HTMLElement {
  const box = el('div', {
    class: `state error state-${f.kind}`,
    'data-testid': 'error-state',
    'data-kind': f.kind,
    role: 'alert',
  });
  box.append(el('h2', {}, title(f.kind)), el('p', { 'data-testid': 'error-message' }, f.message));
  const h = hint(f.kind);
  if (h) box.append(el('p', { class: 'muted' }, h));
  const actions = el('div', { class: 'actions' });
  if (f.kind === 'unauthorized') actions.append(button(l10n.t('Sign in'), 'sign-in', () => post({ type: 'signIn' })));
  actions.append(button(l10n.t('Retry'), 'retry', retry, f.kind === 'unauthorized' ? { secondary: '' } : {}));
  box.append(actions);
  return box;
}

/** Nodes that did not answer; shown above the data, which is still what the others reported. */
export function nodeErrorBanner(errors: readonly NodeErrorInfo[]): HTMLElement | undefined {
  if (!errors.length) return undefined;
  const banner = el('div', { class: 'banner warning', 'data-testid': 'error-banner', role: 'status' });
  banner.append(
    el(
      'strong',
      {},
      errors.length === 1
        ? l10n.t('{0} node did not answer; the data below is incomplete.', errors.length)
        : l10n.t('{0} nodes did not answer; the data below is incomplete.', errors.length),
    ),
  );
  const list = el('ul', { 'data-testid': 'node-errors' });
  for (const e of errors.slice(0, 20))
    list.append(el('li', { 'data-node-id': String(e.nodeId) }, l10n.t('n{0}: {1}', e.nodeId, e.message)));
  if (errors.length > 20) list.append(el('li', {}, l10n.t('… and {0} more', errors.length - 20)));
  banner.append(list);
  return banner;
}
