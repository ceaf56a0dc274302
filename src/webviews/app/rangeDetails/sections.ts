// The sections of the Range details page, each a function of the payload.
import { cpuNanos, fixed, formatBytes } from '../../../domain/format';
import { localityText } from '../../../domain/locality';
import { problemSeverity } from '../../../domain/rangeProblems';
import { nanosToIso } from '../../../domain/time';
import { groupPlacement } from '../../model/placement';
import { rangeFindings, replicaProblems, type Finding } from '../../model/problems';
import type { RangeDetailsPayload, RangeStatsView } from '../../protocol/data';
import { el } from '../common/dom';
import { plainTable, tag, type TableRow } from '../common/table';
import { placementSvg } from './placementSvg';

function section(testid: string, title: string, ...children: Node[]): HTMLElement {
  return el('section', { 'data-testid': testid, 'aria-label': title }, el('h2', {}, title), ...children);
}

export function keySpan(d: RangeDetailsPayload): HTMLElement {
  const dl = el('dl', { class: 'keys' });
  const row = (k: string, v: string, testid: string) =>
    dl.append(el('dt', {}, k), el('dd', { class: 'mono', 'data-testid': testid }, v || '(empty)'));
  row('Start key', d.startKeyPretty, 'start-key');
  row('End key', d.endKeyPretty, 'end-key');
  row('Start key (raw, base64)', d.startKeyRaw, 'start-key-raw');
  row('End key (raw, base64)', d.endKeyRaw, 'end-key-raw');
  return section('key-span', 'Key span', dl);
}

function findingList(testid: string, findings: readonly Finding[], none: string): HTMLElement {
  if (!findings.length) return el('p', { class: 'muted', 'data-testid': testid }, none);
  return el(
    'ul',
    { class: 'findings', 'data-testid': testid },
    ...findings.map((f) =>
      el(
        'li',
        { 'data-severity': f.severity, class: f.severity === 'info' ? 'muted' : '' },
        tag(f.severity, f.severity === 'info' ? '' : f.severity),
        f.message,
      ),
    ),
  );
}

export function problemsSection(d: RangeDetailsPayload): HTMLElement {
  const findings = rangeFindings(d);
  const worst = findings.some((f) => f.severity === 'problem') ? 'problem' : findings.length ? 'warning' : 'info';
  const s = section('range-problems', 'Problems', findingList('problem-list', findings, 'No problems reported.'));
  s.className = `banner ${worst}`;
  return s;
}

const STAT_FIELDS: ReadonlyArray<[keyof RangeStatsView, string, (n: number | undefined) => string]> = [
  ['queriesPerSecond', 'QPS', fixed],
  ['requestsPerSecond', 'Requests/s', fixed],
  ['writesPerSecond', 'Writes/s', fixed],
  ['readsPerSecond', 'Reads/s', fixed],
  ['writeBytesPerSecond', 'Write bytes/s', formatBytes],
  ['readBytesPerSecond', 'Read bytes/s', formatBytes],
  ['cpuTimePerSecond', 'CPU time/s', cpuNanos],
];

/** The leaseholder's figures (it serves the reads and proposes the writes); newer fields only when the server sends them. */
export function statsSection(d: RangeDetailsPayload): HTMLElement {
  const source = d.replicas.find((r) => r.leaseholder && r.stats) ?? d.replicas.find((r) => r.stats);
  const dl = el('dl', { class: 'stats' });
  if (source?.stats) {
    const stats = source.stats;
    for (const [k, label, f] of STAT_FIELDS) {
      if (stats[k] === undefined) continue;
      dl.append(el('dt', {}, label), el('dd', { class: 'num', 'data-stat': k }, f(stats[k])));
    }
  }
  const note = source
    ? `As reported by n${source.nodeId}${source.leaseholder ? ' (leaseholder)' : ''}.`
    : 'No node reported statistics.';
  return section('range-stats', 'Statistics', dl, el('p', { class: 'muted' }, note));
}

export function replicasSection(d: RangeDetailsPayload): HTMLElement {
  const rows: TableRow[] = d.replicas.map((r) => {
    const problems = replicaProblems(r);
    const tags = [
      ...(r.leaseholder ? [tag('leaseholder', 'lease')] : []),
      ...problems.map((p) => tag(p, problemSeverity(p) === 'problem' ? 'problem' : 'warning')),
      ...(r.error !== undefined ? [tag('did not answer', 'problem')] : []),
    ];
    const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'no');
    return {
      class: problems.length || r.error !== undefined ? 'has-problem' : '',
      attrs: { 'data-node-id': String(r.nodeId), 'data-leaseholder': String(r.leaseholder) },
      cells: [
        `n${r.nodeId}`,
        r.storeId !== undefined ? `s${r.storeId}` : '',
        r.replicaId !== undefined ? String(r.replicaId) : '',
        r.type ?? '',
        { text: localityText(r.locality), class: 'wrap' },
        r.leaseholder ? 'yes' : '',
        yesNo(r.quiescent),
        yesNo(r.ticking),
        fixed(r.stats?.queriesPerSecond),
        fixed(r.stats?.writesPerSecond),
        { text: r.error ?? '', class: 'wrap', extra: tags },
      ],
    };
  });
  const headers = [
    'Node',
    'Store',
    'Replica ID',
    'Type',
    'Locality',
    'Lease',
    'Quiescent',
    'Ticking',
    'QPS',
    'Writes/s',
    'Problems',
  ];
  return section(
    'replicas',
    'Replicas',
    leaseholderLine(d),
    plainTable('Replicas', 'replica-table', headers, rows, new Set([8, 9])),
  );
}

/** Says where the leaseholder comes from, or that nobody can tell, rather than implying there is none. */
function leaseholderLine(d: RangeDetailsPayload): HTMLElement {
  const text =
    d.leaseholderNodeId === undefined
      ? 'unknown (the lease history is empty and no hot-range report names it)'
      : d.leaseholderSource === 'hot ranges'
        ? `n${d.leaseholderNodeId} (from the hot-range report; the lease history is empty)`
        : `n${d.leaseholderNodeId}`;
  return el(
    'p',
    {},
    'Leaseholder: ',
    el('span', { 'data-testid': 'leaseholder', 'data-source': d.leaseholderSource ?? 'unknown' }, text),
  );
}

export function placementSection(d: RangeDetailsPayload): HTMLElement {
  const p = groupPlacement(d.replicas, d.clusterRegions, d.leaseholderNodeId);
  const wrap = el('div', { class: 'placement-wrap' }, placementSvg(p, d.clusterRegions));
  return section(
    'placement',
    'Placement across regions and zones',
    wrap,
    findingList(
      'placement-findings',
      p.findings,
      'Replicas are spread across zones; the leaseholder is with most voters.',
    ),
  );
}

export function leaseHistorySection(d: RangeDetailsPayload): HTMLElement {
  const rows: TableRow[] = d.leaseHistory.map((l) => ({
    attrs: { 'data-sequence': String(l.sequence) },
    cells: [
      String(l.sequence),
      `n${l.nodeId}`,
      `s${l.storeId}`,
      String(l.replicaId),
      { text: nanosToIso(l.start) || l.start, class: 'mono' },
      { text: nanosToIso(l.expiration), class: 'mono' },
      l.epoch !== undefined ? String(l.epoch) : '',
      l.acquisitionType,
    ],
  }));
  const body = rows.length
    ? plainTable(
        'Lease history',
        'lease-table',
        ['Sequence', 'Node', 'Store', 'Replica', 'Start', 'Expiration', 'Epoch', 'Acquired by'],
        rows,
        new Set([0]),
      )
    : el('p', { class: 'muted' }, 'No lease history reported.');
  return section('lease-history', 'Lease history (newest first)', body);
}
