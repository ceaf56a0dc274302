// Mocha's spec reporter plus the closing line `N passed, N failed` that every test tier prints.
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      // A pending (skipped) test is a defect here: count it as a failure.
      process.stdout.write(`\n${passes} passed, ${failures + pending} failed\n`);
      if (pending) process.exitCode = 1;
    });
  }
}
module.exports = SpecWithSummary;
