/**
 * The texts the equivalence benchmarks (segment-diff, terms-diff) compare on: every file of
 * seeds/ and examples/ (`small`), then the generated corpus of `mb` MB — the one bench/perf.ts left
 * in bench/out, else generated afresh.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './corpusgen';

export function diffTexts(root: string, mb: number): Array<{ path: string; text: string; small: boolean }> {
  const out: Array<{ path: string; text: string; small: boolean }> = [];
  for (const dir of ['seeds', 'examples']) for (const f of readdirSync(join(root, dir))) out.push({ path: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8'), small: true });
  const dir = join(root, 'bench', 'out', `corpus-${mb}MB-v2`);
  let files: Array<{ path: string; text: string }>;
  try {
    const w = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8')) as { paths: string[] };
    files = w.paths.map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') }));
  } catch {
    files = generateCorpus(root, mb * 1_000_000).files;
  }
  return out.concat(files.map((f) => ({ ...f, small: false })));
}
