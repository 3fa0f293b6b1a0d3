// Bundles the performance benchmark and the index worker into bench/out/ with esbuild, as the
// extension is bundled (tsx's per-function wrappers would skew the timings).
import * as esbuild from 'esbuild';
import { nodeBundle } from '../scripts/esbuild-options.mjs';

await Promise.all([
  esbuild.build({ ...nodeBundle, entryPoints: ['bench/perf.ts'], outfile: 'bench/out/perf.cjs' }),
  esbuild.build({ ...nodeBundle, entryPoints: ['src/node/indexWorker.ts'], outfile: 'bench/out/indexWorker.js' }),
  esbuild.build({ ...nodeBundle, entryPoints: ['bench/lean-reference.ts'], outfile: 'bench/out/lean-reference.cjs' }),
]);
await esbuild.build({ ...nodeBundle, entryPoints: ['bench/retrieval.ts'], outfile: 'bench/out/retrieval.cjs' });
await esbuild.build({ ...nodeBundle, entryPoints: ['bench/build-cpu.ts'], outfile: 'bench/out/build-cpu.cjs' });
await esbuild.build({ ...nodeBundle, entryPoints: ['bench/check-cpu.ts'], outfile: 'bench/out/check-cpu.cjs' });
