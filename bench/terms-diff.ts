/**
 * The index terms against those of the tokeniser they replaced (bench/terms-reference.ts) on the
 * seeds, the examples and a generated corpus: every passage's terms (and, on the seeds and the
 * examples, every token) must be the same. Also times both, interleaved, in CPU time.
 *
 *   node --import tsx bench/terms-diff.ts [--mb 20] [--rounds 3]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { indexTerms, parseSource, tokenize } from '../src/core';
import { diffTexts } from './diffTexts';
import { indexTermsReference, tokenize as tokenizeReference } from './terms-reference';

const ROOT = join(__dirname, '..');
const { values } = parseArgs({ options: { mb: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } } });

// the passages, and for the seeds and the examples also their lines and the whole text (tokens)
const passages: string[] = [];
const whole: string[] = [];
for (const { path, text, small } of diffTexts(ROOT, Number(values.mb))) {
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
