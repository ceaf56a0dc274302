// A person new to the extension: the "Get started" walkthrough opens by itself the first
// time the extension starts, and again from Get Started in the empty explorer and from
// the palette; each step ticks itself off when the thing is done — a cluster added, a
// sign-in that went through (a cancelled one ticks nothing), the Hot Ranges and SQL
// Activity panels opened, a statement run from a .sql file. With UPDATE_SCREENSHOTS=1
// the steps' pictures are refreshed in media/walkthrough/.
import fs from 'node:fs';
import path from 'node:path';
import { extensionLog } from './lib/logs.mjs';
import { panelFrame, until } from './lib/panels.mjs';
import { sel } from './lib/workbench.mjs';

const INSECURE = 'Walkthrough sim';
const SECURE = 'Walkthrough secure';
const OUT = process.env.E2E_OUT || 'e2e-out';
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const page$ = {
  walkthrough: '.gettingStartedContainer',
  title: '.gettingStartedContainer h2.category-title',
  sidebar: '.part.sidebar',
  editor: '.part.editor',
};

/** A picture for a walkthrough step: the union of the parts named, written to e2e-out (and media/walkthrough/). */
async function picture(page, file, parts) {
  const boxes = (await Promise.all(parts.map((p) => page.locator(p).first().boundingBox()))).filter(Boolean);
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, file), clip: { x, y, width: right - x, height: bottom - y } });
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(path.join(OUT, file), path.join('media', 'walkthrough', file));
}

/**
 * Answers the quick inputs a command opens, whatever their order and number, so that a
 * change to Add Cluster's questions does not break this walkthrough: a `pick` rule
 * chooses its row when the list has one; a `type` rule fills the box when the prompt's
 * title matches `when`; each rule answers once, and anything else gets Enter (its
 * default). Ends when `done()` holds and no prompt has come back for a moment.
 */
async function answerAll(page, rules, done, what) {
  const widget = page.locator(sel.quickInput);
  const titleOf = () =>
    page
      .locator(`${sel.quickInput} .quick-input-title`)
      .innerText()
      .catch(() => '');
  const rows = page.locator(`${sel.quickInput} .quick-input-list .monaco-list-row`);
  const pending = [...rules];
  const end = Date.now() + 90_000;
  for (;;) {
    if (Date.now() > end) throw new Error(`${what}: not done after answering`);
    if (!(await widget.isVisible())) {
      if (await done()) {
        await page.waitForTimeout(1500);
        if (!(await widget.isVisible())) return;
      }
      await page.waitForTimeout(250);
      continue;
    }
    const title = await titleOf();
    let rule;
    for (const r of pending) {
      const fits = r.pick ? (await rows.filter({ hasText: r.pick }).count()) > 0 : r.when.test(title);
      if (fits) {
        rule = r;
        break;
      }
    }
    if (!rule) {
      // Enter only on a question that has settled: not while it is busy (probing) or changing.
      const text = await widget.innerText();
      await page.waitForTimeout(1000);
      const busy = await page.locator(`${sel.quickInput} .monaco-progress-container.active`).isVisible();
      if (busy || !(await widget.isVisible()) || (await widget.innerText()) !== text) continue;
    }
    if (rule) pending.splice(pending.indexOf(rule), 1);
    if (rule?.pick) {
      await rows.filter({ hasText: rule.pick }).first().click();
    } else {
      const box = page.locator(sel.quickInputBox);
      if (rule) await box.fill(rule.type);
      await rule?.before?.();
      // A file dialog completes a typed path as it goes: Enter once it has settled.
      await page.waitForTimeout(300);
      await box.press('Enter');
    }
    // The next question (or none): the title changes or the widget closes.
    await until(
      `${what}: the prompt "${title}" to move on`,
      async () => !(await widget.isVisible()) || (await titleOf()) !== title,
      10_000,
    ).catch(() => {});
  }
}

/**
 * Runs a command from the palette. No Escape first (Workbench.runCommand's): in the
 * walkthrough, Escape goes back to the Welcome page's list.
 */
async function palette(page, text) {
  if (await page.locator(sel.quickInput).isVisible()) await page.keyboard.press('Escape');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    const opened = await page
      .locator(sel.quickInputBox)
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (opened) break;
    if (attempt > 1) throw new Error(`F1 did not open the palette for ${text}`);
    // Focus somewhere that lets F1 through: the status bar's empty middle.
    await page.locator('.part.statusbar').click({ position: { x: 640, y: 10 } });
  }
  await page.locator(sel.quickInputBox).fill(`>${text}`);
  await page.locator(sel.quickRow).filter({ hasText: text }).first().click();
}

async function openWalkthrough(page) {
  await palette(page, 'CockroachDB: Open Walkthrough');
  await page.locator(page$.title).filter({ hasText: 'Get started with CockroachDB Explorer' }).waitFor();
}

const checkbox = (page, step) => page.locator(`${page$.walkthrough} [data-done-step-id$="#${step}"]`);

async function isDone(page, step) {
  return (await checkbox(page, step).getAttribute('aria-checked')) === 'true';
}

async function expectDone(page, step) {
  await openWalkthrough(page);
  await until(`the "${step}" step to be ticked off`, () => isDone(page, step), 20_000);
  const icon = (await checkbox(page, step).getAttribute('class')) ?? '';
  if (!/\bcomplete\b/.test(icon)) throw new Error(`the ${step} checkbox reads ${icon}`);
}

/** Selects a step of the open walkthrough and clicks one of its buttons. */
async function stepButton(page, step, label) {
  await page.locator(`${page$.walkthrough} button.getting-started-step[data-step-id$="#${step}"]`).click();
  const button = page
    .locator(`${page$.walkthrough} [x-step-description-for$="#${step}"] .monaco-button`)
    .filter({ hasText: label });
  await button.waitFor();
  await button.click();
}

export default {
  settings: () => ({
    // The UI tier's profiles turn this off (e2e/vscode.mjs); here it is what a new install has.
    'workbench.welcomePage.walkthroughs.openOnInstall': true,
    'cockroachdb.statusBar.enabled': false,
    'cockroachdb.refreshInterval': 0,
    // The simulator's first SQL activity query can take a while on a busy machine.
    'cockroachdb.requestTimeout': 30,
  }),
  async run({ page, wb, step, shot, sims, dirs }) {
    const secure = sims.main;
    const admin = secure.users.find((u) => u.admin);
    await page.setViewportSize({ width: 1280, height: 800 });

    await step('the walkthrough opens by itself the first time the extension starts', async () => {
      await wb.openExplorer();
      await page.locator(page$.title).filter({ hasText: 'Get started with CockroachDB Explorer' }).waitFor();
      for (const s of ['addCluster', 'signIn', 'nodesAndHotRanges', 'sqlActivity', 'runSql'])
        if (await isDone(page, s)) throw new Error(`${s} is ticked off before anything was done`);
    });

    await step('it opens only once: not again when the extension starts after a reload', async () => {
      const log = () => extensionLog(dirs.root);
      const openings = () =>
        log()
          .split('\n')
          .filter((l) => l.includes('opening the walkthrough')).length;
      if (openings() !== 1) throw new Error(`the log says the walkthrough was opened ${openings()} times`);
      await palette(page, 'View: Close All Editors');
      await page.locator(page$.walkthrough).waitFor({ state: 'hidden' });
      // globalState reaches the browser's storage in the background.
      await page.waitForTimeout(2000);
      await page.reload();
      await wb.ready();
      // The side bar comes back as it was; a click on its icon before then would fold it away.
      await page
        .locator(sel.sideBarTitle)
        .filter({ hasText: /CockroachDB/i })
        .waitFor({ timeout: 15_000 })
        .catch(() => wb.openExplorer());
      await page.locator('.part.sidebar .welcome-view-content').filter({ hasText: 'Get Started' }).waitFor();
      await until('the extension to start again', async () => (log().match(/\] activated \(/g) ?? []).length >= 2);
      await page.waitForTimeout(2000);
      // The extension's own record: a Welcome tab after the reload can also be VS Code restoring
      // the editors of the page before it, when the close above had not reached its storage yet.
      if (openings() !== 1) throw new Error(`opened again: the log says ${openings()} times`);
    });

    await step('Get Started in the empty explorer opens it', async () => {
      await page.locator('.part.sidebar .welcome-view-content a').filter({ hasText: 'Get Started' }).click();
      await page.locator(page$.title).filter({ hasText: 'Get started with CockroachDB Explorer' }).waitFor();
    });

    await step('adding a cluster through the step’s button ticks off the first step', async () => {
      await stepButton(page, 'addCluster', 'Add Cluster');
      await answerAll(
        page,
        [
          {
            when: /address/i,
            type: sims.insecure.clusterUrl,
            before: () => picture(page, 'add-cluster.png', [page$.sidebar, sel.quickInput]),
          },
          { when: /\bname\b/i, type: INSECURE },
        ],
        () => wb.row(INSECURE).isVisible(),
        'Add Cluster',
      );
      await expectDone(page, 'addCluster');
    });

    await step(
      'a cancelled sign-in ticks nothing; a sign-in to a secure cluster ticks off the second step',
      async () => {
        await stepButton(page, 'signIn', 'Sign In');
        // Whatever it asks first (the user name) is dismissed.
        await page.locator(sel.quickInput).waitFor({ timeout: 10_000 });
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1000);
        if (await isDone(page, 'signIn')) throw new Error('a cancelled sign-in ticked off the step');
        const signInRules = [
          { pick: /Don't remember/ },
          { when: /^Sign in to .+ as /, type: admin.password },
          {
            when: /^Sign in to/,
            type: admin.username,
            before: () => picture(page, 'sign-in.png', [page$.sidebar, sel.quickInput]),
          },
        ];
        // Add Cluster may go on to the sign-in itself; if it does not, the row's Sign in does.
        await palette(page, 'CockroachDB: Add Cluster…');
        await answerAll(
          page,
          [
            { when: /address/i, type: secure.clusterUrl },
            { pick: /CA file…/ },
            // The file dialog's own title: the question before it ("…unknown CA…") names the CA too.
            { when: /^CA certificate of /, type: secure.caFile },
            { when: /\bname\b/i, type: SECURE },
            ...signInRules,
          ],
          () => wb.row(SECURE).isVisible(),
          'Add Cluster (secure)',
        );
        await openWalkthrough(page);
        await wb.expand(SECURE);
        const signInRow = wb.row(`Sign in to ${SECURE}`);
        await until(
          'a Sign in row or the sections',
          async () => (await signInRow.isVisible()) || wb.row('Nodes').isVisible(),
          20_000,
        );
        if (await signInRow.isVisible()) {
          await signInRow.click();
          await answerAll(page, signInRules, () => wb.row('Nodes').isVisible(), 'Sign in');
        }
        await expectDone(page, 'signIn');
      },
    );

    await step('nodes in the tree and the Hot Ranges panel tick off the third step', async () => {
      // The secure cluster folded away: the picture shows one cluster's nodes.
      await wb.row(SECURE).locator('.monaco-tl-twistie').click();
      await wb.expand(INSECURE);
      await wb.row(/^Nodes/).waitFor({ timeout: 20_000 });
      await wb.expand(/^Nodes/);
      await wb.row(/^n1 /).waitFor({ timeout: 20_000 });
      await openWalkthrough(page);
      await stepButton(page, 'nodesAndHotRanges', 'Show Hot Ranges');
      await wb.pick(INSECURE);
      await panelFrame(page, 'hotRanges', '[data-testid="hot-row"]');
      await picture(page, 'hot-ranges.png', [page$.sidebar, page$.editor]);
      await expectDone(page, 'nodesAndHotRanges');
    });

    await step('the SQL Activity panel ticks off the fourth step', async () => {
      await stepButton(page, 'sqlActivity', 'Show SQL Activity');
      await wb.pick(INSECURE);
      const activity = await panelFrame(page, 'sqlActivity', '[data-testid="activity-row"]');
      // One application on one database: the simulator's workload also has hostile names for the XSS tests.
      await activity.selectOption('[data-testid="app-filter"]', { label: 'movr-api' });
      await activity.selectOption('[data-testid="db-filter"]', { label: 'bank' });
      await until('only movr-api statements on bank', async () => {
        const rows = await activity.$$eval('[data-testid="activity-row"]', (rs) => rs.map((r) => r.textContent ?? ''));
        return rows.length > 0 && rows.every((t) => t.includes('movr-api') && !t.includes('<'));
      });
      await picture(page, 'sql-activity.png', [page$.editor]);
      await expectDone(page, 'sqlActivity');
    });

    await step('a statement run from a .sql file ticks off the last step', async () => {
      fs.writeFileSync(path.join(dirs.workspace, 'first.sql'), "SELECT 1 AS one, 'hello' AS greeting;\n");
      await page.keyboard.press('Escape');
      await page.keyboard.press(`${mod}+P`);
      await page.locator(sel.quickInputBox).fill('first.sql');
      await page.locator(sel.quickRow).filter({ hasText: 'first.sql' }).first().click();
      await page.locator(`${sel.editorTab}.active`).filter({ hasText: 'first.sql' }).waitFor();
      await page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.press(`${mod}+Home`);
      await page.keyboard.press(`${mod}+Enter`);
      const results = await panelFrame(page, 'sqlResults', '[data-testid="result-row"]');
      await until(
        'the run to finish',
        async () => (await results.getAttribute('[data-testid="run-status"]', 'data-status')) === 'done',
      );
      await picture(page, 'run-sql.png', [page$.editor]);
      await expectDone(page, 'runSql');
      await shot('walkthrough-done.png');
    });
  },
};
