// A person adds a cluster, signs in through the input boxes, expands the tree down
// to a range, and sees the status bar report the cluster's health.
import fs from 'node:fs';
import path from 'node:path';
import { sel } from './lib/workbench.mjs';

export default {
  settings: () => ({ 'cockroachdb.statusBar.interval': 5 }),
  async run({ page, wb, step, shot, sims }) {
    const sim = sims.main;
    const admin = sim.users.find((u) => u.admin);

    await step('the empty explorer offers Add Cluster', async () => {
      await wb.openExplorer();
      await page
        .locator('.part.sidebar .welcome-view-content')
        .filter({ hasText: 'No CockroachDB clusters yet' })
        .waitFor();
    });

    await step(
      'Add Cluster probes the address, takes the CA from the file dialog, asks the name, shows the row',
      async () => {
        // The welcome view's button: a palette opened while the walkthrough opens loses the focus.
        await page.locator('.part.sidebar .welcome-view-content').getByRole('button', { name: 'Add Cluster' }).click();
        await wb.answer(sim.clusterUrl, { titleContains: 'address' });
        await wb.pick('Choose CA file…');
        await wb.chooseFile(sim.caFile, { titleContains: 'CA certificate of' });
        await wb.answer('Simulated cluster', { titleContains: 'name' });
        // Sign-in follows at once; here it is dismissed, to sign in from the row below.
        await page
          .locator(sel.quickInput)
          .filter({ hasText: 'Sign in to Simulated cluster' })
          .waitFor({ timeout: 20_000 });
        await page.keyboard.press('Escape');
        await wb.row('Simulated cluster').waitFor({ timeout: 20_000 });
      },
    );

    await step('Sign In through the input boxes replaces the sign-in row with the sections', async () => {
      await wb.expand('Simulated cluster');
      await wb.row('Sign in to Simulated cluster').waitFor();
      await wb.row('Sign in to Simulated cluster').click();
      await wb.answer(admin.username, { titleContains: 'Sign in' });
      await wb.answer(admin.password, { titleContains: 'as' });
      await wb.pick("Don't remember the password");
      await wb.row('Nodes').waitFor({ timeout: 20_000 });
      await wb.row('Hot ranges').waitFor();
      await wb.row('Sessions').waitFor();
    });

    await step('Nodes expand to a node, its ranges and a range row', async () => {
      await wb.expand('Nodes');
      await wb.row(/^n1 /).waitFor({ timeout: 20_000 });
      await wb.expand(/^n1 /);
      await wb.expand(/^Ranges/);
      await page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"]')
        .filter({ hasText: /^r\d+/ })
        .first()
        .waitFor({ timeout: 20_000 });
      await page.waitForTimeout(500);
      await shot('explorer.png');
      // UPDATE_SCREENSHOTS=1 npm run test:ui refreshes the README's picture.
      if (process.env.UPDATE_SCREENSHOTS)
        fs.copyFileSync(
          path.join(process.env.E2E_OUT || 'e2e-out', 'explorer.png'),
          path.join('docs', 'images', 'explorer.png'),
        );
    });

    await step('the status bar shows the active cluster as healthy with live/total nodes', async () => {
      const item = wb.status();
      await item.waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        (s) => /\d+\/\d+ live/.test(document.querySelector(s)?.textContent ?? ''),
        '.part.statusbar [id$="cockroachdb.health"]',
        { timeout: 30_000 },
      );
    });
  },
};
