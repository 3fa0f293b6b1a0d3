/**
 * The plain-text sentence scanner alone (`plainSentenceEnds`) over the texts of bench/diffTexts.ts,
 * a paragraph at a time, as `splitSentences` calls it (a range of the whole text), in rounds; with
 * `--against DIR`, the scanner of another checkout too, alternating in the same process (the fairest
 * comparison on a machine whose speed moves from one minute to the next), and whether both give
 * the same ends.
 *
 *   node --import tsx bench/sentence-scan.ts [--mb 20] [--rounds 5] [--against ../other-checkout]
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { plainSentenceEnds } from '../src/core/text/sentenceScanner';
import { diffTexts } from './diffTexts';

type Scanner = typeof plainSentenceEnds;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mb: { type: 'string', default: '20' }, rounds: { type: 'string', default: '5' }, against: { type: 'string' } } });
  const texts = diffTexts(join(__dirname, '..'), Number(values.mb)).map((t) => t.text);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const other = values.against ? ((await import(join(resolve(values.against), 'src/core/text/sentenceScanner.ts'))) as { plainSentenceEnds: Scanner }).plainSentenceEnds : undefined;
  /** Milliseconds for every paragraph of every text, and a sum of the ends found (to compare). */
  const run = (scan: Scanner): [number, number] => {
    const t0 = performance.now();
    let sum = 0;
    for (const t of texts) {
      for (let from = 0; from < t.length; ) {
        let to = t.indexOf('\n\n', from);
        if (to < 0) to = t.length;
        const ends = scan(t, from, to);
        if (ends) for (const e of ends) sum += e;
        else sum -= 1;
        from = to + 2;
      }
    }
    return [performance.now() - t0, sum];
  };
  const rate = (ms: number) => `${(chars / 1e3 / ms).toFixed(0)} MB/s`;
  for (let r = 0; r < Number(values.rounds); r++) {
    const [ms, sum] = run(plainSentenceEnds);
    if (!other) {
      console.log(`round ${r + 1}: ${ms.toFixed(0)} ms, ${rate(ms)} (${(chars / 1e6).toFixed(1)} M characters)`);
      continue;
    }
    const [otherMs, otherSum] = run(other);
    console.log(`round ${r + 1}: this ${ms.toFixed(0)} ms (${rate(ms)}), ${values.against} ${otherMs.toFixed(0)} ms (${rate(otherMs)}); ${sum === otherSum ? 'the same ends' : 'ENDS DIFFER'}`);
  }
}

void main();
