// Loaded by the extension host as `extensionTestsPath`: runs every *.test.js
// beside it with mocha and rejects when any test fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.CRDB_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      // A skipped test is a defect in this project: it counts as a failure.
      const failed = failures + pending;
      console.log(`${passes} passed, ${failed} failed`);
      if (failed > 0) reject(new Error(`${failed} tests failed`));
      else resolve();
    });
  });
}
