// Static check that every prompt, notification, dialog and external link goes
// through the one UI seam (src/ui/ui.ts), so extension-host tests can answer them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const SRC = join(__dirname, '..', '..', '..', 'src');
const SEAM = join(SRC, 'ui', 'ui.ts');
// A direct call to a window prompt, notification, dialog, progress or the browser.
const DIRECT =
  /\bwindow\s*\.\s*(show(InputBox|QuickPick|InformationMessage|WarningMessage|ErrorMessage|SaveDialog|OpenDialog)|withProgress|createQuickPick|createInputBox)\b|\benv\s*\.\s*openExternal\b/;

describe('ui: one seam for prompts', () => {
  it('the pattern finds the calls the seam itself makes', () => {
    const text = readFileSync(SEAM, 'utf8');
    for (const call of [
      'showInputBox',
      'showQuickPick',
      'showWarningMessage',
      'showSaveDialog',
      'withProgress',
      'openExternal',
    ]) {
      assert.ok(
        DIRECT.test(`vscode.${call === 'openExternal' ? 'env' : 'window'}.${call}(`),
        `the pattern matches ${call}`,
      );
      assert.ok(text.includes(call), `ui.ts makes the ${call} call`);
    }
  });

  for (const dir of ['commands', 'auth', 'tree', 'webviews', 'status', 'clusters', 'cloud']) {
    it(`no file in src/${dir}/ calls vscode.window.show*/withProgress or env.openExternal directly`, () => {
      const scanned = files(join(SRC, dir));
      assert.ok(scanned.length > 0, `src/${dir}/ has sources`);
      const offenders = scanned.filter((f) => DIRECT.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
      assert.deepEqual(offenders, [], 'use the Ui passed in (src/ui/ui.ts) instead');
    });
  }
});
