/**
 * The full check of the generated workload's draft on the restored corpus, in CPU time (and the
 * wall time of the first, whose code is not optimised yet), with the
 * share of it spent in the index's searches: the corpus marked changed before each check (no
 * search remembered), as bench/perf.ts measures it, then checked again unchanged. Prints the
 * median of `--checks` checks, a hash of the findings and of every search's result (the check's
 * own searches and `--queries` sampled claim queries), so that two builds of the code can be
 * compared for speed and for identical output in alternate processes.
 *
 *   node bench/build-perf.mjs && node --expose-gc --max-old-space-size=8192 bench/out/check-cpu.cjs [--mb 100] [--checks 5]
 *
 * The corpus is bench/perf.ts' (bench/out/corpus-<mb>MB-v2); its prepared index is bench/retrieval.ts'
 * bench/out/retrieval-<mb>MB.bin (run that first).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Corpus, check, formatJson } from '../src/core';

const { values: args } = parseArgs({ options: { mb: { type: 'string', default: '100' }, checks: { type: 'string', default: '5' } } });
const dir = join(__dirname, `corpus-${args.mb}MB-v2`);
const w = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8')) as { draft: string };
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

const corpus = Corpus.fromSnapshot(readFileSync(join(__dirname, `retrieval-${args.mb}MB.bin`)), { key: 'retrieval' });
const index = corpus.index;
const search = index.search.bind(index);
let searchMs = 0;
let searches = 0;
const queries: Array<[readonly string[], number]> = [];
index.search = (terms, limit) => {
  const t = cpu();
  const hits = search(terms, limit);
  searchMs += cpu() - t;
  searches++;
  queries.push([terms, limit]);
  return hits;
};
// the first check runs cold code, as a command-line check's only one does
const first = performance.now();
const findings = formatJson([{ path: 'draft.md', findings: check(w.draft, corpus).findings }]);
const firstMs = performance.now() - first;
const checkQueries = queries.slice();
const rows: Array<{ wall: number; cpu: number; search: number; n: number }> = [];
for (let i = 0; i < Number(args.checks); i++) {
  corpus.continueAfter(corpus);
  searchMs = 0;
  searches = 0;
  const t0 = performance.now();
  const c0 = cpu();
  const again = formatJson([{ path: 'draft.md', findings: check(w.draft, corpus).findings }]);
  rows.push({ wall: performance.now() - t0, cpu: cpu() - c0, search: searchMs, n: searches });
  if (again !== findings) throw new Error('findings moved between checks');
}
const t1 = cpu();
check(w.draft, corpus);
const againMs = cpu() - t1;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = hash(JSON.stringify(checkQueries.map(([terms, limit]) => search(terms, limit))));
console.log(
  `load ${loadavg()[0]!.toFixed(1)}; first check ${firstMs.toFixed(0)} ms; check median wall ${med(rows.map((r) => r.wall)).toFixed(0)} ms, CPU ${med(rows.map((r) => r.cpu)).toFixed(0)} ms (searches ${med(rows.map((r) => r.search)).toFixed(0)} ms, ${rows[0]!.n} of them); again ${againMs.toFixed(0)} ms CPU; findings ${hash(findings)}; search results ${results}`,
);
