/**
 * Whole processes, side by side (part of `npm run bench:perf`): `grounded check` of the draft
 * against the lean reference (bench/lean-reference.ts), cold, with `--cache` and nothing changed,
 * and with `--cache` after one source file changed. Each process reports its peak resident memory
 * (`process.resourceUsage().maxRSS`, worker threads included) through a preloaded probe; the wall
 * time is taken here, process start included. Rounds interleave the runs, so that each ratio is
 * taken from runs made close together on this shared machine.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessRun {
  ms: number;
  /** Peak resident memory, bytes. */
  rss: number;
  /** CPU time, user and system, every thread (ms): less moved by the load of a shared machine than the wall time. */
  cpu: number;
  stdout: string;
}

export interface ProcessRound {
  lean: ProcessRun;
  cold: ProcessRun;
  cached: ProcessRun;
  oneChanged: ProcessRun;
}

export interface ProcessFigures {
  files: number;
  rounds: Array<Record<keyof ProcessRound, { ms: number; rss: number; cpu: number }>>;
  /** Median over the rounds of each run's ratio to the lean reference of its round. */
  ratios: { coldTime: number; coldMemory: number; cachedTime: number; oneChangedTime: number; cachedMemory: number; coldCpu: number; cachedCpu: number; oneChangedCpu: number };
  /** Whether `--cache` gave the same report as a cold run, byte for byte. */
  sameOutput: boolean;
}

/** Runs `node [--require probe] script args`; resolves with its wall time, peak memory and output. */
export function runMeasured(probe: string, script: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  const rssFile = `${probe}.${process.pid}.${Math.random().toString(36).slice(2)}.out`;
  // this process's own collector has nothing left to do while the child runs (with --expose-gc)
  (globalThis as { gc?: () => void }).gc?.();
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--require', probe, script, ...argv], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, GROUNDED_RSS_OUT: rssFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0 && code !== 1) return reject(new Error(`${script} exited with ${code}: ${stderr.slice(0, 2000)}`));
      try {
        const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
        rmSync(rssFile, { force: true });
        resolve({ ms, rss: usage.maxRSS * 1024, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000, stdout });
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** The probe preloaded into each measured process: its peak memory, written at exit. */
export function writeProbe(out: string): string {
  const file = join(out, 'rss-probe.cjs');
  writeFileSync(
    file,
    `const { isMainThread } = require('node:worker_threads');
if (isMainThread) process.on('exit', () => require('node:fs').writeFileSync(process.env.GROUNDED_RSS_OUT, JSON.stringify(process.resourceUsage())));
`,
  );
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The rounds at one size: `dir` holds the sources (`archive/**.txt`), `draft` the draft's text.
 * `cli` is the bundled CLI (dist/cli.js), `lean` the bundled reference.
 */
export async function measureProcesses(o: { out: string; dir: string; paths: readonly string[]; draft: string; mb: number; cli: string; lean: string; rounds: number; cache?: boolean; log?: (s: string) => void }): Promise<ProcessFigures> {
  const probe = writeProbe(o.out);
  const draftFile = join(o.out, `draft-${o.mb}MB.md`);
  writeFileSync(draftFile, o.draft);
  const cacheDir = join(o.out, `cli-cache-${o.mb}MB`);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const env = { CI: 'true' };
  const check = ['check', '--root', o.dir, '--sources', 'archive/**/*.txt', '--fail-on', 'never', '--format', 'json', draftFile];
  const cold = () => runMeasured(probe, o.cli, check, env);
  const cached = () => runMeasured(probe, o.cli, [...check, '--cache', '--cache-location', cacheDir], env);
  const lean = () => runMeasured(probe, o.lean, [o.dir, draftFile]);
  // one file edited in each round (a sentence appended), restored afterwards
  const edited = join(o.dir, o.paths[Math.floor(o.paths.length / 2)]!);
  const original = readFileSync(edited);
  const useCache = o.cache !== false;
  if (useCache) await cached(); // fills the cache
  const rounds: ProcessRound[] = [];
  let sameOutput = true;
  try {
    for (let i = 0; i < o.rounds; i++) {
      const l = await lean();
      const c = await cold();
      if (!useCache) {
        rounds.push({ lean: l, cold: c, cached: c, oneChanged: c });
        o.log?.(`round ${i + 1}: lean ${l.ms.toFixed(0)} ms ${(l.rss / 1e6).toFixed(0)} MB; cold ${c.ms.toFixed(0)} ms ${(c.rss / 1e6).toFixed(0)} MB\n`);
        continue;
      }
      const k = await cached();
      if (k.stdout !== c.stdout) sameOutput = false;
      appendFileSync(edited, `\nA late correction to this report was published on ${i + 1} December.\n`);
      const e = await cold().then(async (reference) => {
        const run = await cached();
        if (run.stdout !== reference.stdout) sameOutput = false;
        return run;
      });
      writeFileSync(edited, original);
      await cached(); // the cache back in step with the files
      rounds.push({ lean: l, cold: c, cached: k, oneChanged: e });
      o.log?.(`round ${i + 1}: lean ${l.ms.toFixed(0)} ms (cpu ${l.cpu.toFixed(0)}) ${(l.rss / 1e6).toFixed(0)} MB; cold ${c.ms.toFixed(0)} ms (cpu ${c.cpu.toFixed(0)}) ${(c.rss / 1e6).toFixed(0)} MB; cached ${k.ms.toFixed(0)} ms (cpu ${k.cpu.toFixed(0)}); one changed ${e.ms.toFixed(0)} ms (cpu ${e.cpu.toFixed(0)})\n`);
    }
  } finally {
    writeFileSync(edited, original);
    if (existsSync(draftFile)) rmSync(draftFile);
  }
  const ratio = (f: (r: ProcessRound) => number) => median(rounds.map(f));
  return {
    files: o.paths.length,
    rounds: rounds.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { ms: v.ms, rss: v.rss, cpu: v.cpu }])) as Record<keyof ProcessRound, { ms: number; rss: number; cpu: number }>),
    ratios: {
      coldTime: ratio((r) => r.cold.ms / r.lean.ms),
      coldMemory: ratio((r) => r.cold.rss / r.lean.rss),
      cachedTime: ratio((r) => r.cached.ms / r.lean.ms),
      oneChangedTime: ratio((r) => r.oneChanged.ms / r.lean.ms),
      cachedMemory: ratio((r) => r.cached.rss / r.lean.rss),
      coldCpu: ratio((r) => r.cold.cpu / r.lean.cpu),
      cachedCpu: ratio((r) => r.cached.cpu / r.lean.cpu),
      oneChangedCpu: ratio((r) => r.oneChanged.cpu / r.lean.cpu),
    },
    sameOutput,
  };
}
