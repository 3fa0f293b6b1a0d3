/**
 * The full check of a generated workload's draft with one core or another, for comparing speed
 * across versions in alternate processes (a worktree of the older commit holds the older core):
 *
 *   node --max-old-space-size=8192 --import tsx bench/check-compare.ts <path to src/core/index.ts> <corpus folder>
 *
 * The corpus folder is one bench/perf.ts generates (`archive/**` + `workload.json`). Sources are
 * added one by one with `addSource`; after one warm-up check, seven checks follow, the corpus marked
 * changed before each so that no search is remembered. Prints the median wall and CPU time.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

async function main(): Promise<void> {
  const [corePath, dir] = process.argv.slice(2);
  if (!corePath || !dir) {
    console.error('usage: bench/check-compare.ts <path to src/core/index.ts> <corpus folder>');
    process.exit(2);
  }
  const { Corpus, check } = await import(pathToFileURL(resolve(corePath)).href);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.txt')) files.push(p);
    }
  };
  walk(join(dir, 'archive'));
  files.sort();
  const corpus = new Corpus();
  for (const f of files) corpus.addSource(relative(dir, f), readFileSync(f, 'utf8'));
  const draft = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8')).draft as string;
  let result = check(draft, corpus);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    // older cores have no continueAfter: a new generation forgets the searches there
    if (typeof corpus.continueAfter === 'function') corpus.continueAfter(corpus);
    else corpus.generation++;
    const t = performance.now();
    const c = process.cpuUsage();
    result = check(draft, corpus);
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  console.log(JSON.stringify({ core: corePath, files: files.length, claims: result.verdicts.length, findings: result.findings.length, medianMs: Math.round(median(wall)), medianCpuMs: Math.round(median(cpu)), wall: wall.map(Math.round) }));
}

void main();
