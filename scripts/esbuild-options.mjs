// The esbuild options every Node bundle of the project shares (the extension, the CLI, the index
// worker, the integration tests, the benchmark): CommonJS for Node 20, with source maps, and
// `import.meta.url` supplied for bundled ESM dependencies (from ./import-meta-url.js).
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
  inject: [new URL('./import-meta-url.js', import.meta.url).pathname],
};

/**
 * The readers of PDF, Word, web pages and BibTeX, each a bundle of its own beside the bundle that
 * uses it (`dist/lazy-unpdf.js` …): together they are five sixths of the code, and a run over
 * plain text never needs them, so that compiling them at every start is time lost. The core
 * already imports them with `await import(…)`; {@link lazyPackages} makes such an import load
 * the separate bundle, on the first file of its kind.
 */
export const LAZY_PACKAGES = {
  unpdf: 'lazy-unpdf',
  mammoth: 'lazy-mammoth',
  jszip: 'lazy-jszip',
  linkedom: 'lazy-linkedom',
  '@mozilla/readability': 'lazy-readability',
  '@retorquere/bibtex-parser': 'lazy-bibtex',
};

/**
 * esbuild plugin: `await import('unpdf')` (a dynamic import of a package of {@link LAZY_PACKAGES})
 * becomes a `require('./lazy-unpdf.js')` run at that moment (CommonJS, as the bundles are: the
 * extension host and the server load them with `require`).
 */
export const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const names = Object.keys(LAZY_PACKAGES).map((n) => n.replace(/[/.]/g, '\\$&'));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'lazy-package' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(`./${LAZY_PACKAGES[args.path]}.js`)});`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/lazy-[a-z]+\.js$/, namespace: 'lazy-package' }, (args) => ({ path: args.path, external: true }));
  },
};

/** The esbuild builds of the lazy bundles, into `outdir`. */
export function lazyBundles(common, outdir) {
  return Object.entries(LAZY_PACKAGES).map(([pkg, name]) => ({ ...common, entryPoints: { [name]: pkg }, outdir }));
}
