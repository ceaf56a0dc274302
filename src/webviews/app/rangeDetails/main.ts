// Range details front end: key span, problems, statistics, replicas with
// leaseholder and problems, placement across regions and zones, lease history.
// A failed refresh keeps the range on screen and marks its provenance line stale
// (common/stale.ts); only a first load that fails shows the error state.
import '../common/l10nSetup';
import * as l10n from '@vscode/l10n';
import type { RangeDetailsPayload } from '../../protocol/data';
import baseCss from '../common/base.css';
import { addStyle, appRoot, el } from '../common/dom';
import { freshnessText } from '../common/freshness';
import { ProvenanceLine } from '../common/stale';
import { button, errorState, loadingState, nodeErrorBanner } from '../common/states';
import { connect, patchState, request, RequestError } from '../common/vscodeApi';
import css from './rangeDetails.css';
import {
  keySpan,
  leaseHistorySection,
  placementSection,
  problemsSection,
  replicasSection,
  statsSection,
} from './sections';

addStyle(baseCss);
addStyle(css);
const root = appRoot();
root.replaceChildren(loadingState(l10n.t('range')));

let rangeId = 0;
let clusterName = '';
let loadSeq = 0;
/** Whether a range is on screen: a failed refresh then keeps it. */
let shown = false;
// Kept across renders (each rebuilds the page), so its stale and refreshing marks carry over.
const provenance = new ProvenanceLine();

function render(d: RangeDetailsPayload): void {
  provenance.show(freshnessText(d.updatedAt, d), d.updatedAt);
  const header = el(
    'div',
    { class: 'toolbar' },
    el(
      'h1',
      { 'data-testid': 'range-title' },
      l10n.t('Range r{0}', d.rangeId),
      ' ',
      el('span', { class: 'muted', 'data-testid': 'cluster-name' }, `— ${clusterName}`),
    ),
    button(l10n.t('Refresh'), 'refresh', () => void load()),
  );
  const failed = d.replicas
    .filter((r) => r.error !== undefined)
    .map((r) => ({ nodeId: r.nodeId, message: r.error ?? '' }));
  const banner = nodeErrorBanner(failed);
  root.replaceChildren(
    header,
    provenance.element,
    ...(banner ? [banner] : []),
    problemsSection(d),
    keySpan(d),
    statsSection(d),
    replicasSection(d),
    placementSection(d),
    leaseHistorySection(d),
  );
}

async function load(): Promise<void> {
  const seq = ++loadSeq;
  if (!shown) root.replaceChildren(loadingState(l10n.t('range r{0}', rangeId)));
  else provenance.setRefreshing(true);
  try {
    const d = await request('loadRangeDetails', {});
    if (seq !== loadSeq) return;
    render(d);
    shown = true;
  } catch (e) {
    if (seq !== loadSeq) return;
    const failure = e instanceof RequestError ? e.failure : { kind: 'other' as const, message: String(e) };
    if (shown) provenance.setStale({ at: new Date(), failure });
    else root.replaceChildren(errorState(failure, () => void load()));
  } finally {
    if (seq === loadSeq) provenance.setRefreshing(false);
  }
}

connect((m) => {
  if (m.type === 'init') {
    clusterName = m.clusterName;
    rangeId = m.rangeId ?? 0;
    // The serializer restores this panel from exactly these two fields.
    patchState({ clusterId: m.clusterId, rangeId });
    void load();
  } else if (m.type === 'refresh') {
    void load();
  }
});
