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
