// Replica placement drawn as regions (columns) holding zones (boxes) holding
// replicas (circles); the leaseholder has a green ring, non-voters another
// colour, nodes that did not answer the error colour. Regions of the cluster
// without a replica are drawn as empty dashed boxes, so missing diversity and a
// distant leaseholder show at a glance. SVG via createElementNS only.
import * as l10n from '@vscode/l10n';
import type { Placement } from '../../model/placement';
import { svg } from '../common/dom';

const R = 14;
const STEP = 38;
const ZONE_H = 58;
const ZONE_GAP = 8;
const HEAD = 26;
const PAD = 10;
const GAP = 16;

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function placementSvg(p: Placement, clusterRegions: readonly string[]): SVGSVGElement {
  const present = new Set(p.regions.map((r) => r.region));
  const missing = clusterRegions.filter((r) => !present.has(r));
  const widths = p.regions.map((r) =>
    Math.max(150, PAD * 2 + Math.max(1, ...r.zones.map((z) => z.replicas.length)) * STEP + 8),
  );
  const heights = p.regions.map((r) => HEAD + r.zones.length * (ZONE_H + ZONE_GAP) + PAD);
  const missingW = 130;
  const width = widths.reduce((a, b) => a + b + GAP, 0) + missing.length * (missingW + GAP) + 2;
  const height = Math.max(90, ...heights) + 4;
  const lh = p.regions.flatMap((r) => r.zones.flatMap((z) => z.replicas)).find((x) => x.leaseholder);
  const label = lh
    ? l10n.t(
        'Replica placement: {0} region(s), leaseholder n{1} in {2}',
        p.regions.length,
        lh.nodeId,
        String(p.leaseholderRegion),
      )
    : l10n.t('Replica placement: {0} region(s), no leaseholder', p.regions.length);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': label,
    'data-testid': 'placement-svg',
  });
  root.append(svg('title', {}, label));

  let x = 1;
  p.regions.forEach((region, i) => {
    const w = widths[i]!;
    const g = svg('g', { 'data-region': region.region, 'data-testid': 'placement-region' });
    g.append(svg('rect', { class: 'region-box', x, y: 1, width: w, height: heights[i]!, rx: 6 }));
    g.append(
      svg(
        'text',
        { x: x + PAD, y: 18 },
        region.replicaCount === 1
          ? l10n.t('{0} · {1} replica', cut(region.region, 22), region.replicaCount)
          : l10n.t('{0} · {1} replicas', cut(region.region, 22), region.replicaCount),
      ),
    );
    region.zones.forEach((zone, zi) => {
      const zy = HEAD + zi * (ZONE_H + ZONE_GAP);
      const zg = svg('g', { 'data-zone': zone.zone });
      zg.append(svg('rect', { class: 'zone-box', x: x + PAD, y: zy, width: w - PAD * 2, height: ZONE_H, rx: 4 }));
      zg.append(svg('text', { x: x + PAD + 4, y: zy + 12, class: 'small' }, cut(zone.zone, 24)));
      zone.replicas.forEach((rep, ri) => {
        const cx = x + PAD + 4 + R + ri * STEP;
        const cy = zy + 36;
        const kind = rep.error ? 'error' : rep.voter ? 'voter' : 'non-voter';
        const rg = svg('g', {
          'data-node-id': rep.nodeId,
          'data-testid': 'placement-replica',
          'data-leaseholder': rep.leaseholder,
        });
        rg.append(
          svg(
            'title',
            {},
            [
              l10n.t('n{0}', rep.nodeId),
              ...(rep.storeId !== undefined ? [l10n.t('s{0}', rep.storeId)] : []),
              ...(rep.type ? [rep.type] : []),
              ...(rep.leaseholder ? [l10n.t('(leaseholder)')] : []),
              ...(rep.error ? [l10n.t('— did not answer')] : []),
            ].join(' '),
          ),
        );
        rg.append(svg('circle', { class: `replica ${kind}`, cx, cy, r: R }));
        if (rep.leaseholder) rg.append(svg('circle', { class: 'lease-ring', cx, cy, r: R + 3 }));
        rg.append(
          svg(
            'text',
            { class: 'replica-label', x: cx, y: cy + 4, 'text-anchor': 'middle' },
            l10n.t('n{0}', rep.nodeId),
          ),
        );
        zg.append(rg);
      });
      g.append(zg);
    });
    root.append(g);
    x += w + GAP;
  });
  for (const m of missing) {
    const g = svg('g', { 'data-region': m, 'data-testid': 'placement-missing' });
    g.append(svg('rect', { class: 'missing', x, y: 1, width: missingW, height: height - 4, rx: 6 }));
    g.append(svg('text', { x: x + PAD, y: 18 }, cut(m, 18)));
    g.append(svg('text', { x: x + PAD, y: 36, class: 'small' }, l10n.t('no replica')));
    root.append(g);
    x += missingW + GAP;
  }
  return root;
}
