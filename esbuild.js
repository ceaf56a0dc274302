// Bundles the extension (CommonJS for the Node extension host) and each webview
// front end (ESM for the browser) into dist/. `--production` minifies and drops
// source maps; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every folder under src/webviews/app/ with a main.ts is one webview bundle. */
function webviewEntries() {
  const root = path.join(__dirname, 'src', 'webviews', 'app');
  if (!fs.existsSync(root)) return {};
  const entries = {};
  for (const name of fs.readdirSync(root)) {
    const main = path.join(root, name, 'main.ts');
    if (fs.existsSync(main)) entries[name] = main;
  }
  return entries;
}

/**
 * `import('…/api/cluster/client')` and `import('…/api/cloud/client')` in the extension
 * become `require('./api.js')`: the clients live in their own bundle, loaded on first use.
 * Matched by the file they name, so that `import('../cluster/client')` inside src/api
 * counts too: code splitting would otherwise give it a chunk of its own.
 */
const apiClients = ['cluster', 'cloud'].map((dir) => path.join(__dirname, 'src', 'api', dir, 'client'));
const apiOnDemand = {
  name: 'api-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/client$/ }, (args) =>
      args.kind === 'dynamic-import' && apiClients.includes(path.resolve(args.resolveDir, args.path))
        ? { path: './api.js', external: true }
        : undefined,
    );
  },
};

/** The parts src/lazy/bundles.ts loads by name: entry points of this build, never inlined. */
const LAZY_BUNDLES = {
  core: 'src/lazy/core.ts',
  commands: 'src/lazy/commands.ts',
  panels: 'src/lazy/panels.ts',
  editor: 'src/lazy/editor.ts',
};
const bundlesModule = path.join(__dirname, 'src', 'lazy', 'bundles.ts');

/**
 * dist/extension.js may hold only these: activation's stubs, and the ids they register.
 * Anything else imported there would be evaluated at activation, and a module with state
 * (a cache, an emitter) would exist twice, once here and once in the lazy bundles. The
 * ids are constants, so their second copy is harmless.
 */
const SHELL_MODULES = [
  'src/extension.ts',
  'src/lazy/bundles.ts',
  'src/lazy/commandBundles.ts',
  'src/lazy/sqlEditors.ts',
  'src/constants.ts',
];
const shellStaysThin = {
  name: 'shell-stays-thin',
  setup(build) {
    build.onEnd((result) => {
      if (!result.metafile) return;
      const extra = Object.keys(result.metafile.inputs).filter((f) => !SHELL_MODULES.includes(f));
      if (extra.length)
        throw new Error(
          `dist/extension.js would load ${extra.join(', ')} at activation: import it with \`import type\`, ` +
            'or use it from a bundle in src/lazy/ (see SHELL_MODULES in esbuild.js)',
        );
    });
  },
};
/** `require('./core.js')` and the like in src/lazy/bundles.ts name sibling output files: kept as they are. */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z]+\.js$/ }, (args) =>
      args.kind === 'require-call' && args.importer === bundlesModule && path.basename(args.path, '.js') in LAZY_BUNDLES
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

/**
 * `import * as vscode from 'vscode'` would become `__toESM(require('vscode'))`, which copies
 * every export of the API onto a new object, in each of the ~60 modules that import it (in
 * the one-bundle build, 22 of the 51 ms its top level took under the profiler). A namespace
 * import of an external is only ever read from, so the required object itself serves.
 */
function plainRequires(code, name) {
  const out = code.replace(
    /\bimport\s*\*\s*as\s+([\w$]+)\s*from\s*"(vscode|node:[\w/]+)"\s*;?/g,
    (_, local, specifier) => `var ${local}=require("${specifier}");`,
  );
  const left = /\bimport\b[^;]*?\bfrom\s*"vscode"/.exec(out);
  if (left) throw new Error(`${name}: an import of vscode this build does not rewrite: ${left[0]}`);
  return out;
}

/**
 * esbuild splits code only in ESM output, and the extension host loads CommonJS (ESM
 * extensions need VS Code 1.100+, engines says ^1.95): the split build is written to memory
 * and each file — entry or shared chunk — converted to CommonJS here, imports between them
 * becoming require() calls. Chunks from earlier builds are removed.
 */
const toCommonJs = {
  name: 'to-commonjs',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length || !result.outputFiles) return;
      const written = new Set();
      for (const file of result.outputFiles) {
        if (!file.path.endsWith('.js')) continue;
        const name = path.basename(file.path);
        const out = await esbuild.transform(plainRequires(file.text, name), {
          format: 'cjs',
          loader: 'js',
          target: 'node20',
          minify: production,
          legalComments: 'none',
          // Lazy imports become plain require() calls, which every extension host supports.
          supported: { 'dynamic-import': false },
          // The input carries its map inline (stage one), so this one maps back to src/.
          sourcemap: production ? false : 'external',
          sourcefile: name,
        });
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        fs.writeFileSync(file.path, production ? out.code : `${out.code}//# sourceMappingURL=${name}.map\n`);
        if (!production) fs.writeFileSync(`${file.path}.map`, out.map);
        written.add(name);
      }
      if (!build.initialOptions.splitting) return;
      const dir = build.initialOptions.outdir;
      for (const f of fs.readdirSync(dir))
        if (/^chunk-.*\.js(\.map)?$/.test(f) && !written.has(f.replace(/\.map$/, ''))) fs.rmSync(path.join(dir, f));
    });
  },
};

/**
 * The settings module reads defaults and bounds from package.json; the bundle carries only
 * that part of it (the menus and commands are most of the file and the code never reads them).
 */
const manifestSettingsOnly = {
  name: 'manifest-settings-only',
  setup(build) {
    const manifestPath = path.join(__dirname, 'package.json');
    build.onLoad({ filter: /[\\/]package\.json$/ }, (args) => {
      if (args.path !== manifestPath) return undefined;
      const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      const properties = {};
      for (const [key, { type, default: value, minimum, maximum }] of Object.entries(
        m.contributes.configuration.properties,
      )) {
        properties[key] = { type, default: value, minimum, maximum };
      }
      const slim = { contributes: { configuration: { properties } }, capabilities: m.capabilities };
      return { contents: JSON.stringify(slim), loader: 'json' };
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Built as ESM into memory, then written as CommonJS by toCommonJs. */
const nodeEsm = {
  ...common,
  outdir: 'dist',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['vscode'],
  // Inline, for toCommonJs to carry on into the files it writes.
  sourcemap: production ? false : 'inline',
  write: false,
};

const builds = [
  // What activation loads: dist/extension.js alone, a few KB. A build of its own, not an
  // entry of the split build, which would put the constants it shares in a chunk: one more
  // file to resolve and read at activation.
  {
    ...nodeEsm,
    entryPoints: { extension: 'src/extension.ts' },
    metafile: true,
    plugins: [lazyBundles, shellStaysThin, toCommonJs],
  },
  // Everything else, loaded on first use by src/lazy/bundles.ts.
  {
    ...nodeEsm,
    entryPoints: LAZY_BUNDLES,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    plugins: [apiOnDemand, manifestSettingsOnly, toCommonJs],
  },
  {
    ...common,
    entryPoints: { api: 'src/api/bundle.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: 'dist/webviews',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
];

async function main() {
  const contexts = await Promise.all(
    builds.filter((b) => Object.keys(b.entryPoints).length).map((b) => esbuild.context(b)),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching for changes');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The codicon font and stylesheet are loaded by the webviews from dist/, never from a CDN.
  const codicons = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  fs.mkdirSync(path.join(__dirname, 'dist', 'codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf'])
    fs.copyFileSync(path.join(codicons, f), path.join(__dirname, 'dist', 'codicons', f));
  console.log(`[esbuild] built${production ? ' (production)' : ''}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
