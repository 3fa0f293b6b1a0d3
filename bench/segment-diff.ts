/**
 * The sentence splitter against the one it replaced (bench/segmenter-reference.ts: `Intl.Segmenter`
 * and the news rules) on the seeds, the examples and a generated corpus: every passage must be
 * the same.
 *
 *   node --import tsx bench/segment-diff.ts [--mb 20]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { splitSentences } from '../src/core';
import { diffTexts } from './diffTexts';
import { splitSentencesBySegmenter } from './segmenter-reference';

const ROOT = join(__dirname, '..');
const { values } = parseArgs({ options: { mb: { type: 'string', default: '20' } } });

const all = diffTexts(ROOT, Number(values.mb));
let passages = 0;
let differ = 0;
let bytes = 0;
let scanMs = 0;
let segmenterMs = 0;
for (const { path, text } of all) {
  bytes += text.length;
  let t = performance.now();
  const a = splitSentences(text);
  scanMs += performance.now() - t;
  t = performance.now();
  const b = splitSentencesBySegmenter(text);
  segmenterMs += performance.now() - t;
  passages += b.length;
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    differ++;
    if (differ <= 5) console.log(`${path}: ${a.length} vs ${b.length} sentences`);
  }
}
console.log(`${all.length} files, ${(bytes / 1e6).toFixed(1)} M characters, ${passages} sentences: ${differ} files differ; scanner ${(bytes / 1e3 / scanMs).toFixed(1)} MB/s, Intl.Segmenter ${(bytes / 1e3 / segmenterMs).toFixed(1)} MB/s`);
process.exitCode = differ ? 1 : 0;
