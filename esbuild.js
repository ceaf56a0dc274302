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
 */
const apiOnDemand = {
  name: 'api-on-demand',
  setup(build) {
    build.onResolve({ filter: /api\/(cluster|cloud)\/client$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './api.js', external: true } : undefined,
    );
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

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [apiOnDemand, manifestSettingsOnly],
    // Lazy imports become plain require() calls, which every extension host supports.
    supported: { 'dynamic-import': false },
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
