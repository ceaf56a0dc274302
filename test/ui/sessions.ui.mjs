// A person finds a running session and cancels it from its context menu after a
// confirmation that names the session; then stops a node and watches the status bar name the rule that fires.
async function stats(sim) {
  return (await fetch(new URL('/stats', sim.controlUrl))).json();
}
async function control(sim, action, params = {}) {
  const url = new URL(action, sim.controlUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { method: 'POST' });
  if (res.status !== 200) throw new Error(`control ${action}: ${res.status}`);
}

export default {
  settings: (sims) => ({
    'cockroachdb.clusters': [{ name: 'Insecure sim', url: sims.insecure.clusterUrl }],
    'cockroachdb.statusBar.interval': 5,
    'cockroachdb.refreshInterval': 0,
  }),
  async run({ page, wb, step, shot, sims }) {
    const sim = sims.insecure;
    let label;

    await step('Sessions expand to rows showing user, application and statement', async () => {
      await wb.openExplorer();
      await wb.expand('Insecure sim');
      await wb.expand('Sessions');
      const row = page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-label*="running a query"]')
        .first();
      await row.waitFor({ timeout: 20_000 });
      label = await row.getAttribute('aria-label');
    });

    await step('Cancel Session asks for confirmation naming the session and cancels it on the server', async () => {
      const row = page
        .locator(`.part.sidebar .monaco-list-row[role="treeitem"][aria-label="${label.replace(/"/g, '\\"')}"]`)
        .first();
      await wb.contextMenu(row, 'Cancel Session');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.filter({ hasText: 'Cancel the session?' }).waitFor();
      if (!(await dialog.innerText()).includes('on node n')) throw new Error('the confirmation does not name the node');
      await shot('cancel-session-dialog.png');
      const before = (await stats(sim)).cancelledSessions.length;
      await dialog.locator('.monaco-button').filter({ hasText: 'Cancel Session' }).click();
      for (let i = 0; ; i++) {
        if ((await stats(sim)).cancelledSessions.length > before) break;
        if (i > 75) throw new Error('the server saw no CANCEL SESSION');
        await page.waitForTimeout(200);
      }
    });

    await step('the status bar turns from 4/4 live to the rule that fires when a node stops', async () => {
      const item = wb.status();
      await item.waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        (s) => /4\/4 live/.test(document.querySelector(s)?.textContent ?? ''),
        '.part.statusbar [id$="cockroachdb.health"]',
        { timeout: 30_000 },
      );
      await control(sim, '/down-nodes', { ids: '2' });
      await page.waitForFunction(
        (s) => /under-replicated range/.test(document.querySelector(s)?.textContent ?? ''),
        '.part.statusbar [id$="cockroachdb.health"]',
        { timeout: 40_000 },
      );
      await shot('status-degraded.png');
      await control(sim, '/down-nodes', { ids: '' });
    });
  },
};
