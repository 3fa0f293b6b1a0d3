// Bundles the extension, the language server and the CLI with esbuild. `node scripts/build.mjs [--watch] [--minify]`
import * as esbuild from 'esbuild';
import { lazyBundles, lazyPackages, nodeBundle } from './esbuild-options.mjs';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const common = {
  ...nodeBundle,
  minify,
  define: { ...nodeBundle.define, GROUNDED_VERSION: JSON.stringify(pkg.version) },
};
const lazy = { ...common, plugins: [lazyPackages] };
const builds = [
  // the extension's first line notes when its code began to load (reported with the activation time)
  { ...lazy, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: { js: '"use strict";\nvar GROUNDED_LOAD_START = performance.now();' } },
  { ...lazy, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // the language server: VS Code starts it over IPC, other editors as `grounded-language-server --stdio`
  { ...lazy, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  // the index worker thread (src/node/indexWorkers.ts looks for it beside the bundle that uses it)
  { ...lazy, entryPoints: ['src/node/indexWorker.ts'], outfile: 'dist/indexWorker.js' },
  // the extraction worker thread (src/node/extractPool.ts looks for it beside the bundle that uses it)
  { ...lazy, entryPoints: ['src/node/extractWorker.ts'], outfile: 'dist/extractWorker.js' },
].filter((b) => existsSync(b.entryPoints[0]));
// the PDF, Word, web page and BibTeX readers, loaded on the first file of their kind
builds.push(...lazyBundles(common, 'dist'));
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
