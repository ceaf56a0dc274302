// A person adds a cluster whose DB Console port serves an application virtual
// cluster (CockroachDB Cloud ADVANCED on recent versions): Add Cluster asks which
// virtual cluster SQL comes from, sign-in works, nodes and sessions are listed,
// and the status bar calls the cluster healthy.
export default {
  settings: () => ({ 'cockroachdb.statusBar.interval': 5, 'cockroachdb.refreshInterval': 0 }),
  async run({ page, wb, step, shot, sims }) {
    const sim = sims.virtualized;
    const admin = sim.users.find((u) => u.admin);

    await step('Add Cluster notices the virtual clusters and asks which one SQL comes from', async () => {
      await wb.openExplorer();
      await wb.runCommand('Add Cluster…');
      await wb.answer(sim.clusterUrl, { titleContains: 'address' });
      await wb.pick('Choose CA file…');
      await wb.chooseFile(sim.caFile, { titleContains: 'CA certificate of' });
      await wb.answer('Virtualized cluster', { titleContains: 'name' });
      await page
        .locator('.quick-input-widget')
        .filter({ hasText: 'serves virtual clusters' })
        .waitFor({ timeout: 20_000 });
      await wb.pick("The server's default");
      // Sign-in follows at once; here it is dismissed, to sign in from the row below.
      await page
        .locator('.quick-input-widget')
        .filter({ hasText: 'Sign in to Virtualized cluster' })
        .waitFor({ timeout: 20_000 });
      await page.keyboard.press('Escape');
      await wb.row('Virtualized cluster').waitFor({ timeout: 20_000 });
    });

    await step('Sign In succeeds and the sections appear', async () => {
      await wb.expand('Virtualized cluster');
      await wb.row('Sign in to Virtualized cluster').click();
      await wb.answer(admin.username, { titleContains: 'Sign in' });
      await wb.answer(admin.password, { titleContains: 'as' });
      await wb.pick("Don't remember the password");
      await wb.row('Nodes').waitFor({ timeout: 20_000 });
    });

    await step('Nodes come from the system cluster', async () => {
      await wb.expand('Nodes');
      await wb.row(/^n1 /).waitFor({ timeout: 20_000 });
      await wb.row(/^n4 /).waitFor();
    });

    await step('Sessions come from the application virtual cluster', async () => {
      await wb.expand('Sessions');
      await page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-label^="Session of"]')
        .first()
        .waitFor({ timeout: 20_000 });
      const row = page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"]')
        .filter({ hasText: 'Virtualized cluster' })
        .first();
      const text = await row.innerText();
      if (!/virtual clusters/.test(text))
        throw new Error(`the cluster row does not say it serves virtual clusters: ${text}`);
      await shot('virtual-clusters.png');
    });

    await step('the status bar calls the virtualized cluster healthy', async () => {
      await wb.status().waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        (s) => /4\/4 live/.test(document.querySelector(s)?.textContent ?? ''),
        '.part.statusbar [id$="cockroachdb.health"]',
        { timeout: 30_000 },
      );
    });
  },
};
