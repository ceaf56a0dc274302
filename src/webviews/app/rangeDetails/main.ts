// Range details front end: key span, replicas with leaseholder and problems, lease history.
import type { HostToWebview } from '../../protocol/messages';
import { addStyle, BASE_CSS, el, onMessage, showError, vscode } from '../shared';

addStyle(BASE_CSS);
const root = document.getElementById('app')!;
root.appendChild(el('p', { 'data-testid': 'loading' }, 'Loading range…'));

function table(label: string, testid: string, headers: string[], rows: string[][], highlight?: (i: number) => boolean): HTMLTableElement {
  const t = el('table', { role: 'grid', 'aria-label': label, 'data-testid': testid });
  const head = el('tr');
  for (const h of headers) head.appendChild(el('th', {}, h));
  t.appendChild(head);
  rows.forEach((r, i) => {
    const tr = el('tr', { class: highlight?.(i) ? 'problem' : '' });
    for (const c of r) tr.appendChild(el('td', {}, c));
    t.appendChild(tr);
  });
  return t;
}

onMessage((m: HostToWebview) => {
  if (m.type === 'error') return showError(root, m.message, m.signIn);
  if (m.type !== 'rangeDetails') return;
  const d = m.data;
  vscode.setState({ clusterId: m.clusterId, rangeId: d.rangeId });
  root.replaceChildren();
  root.appendChild(el('h2', {}, `Range r${d.rangeId} — ${m.clusterName}`));
  root.appendChild(el('p', { 'data-testid': 'key-span' }, `${d.startKeyPretty} – ${d.endKeyPretty}`));
  root.appendChild(el('p', { class: 'muted', 'data-testid': 'raw-keys' }, `raw: ${d.startKeyRaw || '(empty)'} – ${d.endKeyRaw || '(empty)'}`));
  root.appendChild(el('p', { 'data-testid': 'leaseholder' }, `Leaseholder: ${d.leaseholderNodeId !== undefined ? `n${d.leaseholderNodeId}` : 'unknown'}`));
  root.appendChild(el('h3', {}, 'Replicas'));
  root.appendChild(
    table(
      'Replicas',
      'replicas',
      ['Node', 'Store', 'Locality', 'Lease', 'Quiescent', 'Ticking', 'QPS', 'Writes/s', 'Problems'],
      d.replicas.map((r) => [`n${r.nodeId}`, String(r.storeId), r.locality, r.leaseholder ? 'leaseholder' : '', r.quiescent ? 'yes' : 'no', r.ticking ? 'yes' : 'no', r.qps.toFixed(1), r.writesPerSecond.toFixed(1), r.error ? `error: ${r.error}` : r.problems.join(', ')]),
      (i) => Boolean(d.replicas[i]!.error || d.replicas[i]!.problems.length),
    ),
  );
  root.appendChild(el('h3', {}, 'Lease history'));
  root.appendChild(table('Lease history', 'lease-history', ['Sequence', 'Node', 'Store', 'Acquired by', 'Start (ns)'], d.leaseHistory.map((l) => [String(l.sequence), `n${l.nodeId}`, String(l.storeId), l.acquisitionType, l.start])));
});
