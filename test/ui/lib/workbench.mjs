// Selectors and gestures for the VS Code workbench (checked on VS Code 1.139 /
// code-server 4.139), in the words of what a person does.
export const EXT_ID = 'cockroachdb-explorer.cockroachdb-explorer';

export const sel = {
  workbench: '.monaco-workbench',
  activity: '.part.activitybar .action-item a.action-label[aria-label^="CockroachDB"]',
  sideBarTitle: '.part.sidebar .composite.title h2',
  rows: '.part.sidebar .monaco-list-row[role="treeitem"]',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickRow: '.quick-input-widget .monaco-list-row',
  status: `.part.statusbar [id="${EXT_ID}.cockroachdb.health"]`,
  toast: '.notifications-toasts .notification-toast',
  editorTab: '.part.editor .tab',
  webview: `iframe.webview.ready[src*="extensionId=${EXT_ID}"]`,
};

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  async ready() {
    await this.page.locator(sel.workbench).waitFor({ timeout: 60_000 });
    await this.page.locator(sel.activity).waitFor({ timeout: 60_000 });
  }

  async openExplorer() {
    const title = this.page.locator(sel.sideBarTitle).filter({ hasText: /CockroachDB/i });
    if (!(await title.isVisible())) await this.page.locator(sel.activity).click();
    await title.waitFor();
  }

  row(text) {
    return this.page.locator(sel.rows).filter({ hasText: text }).first();
  }

  /** Expands a row; rows are re-rendered when data arrives, so it is found again on every check. */
  async expand(text) {
    await this.row(text).waitFor({ timeout: 30_000 });
    const deadline = Date.now() + 30_000;
    let clicked = 0;
    for (;;) {
      const state = await this.row(text)
        .getAttribute('aria-expanded')
        .catch(() => null);
      if (state === 'true') return;
      if (Date.now() > deadline) throw new Error(`row ${text} did not expand`);
      if (state === 'false' && clicked < 3) {
        await this.row(text)
          .locator('.monaco-tl-twistie')
          .click()
          .catch(() => {});
        clicked++;
      }
      await this.page.waitForTimeout(250);
    }
  }

  async runCommand(title) {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await this.page.locator(sel.quickInputBox).waitFor();
    await this.page.locator(sel.quickInputBox).fill(`>CockroachDB: ${title}`);
    const row = this.page.locator(sel.quickRow).filter({ hasText: title }).first();
    await row.waitFor();
    await row.click();
  }

  /** Types into the open input box and presses Enter. */
  async answer(value, { titleContains } = {}) {
    const box = this.page.locator(sel.quickInputBox);
    await box.waitFor();
    if (titleContains) await this.page.locator(sel.quickInput).filter({ hasText: titleContains }).waitFor();
    await box.fill(value);
    await box.press('Enter');
  }

  /**
   * Answers an open-file dialog. code-server has no native dialog: VS Code's simple file
   * dialog is a quick input holding a folder path, over which the file's full path is typed.
   */
  async chooseFile(file, { titleContains } = {}) {
    const widget = titleContains
      ? this.page.locator(sel.quickInput).filter({ hasText: titleContains })
      : this.page.locator(sel.quickInput);
    await widget.waitFor();
    const box = widget.locator('.quick-input-box input');
    // The dialog first writes the folder it starts in; a path typed before that is prefixed with it.
    await this.page.waitForFunction((s) => (document.querySelector(s)?.value ?? '') !== '', sel.quickInputBox);
    for (let attempt = 0; ; attempt++) {
      await box.fill(file);
      // It completes what was typed as it goes: Enter once the value has settled on the file.
      await this.page.waitForTimeout(300);
      if ((await box.inputValue()) === file) break;
      if (attempt >= 3) throw new Error(`the file dialog holds ${await box.inputValue()}, not ${file}`);
    }
    await box.press('Enter');
  }

  async pick(label) {
    const row = this.page.locator(sel.quickRow).filter({ hasText: label }).first();
    await row.waitFor();
    await row.click();
  }

  /**
   * Right-clicks a row (its text or a locator) and chooses a menu item. The menu is
   * driven from the keyboard once open: a mouse click that lands right after the menu
   * appears can be swallowed. Succeeds only when the menu has closed.
   */
  async contextMenu(row, item) {
    const target = typeof row === 'string' || row instanceof RegExp ? this.row(row) : row;
    const menu = this.page.locator('.monaco-menu-container, .context-view .monaco-menu').first();
    for (let attempt = 0; ; attempt++) {
      await target.click({ button: 'right' });
      const entry = this.page.getByRole('menuitem', { name: item });
      try {
        await entry.waitFor({ timeout: 5_000 });
        await entry.hover();
        await entry.focus();
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 3_000 });
        return;
      } catch (e) {
        if (attempt > 1) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  async inlineAction(rowText, ariaLabel) {
    const row = this.row(rowText);
    await row.hover();
    await row.locator(`.actions a.action-label[aria-label="${ariaLabel}"]`).click();
  }

  toast(text) {
    return this.page.locator(sel.toast).filter({ hasText: text }).first();
  }

  async dialogButton(text) {
    const btn = this.page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: text }).first();
    await btn.waitFor();
    await btn.click();
  }

  status() {
    return this.page.locator(sel.status);
  }

  webview() {
    return this.page.frameLocator(sel.webview).frameLocator('iframe#active-frame');
  }
}
