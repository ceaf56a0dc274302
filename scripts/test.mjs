// `npm test`: static checks, then the three test tiers — unit (mocha on Node),
// extension host (mocha inside a real VS Code) and UI (Playwright driving real
// VS Code with the packaged .vsix). Each tier prints `N passed, N failed`; this
// script prints the table and the total, and fails when anything failed.
//   node scripts/test.mjs            all tiers
//   node scripts/test.mjs unit|host|ui|fault   one tier
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args, { capture = true } = {}) {
  return new Promise((resolve) => {
    // Run directly (not through npm), the local bin folder must still be on PATH.
    const env = {
      ...process.env,
      PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
    };
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    const onData = (stream) => (b) => {
      stream.write(b);
      if (capture) out += b.toString();
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The last `N passed, N failed` line a tier printed. */
function counts(out) {
  const lines = [...out.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)];
  if (!lines.length) return undefined;
  const m = lines[lines.length - 1];
  return { passed: Number(m[1]), failed: Number(m[2]) };
}

const steps = [
  { name: 'typecheck', tier: 'static', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', tier: 'static', cmd: 'npm', args: ['run', '-s', 'lint'] },
  { name: 'unit', tier: 'unit', cmd: bin('c8'), args: ['mocha'] },
  { name: 'set up VS Code host', tier: 'host', cmd: 'bash', args: ['e2e/setup.sh'] },
  { name: 'build', tier: 'host', cmd: 'npm', args: ['run', '-s', 'build'] },
  { name: 'build host tests', tier: 'host', cmd: 'node', args: ['scripts/build-tests.mjs'] },
  { name: 'extension host', tier: 'host', cmd: 'node', args: ['e2e/run-host.mjs'] },
  { name: 'package .vsix', tier: 'ui', cmd: 'node', args: ['scripts/package.mjs'] },
  { name: 'UI', tier: 'ui', cmd: 'node', args: ['e2e/run-ui.mjs'] },
];

const wanted = (s) => {
  if (!only) return true;
  if (only === 'ui')
    return s.tier === 'ui' || (s.tier === 'host' && s.name !== 'extension host' && s.name !== 'build host tests');
  return s.tier === only;
};

const results = [];
let broken = false;
for (const step of steps.filter(wanted)) {
  const t = Date.now();
  console.log(`\n━━ ${step.name} ━━`);
  const { code, out } = await run(step.cmd, step.args);
  const c = counts(out);
  results.push({ step: step.name, code, counts: c, seconds: ((Date.now() - t) / 1000).toFixed(1) });
  if (code !== 0) {
    broken = true;
    // Static checks and set-up failures stop here; a failing test tier lets the others run.
    if (!c) break;
  }
}

console.log('\n━━ summary ━━');
let passed = 0;
let failed = 0;
for (const r of results) {
  const c = r.counts;
  if (c) {
    passed += c.passed;
    failed += c.failed;
  } else if (r.code !== 0) failed += 1;
  const what = c ? `${c.passed} passed, ${c.failed} failed` : r.code === 0 ? 'ok' : `exit ${r.code}`;
  console.log(`${r.step.padEnd(22)} ${what.padEnd(28)} ${r.seconds}s`);
}
if (broken && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed || broken ? 1 : 0);
