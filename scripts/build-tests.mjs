// Bundles the extension-host tests (test/host/*.ts) into out/test/host/ as CommonJS;
// `vscode` and `mocha` stay external and are resolved inside the extension host.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'host');
const entryPoints = fs
  .readdirSync(dir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(dir, f));
fs.rmSync(path.join(root, 'out', 'test', 'host'), { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: path.join(root, 'out', 'test', 'host'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
