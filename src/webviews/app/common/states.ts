// The non-data states every panel shows the same way: loading, signed out
// (with a button that runs the sign-in command for this cluster), unreachable,
// no permission, and per-node errors beside the data.
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
    el('span', {}, `Loading ${what}…`),
  );
}

const TITLES: Record<Failure['kind'], string> = {
  unauthorized: 'Signed out',
  forbidden: 'Not allowed',
  unreachable: 'Cluster unreachable',
  notFound: 'Not found',
  other: 'Could not load',
};

const HINTS: Record<Failure['kind'], string> = {
  unauthorized: 'Sign in to this cluster to see this view.',
  forbidden: 'This view needs the admin role or the VIEWCLUSTERMETADATA privilege.',
  unreachable: 'No node answered. Check the address, the network and the CA certificate, then retry.',
  notFound: 'The cluster does not know this object (it may have been merged away).',
  other: '',
};

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
  box.append(el('h2', {}, TITLES[f.kind]), el('p', { 'data-testid': 'error-message' }, f.message));
  if (HINTS[f.kind]) box.append(el('p', { class: 'muted' }, HINTS[f.kind]));
  const actions = el('div', { class: 'actions' });
  if (f.kind === 'unauthorized') actions.append(button('Sign in', 'sign-in', () => post({ type: 'signIn' })));
  actions.append(button('Retry', 'retry', retry, f.kind === 'unauthorized' ? { secondary: '' } : {}));
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
      `${errors.length} node${errors.length === 1 ? '' : 's'} did not answer; the data below is incomplete.`,
    ),
  );
  const list = el('ul', { 'data-testid': 'node-errors' });
  for (const e of errors.slice(0, 20))
    list.append(el('li', { 'data-node-id': String(e.nodeId) }, `n${e.nodeId}: ${e.message}`));
  if (errors.length > 20) list.append(el('li', {}, `… and ${errors.length - 20} more`));
  banner.append(list);
  return banner;
}
