// A person works on SQL in the editor: opens a .sql file, runs the statement under
// the cursor with Ctrl/Cmd+Enter and sees its rows in the SQL results panel; a DROP
// asks for a confirmation first; Explain shows the plan with the full scan
// highlighted; "Find in Workspace" on a statement of the workload opens the file and
// line that issue it; and a CodeLens with live figures sits above that query in a .ts file.
import fs from 'node:fs';
import path from 'node:path';
import { panelFrame, until } from './lib/panels.mjs';

const CLUSTER = 'Editor sim';
const QUERIES = [
  "SELECT 1 AS one, 'hello' AS greeting;",
  '',
  'DROP TABLE IF EXISTS ui_scratch;',
  '',
  'SELECT * FROM movr.public.rides WHERE revenue > 90;',
  '',
].join('\n');

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

async function openFile(page, wb, name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+P`);
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await box.waitFor();
  await box.fill(name);
  // Quick open lists a file as its name with the folder beside it.
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ hasText: path.basename(name) })
    .first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await page
    .locator('.part.editor .tab.active')
    .filter({ hasText: path.basename(name) })
    .waitFor();
  await wb.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().click();
}

/** Quick open's `:N` goes to line N of the active editor (Ctrl+G is the browser's in code-server). */
async function goToLine(page, line) {
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+P`);
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await box.waitFor();
  await box.fill(`:${line}`);
  await page
    .locator('.quick-input-widget')
    .filter({ hasText: new RegExp(`line ${line}`, 'i') })
    .waitFor();
  await box.press('Enter');
  const where = page.locator('.part.statusbar [id="status.editor.selection"]');
  await until(`the cursor on line ${line}`, async () => new RegExp(`Ln ${line},`).test(await where.innerText()));
}

export default {
  settings: (sims) => ({
    'cockroachdb.clusters': [{ name: CLUSTER, url: sims.insecure.clusterUrl }],
    'cockroachdb.statusBar.enabled': false,
    'cockroachdb.refreshInterval': 0,
    'cockroachdb.codeLens.workload': 'allFiles',
  }),
  async run({ page, wb, step, shot, dirs }) {
    // The demo app (SQL of the simulated workload in .ts, .py and .sql files) and a scratch file.
    fs.cpSync(path.join('demo', 'workspace'), dirs.workspace, { recursive: true });
    fs.writeFileSync(path.join(dirs.workspace, 'scratch.sql'), QUERIES);
    let results;

    await step(
      'Ctrl/Cmd+Enter in a .sql file runs the statement under the cursor; its rows show in SQL results',
      async () => {
        await wb.openExplorer();
        await wb.row(CLUSTER).waitFor({ timeout: 20_000 });
        await openFile(page, wb, 'scratch.sql');
        await page.keyboard.press(`${mod}+Home`);
        await page.keyboard.press(`${mod}+Enter`);
        results = await panelFrame(page, 'sqlResults', '[data-testid="result-row"]');
        const cells = await results.$$eval('[data-testid="result-row"] [role="gridcell"]', (cs) =>
          cs.map((c) => c.textContent ?? ''),
        );
        if (!cells.includes('hello')) throw new Error(`result cells: ${cells.join(' | ')}`);
        const status = await results.getAttribute('[data-testid="run-status"]', 'data-status');
        if (status !== 'done') throw new Error(`run status ${status}`);
        await shot('sql-results.png');
      },
    );

    await step('a DROP asks for a confirmation naming the cluster, and Cancel runs nothing', async () => {
      await openFile(page, wb, 'scratch.sql');
      await goToLine(page, 3);
      await page.keyboard.press(`${mod}+Enter`);
      const dialog = page.locator('.monaco-dialog-box').filter({ hasText: `on ${CLUSTER}?` });
      await dialog.waitFor({ timeout: 15_000 });
      if (!/Run DROP/.test(await dialog.innerText())) throw new Error(`dialog: ${await dialog.innerText()}`);
      await shot('sql-drop-confirmation.png');
      await dialog.locator('.monaco-button').filter({ hasText: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    });

    await step('Explain shows the plan with the full scan highlighted', async () => {
      await openFile(page, wb, 'scratch.sql');
      await goToLine(page, 5);
      await wb.runCommand('Explain SQL');
      const frame = await panelFrame(page, 'sqlResults', '[data-testid="plan-tree"]');
      await frame.waitForSelector('[data-testid="plan-node"][data-fullscan="true"]', { timeout: 15_000 });
      const hints = (await frame.textContent('[data-testid="plan-hints"]')) ?? '';
      if (!/full scan/i.test(hints)) throw new Error(`hints: ${hints}`);
      await shot('sql-explain.png');
    });

    await step('Find in Workspace on a statement of SQL activity opens the file and line that issue it', async () => {
      await wb.openExplorer();
      await wb.expand(CLUSTER);
      await wb.contextMenu(/^SQL activity/, 'Show SQL Activity');
      const activity = await panelFrame(page, 'sqlActivity', '[data-testid="activity-row"]');
      await activity.fill('[data-testid="search"]', 'FROM rides WHERE rider_id');
      await until('the statement is found', async () => {
        const q = await activity.$$eval('[data-testid="activity-row"] [data-col="query"]', (cs) =>
          cs.map((c) => c.textContent ?? ''),
        );
        return q.length > 0 && q.every((t) => t.includes('rider_id'));
      });
      await activity.focus('[data-testid="activity-row"]');
      await activity.click('[data-testid="find-in-workspace"]');
      // One place opens directly; several are listed.
      const pick = page
        .locator('.quick-input-widget .monaco-list-row')
        .filter({ hasText: /rides\.ts/ })
        .first();
      if (
        await pick.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        await pick.click();
      await page.locator('.part.editor .tab.active').filter({ hasText: 'rides.ts' }).waitFor({ timeout: 15_000 });
      const lines = fs.readFileSync(path.join(dirs.workspace, 'src', 'rides.ts'), 'utf8').split('\n');
      const expected = lines.findIndex((l) => l.includes('SELECT * FROM rides WHERE rider_id')) + 1;
      const where = page.locator('.part.statusbar [id="status.editor.selection"]');
      await until(`the cursor on line ${expected}`, async () =>
        new RegExp(`Ln ${expected},`).test(await where.innerText()),
      );
    });

    await step('a CodeLens with the live figures sits above the matching query in a .ts file', async () => {
      await openFile(page, wb, 'src/rides.ts');
      const lens = page
        .locator('.part.editor .editor-group-container.active .codelens-decoration')
        .filter({ hasText: /p99/ });
      await until('a workload CodeLens', async () => (await lens.count()) > 0, 30_000);
      const text = await lens.first().innerText();
      if (!/p99 [\d.]+ m?s · [\d.]+k? exec\/h/.test(text)) throw new Error(`lens: ${text}`);
      await shot('codelens-workload.png');
    });
  },
};
