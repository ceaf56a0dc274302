// The first connection, as a person goes through it (issue 16): Add Cluster from the
// empty explorer's welcome view for a self-signed TLS cluster, without its CA. The probe
// names the unknown CA, Choose CA file… opens the file dialog (in code-server VS Code's
// simple file dialog: a quick input where the path is typed), the probe succeeds and says
// what answered, sign-in follows, and the nodes are listed — all in one flow. Then a DB
// Console URL copied from the browser, `#/…` page and all, adds the insecure cluster.
import { sel } from './lib/workbench.mjs';

/** The open quick input once its text matches. */
async function quickInputWith(page, text, timeout = 20_000) {
  const widget = page.locator('.quick-input-widget').filter({ hasText: text });
  await widget.waitFor({ timeout });
  return widget;
}

export default {
  settings: () => ({ 'cockroachdb.refreshInterval': 0 }),
  async run({ page, wb, step, shot, sims }) {
    const sim = sims.main;
    const admin = sim.users.find((u) => u.admin);

    await step('the welcome view’s Add Cluster asks for the address', async () => {
      await wb.openExplorer();
      const welcome = page
        .locator('.part.sidebar .welcome-view-content')
        .filter({ hasText: 'No CockroachDB clusters yet' });
      await welcome.waitFor();
      await welcome.getByRole('button', { name: 'Add Cluster' }).click();
      await wb.answer(sim.clusterUrl, { titleContains: 'Add Cluster: address' });
    });

    await step('the probe names the unknown CA and offers Choose CA file…', async () => {
      await quickInputWith(page, 'the certificate is signed by an unknown CA');
      // The explanation, with the code, is the pick's placeholder.
      const placeholder = await page.locator(sel.quickInputBox).getAttribute('placeholder');
      if (!/presents a CA this computer does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/.test(placeholder ?? ''))
        throw new Error(`the reason is not explained: ${placeholder}`);
      await shot('first-run-unknown-ca.png');
      await wb.pick('Choose CA file…');
    });

    await step('the file dialog takes the CA path, and the probe then says what answered', async () => {
      await wb.chooseFile(sim.caFile, { titleContains: 'CA certificate of' });
      const nameStep = await quickInputWith(page, 'Add Cluster: name');
      await nameStep.filter({ hasText: 'CockroachDB v25.2.4 · secure: sign-in comes next' }).waitFor();
      await shot('first-run-found.png');
      await wb.answer('First run cluster', { titleContains: 'Add Cluster: name' });
    });

    await step('sign-in follows straight away, and the nodes are listed', async () => {
      await wb.answer(admin.username, { titleContains: 'Sign in to First run cluster' });
      await wb.answer(admin.password, { titleContains: `Sign in to First run cluster as ${admin.username}` });
      await wb.pick("Don't remember the password");
      await wb.expand('First run cluster');
      await wb.row('Nodes').waitFor({ timeout: 20_000 });
      await wb.expand('Nodes');
      await wb.row(/^n1 /).waitFor({ timeout: 20_000 });
      await wb.row(/^n9 /).waitFor();
      await shot('first-run-nodes.png');
    });

    await step('a DB Console URL with a #/… page adds the insecure cluster, saying what was left out', async () => {
      await wb.runCommand('Add Cluster…');
      await wb.answer(`${sims.insecure.clusterUrl}/#/overview/list`, { titleContains: 'Add Cluster: address' });
      const nameStep = await quickInputWith(page, 'Add Cluster: name');
      await nameStep.filter({ hasText: 'the DB Console page (#/overview/list) is left out' }).waitFor();
      await nameStep.filter({ hasText: 'insecure (plain http): no sign-in needed' }).waitFor();
      await wb.answer('From the browser', { titleContains: 'Add Cluster: name' });
      await wb.expand('From the browser');
      // No sign-in: its sections appear at once (the first cluster's Nodes row is the other one).
      await page
        .locator(sel.rows)
        .filter({ hasText: /^Nodes/ })
        .nth(1)
        .waitFor({ timeout: 20_000 });
    });
  },
};
