// A panel's provenance line ("as of 10:42:13 from n1 (v25.2.4)", words from
// freshness.ts) and its stale state. A refresh that fails while data is on screen
// keeps that data: the line turns the warning colour, says when and why the refresh
// failed and, when the session expired, offers Sign in. The next answer clears it.
// The first load's failure is not stale (there is nothing to keep): panels show
// their error state for it.
//
// data-testid: provenance, with data-stale="true" while stale, data-refreshing="true"
// while a load runs and data-fetched-at = when the data on screen was read;
// sign-in inside it while stale because signed out.
import * as l10n from '@vscode/l10n';
import type { Failure } from '../../protocol/messages';
import { addStyle, el } from './dom';
import { staleText } from './freshness';
import css from './stale.css';
import { button } from './states';
import { post } from './vscodeApi';

/** A refresh that failed after the data on screen was read. */
export interface StaleMark {
  at: Date;
  failure: Failure;
}

let styled = false;

export class ProvenanceLine {
  readonly element: HTMLElement;
  private readonly text = el('span', { class: 'provenance-text' });
  private readonly staleEl = el('span', { class: 'stale-text' });
  private readonly action = el('span', { class: 'stale-action' });

  constructor() {
    // Once per page, after the panel's base styles (the constructor runs in its layout code).
    if (!styled) addStyle(css);
    styled = true;
    this.element = el(
      'div',
      { class: 'muted provenance', 'data-testid': 'provenance', 'aria-live': 'polite' },
      this.text,
      this.staleEl,
      this.action,
    );
  }

  /** The data now on screen: its line, when it was read, and a failed refresh since (if any). */
  show(line: string, fetchedAt: string, stale?: StaleMark): void {
    this.text.textContent = line;
    this.element.dataset.fetchedAt = fetchedAt;
    // The full date on hover (a panel may say more there, e.g. the window the data covers).
    this.element.title = new Date(fetchedAt).toString();
    this.setStale(stale);
  }

  /** Nothing on screen to vouch for (another query is loading). */
  clear(): void {
    this.text.textContent = '';
    this.element.title = '';
    delete this.element.dataset.fetchedAt;
    this.setStale(undefined);
  }

  /** A refresh failed (or, undefined, none has since the data was read). The data and its line stay. */
  setStale(mark: StaleMark | undefined): void {
    if (!mark) {
      delete this.element.dataset.stale;
      this.staleEl.textContent = '';
      this.action.replaceChildren();
      return;
    }
    this.element.dataset.stale = 'true';
    this.staleEl.textContent = staleText(mark.at, mark.failure.message);
    this.action.replaceChildren(
      ...(mark.failure.kind === 'unauthorized'
        ? [button(l10n.t('Sign in'), 'sign-in', () => post({ type: 'signIn' }))]
        : []),
    );
  }

  /** A load runs: the line stays, and says so. */
  setRefreshing(on: boolean): void {
    if (on) this.element.dataset.refreshing = 'true';
    else delete this.element.dataset.refreshing;
  }
}
