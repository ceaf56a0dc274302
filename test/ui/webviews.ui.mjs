// A person opens Hot ranges and sees which node answered; a refresh fails (the
// simulator answers 500) and the rows stay, marked stale, until one succeeds; sorts
// and filters the table, switches to Hot tables, exports the view to CSV (the file is written and parses), clicks
// through to Range details, reloads the window and finds both panels restored;
// hostile names from the simulator show as literal text, no script runs
// (`window.__xss` stays unset in every frame) and no CSP violation occurs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { extensionLog } from './lib/logs.mjs';
import { assertClean, panelFrame, until } from './lib/panels.mjs';

const CLUSTER = 'Webview sim';
const SEED_STYLE = 'Webview seed-style sim';
/**
 * Range r15 of the seed-style simulator has a NON_VOTER and a lease history a
 * restart emptied: the simulator's rules (src/sim/data/ranges.ts) give r ≡ 4 (mod 11)
 * both, by range id alone, whatever the seed. That server's hot ranges name no
 * leaseholder, so the panel must say "unknown".
 */
const RESTARTED_RANGE = 15;

/** Reads the exported file back with a CSV library. */
function parseCsv(text) {
  return parse(text, { relax_column_count: true });
}

async function control(sim, action, params = {}) {
  const url = new URL(action, sim.controlUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { method: 'POST' });
  if (res.status !== 200) throw new Error(`control ${action}: ${res.status}`);
}

export default {
  settings: (sims) => ({
    'cockroachdb.clusters': [
      { name: CLUSTER, url: sims.insecure.clusterUrl },
      { name: SEED_STYLE, url: sims.seedStyle.clusterUrl },
    ],
    'cockroachdb.statusBar.enabled': false,
  }),
  async run({ page, wb, step, shot, dirs, sims }) {
    let hot;
    let openedRange;
    const exportPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crdb-ui-export-')), 'hot-tables.csv');

    await step('Hot ranges opens from the tree with rows sorted by QPS, descending', async () => {
      await wb.openExplorer();
      await wb.expand(CLUSTER);
      await wb.row(/^Hot ranges/).waitFor({ timeout: 20_000 });
      await wb.contextMenu(/^Hot ranges/, 'Show Hot Ranges').catch(async () => wb.runCommand('Show Hot Ranges'));
      hot = await panelFrame(page, 'hotRanges', '[data-testid="hot-row"]');
      if ((await hot.getAttribute('[data-testid="col-qps"]', 'aria-sort')) !== 'descending')
        throw new Error('default sort is not QPS descending');
      if (!(await hot.getAttribute('[data-testid="hot-table"]', 'role')) === 'grid') throw new Error('no grid role');
      const prov = await hot.textContent('[data-testid="provenance"]');
      if (!/^as of .* from n\d+ \(v\d+\.\d+\.\d+\)$/.test(prov ?? '')) throw new Error(`provenance: ${prov}`);
      await shot('webviews-hot-ranges.png');
    });

    await step('a failed refresh keeps the rows and marks the line stale; the next refresh clears it', async () => {
      const stale = () => hot.getAttribute('[data-testid="provenance"]', 'data-stale');
      const rows = () => hot.$$eval('[data-testid="hot-row"]', (rs) => rs.length);
      const before = await rows();
      try {
        await control(sims.insecure, '/fail-rate', { p: '1' });
        await hot.click('[data-testid="refresh"]');
        // The client retries a 500 a few times before it gives up.
        await until('the line is stale', async () => (await stale()) === 'true', 30_000);
        const prov = await hot.textContent('[data-testid="provenance"]');
        if (!/^as of .* from n\d+ .* · refresh failed at .+: .+/.test(prov ?? ''))
          throw new Error(`provenance: ${prov}`);
        if ((await rows()) !== before) throw new Error(`rows ${before} → ${await rows()} after the failed refresh`);
        if (await hot.$('[data-testid="error-state"]')) throw new Error('an error page replaced the rows');
        await shot('webviews-hot-ranges-stale.png');
      } finally {
        await control(sims.insecure, '/fail-rate', { p: '0' });
      }
      await hot.click('[data-testid="refresh"]');
      await until('the line is fresh again', async () => (await stale()) === null, 30_000);
      if (!(await rows())) throw new Error('no rows after the refresh');
    });

    await step('sorting by Range ID orders the rows both ways', async () => {
      const firstKey = () => hot.getAttribute('[data-testid="hot-row"][aria-rowindex="2"]', 'data-key').then(Number);
      await hot.click('[data-testid="col-rangeId"]');
      await until(
        'descending by range id',
        async () => (await hot.getAttribute('[data-testid="col-rangeId"]', 'aria-sort')) === 'descending',
      );
      const desc = await firstKey();
      await hot.click('[data-testid="col-rangeId"]');
      await until(
        'ascending by range id',
        async () => (await hot.getAttribute('[data-testid="col-rangeId"]', 'aria-sort')) === 'ascending',
      );
      const asc = await firstKey();
      if (!(desc > asc)) throw new Error(`first row ${desc} (desc) vs ${asc} (asc)`);
      // Keyboard: the focused row moves with the arrow keys.
      await hot.focus('[data-testid="hot-row"][aria-rowindex="2"]');
      await page.keyboard.press('ArrowDown');
      const idx = await hot.evaluate(() => document.activeElement?.getAttribute('aria-rowindex'));
      if (idx !== '3') throw new Error(`ArrowDown focused row ${idx}`);
    });

    await step('filtering by table narrows the rows without refetching', async () => {
      const options = await hot.$$eval('[data-testid="filter-table"] option', (os) =>
        os.map((o) => o.value).filter(Boolean),
      );
      if (!options.length) throw new Error('no table to filter by');
      const before = await hot.textContent('[data-testid="row-count"]');
      await hot.selectOption('[data-testid="filter-table"]', options[0]);
      await until('the count changes', async () => (await hot.textContent('[data-testid="row-count"]')) !== before);
      const cells = await hot.$$eval('[data-testid="hot-row"] [data-col="table"]', (cs) =>
        cs.map((c) => c.textContent),
      );
      if (!cells.every((t) => t.split(', ').includes(options[0])))
        throw new Error(`rows outside ${options[0]}: ${cells.join(' | ')}`);
      await hot.click('[data-testid="clear-filters"]');
      await hot.fill('[data-testid="filter-text"]', 'zzz-no-such-thing');
      await until('empty result', async () => /Showing 0 of/.test(await hot.textContent('[data-testid="row-count"]')));
      await hot.fill('[data-testid="filter-text"]', '');
    });

    await step('Hot tables rolls the ranges up by table', async () => {
      await hot.click('[data-testid="tab-tables"]');
      await hot.waitForSelector('[data-testid="hot-table-row"]');
      if ((await hot.getAttribute('[data-testid="tab-tables"]', 'aria-selected')) !== 'true')
        throw new Error('tab not selected');
      await hot.waitForSelector('[data-testid="tables-chart"] [data-testid="chart-bar"]');
    });

    await step('Export CSV writes the Hot tables view to the chosen file, and it parses', async () => {
      await hot.click('[data-testid="export-csv"]');
      // code-server's save dialog is a quick input that checks the typed path before it
      // accepts Enter; press again while it is still open with our path in it.
      const box = page.locator('.quick-input-widget .quick-input-box input');
      await box.waitFor();
      // Wait for the dialog to put in its suggested name, or it overwrites what we type.
      await until('the save dialog suggests a file', async () => /\.csv$/.test(await box.inputValue()));
      await box.fill(exportPath);
      let lastPress = 0;
      await until(
        'the file is written',
        async () => {
          if (fs.existsSync(exportPath)) return true;
          if (Date.now() - lastPress > 1000 && (await box.isVisible()) && (await box.inputValue()) === exportPath) {
            lastPress = Date.now();
            await box.press('Enter');
          }
          return false;
        },
        20_000,
      );
      const rows = parseCsv(fs.readFileSync(exportPath, 'utf8'));
      if (rows[0]?.[0] !== 'Database' || rows[0]?.[1] !== 'Table') throw new Error(`header: ${rows[0]}`);
      if (rows.length < 2) throw new Error('no data rows');
      await until('export status', async () => /Exported/.test(await hot.textContent('[data-testid="export-status"]')));
    });

    await step('a row opens Range details with replicas, placement and lease history', async () => {
      await hot.click('[data-testid="tab-ranges"]');
      const row = await hot.waitForSelector('[data-testid="hot-row"]');
      openedRange = await row.getAttribute('data-key');
      await row.click();
      const rd = await panelFrame(page, 'rangeDetails', '[data-testid="replicas"]');
      for (const id of ['key-span', 'range-problems', 'range-stats', 'placement', 'lease-history'])
        await rd.waitForSelector(`[data-testid="${id}"]`);
      const title = await rd.textContent('[data-testid="range-title"]');
      if (!title?.includes(`r${openedRange}`)) throw new Error(`title ${title} is not range ${openedRange}`);
      await rd.waitForSelector('[data-testid="placement-svg"]');
      await shot('webviews-range-details.png');
      await assertClean(page, 'with both panels open');
    });

    await step(
      'Range details of a range with an empty lease history shows the non-voter, an unknown leaseholder and no false warning',
      async () => {
        await wb.runCommand('Show Range Details');
        await wb.pick(SEED_STYLE);
        await wb.answer(String(RESTARTED_RANGE), { titleContains: 'Range details' });
        const rd = await until(
          'the r15 panel',
          async () => {
            const f = await panelFrame(page, 'rangeDetails', '[data-testid="leaseholder"]');
            return (await f.textContent('[data-testid="range-title"]'))?.includes(`r${RESTARTED_RANGE} `)
              ? f
              : undefined;
          },
          40_000,
        );
        const types = await rd.$$eval('[data-testid="replica-table"] tbody tr', (rows) =>
          rows.map((r) => r.children[3]?.textContent ?? ''),
        );
        if (types.filter((t) => t === 'NON_VOTER').length !== 1)
          throw new Error(`replica types ${JSON.stringify(types)}`);
        const lh = await rd.textContent('[data-testid="leaseholder"]');
        if (!lh?.startsWith('unknown')) throw new Error(`leaseholder shown as ${lh}`);
        const all = (await rd.textContent('#app')) ?? '';
        if (/no replica holds the lease/.test(all)) throw new Error('false "no replica holds the lease" warning');
        const warned = await rd.$$eval('[data-severity="warning"], [data-severity="problem"]', (xs) =>
          xs.map((x) => x.textContent ?? '').filter((t) => /lease/.test(t)),
        );
        if (warned.length) throw new Error(`lease warnings: ${warned.join(' | ')}`);
        if (!(await rd.textContent('[data-testid="lease-history"]'))?.includes('No lease history reported.'))
          throw new Error('lease history is not empty');
      },
    );

    await step('Show Range Details for a range that does not exist says so plainly', async () => {
      await wb.runCommand('Show Range Details');
      await wb.pick(SEED_STYLE);
      await wb.answer('999999', { titleContains: 'Range details' });
      const msg = await until(
        'the not-found message',
        async () => {
          for (const f of page.frames()) {
            const t = await f
              .evaluate(
                () =>
                  document.querySelector('#app[data-panel="rangeDetails"] [data-testid="error-message"]')
                    ?.textContent ?? '',
              )
              .catch(() => '');
            if (t) return t;
          }
          return undefined;
        },
        40_000,
      );
      if (msg !== 'Range r999999 does not exist') throw new Error(`message: ${msg}`);
      await page.keyboard.press('Control+W');
    });

    await step('after a window reload both panels are restored', async () => {
      await wb.runCommand('Reload Window').catch(async () => {
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget .quick-input-box input').fill('>Developer: Reload Window');
        await page.keyboard.press('Enter');
      });
      await wb.ready();
      const tabs = page.locator('.part.editor .tab');
      await tabs
        .filter({ hasText: `Range r${openedRange}` })
        .first()
        .waitFor({ timeout: 40_000 });
      await panelFrame(page, 'rangeDetails', '[data-testid="replicas"]');
      await tabs.filter({ hasText: 'Hot ranges' }).first().click();
      hot = await panelFrame(page, 'hotRanges', '[data-testid="hot-row"]');
      // The view state came back too: the Ranges tab sorted by Range ID ascending.
      if ((await hot.getAttribute('[data-testid="col-rangeId"]', 'aria-sort')) !== 'ascending')
        throw new Error('sort not restored');
    });

    await step('hostile names show as text, no script ran and no CSP violation was reported', async () => {
      await assertClean(page, 'after the reload');
      const text = await hot.evaluate(() => document.body.textContent ?? '');
      const literal = ['<script>', '<img src=x', 'onerror='].some((h) => text.includes(h));
      console.log(`       webviews: hostile text shown literally in Hot ranges: ${literal}`);
      if (/CSP violation/.test(extensionLog(dirs.root))) throw new Error('the extension log has a CSP violation');
    });
  },
};
