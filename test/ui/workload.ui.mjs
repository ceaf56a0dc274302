// A person looks at the workload: opens SQL activity from the tree, sorts by p99,
// filters by application, opens a statement and finds its plan and an index
// recommendation, opens the statement and the recommendation as SQL in new editors; sees a
// running job's progress in the Jobs row; and cancels the session that blocks a
// contended insight after a confirmation that names it.
import fs from 'node:fs';
import path from 'node:path';
import { assertClean, panelFrame, until } from './lib/panels.mjs';

const CLUSTER = 'Workload sim';

async function stats(sim) {
  return (await fetch(new URL('/stats', sim.controlUrl))).json();
}

/** Seconds from the p99 cell text ("120 ms", "1.24 s", "0.40 ms"); Infinity for a blank. */
function seconds(text) {
  const m = /([\d.]+)\s*(ms|s)\b/.exec(text ?? '');
  if (!m) return -1;
  return Number(m[1]) * (m[2] === 'ms' ? 0.001 : 1);
}

export default {
  settings: (sims) => ({
    'cockroachdb.clusters': [{ name: CLUSTER, url: sims.insecure.clusterUrl }],
    'cockroachdb.statusBar.enabled': false,
    'cockroachdb.refreshInterval': 0,
  }),
  async run({ page, wb, step, shot, sims }) {
    const sim = sims.insecure;
    let activity;
    let details;

    await step('SQL activity opens from the tree with every statement fingerprint of the window', async () => {
      await wb.openExplorer();
      await wb.expand(CLUSTER);
      await wb.row(/^SQL activity/).waitFor({ timeout: 20_000 });
      await wb.contextMenu(/^SQL activity/, 'Show SQL Activity');
      activity = await panelFrame(page, 'sqlActivity', '[data-testid="activity-row"]');
      const prov = await activity.textContent('[data-testid="provenance"]');
      if (!/^as of .* from n\d+ \(v\d+\.\d+\.\d+\) · \S+/.test(prov ?? '')) throw new Error(`provenance: ${prov}`);
      const count = await activity.textContent('[data-testid="row-count"]');
      if (!/\d{2,}/.test(count ?? '')) throw new Error(`row count: ${count}`);
    });

    await step('sorting by p99 latency puts the slowest first', async () => {
      await activity.click('[data-testid="col-p99Latency"]');
      await until(
        'p99 sorted descending',
        async () => (await activity.getAttribute('[data-testid="col-p99Latency"]', 'aria-sort')) === 'descending',
      );
      const cells = await activity.$$eval('[data-testid="activity-row"] [data-col="p99Latency"]', (cs) =>
        cs.map((c) => c.textContent ?? ''),
      );
      const s = cells.slice(0, 10).map(seconds);
      for (let i = 1; i < s.length; i++)
        if (s[i] > s[i - 1] + 1e-9) throw new Error(`not descending: ${cells.slice(0, 10).join(' | ')}`);
      await shot('sql-activity.png');
      if (process.env.UPDATE_SCREENSHOTS)
        fs.copyFileSync(
          path.join(process.env.E2E_OUT || 'e2e-out', 'sql-activity.png'),
          path.join('docs', 'images', 'sql-activity.png'),
        );
    });

    await step('filtering by application keeps only that application’s statements', async () => {
      // "All applications" has the value ''; an application's option is `=<name>`.
      const apps = await activity.$$eval('[data-testid="app-filter"] option', (os) =>
        os.filter((o) => o.value.startsWith('=')).map((o) => o.value.slice(1)),
      );
      if (apps.length < 2) throw new Error(`applications: ${apps.join(', ')}`);
      const app = apps.find((a) => !a.startsWith('$')) ?? apps[0];
      await activity.selectOption('[data-testid="app-filter"]', `=${app}`);
      const appCells = () =>
        activity.$$eval('[data-testid="activity-row"] [data-col="appName"]', (cs) =>
          cs.map((c) => c.textContent ?? ''),
        );
      await until('only that application', async () => {
        const cells = await appCells();
        return cells.length > 0 && cells.every((c) => c === app);
      }).catch(async (e) => {
        throw new Error(`${e.message}: chose "${app}", rows show ${[...new Set(await appCells())].join(' | ')}`);
      });
      await activity.selectOption('[data-testid="app-filter"]', { index: 0 });
    });

    await step('a statement with an index recommendation opens Statement details with its plan', async () => {
      await activity.click('[data-testid="col-indexRecommendations"]');
      await until(
        'recommendations first',
        async () =>
          (await activity.getAttribute('[data-testid="col-indexRecommendations"]', 'aria-sort')) === 'descending',
      );
      const row = await activity.waitForSelector('[data-testid="activity-row"]');
      await row.click();
      details = await panelFrame(page, 'statementDetails', '[data-testid="index-rec"]');
      const query = await details.textContent('[data-testid="statement-query"]');
      if (!query || query.length < 10) throw new Error(`query: ${query}`);
      const plan = `${await details.textContent('[data-testid="sampled-plan"]')}${await details.textContent('[data-testid="plan-gists"]')}`;
      if (!/\S/.test(plan)) throw new Error('no plan shown');
      await details.waitForSelector('[data-testid="latency-chart"] svg');
      const rec = await details.textContent('[data-testid="index-rec"]');
      if (!/CREATE INDEX|ALTER INDEX|DROP INDEX/i.test(rec ?? '')) throw new Error(`recommendation: ${rec}`);
      await shot('statement-details.png');
      await assertClean(page, 'with SQL activity and Statement details open');
    });

    await step('Open as SQL puts the statement, and then its index recommendation, in new SQL editors', async () => {
      const query = ((await details.textContent('[data-testid="statement-query"]')) ?? '').replace(/\s+/g, ' ').trim();
      await details.click('[data-testid="open-as-sql"]');
      const active = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
      const head = query.slice(0, 24);
      await until(
        'the editor shows the statement',
        async () =>
          (await active.innerText())
            .replace(/\u00a0/g, ' ')
            .replace(/\s+/g, ' ')
            .includes(head),
        20_000,
      );
      await page.keyboard.press('Control+W');
      const dontSave1 = page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: /Don't Save/ });
      if (await dontSave1.isVisible().catch(() => false)) await dontSave1.click();
      // The panel was hidden behind the editor; shown again, it is a new frame.
      details = await panelFrame(page, 'statementDetails', '[data-testid="index-rec"]');
      await details.click('[data-testid="index-rec-open"]');
      // An untitled editor is named after its first line, so it is found by its text.
      const editor = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
      await until(
        'the editor shows the statement',
        async () =>
          /CREATE\s+INDEX|ALTER\s+INDEX|DROP\s+INDEX/i.test((await editor.innerText()).replace(/\u00a0/g, ' ')),
        20_000,
      );
      const lang = await page
        .locator('.part.statusbar [id="status.editor.mode"]')
        .innerText()
        .catch(() => '');
      if (lang && !/SQL/i.test(lang)) throw new Error(`the editor's language is ${lang}`);
      await page.keyboard.press('Control+W');
      const dontSave = page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: /Don't Save/ });
      if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    });

    await step('the Jobs row shows a running job with its progress', async () => {
      await wb.openExplorer();
      await wb.expand(/^Jobs/);
      const running = page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"]')
        .filter({ hasText: /running \d+%/ })
        .first();
      await running.waitFor({ timeout: 20_000 });
    });

    await step('a contended insight’s blocking session is cancelled after confirmation', async () => {
      await wb.expand(/^SQL activity/);
      await wb.expand(/^Insights/);
      const rows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"]');
      const contended = rows.filter({ hasText: /^High contention/ });
      await contended.first().waitFor({ timeout: 20_000 });
      const live = rows
        .filter({ hasText: /^Blocked / })
        .and(page.locator('[aria-label*="blocking session is still open"]'));
      let blocker;
      for (let i = 0; i < (await contended.count()) && !blocker; i++) {
        const row = contended.nth(i);
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
        if (
          await live
            .first()
            .waitFor({ timeout: 4_000 })
            .then(
              () => true,
              () => false,
            )
        )
          blocker = live.first();
      }
      if (!blocker) throw new Error('no contended insight with a live blocking session');
      const before = (await stats(sim)).cancelledSessions.length;
      await wb.contextMenu(blocker, 'Cancel Blocking Session');
      const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'Cancel the blocking session?' });
      await dialog.waitFor();
      if (!/Session [0-9a-f]+ of .* on node n\d+/.test(await dialog.innerText()))
        throw new Error('the confirmation does not name the session and its node');
      await shot('cancel-blocking-session.png');
      await dialog.locator('.monaco-button').filter({ hasText: 'Cancel Session' }).click();
      await until('the server cancelled the session', async () => (await stats(sim)).cancelledSessions.length > before);
    });
  },
};
