/**
 * The index terms against those of the tokeniser they replaced (bench/terms-reference.ts) on the
 * seeds, the examples and a generated corpus: every passage's terms (and, on the seeds and the
 * examples, every token) must be the same. Also times both, interleaved, in CPU time.
 *
 *   node --import tsx bench/terms-diff.ts [--mb 20] [--rounds 3]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { indexTerms, parseSource, tokenize } from '../src/core';
import { generateCorpus } from './corpusgen';
import { indexTermsReference, tokenize as tokenizeReference } from './terms-reference';

const ROOT = join(__dirname, '..');
const { values } = parseArgs({ options: { mb: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } } });

function texts(): Array<{ path: string; text: string; small: boolean }> {
  const out: Array<{ path: string; text: string; small: boolean }> = [];
  for (const dir of ['seeds', 'examples']) for (const f of readdirSync(join(ROOT, dir))) out.push({ path: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'utf8'), small: true });
  const dir = join(ROOT, 'bench', 'out', `corpus-${values.mb}MB-v2`);
  let files: Array<{ path: string; text: string }>;
  try {
    const w = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8')) as { paths: string[] };
    files = w.paths.map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') }));
  } catch {
    files = generateCorpus(ROOT, Number(values.mb) * 1_000_000).files;
  }
  return out.concat(files.map((f) => ({ ...f, small: false })));
}

// the passages, and for the seeds and the examples also their lines and the whole text (tokens)
const passages: string[] = [];
const whole: string[] = [];
for (const { path, text, small } of texts()) {
  for (const p of parseSource(path, text).passages) passages.push(p.text);
  if (small) {
    whole.push(text);
    for (const line of text.split('\n')) whole.push(line);
  }
}
let chars = 0;
for (const p of passages) chars += p.length;

let differ = 0;
for (const p of passages) {
  const a = indexTerms(p).join(' ');
  const b = indexTermsReference(p).join(' ');
  if (a !== b) {
    differ++;
    if (differ <= 5) console.log(`terms differ:\n  ${p}\n  new: ${a}\n  old: ${b}`);
  }
}
let tokensDiffer = 0;
for (const t of whole) {
  if (JSON.stringify(tokenize(t)) !== JSON.stringify(tokenizeReference(t))) tokensDiffer++;
  if (indexTerms(t).join(' ') !== indexTermsReference(t).join(' ')) differ++;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rates = { new: [] as number[], old: [] as number[] };
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, fn] of [['old', indexTermsReference], ['new', indexTerms]] as const) {
    const t = cpu();
    for (const p of passages) fn(p);
    rates[name].push(chars / 1e3 / (cpu() - t));
  }
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
console.log(`${passages.length} passages (${(chars / 1e6).toFixed(1)} M characters), ${whole.length} texts tokenised: ${differ} differ in terms, ${tokensDiffer} in tokens`);
console.log(`indexTerms MB/s of CPU time per round (the first round with the memo cold): new ${fmt(rates.new)}; old ${fmt(rates.old)}`);
process.exitCode = differ || tokensDiffer ? 1 : 0;
