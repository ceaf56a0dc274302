// The parts of the extension that activation does not load: each is its own entry point
// (dist/<name>.js, see esbuild.js), and the modules they share sit in shared chunks, so
// every module is evaluated once however many bundles use it. A bundle is loaded with a
// synchronous require on first use: the API's getters hand out services, and a getter
// cannot wait for an import().
/* eslint-disable @typescript-eslint/no-require-imports -- sibling output files, not modules to bundle (esbuild.js keeps them external) */
import type * as CommandsBundle from './commands';
import type * as CoreBundle from './core';
import type * as EditorBundle from './editor';
import type * as PanelsBundle from './panels';

export interface Bundles {
  core: typeof CoreBundle;
  commands: typeof CommandsBundle;
  panels: typeof PanelsBundle;
  editor: typeof EditorBundle;
}

export type BundleName = keyof Bundles;

// One literal require per bundle, so that esbuild.js can tell these apart from real imports.
const loaders: { readonly [K in BundleName]: () => Bundles[K] } = {
  core: () => require('./core.js') as Bundles['core'],
  commands: () => require('./commands.js') as Bundles['commands'],
  panels: () => require('./panels.js') as Bundles['panels'],
  editor: () => require('./editor.js') as Bundles['editor'],
};

/** dist/<name>.js; Node caches it, so only the first call parses and runs it. */
export function bundle<K extends BundleName>(name: K): Bundles[K] {
  return loaders[name]();
}
