/**
 * The index build in CPU time, which a shared machine moves less than wall time: the corpus of
 * `--mb` megabytes (bench/out/corpus-<mb>MB-v2, made by `npm run bench:perf`) built as
 * bench/perf.ts builds it (`addSourcesInWorkers`, two workers, each file read by the worker that prepares it),
 * with the CPU time of every thread (`process.cpuUsage()`) and, where /proc has it, of the main
 * thread alone (merging, and the postings and lexicon written ahead; the rest is the workers' and
 * V8's own threads: compiling, collecting), the time after the last batch was merged
 * (the index built from the merged passages) and a hash of the corpus' snapshot. `--young MB`,
 * `--batch-chars N`, `--workers N` and `--this-thread` set the workers' young generation, the
 * batch size, the number of workers and whether this thread prepares too, as the CLI has it
 * (`WorkerBuildOptions`). Or,
 * with `--one-thread`, the first
 * 5,000 files prepared on this thread alone (`prepareSources` in batches of 100 files): the first
 * pass (code and memos cold, as in a fresh process) and two more. Run two builds of the code
 * side by side, interleaved, to compare them.
 *
 *   node bench/build-perf.mjs && node bench/out/build-cpu.cjs [--mb 20] [--young MB] [--batch-chars N] [--workers 2] [--this-thread] [--one-thread]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Corpus, DEFAULT_MAX_FILE_BYTES, prepareSources, type SourceFile, type UnreadFile } from '../src/core';
import { addSourcesInWorkers } from '../src/node/indexWorkers';

const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '20' }, 'one-thread': { type: 'boolean', default: false }, young: { type: 'string' }, 'batch-chars': { type: 'string' }, workers: { type: 'string', default: '2' }, 'this-thread': { type: 'boolean', default: false } } });
const mb = Number(args.mb);
const dir = join(__dirname, `corpus-${mb}MB-v2`);
const w = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8')) as { paths: string[]; bytes: number };
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function* files(paths: readonly string[]): Generator<SourceFile> {
  for (const path of paths) yield { path, text: readFileSync(join(dir, path), 'utf8') };
}

/** The files unread: the workers read each where they prepare it (as the CLI has them read). */
function* unread(paths: readonly string[]): Generator<UnreadFile> {
  for (const path of paths) yield { path, location: join(dir, path), maxBytes: DEFAULT_MAX_FILE_BYTES };
}

/** The main thread's CPU time so far (Linux: its /proc stat, in clock ticks of 10 ms), or NaN. */
function mainThreadMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const load = loadavg()[0]!.toFixed(2);
  if (args['one-thread']) {
    const read = [...files(w.paths.slice(0, 5000))];
    const chars = read.reduce((n, f) => n + f.text.length, 0);
    const pass = () => {
      const u0 = process.cpuUsage();
      for (let i = 0; i < read.length; i += 100) prepareSources(read.slice(i, i + 100));
      return cpuMs(process.cpuUsage(u0));
    };
    const first = pass();
    const more = pass() + pass();
    console.log(`one thread, ${read.length} files (${(chars / 1e6).toFixed(1)} M characters): first pass ${first.toFixed(0)} ms CPU, two more ${more.toFixed(0)} ms (${((2 * chars) / 1e3 / more).toFixed(1)} M characters per CPU-second); load ${load}`);
    return;
  }
  const corpus = new Corpus();
  const u0 = process.cpuUsage();
  const main0 = mainThreadMs();
  const t0 = performance.now();
  // when the last prepared batch was merged: what follows is the index built from the merged passages
  let merged = t0;
  await addSourcesInWorkers(corpus, unread(w.paths), {
    workers: Number(args.workers),
    thisThread: args['this-thread'],
    workerFile: join(__dirname, 'indexWorker.js'),
    onProgress: () => (merged = performance.now()),
    ...(args.young ? { youngGenerationMb: Number(args.young) } : {}),
    ...(args['batch-chars'] ? { batchChars: Number(args['batch-chars']) } : {}),
  });
  const end = performance.now();
  const ms = end - t0;
  const cpu = cpuMs(process.cpuUsage(u0));
  const main = mainThreadMs() - main0;
  // what was built, to compare builds of two trees: the whole corpus as a snapshot (sources, passages, terms, postings, sorted lexicon)
  const snapshot = createHash('sha256').update(corpus.toSnapshot('build-cpu')).digest('hex').slice(0, 12);
  console.log(`${mb} MB build: ${(w.bytes / 1e3 / ms).toFixed(1)} MB/s (${ms.toFixed(0)} ms, ${(end - merged).toFixed(0)} ms of it after the last batch was merged), CPU ${cpu.toFixed(0)} ms: ${(w.bytes / 1e3 / cpu).toFixed(2)} MB per CPU-second${Number.isNaN(main) ? '' : `, ${main.toFixed(0)} ms of it on the main thread`}; load ${load}; snapshot ${snapshot}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
