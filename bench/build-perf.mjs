// Bundles the performance benchmark and the index worker into bench/out/ with esbuild, as the
// extension is bundled (tsx's per-function wrappers would skew the timings).
import * as esbuild from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
  inject: [new URL('../scripts/import-meta-url.js', import.meta.url).pathname],
};
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['bench/perf.ts'], outfile: 'bench/out/perf.cjs' }),
  esbuild.build({ ...common, entryPoints: ['src/node/indexWorker.ts'], outfile: 'bench/out/indexWorker.js' }),
]);
