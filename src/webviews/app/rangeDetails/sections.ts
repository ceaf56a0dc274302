// The sections of the Range details page, each a function of the payload.
import * as l10n from '@vscode/l10n';
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
    dl.append(el('dt', {}, k), el('dd', { class: 'mono', 'data-testid': testid }, v || l10n.t('(empty)')));
  row(l10n.t('Start key'), d.startKeyPretty, 'start-key');
  row(l10n.t('End key'), d.endKeyPretty, 'end-key');
  row(l10n.t('Start key (raw, base64)'), d.startKeyRaw, 'start-key-raw');
  row(l10n.t('End key (raw, base64)'), d.endKeyRaw, 'end-key-raw');
  return section('key-span', l10n.t('Key span'), dl);
}

/** The word on a finding's tag. */
function severityLabel(s: Finding['severity']): string {
  switch (s) {
    case 'problem':
      return l10n.t('problem');
    case 'warning':
      return l10n.t('warning');
    case 'info':
      return l10n.t('info');
  }
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
        tag(severityLabel(f.severity), f.severity === 'info' ? '' : f.severity),
        f.message,
      ),
    ),
  );
}

export function problemsSection(d: RangeDetailsPayload): HTMLElement {
  const findings = rangeFindings(d);
  const worst = findings.some((f) => f.severity === 'problem') ? 'problem' : findings.length ? 'warning' : 'info';
  const s = section(
    'range-problems',
    l10n.t('Problems'),
    findingList('problem-list', findings, l10n.t('No problems reported.')),
  );
  s.className = `banner ${worst}`;
  return s;
}

const statFields = (): ReadonlyArray<[keyof RangeStatsView, string, (n: number | undefined) => string]> => [
  ['queriesPerSecond', l10n.t('QPS'), fixed],
  ['requestsPerSecond', l10n.t('Requests/s'), fixed],
  ['writesPerSecond', l10n.t('Writes/s'), fixed],
  ['readsPerSecond', l10n.t('Reads/s'), fixed],
  ['writeBytesPerSecond', l10n.t('Write bytes/s'), formatBytes],
  ['readBytesPerSecond', l10n.t('Read bytes/s'), formatBytes],
  ['cpuTimePerSecond', l10n.t('CPU time/s'), cpuNanos],
];

/** The leaseholder's figures (it serves the reads and proposes the writes); newer fields only when the server sends them. */
export function statsSection(d: RangeDetailsPayload): HTMLElement {
  const source = d.replicas.find((r) => r.leaseholder && r.stats) ?? d.replicas.find((r) => r.stats);
  const dl = el('dl', { class: 'stats' });
  if (source?.stats) {
    const stats = source.stats;
    for (const [k, label, f] of statFields()) {
      if (stats[k] === undefined) continue;
      dl.append(el('dt', {}, label), el('dd', { class: 'num', 'data-stat': k }, f(stats[k])));
    }
  }
  const note = source
    ? source.leaseholder
      ? l10n.t('As reported by n{0} (leaseholder).', source.nodeId)
      : l10n.t('As reported by n{0}.', source.nodeId)
    : l10n.t('No node reported statistics.');
  return section('range-stats', l10n.t('Statistics'), dl, el('p', { class: 'muted' }, note));
}

export function replicasSection(d: RangeDetailsPayload): HTMLElement {
  const rows: TableRow[] = d.replicas.map((r) => {
    const problems = replicaProblems(r);
    const tags = [
      ...(r.leaseholder ? [tag(l10n.t('leaseholder'), 'lease')] : []),
      ...problems.map((p) => tag(p, problemSeverity(p) === 'problem' ? 'problem' : 'warning')),
      ...(r.error !== undefined ? [tag(l10n.t('did not answer'), 'problem')] : []),
    ];
    const yesNo = (b: boolean | undefined) => (b === undefined ? '' : b ? l10n.t('yes') : l10n.t('no'));
    return {
      class: problems.length || r.error !== undefined ? 'has-problem' : '',
      attrs: { 'data-node-id': String(r.nodeId), 'data-leaseholder': String(r.leaseholder) },
      cells: [
        l10n.t('n{0}', r.nodeId),
        r.storeId !== undefined ? l10n.t('s{0}', r.storeId) : '',
        r.replicaId !== undefined ? String(r.replicaId) : '',
        r.type ?? '',
        { text: localityText(r.locality), class: 'wrap' },
        r.leaseholder ? l10n.t('yes') : '',
        yesNo(r.quiescent),
        yesNo(r.ticking),
        fixed(r.stats?.queriesPerSecond),
        fixed(r.stats?.writesPerSecond),
        { text: r.error ?? '', class: 'wrap', extra: tags },
      ],
    };
  });
  const headers = [
    l10n.t('Node'),
    l10n.t('Store'),
    l10n.t('Replica ID'),
    l10n.t('Type'),
    l10n.t('Locality'),
    l10n.t('Lease'),
    l10n.t('Quiescent'),
    l10n.t('Ticking'),
    l10n.t('QPS'),
    l10n.t('Writes/s'),
    l10n.t('Problems'),
  ];
  return section(
    'replicas',
    l10n.t('Replicas'),
    leaseholderLine(d),
    plainTable(l10n.t('Replicas'), 'replica-table', headers, rows, new Set([8, 9])),
  );
}

/** Says where the leaseholder comes from, or that nobody can tell, rather than implying there is none. */
function leaseholderLine(d: RangeDetailsPayload): HTMLElement {
  const text =
    d.leaseholderNodeId === undefined
      ? l10n.t('unknown (the lease history is empty and no hot-range report names it)')
      : d.leaseholderSource === 'hot ranges'
        ? l10n.t('n{0} (from the hot-range report; the lease history is empty)', d.leaseholderNodeId)
        : l10n.t('n{0}', d.leaseholderNodeId);
  return el(
    'p',
    {},
    l10n.t('Leaseholder:'),
    ' ',
    el('span', { 'data-testid': 'leaseholder', 'data-source': d.leaseholderSource ?? 'unknown' }, text),
  );
}

export function placementSection(d: RangeDetailsPayload): HTMLElement {
  const p = groupPlacement(d.replicas, d.clusterRegions, d.leaseholderNodeId);
  const wrap = el('div', { class: 'placement-wrap' }, placementSvg(p, d.clusterRegions));
  return section(
    'placement',
    l10n.t('Placement across regions and zones'),
    wrap,
    findingList(
      'placement-findings',
      p.findings,
      l10n.t('Replicas are spread across zones; the leaseholder is with most voters.'),
    ),
  );
}

export function leaseHistorySection(d: RangeDetailsPayload): HTMLElement {
  const rows: TableRow[] = d.leaseHistory.map((l) => ({
    attrs: { 'data-sequence': String(l.sequence) },
    cells: [
      String(l.sequence),
      l10n.t('n{0}', l.nodeId),
      l10n.t('s{0}', l.storeId),
      String(l.replicaId),
      { text: nanosToIso(l.start) || l.start, class: 'mono' },
      { text: nanosToIso(l.expiration), class: 'mono' },
      l.epoch !== undefined ? String(l.epoch) : '',
      l.acquisitionType,
    ],
  }));
  const body = rows.length
    ? plainTable(
        l10n.t('Lease history'),
        'lease-table',
        [
          l10n.t('Sequence'),
          l10n.t('Node'),
          l10n.t('Store'),
          l10n.t('Replica'),
          l10n.t('Start'),
          l10n.t('Expiration'),
          l10n.t('Epoch'),
          l10n.t('Acquired by'),
        ],
        rows,
        new Set([0]),
      )
    : el('p', { class: 'muted' }, l10n.t('No lease history reported.'));
  return section('lease-history', l10n.t('Lease history (newest first)'), body);
}
