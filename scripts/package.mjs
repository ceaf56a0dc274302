// Builds for production and packages the extension into cockroachdb-explorer.vsix
// (offline), then prints its size.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'cockroachdb-explorer.vsix');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run('node', ['esbuild.js', '--production']);
run(path.join(root, 'node_modules', '.bin', 'vsce'), [
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--skip-license',
  '-o',
  out,
]);
const bytes = fs.statSync(out).size;
console.log(`${path.basename(out)}: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
