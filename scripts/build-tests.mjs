// Compiles the integration tests test/integration/*.ts to out/test/integration/*.js with esbuild:
// one CommonJS bundle per file (so tests can import src/ code), `vscode` and `mocha` left external.
// Usage: node scripts/build-tests.mjs
import * as esbuild from 'esbuild';
import { nodeBundle } from './esbuild-options.mjs';
import * as fs from 'node:fs';
import * as path from 'node:path';

const srcDir = 'test/integration';
const outDir = 'out/test/integration';
const entryPoints = fs
  .readdirSync(srcDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => ({ in: path.join(srcDir, f), out: f.replace(/\.ts$/, '') }));
// the index worker thread, beside the tests: the CLI run in-process (the soak test) prepares a
// large folder of sources on worker threads and looks for indexWorker.js next to its own bundle
if (fs.existsSync('src/node/indexWorker.ts')) entryPoints.push({ in: 'src/node/indexWorker.ts', out: 'indexWorker' });

fs.rmSync(outDir, { recursive: true, force: true }); // no stale tests from deleted files
// (ESM dependencies such as tinyglobby's fdir, for the CLI run in-process, read import.meta.url)
await esbuild.build({ ...nodeBundle, entryPoints, outdir: outDir, external: ['vscode', 'mocha'] });
console.log(`[build-tests] ${entryPoints.length} file(s) -> ${outDir}`);
