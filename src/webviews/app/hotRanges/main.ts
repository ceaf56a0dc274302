// Hot ranges front end: a sortable, filterable table of every hot range.
import type { HotRangeRow, HostToWebview } from '../../protocol/messages';
import { addStyle, BASE_CSS, el, onMessage, showError, vscode } from '../shared';

type Key = keyof HotRangeRow;
const COLUMNS: Array<{ key: Key; label: string; num?: boolean }> = [
  { key: 'rangeId', label: 'Range ID', num: true },
  { key: 'qps', label: 'QPS', num: true },
  { key: 'cpuTimePerSecond', label: 'CPU time/s', num: true },
  { key: 'writesPerSecond', label: 'Writes/s', num: true },
  { key: 'readsPerSecond', label: 'Reads/s', num: true },
  { key: 'leaseholderNodeId', label: 'Leaseholder', num: true },
  { key: 'replicaNodeIds', label: 'Replicas' },
  { key: 'database', label: 'Database' },
  { key: 'table', label: 'Table' },
  { key: 'index', label: 'Index' },
];

const saved = (vscode.getState() as { sort?: Key; desc?: boolean } | undefined) ?? {};
let sortKey: Key = saved.sort ?? 'qps';
let desc = saved.desc ?? true;
let rows: HotRangeRow[] = [];
let text = '';
let clusterId = '';
const MAX_ROWS = 500;

addStyle(BASE_CSS);
const root = document.getElementById('app')!;
root.appendChild(el('p', { 'data-testid': 'loading' }, 'Loading hot ranges…'));

function cell(r: HotRangeRow, k: Key): string {
  const v = r[k];
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.map((n) => `n${n}`).join(', ');
  if (typeof v === 'number') return k === 'rangeId' || k === 'leaseholderNodeId' ? String(v) : v.toFixed(1);
  return v;
}

function render(m: Extract<HostToWebview, { type: 'hotRanges' }>): void {
  root.replaceChildren();
  const header = el('div');
  header.appendChild(el('h2', {}, `Hot ranges — ${m.clusterName}`));
  header.appendChild(el('span', { 'data-testid': 'last-updated', class: 'muted' }, `Updated ${new Date(m.updatedAt).toLocaleTimeString()} · ${m.rows.length} ranges`));
  const refresh = el('button', { 'data-testid': 'refresh' }, 'Refresh');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  header.appendChild(refresh);
  root.appendChild(header);
  if (m.errors.length) {
    root.appendChild(el('div', { class: 'banner', 'data-testid': 'node-errors', role: 'status' }, `${m.errors.length} node(s) did not answer: ${m.errors.map((e) => `n${e.nodeId}: ${e.message}`).join('; ')}`));
  }
  const filter = el('input', { 'data-testid': 'filter-text', placeholder: 'Filter by database, table, index or node', 'aria-label': 'Filter' });
  filter.value = text;
  filter.addEventListener('input', () => {
    text = filter.value.toLowerCase();
    drawBody();
  });
  root.appendChild(filter);
  const present = COLUMNS.filter((c) => m.rows.some((r) => r[c.key] !== undefined && r[c.key] !== ''));
  const table = el('table', { role: 'grid', 'data-testid': 'hot-table', 'aria-label': 'Hot ranges' });
  const head = el('tr');
  for (const c of present) {
    const th = el('th', { 'data-col': c.key, tabindex: '0', 'aria-sort': c.key === sortKey ? (desc ? 'descending' : 'ascending') : 'none', class: c.num ? 'num' : '' }, c.label);
    const sort = () => {
      desc = sortKey === c.key ? !desc : true;
      sortKey = c.key;
      vscode.setState({ sort: sortKey, desc, clusterId });
      render(m);
    };
    th.addEventListener('click', sort);
    th.addEventListener('keydown', (e) => e.key === 'Enter' && sort());
    head.appendChild(th);
  }
  const thead = el('thead');
  thead.appendChild(head);
  table.appendChild(thead);
  const tbody = el('tbody');
  table.appendChild(tbody);
  root.appendChild(table);

  function drawBody(): void {
    const visible = rows
      .filter((r) => !text || [r.database, r.table, r.index, `n${r.nodeId}`, String(r.rangeId)].some((v) => v.toLowerCase().includes(text)))
      .sort((a, b) => {
        const x = a[sortKey] ?? -Infinity;
        const y = b[sortKey] ?? -Infinity;
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return desc ? -c : c;
      });
    // Only the first rows are drawn; the filter narrows the rest.
    tbody.replaceChildren(
      ...visible.slice(0, MAX_ROWS).map((r) => {
        const tr = el('tr', { 'data-range': String(r.rangeId), tabindex: '0', role: 'row' });
        for (const c of present) tr.appendChild(el('td', { class: c.num ? 'num' : '' }, cell(r, c.key)));
        const open = () => vscode.postMessage({ type: 'openRange', rangeId: r.rangeId });
        tr.addEventListener('click', open);
        tr.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') open();
          if (e.key === 'ArrowDown') (tr.nextElementSibling as HTMLElement | null)?.focus();
          if (e.key === 'ArrowUp') (tr.previousElementSibling as HTMLElement | null)?.focus();
        });
        return tr;
      }),
    );
  }
  drawBody();
}

onMessage((m) => {
  if (m.type === 'hotRanges') {
    rows = m.rows;
    clusterId = m.clusterId;
    vscode.setState({ sort: sortKey, desc, clusterId });
    render(m);
  } else if (m.type === 'error') showError(root, m.message, m.signIn);
});
