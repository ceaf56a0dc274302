// Bundles the Node-side benchmarks with esbuild, as the extension itself is bundled, so
// they import the TypeScript sources (client, simulator) and run them in their shipped
// form. Output: out/bench/*.cjs, loaded with require().
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function loadBenchModule(name) {
  const outfile = path.join(root, 'out', 'bench', `${name}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', `${name}.mjs`)],
    outfile,
    bundle: true,
    minify: true, // as in the production build
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}
