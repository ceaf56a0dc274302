// A person opens the Cluster overview from the tree, switches the charts to six
// hours, hovers a chart to read its values; then a node stops, the status item names
// the under-replicated ranges, and its click brings the replication chart into view.
import fs from 'node:fs';
import path from 'node:path';
import { assertClean, panelFrame, until } from './lib/panels.mjs';

const CLUSTER = 'Metrics sim';

async function control(sim, action, params = {}) {
  const url = new URL(action, sim.controlUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { method: 'POST' });
  if (res.status !== 200) throw new Error(`control ${action}: ${res.status}`);
}

const STATUS = '.part.statusbar [id$="cockroachdb.health"]';

export default {
  settings: (sims) => ({
    'cockroachdb.clusters': [{ name: CLUSTER, url: sims.insecure.clusterUrl }],
    'cockroachdb.statusBar.interval': 5,
    'cockroachdb.refreshInterval': 0,
  }),
  async run({ page, wb, step, shot, sims }) {
    const sim = sims.insecure;
    let overview;

    await step('the Overview row opens the figures and eight charts', async () => {
      await wb.openExplorer();
      await wb.expand(CLUSTER);
      await wb.row(/^Overview/).click();
      overview = await panelFrame(page, 'overview', '[data-testid="chart-qps"] canvas');
      await until('every chart drew', async () => (await overview.$$('[data-testid^="chart-"] canvas')).length >= 8);
      const prov = await overview.textContent('[data-testid="provenance"]');
      if (!/as of .* from n\d+ \(v\d+\.\d+/.test(prov ?? '')) throw new Error(`provenance: ${prov}`);
      await until('the node table', async () => (await overview.$$('[data-testid="node-row"]')).length === 4);
    });

    await step('switching the window to 6 h asks the charts again', async () => {
      await overview.selectOption('[data-testid="window-select"]', '6h');
      await until('the 6 h window', async () =>
        /6\s*h|6 hours/i.test((await overview.getAttribute('[data-testid="chart-qps"]', 'data-window')) ?? ''),
      );
    });

    await step('hovering a chart shows its values at that time', async () => {
      const box = await overview.locator('[data-testid="chart-qps"] canvas').first().boundingBox();
      if (!box) throw new Error('the QPS chart has no box');
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
      await until('a readout with numbers', async () =>
        /\d/.test((await overview.textContent('[data-testid="chart-readout-qps"]')) ?? ''),
      );
      await shot('overview.png');
      if (process.env.UPDATE_SCREENSHOTS)
        fs.copyFileSync(
          path.join(process.env.E2E_OUT || 'e2e-out', 'overview.png'),
          path.join('docs', 'images', 'overview.png'),
        );
      await assertClean(page, 'the overview');
    });

    await step(
      'a node stops: the status item names the under-replicated ranges; its click opens that chart',
      async () => {
        await page.waitForFunction((s) => /4\/4 live/.test(document.querySelector(s)?.textContent ?? ''), STATUS, {
          timeout: 30_000,
        });
        await control(sim, '/down-nodes', { ids: '3' });
        try {
          await page.waitForFunction(
            (s) => /under-replicated range/.test(document.querySelector(s)?.textContent ?? ''),
            STATUS,
            { timeout: 40_000 },
          );
          await shot('status-under-replicated.png');
          await page.locator(STATUS).click();
          await until(
            'the replication chart in view',
            async () => (await overview.getAttribute('[data-testid="chart-replication"]', 'data-focused')) === 'true',
          );
        } finally {
          await control(sim, '/down-nodes', { ids: '' });
        }
      },
    );
  },
};
