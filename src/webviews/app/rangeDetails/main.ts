// Range details front end: key span, problems, statistics, replicas with
// leaseholder and problems, placement across regions and zones, lease history.
import type { RangeDetailsPayload } from '../../protocol/data';
import baseCss from '../common/base.css';
import { addStyle, appRoot, el } from '../common/dom';
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
root.replaceChildren(loadingState('range'));

let rangeId = 0;
let clusterName = '';
let loadSeq = 0;

function render(d: RangeDetailsPayload): void {
  const updated = el(
    'span',
    { class: 'muted', 'data-testid': 'last-updated', 'data-updated-at': d.updatedAt },
    `Updated ${new Date(d.updatedAt).toLocaleTimeString()}`,
  );
  const header = el(
    'div',
    { class: 'toolbar' },
    el(
      'h1',
      { 'data-testid': 'range-title' },
      `Range r${d.rangeId} `,
      el('span', { class: 'muted', 'data-testid': 'cluster-name' }, `— ${clusterName}`),
    ),
    button('Refresh', 'refresh', () => void load()),
    updated,
  );
  const failed = d.replicas
    .filter((r) => r.error !== undefined)
    .map((r) => ({ nodeId: r.nodeId, message: r.error ?? '' }));
  const banner = nodeErrorBanner(failed);
  root.replaceChildren(
    header,
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
  if (!root.querySelector('[data-testid="replicas"]')) root.replaceChildren(loadingState(`range r${rangeId}`));
  try {
    const d = await request('loadRangeDetails', {});
    if (seq === loadSeq) render(d);
  } catch (e) {
    if (seq !== loadSeq) return;
    root.replaceChildren(
      errorState(e instanceof RequestError ? e.failure : { kind: 'other', message: String(e) }, () => void load()),
    );
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
